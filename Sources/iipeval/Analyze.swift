import ArgumentParser
import Foundation
import IIPCore
import IIPExport
import IIPStore

enum AnalyzeFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, html
}

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How far the ranking can be trusted: margins, the experts who flip a place, selection "
            + "probability over bootstrap panels, agreement per stage, leniency per expert, stage weights.",
        discussion: "Nothing here changes an official score. margin: the final minus the cut score of the group; "
            + "p_selected: the share of bootstrap panels (experts drawn per stage, with replacement) that select the dossier; "
            + "loo_flips: the experts whose removal moves it across the line; icc_a1, kendall_w: agreement per stage; "
            + "leniency: the mean of an expert's score minus the panel's."
    )

    @Argument(help: "The workspace folder.") var workspace: String
    @Option(help: "text, json or html.") var format: AnalyzeFormat = .text
    @Option(help: "Bootstrap panels to draw (0 to skip).") var resamples: Int = Analysis.defaultResamples
    @Option(help: "The seed of the draws: the same seed gives the same figures.") var seed: UInt64 = Analysis.defaultSeed
    @Option(help: "Write to this file instead of the standard output.") var out: String?
    @Flag(help: "Replace an existing file given by --out (never a folder).") var force = false

    func validate() throws {
        guard (0...1_000_000).contains(resamples) else { throw ValidationError("--resamples must be from 0 to 1000000") }
    }

    func run() throws {
        let ws = try openWorkspace(workspace)
        let standings = try withWorkspace { try ws.standings(parsing: false, comments: false) }
        let analysis = Analysis(standings.recount, resamples: resamples, seed: seed)
        let text: String
        switch format {
        case .json: text = AnalysisJSON.value(analysis).text(pretty: true) + "\n"
        case .text: text = AnalysisText.text(analysis)
        case .html:
            let spreads = standings.evaluations.mapValues { evaluation in evaluation.stages.mapValues(\.sheets) }
            let head = try withWorkspace { try ws.auditHead() }
            text = AnalysisReport.html(analysis, title: standings.rubric.title, spreads: spreads, auditHead: Documents.auditHeadLine(head))
        }
        guard let out else { return Console.out(text) }
        do {
            try AtomicFile.write(text, to: out, replace: force)
        } catch let failure as AtomicFile.Failure {
            throw CLIFailure.cannotRun(failure.description)
        }
        Console.out("\(out): analysis written\n")
    }
}

/// The analysis as the command prints it.
enum AnalysisText {
    static func text(_ analysis: Analysis) -> String {
        var out = "Stability of the ranking: \(analysis.resamples) bootstrap panels, seed \(analysis.seed)\n\n"
        for group in analysis.groups {
            out += "\(group.group.name) (\(group.group.direction.rawValue), cap \(group.group.cap))\n"
            out += "  id              status           final    margin   p_selected  experts whose removal flips it\n"
            var cutShown = false
            for entry in group.entries {
                if !cutShown, entry.status != .selected {
                    out += "  ---- cut ----\n"
                    cutShown = true
                }
                let margin = entry.margin.map { ($0 > .zero ? "+" : "") + $0.fixed() } ?? "—"
                out += "  " + UntrustedText.neutralised(entry.id).padded(15) + " " + entry.status.rawValue.padded(16) + " "
                    + (entry.final?.fixed() ?? "—").padded(8) + " " + margin.padded(8) + " "
                    + entry.pSelected.fixed(places: 3).padded(11) + " " + (entry.looFlips.isEmpty ? "—" : entry.looFlips.joined(separator: " ")) + "\n"
            }
            out += "\n"
        }
        out += "Agreement per stage (dossiers every expert of the stage scored)\n"
        out += "  stage     dossiers  experts  ICC(A,1)  Kendall's W\n"
        for stage in analysis.stages {
            out += "  " + stage.stage.rawValue.padded(9) + " " + String(stage.dossiers).padded(9) + " " + String(stage.experts).padded(8) + " "
                + (stage.iccA1.map(AnalysisJSON.fixed3) ?? "—").padded(9) + " " + (stage.kendallW.map(AnalysisJSON.fixed3) ?? "—") + "\n"
        }
        out += "\nLeniency: the mean of the expert's score minus the panel's (sheets)\n"
        out += "  expert            " + StageID.allCases.map { $0.rawValue.padded(16) }.joined() + "\n"
        let experts = analysis.experts.reduce(into: [String]()) { if !$0.contains($1.expert) { $0.append($1.expert) } }
        for expert in experts {
            let cells = StageID.allCases.map { stage -> String in
                guard let row = analysis.experts.first(where: { $0.expert == expert && $0.stage == stage }), let value = row.leniency else { return "—".padded(16) }
                return ((value > .zero ? "+" : "") + value.fixed() + " (\(row.sheets))").padded(16)
            }
            out += "  " + UntrustedText.neutralised(expert).padded(17) + " " + cells.joined() + "\n"
        }
        out += "\nStage weights: \(Analysis.weightStep.fixed(places: 0)) points moved from one stage to another\n"
        for shift in analysis.weights {
            let changed = shift.changed.isEmpty ? "no change" : "changes " + shift.changed.map { UntrustedText.neutralised($0) }.joined(separator: " ")
            out += "  " + "\(shift.from.rawValue)→\(shift.to.rawValue)".padded(18) + " " + changed + "\n"
        }
        return out
    }
}
