import Foundation
import ArgumentParser
import IIPCore
import IIPIntake

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check dossiers for compliance (符合性审查).",
        discussion: """
        PATH is a dossier file (YAML, or the 申报书 as received: .docx, or .doc/.wps/.odt/.rtf through LibreOffice), \
        a folder holding dossier.yaml, or a folder of those. Exit 0: no errors; 1: errors found; 2: could not run.
        """
    )

    @Argument(help: "Dossier files or folders.")
    var paths: [String]

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let catalog = try builtInRubric().catalog
        let files: [String]
        switch DossierFiles.collect(paths) {
        case let .failure(failure): throw CLIFailure.cannotRun(failure.message)
        case let .success(found): files = found
        }
        guard !files.isEmpty else { throw CLIFailure.cannotRun("no dossier files in \(paths.joined(separator: ", "))") }
        let sources = DossierSources(loader: DossierLoader(catalog: catalog))
        let reports = ComplianceCheck.run(files.concurrentMap { sources.load($0).loaded }, catalog: catalog)
        switch format {
        case .json: Console.out(ComplianceText.json(reports).text(pretty: true) + "\n")
        case .text: Console.out(ComplianceText.text(reports))
        }
        if reports.contains(where: \.hasErrors) { throw CLIFailure.foundErrors() }
    }
}

/// The compliance reports as the validate command prints them.
enum ComplianceText {
    static func json(_ reports: [ComplianceReport]) -> JSONValue {
        .object([("dossiers", .array(reports.map { report in
            .object([
                ("id", .optionalString(report.id)),
                ("file", .string(report.file)),
                ("problems", .array(report.problems.map { problem in
                    .object([
                        ("code", .string(problem.code.rawValue)),
                        ("severity", .string(problem.severity.rawValue)),
                        ("field", .optionalString(problem.field)),
                        ("message", .string(problem.located)),
                    ])
                })),
            ])
        }))])
    }

    static func text(_ reports: [ComplianceReport]) -> String {
        var out = ""
        for report in reports where !report.problems.isEmpty {
            out += UntrustedText.neutralised("\(report.file)  \(report.id ?? "(no id)")") + "\n"
            for p in report.problems {
                let severity = p.severity == .error ? "error  " : "warning"
                out += "  \(severity) \(p.code.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \(UntrustedText.neutralised(p.located))\n"
            }
        }
        let withErrors = reports.filter(\.hasErrors).count
        let warningsOnly = reports.filter { !$0.hasErrors && !$0.problems.isEmpty }.count
        out += "\(reports.count) dossiers: \(reports.count - withErrors - warningsOnly) clean, \(warningsOnly) with warnings only, \(withErrors) with errors\n"
        return out
    }
}

func builtInRubric() throws -> Rubric {
    switch Rubric.builtIn {
    case let .success(rubric): return rubric
    case let .failure(error): throw CLIFailure(code: 2, lines: ["the built-in rubric is invalid:"] + error.problems)
    }
}
