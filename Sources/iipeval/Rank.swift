import ArgumentParser
import Foundation
import IIPCore
import IIPExport
import IIPStore
import Terminal

enum RankFormat: String, ExpressibleByArgument, CaseIterable {
    case json, text, csv
}

struct Rank: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The ranking of both groups with caps, the threshold and ties at the cut."
    )

    @Argument(help: "The workspace folder.") var workspace: String
    @Option(help: "json, text or csv.") var format: RankFormat = .text

    func run() throws {
        let ws = try openWorkspace(workspace)
        // The ranking needs no parsed dossier: the errors kept with them are enough.
        let standings = try withWorkspace { try ws.standings(parsing: false, comments: false) }
        switch format {
        case .json:
            let rechecks = try withWorkspace { try ws.recheckItems(in: standings) }
            Console.out(RankingJSON.value(standings.groups, rechecks: rechecks).text(pretty: true) + "\n")
        case .csv: Console.out(RankText.csv(standings.groups))
        case .text: Console.out(RankText.text(standings.groups))
        }
    }
}

/// The ranking as the rank command prints it.
enum RankText {
    static func csv(_ groups: [RankedGroup]) -> String {
        let header = ["group", "rank", "id", "platform", "type", "final"] + StageID.allCases.map(\.rawValue) + ["status", "flags"]
        var lines = [CSV.line(header)]
        for group in groups {
            for entry in group.entries {
                let c = entry.candidate
                let fields = [group.group.direction.rawValue, String(entry.rank), c.id, c.platform, c.type.rawValue,
                              c.final?.fixed() ?? ""] + StageID.allCases.map { c.stages[$0]?.fixed() ?? "" }
                    + [entry.status.rawValue, c.flags.map(\.description).joined(separator: " ")]
                lines.append(CSV.line(fields.map(SpreadsheetText.cell)))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func text(_ groups: [RankedGroup]) -> String {
        var out = ""
        for group in groups {
            out += "\(group.group.name) (\(group.group.direction.rawValue), cap \(group.group.cap))\n"
            out += "  rank  id              final    written  defence  site     test     status           platform\n"
            var cutShown = false
            for entry in group.entries {
                if !cutShown, entry.status != .selected, entry.status != .tie {
                    out += "  ---- cut ----\n"
                    cutShown = true
                }
                let c = entry.candidate
                let scores = ([c.final] + StageID.allCases.map { c.stages[$0] }).map { ($0?.fixed() ?? "—").padded(8) }
                let (id, platform) = (UntrustedText.neutralised(c.id), UntrustedText.neutralised(c.platform))
                let flags = c.flags.map { UntrustedText.neutralised($0.description) }
                out += "  " + String(entry.rank).padded(5) + " " + id.padded(15) + " " + scores.joined(separator: " ") + " "
                    + entry.status.rawValue.padded(16) + " " + platform + (flags.isEmpty ? "" : "  [" + flags.joined(separator: ", ") + "]") + "\n"
            }
            out += "\n"
        }
        return out
    }
}

extension String {
    /// Padded with spaces to `width` terminal columns (a Chinese character takes two), never cut.
    func padded(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - DisplayWidth.of(self)))
    }
}
