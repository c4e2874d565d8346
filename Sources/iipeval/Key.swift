import ArgumentParser
import Foundation
import IIPCore
import IIPStore

/// The experts' signing keys: what this machine holds, and what a workspace trusts.
struct Key: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show this machine's signing keys, or trust an expert's key in a workspace.",
        subcommands: [Show.self, Trust.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "This machine's signing key of an expert (made on first use), as the fingerprint to print on the pledge.",
            discussion: "Without --expert: every expert's key on this machine. The keys stay in ~/.config/iipeval/keys."
        )

        @Option(help: "The expert.") var expert: String?

        func validate() throws {
            if let expert { try validateExpertID(expert) }
        }

        func run() throws {
            if let expert {
                let key = try expertKey(expert, create: true)
                Console.out("\(expert)  \(KeyFingerprint(of: key))\n")
                return
            }
            var names: [String] = []
            if FileManager.default.fileExists(atPath: ExpertKey.folder) {
                do {
                    names = try FileManager.default.contentsOfDirectory(atPath: ExpertKey.folder)
                } catch {
                    throw CLIFailure.cannotRun("\(ExpertKey.folder): cannot read the key folder: \(error.localizedDescription)")
                }
            }
            let experts = names.filter { $0.hasSuffix(".ed25519") }.map { String($0.dropLast(".ed25519".count)) }
                .filter(Expert.isValidID).sorted()
            guard !experts.isEmpty else {
                Console.out("no signing keys on this machine yet (\(ExpertKey.folder)); 'iipeval key show --expert ID' makes one\n")
                return
            }
            for expert in experts {
                let key = try expertKey(expert, create: false)
                Console.out("\(expert)  \(KeyFingerprint(of: key))\n")
            }
        }
    }

    struct Trust: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Trust (or replace) an expert's signing key in a workspace; audited with the reason.",
            discussion: """
            Compare the fingerprint with the one on the expert's signed, printed pledge or sheet first.
            Sheets signed with any other key are refused.
            """
        )

        @Argument(help: "The workspace folder.") var workspace: String
        @Option(help: "The expert.") var expert: String
        @Option(help: "The key's fingerprint, as 'iipeval key show' prints it (ed25519: and 32 hex digits).") var fingerprint: String
        @Option(help: "Why: e.g. the fingerprint on the signed pledge, or a new laptop.") var reason: String

        func validate() throws {
            try validateExpertID(expert)
        }

        func run() throws {
            guard let key = KeyFingerprint(fingerprint) else {
                throw CLIFailure.cannotRun("'\(fingerprint)' is not a key fingerprint: ed25519: and 32 hex digits, as 'iipeval key show' prints it")
            }
            let reason = try requiredReason(self.reason, why: "the key is trusted")
            let ws = try openWorkspace(workspace)
            let actor = try chairActor(ws)
            let before = try withWorkspace { try ws.trustedKey(expert: expert) }
            try withWorkspace { try ws.trustKey(expert: expert, fingerprint: key, reason: reason, actor: actor) }
            Console.out("\(expert): \(key) trusted" + (before.map { " in place of \($0.fingerprint)" } ?? "") + "\n")
        }
    }
}
