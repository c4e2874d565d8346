import ArgumentParser
import Foundation
import IIPCore
import IIPStore

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The audit log: who changed what, when, from what to what (hash-chained).",
        discussion: "With --verify: exit 1 naming the first broken entry when the chain does not hold, a kept score file that no longer matches its entry, or a damaged database."
    )

    @Argument(help: "The workspace folder.") var workspace: String
    @Flag(help: "Check the hash chain.") var verify = false
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws {
        let ws = try openWorkspace(workspace)
        let entries = try withWorkspace { try ws.auditEntries() }
        if verify {
            if let broken = AuditLog.firstBreak(entries) {
                throw CLIFailure.foundErrors(["audit entry \(broken.entry.seq) (\(broken.entry.at) \(broken.entry.action) \(broken.entry.subject)) is broken: \(broken.reason)"])
            }
            let imports = try withWorkspace { try ws.brokenScoreImports() }
            guard imports.isEmpty else { throw CLIFailure.foundErrors(imports) }
            do {
                try ws.checkIntegrity()
            } catch let damaged as WorkspaceError {
                throw CLIFailure.foundErrors([damaged.message])
            }
            Console.out("audit chain intact: \(entries.count) entries\n")
            return
        }
        switch format {
        case .json:
            Console.out(JSONValue.array(entries.map { e in
                .object([("seq", .int(e.seq)), ("at", .string(e.at)), ("actor", .string(e.actor)), ("action", .string(e.action)),
                         ("subject", .string(e.subject)), ("old", .optionalString(e.old)), ("new", .optionalString(e.new)),
                         ("hash", .string(e.hash))])
            }).text(pretty: true) + "\n")
        case .text:
            for e in entries {
                let change = [e.old.map { "old: \($0)" }, e.new.map { "new: \($0)" }].compactMap { $0 }.joined(separator: "  ")
                Console.out(([String(e.seq), e.at, e.actor, e.action, e.subject, change].map { UntrustedText.neutralised($0) }).joined(separator: "\t") + "\n")
            }
        }
    }
}
