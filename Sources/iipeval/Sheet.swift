import ArgumentParser
import Crypto
import Foundation
import IIPCore
import IIPStore

extension StageID: ExpressibleByArgument {}

/// The expert's stage that a `sheet` subcommand acts on.
struct ExpertStageOptions: ParsableArguments {
    @Argument(help: "The workspace folder.") var workspace: String
    @Option(help: "The expert.") var expert: String
    @Option(help: "written, defence, site or test.") var stage: StageID

    func validate() throws {
        try validateExpertID(expert)
    }
}

/// An expert id becomes part of file names (the signing key): checked before anything is done.
func validateExpertID(_ id: String) throws {
    guard Expert.isValidID(id) else {
        throw ValidationError("'\(id)' is not an expert id: letters, digits, '-' and '_', 1 to 16 of them")
    }
}

/// The expert's signing key on this machine, made on first use, with a warning when other
/// users of the machine could read it.
func expertKey(_ expert: String, create: Bool) throws -> Curve25519.Signing.PrivateKey {
    do {
        let key = create ? try ExpertKey.load(expert: expert) : try ExpertKey.existing(expert: expert)
        if let warning = ExpertKey.exposure(expert: expert) { Console.error(warning.english) }
        guard let key else {
            throw CLIFailure.cannotRun("there is no signing key of \(expert) on this machine (\(ExpertKey.folder)): "
                                       + "a sheet is signed and exported on the expert's own laptop")
        }
        return key
    } catch let refusal as SheetFile.Refusal {
        throw CLIFailure.cannotRun(refusal.reason)
    }
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

        @OptionGroup var target: ExpertStageOptions

        func run() throws {
            let ws = try openWorkspace(target.workspace)
            // No key is made for someone who is not on the panel.
            guard try withWorkspace({ try ws.panel().expert(target.expert) }) != nil else {
                throw CLIFailure.cannotRun("no expert \(target.expert) on the panel of \(target.workspace)")
            }
            let key = try expertKey(target.expert, create: true)
            let signing: SignOff
            do {
                signing = try withWorkspace { try ws.sign(expert: target.expert, stage: target.stage, key: key) }
            } catch let incomplete as SheetIncomplete {
                throw CLIFailure.foundErrors([incomplete.message])
            }
            let trusted = try withWorkspace { try ws.trustedKey(expert: target.expert) }
            let note = trusted.map { $0.fingerprint == signing.fingerprint ? "the key trusted for \(target.expert)"
                : "NOT the key trusted for \(target.expert) here (\($0.fingerprint))" } ?? "no key is trusted for \(target.expert) here"
            Console.out("\(target.expert): \(target.stage.rawValue) signed, revision \(signing.revision), "
                        + "key \(signing.fingerprint.map { "\($0)" } ?? "—") (\(note))\n")
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reopen a signed stage sheet; the reason is audited.")

        @OptionGroup var target: ExpertStageOptions
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

        @OptionGroup var target: ExpertStageOptions
        @Option(help: "The sheet file to write.") var out: String
        @Flag(help: "Replace an existing file (never a folder).") var force = false

        func run() throws {
            // Refused before the key is made or the sheet signed into a file.
            try refusingPlace { try AtomicFile.check(out, replace: force) }
            let ws = try openWorkspace(target.workspace)
            let key = try expertKey(target.expert, create: false)
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
                let result = try withWorkspace { try ws.importSheetFile(file) }
                if result.refused { refused.append(result.line) } else { Console.out(result.line + "\n") }
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

        @OptionGroup var target: ExpertStageOptions
        @Option(help: "The dissent and its reasons (empty withdraws it).") var text: String

        func run() throws {
            let ws = try openWorkspace(target.workspace)
            let text = self.text.trimmingCharacters(in: .whitespacesAndNewlines)
            try withWorkspace { try ws.setDissent(expert: target.expert, stage: target.stage, text: text) }
            Console.out("\(target.expert): \(target.stage.rawValue) dissent \(text.isEmpty ? "withdrawn" : "recorded")\n")
        }
    }
}
