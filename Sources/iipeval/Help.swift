import ArgumentParser
import Foundation
import Workbench

enum KeyCardFormat: String, ExpressibleByArgument, CaseIterable {
    case text, html
}

/// `iipeval help keys`: the workbench's key card from its key tables; `iipeval help
/// <command>`: that command's help, as ArgumentParser's own `help` gives it.
struct Help: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "help",
        abstract: "Show a command's help; 'help keys' prints the workbench's key card (--format html: one printable A4 page)."
    )

    @Argument(help: "keys, or a command (and its subcommand).") var topic: [String] = []
    @Option(help: "For keys: text or html.") var format: KeyCardFormat = .text
    @Option(help: "For keys as text: zh (简体中文) or en. (values: zh, en)") var lang: Language = .zh

    func run() throws {
        if topic == ["keys"] {
            return Console.out(format == .html ? KeyCard.html() : KeyCard.text(lang))
        }
        var command: ParsableCommand.Type = IIPEval.self
        for name in topic {
            guard let next = command.configuration.subcommands.first(where: { $0._commandName == name }) else {
                throw CLIFailure.cannotRun("no command '\(topic.joined(separator: " "))': see 'iipeval --help'")
            }
            command = next
        }
        Console.out(IIPEval.helpMessage(for: command) + "\n")
    }
}
