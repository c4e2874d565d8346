import ArgumentParser
import Foundation
import IIPCore
import IIPStore

extension StageID: ExpressibleByArgument {}

struct Sheet: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign off, reopen, export and import an expert's stage sheets.",
        subcommands: [Sign.self, Reopen.self]
    )

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign off a stage: every sheet of the expert in it must be complete; signed sheets are read-only."
        )

        @Argument(help: "The workspace folder.") var workspace: String
        @Option(help: "The expert.") var expert: String
        @Option(help: "written, defence, site or test.") var stage: StageID

        func run() throws {
            let ws = try openWorkspace(workspace)
            do {
                try withWorkspace { try ws.sign(expert: expert, stage: stage) }
            } catch let incomplete as SheetIncomplete {
                throw CLIFailure.foundErrors([incomplete.message])
            }
            Console.out("\(expert): \(stage.rawValue) signed\n")
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reopen a signed stage sheet; the reason is audited.")

        @Argument(help: "The workspace folder.") var workspace: String
        @Option(help: "The expert.") var expert: String
        @Option(help: "written, defence, site or test.") var stage: StageID
        @Option(help: "Why it is reopened.") var reason: String

        func run() throws {
            let reason = self.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else { throw CLIFailure.cannotRun("--reason must say why the sheet is reopened") }
            let ws = try openWorkspace(workspace)
            let chair = try withWorkspace { try ws.panel().chair }
            try withWorkspace { try ws.reopen(expert: expert, stage: stage, reason: reason, actor: chair.isEmpty ? "chair" : chair) }
            Console.out("\(expert): \(stage.rawValue) reopened\n")
        }
    }
}
