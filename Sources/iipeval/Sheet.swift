import ArgumentParser
import Crypto
import Foundation
import IIPCore
import IIPStore

extension StageID: ExpressibleByArgument {}

/// The expert's stage that a `sheet` subcommand acts on.
struct ExpertStage: ParsableArguments {
    @Argument(help: "The workspace folder.") var workspace: String
    @Option(help: "The expert.") var expert: String
    @Option(help: "written, defence, site or test.") var stage: StageID
}

struct Sheet: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign off, reopen, export and import an expert's stage sheets.",
        subcommands: [Sign.self, Reopen.self, Dissent.self, Export.self, Import.self]
    )

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign off a stage: every sheet of the expert in it must be complete; signed sheets are read-only."
        )

        @OptionGroup var target: ExpertStage

        func run() throws {
            let ws = try openWorkspace(target.workspace)
            do {
                try withWorkspace { try ws.sign(expert: target.expert, stage: target.stage) }
            } catch let incomplete as SheetIncomplete {
                throw CLIFailure.foundErrors([incomplete.message])
            }
            Console.out("\(target.expert): \(target.stage.rawValue) signed\n")
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reopen a signed stage sheet; the reason is audited.")

        @OptionGroup var target: ExpertStage
        @Option(help: "Why it is reopened.") var reason: String

        func run() throws {
            let reason = try requiredReason(self.reason, why: "the sheet is reopened")
            let ws = try openWorkspace(target.workspace)
            let actor = try chairActor(ws)
            try withWorkspace { try ws.reopen(expert: target.expert, stage: target.stage, reason: reason, actor: actor) }
            Console.out("\(target.expert): \(target.stage.rawValue) reopened\n")
        }
    }
}

extension Sheet {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the expert's signed stage sheet (.iipsheet) for the chair; the key stays on this machine."
        )

        @OptionGroup var target: ExpertStage
        @Option(help: "The sheet file to write.") var out: String
        @Flag(help: "Replace an existing file (never a folder).") var force = false

        func run() throws {
            // Refused before the key is made or the sheet signed into a file.
            try refusingPlace { try AtomicFile.check(out, replace: force) }
            let ws = try openWorkspace(target.workspace)
            let key: Curve25519.Signing.PrivateKey
            do {
                key = try ExpertKey.load(expert: target.expert)
            } catch let refusal as SheetFile.Refusal {
                throw CLIFailure.cannotRun(refusal.reason)
            }
            let sheet = try withWorkspace { try ws.exportSheet(expert: target.expert, stage: target.stage, key: key) }
            try writeAtomically(sheet.text, to: out, replace: force)
            Console.out("\(out): \(sheet.rows.count) scores of \(target.expert) (\(target.stage.rawValue)), key fingerprint \(sheet.fingerprint)\n")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify and merge signed sheets; tampered, unsigned, mismatched, conflicted or superseded sheets are refused."
        )

        @Argument(help: "The workspace folder.") var workspace: String
        @Argument(help: "Sheet files (.iipsheet).") var files: [String]

        func run() throws {
            let ws = try openWorkspace(workspace)
            var refused: [String] = []
            for file in files {
                switch BoundedFile.read(file, limit: 64 << 20) {
                case let .failure(failure):
                    refused.append("\(file): \(failure.message)")
                case let .success(data):
                    do {
                        let sheet = try SheetFile.read(data)
                        switch try ws.importSheet(sheet, fileSHA256: ContentHash.sha256(data)) {
                        case let .imported(rows):
                            Console.out("\(file): imported \(rows) scores of \(sheet.expert) (\(sheet.stage.rawValue)), key \(sheet.fingerprint)\n")
                        case .alreadyImported:
                            Console.out("\(file): already imported\n")
                        }
                    } catch let refusal as SheetFile.Refusal {
                        refused.append("\(file): refused: \(refusal.reason)")
                    } catch let error as WorkspaceError {
                        throw CLIFailure.cannotRun(error.message)
                    }
                }
            }
            if !refused.isEmpty { throw CLIFailure.foundErrors(refused) }
        }
    }
}

extension Sheet {
    struct Dissent: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Attach a written dissent (不同意见及理由) to an expert's stage; audited and carried in the signed sheet."
        )

        @OptionGroup var target: ExpertStage
        @Option(help: "The dissent and its reasons (empty withdraws it).") var text: String

        func run() throws {
            let ws = try openWorkspace(target.workspace)
            let text = self.text.trimmingCharacters(in: .whitespacesAndNewlines)
            try withWorkspace { try ws.setDissent(expert: target.expert, stage: target.stage, text: text) }
            Console.out("\(target.expert): \(target.stage.rawValue) dissent \(text.isEmpty ? "withdrawn" : "recorded")\n")
        }
    }
}
