import ArgumentParser
import Foundation
import IIPCore
import IIPStore

struct Scores: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import or export scores as CSV (expert,dossier,stage,item,points,comment).",
        subcommands: [Import.self, Export.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import scores; one bad row refuses the whole file and nothing is written."
        )

        /// The bad rows named one by one; a file of hundreds of thousands of bad rows (the
        /// wrong file, a shifted column) is told by its first ones and a count.
        static let listedRows = 100

        @Argument(help: "The workspace folder.") var workspace: String
        @Argument(help: "The CSV file (UTF-8, a BOM is allowed).") var file: String

        func run() throws {
            let ws = try openWorkspace(workspace)
            let text: String
            switch BoundedFile.read(file, limit: Workspace.largestScoreFile) {
            case let .failure(failure): throw CLIFailure.cannotRun("\(file): \(failure.message)")
            case let .success(data):
                switch UTF8Text.decode(data) {
                case let .failure(invalid): throw CLIFailure.foundErrors(["\(file): \(invalid.message); nothing was imported"])
                case let .success(decoded): text = decoded
                }
            }
            switch try withWorkspace({ try ws.importScoreFile(text, file: file, actor: "import") }) {
            case let .failure(refusal):
                let rejections = refusal.rejections
                let listed = rejections.prefix(Import.listedRows).map { "\(file):\($0.line): \($0.reason)" }
                let rest = rejections.count - listed.count
                throw CLIFailure.foundErrors(listed + (rest > 0 ? ["\(file): \(rest) more bad row\(rest == 1 ? "" : "s") not listed"] : [])
                    + ["nothing was imported: \(rejections.count) bad row\(rejections.count == 1 ? "" : "s")"])
            case let .success(rows):
                Console.out("imported \(rows.rows) scores from \(file)\n")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write every saved score as CSV to stdout.")

        @Argument(help: "The workspace folder.") var workspace: String
        @Option(help: "Only this expert's scores.") var expert: String?
        @Option(help: "Only this stage: written, defence, site or test.") var stage: String?

        func run() throws {
            let ws = try openWorkspace(workspace)
            var stageID: StageID?
            if let stage {
                guard let id = StageID(rawValue: stage) else {
                    throw CLIFailure.cannotRun("unknown stage '\(stage)'; use written, defence, site or test")
                }
                stageID = id
            }
            if let expert, try withWorkspace({ try ws.panel().expert(expert) }) == nil {
                throw CLIFailure.cannotRun("unknown expert '\(expert)'")
            }
            let scores = try withWorkspace { try ws.scores(expert: expert, stage: stageID) }
            Console.out(ScoreRows.text(scores))
        }
    }
}

struct OverrideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "override",
        abstract: "Waive a compliance error of one dossier, with the reason every export shows."
    )

    @Argument(help: "The workspace folder.") var workspace: String
    @Argument(help: "The dossier id.") var dossier: String
    @Argument(help: "The error code, e.g. E-QUOTA.") var code: String
    @Option(help: "Why the panel waives it.") var reason: String

    func run() throws {
        let ws = try openWorkspace(workspace)
        let reason = try requiredReason(self.reason, why: "the error is waived")
        guard let problemCode = Problem.Code(rawValue: code), problemCode.severity == .error else {
            throw CLIFailure.cannotRun("'\(code)' is not an error code of the compliance check (warnings need no override)")
        }
        let reports = try withWorkspace { try ws.compliance() }
        guard let report = reports.first(where: { $0.id == dossier }) else {
            throw CLIFailure.cannotRun("no dossier \(dossier) in \(workspace)")
        }
        guard report.errors.contains(where: { $0.code == problemCode }) else {
            let present = report.errors.map(\.code.rawValue)
            throw CLIFailure.cannotRun("\(dossier) has no \(code) error" + (present.isEmpty ? "" : " (it has \(present.joined(separator: ", ")))"))
        }
        let actor = try chairActor(ws)
        try withWorkspace { try ws.addOverride(dossier: dossier, code: code, reason: reason, actor: actor) }
        Console.out("\(dossier): \(code) overridden\n")
    }
}
