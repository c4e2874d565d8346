import ArgumentParser
import Foundation
import IIPCore

/// The `iipeval` command (SPEC §7). Exit codes: 0 success, 1 the work found errors,
/// 2 the command could not run; errors go to stderr, one line each.
@main
struct IIPEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iipeval",
        abstract: "评审台 — the expert panel's workbench for Guangdong industrial internet platform dossiers.",
        discussion: "The guides for the secretariat, the chair and the experts, and the reference of every file format, "
            + "are in the docs folder that comes with the program (docs/README.md). 'iipeval help keys' prints the workbench's keys.",
        subcommands: [Open.self, Validate.self, Init.self, Scores.self, Rank.self, Analyze.self, OverrideCommand.self, Sheet.self, RecheckCommand.self, Declare.self, Key.self, Accept.self, Audit.self, Export.self, Template.self, IntakeCommand.self, Help.self],
        defaultSubcommand: Open.self
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CLIFailure {
            failure.lines.forEach(Console.error)
            Foundation.exit(failure.code)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            // Usage mistakes are "could not run" (2) by the SPEC, not ArgumentParser's 64.
            Console.error(message(for: error))
            Console.error("see 'iipeval --help'")
            Foundation.exit(2)
        }
    }
}

/// A command's failure: what to tell the user and the exit code.
struct CLIFailure: Error {
    let code: Int32
    let lines: [String]

    /// The command could not run (exit 2).
    static func cannotRun(_ message: String) -> CLIFailure { CLIFailure(code: 2, lines: [message]) }
    /// The work found errors (exit 1), already reported.
    static func foundErrors(_ lines: [String] = []) -> CLIFailure { CLIFailure(code: 1, lines: lines) }
}

enum Console {
    /// Each line of `text`, prefixed. Messages quote names, ids and paths from outside: a
    /// control or bidirectional character in them shows as �, never acts on the terminal.
    static func error(_ text: String) {
        let lines = UntrustedText.neutralised(text, .multiline).split(separator: "\n", omittingEmptySubsequences: false)
        FileHandle.standardError.write(Data(lines.map { "iipeval: \($0)\n" }.joined().utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
