import ArgumentParser
import Foundation
import IIPCore
import IIPExport
import IIPStore

extension ExportFormat: ExpressibleByArgument {}

struct Export: ParsableCommand {
    enum What: String, ExpressibleByArgument, CaseIterable { case ranking, sheets, summary, roster }

    static let configuration = CommandConfiguration(
        abstract: "Write a document of SPEC §10: the ranking (推荐名单) or the roster (附件3 汇总表).",
        discussion: "Written to a temporary file and renamed; an existing file is kept unless --force."
    )

    @Argument(help: "The workspace folder.") var workspace: String
    @Option(help: "ranking, sheets, summary or roster.") var what: What
    @Option(help: "csv, xlsx, html, md or json.") var format: ExportFormat
    @Option(help: "The file to write.") var out: String
    @Flag(help: "Replace an existing file.") var force = false

    func run() throws {
        guard what == .ranking || what == .roster else {
            throw CLIFailure.cannotRun("the \(what.rawValue) document is not available in this version yet; ranking and roster are")
        }
        guard format != .xlsx else { throw CLIFailure.cannotRun("XLSX is not available in this version yet; use csv, html, md or json") }
        if FileManager.default.fileExists(atPath: out), !force {
            throw CLIFailure.cannotRun("\(out) exists; add --force to replace it")
        }
        let ws = try openWorkspace(workspace)
        let text = try withWorkspace { try render(ws) }
        try writeAtomically(text, to: out)
        Console.out("\(out): \(what.rawValue) written\n")
    }

    private func render(_ ws: Workspace) throws -> String {
        let standings = try ws.standings()
        var dossiers: [String: Dossier] = [:]
        for (id, report) in standings.reports { dossiers[id] = report.dossier }
        if what == .ranking, format == .json { return RankText.json(standings.groups).text(pretty: true) + "\n" }
        let document: Document
        switch what {
        case .roster:
            document = Documents.roster(dossiers.map { ($0.key, $0.value) })
        default:
            var waivers: [String: [String]] = [:]
            for waiver in standings.overrides { waivers[waiver.dossier, default: []].append("\(waiver.code)：\(waiver.reason)") }
            document = Documents.ranking(standings.groups, dossiers: dossiers, waivers: waivers, title: "2018年广东省工业互联网平台推荐名单")
        }
        switch format {
        case .csv: return Renderer.csv(document)
        case .md: return Renderer.markdown(document)
        case .html: return Renderer.html(document)
        case .json, .xlsx: return Renderer.json(document)
        }
    }
}
