import ArgumentParser
import Foundation
import IIPCore
import IIPIntake
import IIPStore

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a workspace (a folder holding workspace.sqlite) and import the dossiers."
    )

    @Argument(help: "The workspace folder to create.")
    var workspace: String

    @Option(help: "Folder (or file) of dossiers: YAML, or the 申报书 as received (.docx; .doc/.wps/.odt/.rtf through LibreOffice).")
    var dossiers: String

    @Option(help: "The panel file (format iip-panel/1).")
    var panel: String?

    @Option(help: "A rubric of this workspace's own (format iip-rubric/1); default: the built-in one.")
    var rubric: String?

    func run() throws {
        let rubric = try loadRubric()
        let (panel, panelText) = try loadPanel()
        let files: [String]
        switch DossierFiles.collect([dossiers]) {
        case let .failure(failure): throw CLIFailure.cannotRun(failure.message)
        case let .success(found): files = found
        }
        guard !files.isEmpty else { throw CLIFailure.cannotRun("no dossier files in \(dossiers)") }
        let sources = DossierSources(loader: DossierLoader(catalog: rubric.catalog))
        let read = files.concurrentMap(sources.load)
        let loaded = read.map(\.loaded)
        let reports = ComplianceCheck.run(loaded, catalog: rubric.catalog)
        try refuseUnidentifiable(reports)
        if let panel { try checkPanel(panel, against: reports) }
        do {
            _ = try Workspace.create(workspace, dossiers: loaded, panel: panel, panelText: panelText, rubric: rubric)
        } catch let error as WorkspaceError {
            throw CLIFailure.cannotRun(error.message)
        }
        printIntake(read.compactMap(\.intake))
        let withErrors = reports.filter(\.hasErrors)
        Console.out("workspace \(workspace): \(reports.count) dossiers, \(panel?.experts.count ?? 0) experts\n")
        if !withErrors.isEmpty {
            // The first ten, sorted; a national round can have hundreds.
            let all = withErrors.compactMap(\.id).sorted()
            let ids = all.prefix(10).joined(separator: ", ") + (all.count > 10 ? ", … and \(all.count - 10) more" : "")
            Console.out("\(withErrors.count) dossiers have compliance errors (\(ids)); see 'iipeval validate \(dossiers)'\n")
        }
    }

    /// What intake made of the 申报书 among the dossiers, as `iipeval intake` reports it.
    private func printIntake(_ results: [IntakeResult]) {
        guard !results.isEmpty else { return }
        let words = IntakeText(language: .en)
        let lines = results.flatMap { result in
            words.fileLines(IntakeOutcome(source: .init(path: result.report.file, id: result.dossier.id ?? ""), read: .success(result)), target: nil)
        }
        let incomplete = results.filter { !$0.report.complete }.count
        Console.out(lines.joined(separator: "\n") + "\n\(results.count) 申报书 read by intake, \(incomplete) with fields missing or not understood\n")
    }

    private func loadRubric() throws -> Rubric {
        guard let path = rubric else { return try builtInRubric() }
        do {
            return try Rubric.load(path: path)
        } catch let error as RubricError {
            throw CLIFailure(code: 2, lines: error.problems.map { "\(path): \($0)" })
        }
    }

    private func loadPanel() throws -> (Panel?, String?) {
        guard let path = panel else { return (nil, nil) }
        do {
            let panel = try Panel.load(path: path)
            return (panel, try String(contentsOfFile: path, encoding: .utf8))
        } catch let error as Panel.Invalid {
            throw CLIFailure(code: 2, lines: error.problems.map { "\(path): \($0)" })
        }
    }

    /// A workspace holds only dossiers it can tell apart: each needs an id of its own and a
    /// platform type. Everything else is kept and shown as a compliance problem.
    private func refuseUnidentifiable(_ reports: [ComplianceReport]) throws {
        var lines: [String] = []
        for report in reports {
            let blocking = report.problems.filter {
                $0.code == .parse || $0.code == .duplicateID || ($0.code == .field && ($0.field == "id" || $0.field == "platform.type"))
                    || ($0.code == .range && $0.field == "platform.type")
            }
            lines += blocking.map { "\(report.file)\($0.line.map { ":\($0)" } ?? ""): \($0.code.rawValue) \($0.message)" }
        }
        guard lines.isEmpty else {
            throw CLIFailure.foundErrors(lines + ["no workspace was made; fix these dossiers or move them out of \(dossiers)"])
        }
    }

    private func checkPanel(_ panel: Panel, against reports: [ComplianceReport]) throws {
        let ids = Set(reports.compactMap(\.id))
        let unknown = panel.experts.flatMap { expert in
            expert.conflicts.filter { !ids.contains($0) }.map { "\(self.panel ?? ""): expert \(expert.id) lists conflict \($0), which is not a dossier here" }
        }
        if !unknown.isEmpty { throw CLIFailure(code: 2, lines: unknown) }
    }
}
