import ArgumentParser
import Foundation
import IIPCore
import IIPStore

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The audit log: who changed what, when, from what to what (hash-chained).",
        discussion: """
        With --verify: exit 1 naming each fault — a broken chain, entries cut from its end, a log rewritten since a \
        backup or a printed document (--anchor, the 审计日志 line of any exported document), a kept score or sheet \
        file that no longer matches its entry, a stored score or sheet total that differs from what the log says, \
        or a damaged database.
        """
    )

    @Argument(help: "The workspace folder.") var workspace: String
    @Flag(help: "Check the log against itself, its anchors and the scores it explains.") var verify = false
    @Option(help: "A head printed on a document (entries:hash, e.g. 120:9f3a1b2c4d5e6f70); repeat for several.")
    var anchor: [String] = []
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws {
        let ws = try openWorkspace(workspace)
        if verify || !anchor.isEmpty {
            let verdict = try withWorkspace { try ws.verifyAudit(anchors: anchor) }
            guard verdict.intact else { throw CLIFailure.foundErrors(verdict.problems) }
            let notes = verdict.notes.isEmpty ? "" : "; " + verdict.notes.joined(separator: "; ")
            Console.out("audit chain intact: \(verdict.head.entries) entries, head \(verdict.head.anchor); "
                        + "the scores, sheet totals, panel, declarations, trusted keys and sign-offs agree with it\(notes)\n")
            return
        }
        let entries = try withWorkspace { try ws.auditEntries() }
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
