import ArgumentParser
import Foundation
import IIPCore
import IIPExport
import IIPStore

extension RecheckGround: ExpressibleByArgument {}

/// 复核: the deviating scores of signed stages, and the expert's confirmation or correction.
struct RecheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recheck",
        abstract: "复核 of deviating scores: list them with their state, confirm one with a reason, or correct one on a ground the rules allow.",
        subcommands: [List.self, Confirm.self, Correct.self],
        defaultSubcommand: List.self
    )

    /// The score a 复核 is about: an expert's stage sheet (as the `sheet` commands name it) and a dossier.
    struct Target: ParsableArguments {
        @OptionGroup var sheet: ExpertStageOptions
        @Option(help: "The dossier.") var dossier: String

        var workspace: String { sheet.workspace }
        var expert: String { sheet.expert }
        var stage: StageID { sheet.stage }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every deviating score of a signed stage, and every 复核 recorded: open, correcting, confirmed or corrected."
        )

        @Argument(help: "The workspace folder.") var workspace: String
        @Option(help: "text or json.") var format: OutputFormat = .text
        @Option(help: "Only this expert's.") var expert: String?

        func run() throws {
            let ws = try openWorkspace(workspace)
            let items = try withWorkspace { try ws.recheckItems() }.filter { expert == nil || $0.expert == expert }
            switch format {
            case .json: Console.out(RecheckJSON.value(items).text(pretty: true) + "\n")
            case .text:
                if items.isEmpty { Console.out("no deviating score in a signed stage\n") }
                for item in items {
                    let record = item.record
                    let why = [record?.outcome.ground?.rawValue, record.map { $0.reason.isEmpty ? nil : "“\($0.reason)”" } ?? nil]
                        .compactMap { $0 }.joined(separator: " ")
                    Console.out("\(item.state.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(item.dossier) "
                                + "\(item.stage.rawValue) \(item.expert) \(item.score?.fixed() ?? "—") / \(item.panel?.fixed() ?? "—")"
                                + (why.isEmpty ? "" : "  " + why) + "\n")
                }
            }
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The expert confirms their deviating score with a written reason; the stage is signed again with their key on this machine."
        )

        @OptionGroup var target: Target
        @Option(help: "Why the score stands.") var reason: String

        func run() throws {
            let reason = try requiredReason(self.reason, why: "the score stands")
            let ws = try openWorkspace(target.workspace)
            let key = try expertKey(target.expert, create: false)
            let signing = try withWorkspace {
                try ws.confirmRecheck(expert: target.expert, dossier: target.dossier, stage: target.stage, reason: reason, key: key)
            }
            Console.out("\(target.expert): \(target.dossier) \(target.stage.rawValue) confirmed; signed again, revision \(signing.revision)\n")
        }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The expert corrects their deviating score (their key on this machine): the stage reopens for that dossier alone until they sign it again."
        )

        @OptionGroup var target: Target
        @Option(help: "sum_error, out_of_range, objective_inconsistent or extreme (财政部令第87号 第六十四条).") var ground: RecheckGround
        @Option(help: "What is corrected (optional).") var reason: String = ""

        func run() throws {
            let ws = try openWorkspace(target.workspace)
            let key = try expertKey(target.expert, create: false)
            try withWorkspace {
                try ws.correctRecheck(expert: target.expert, dossier: target.dossier, stage: target.stage, ground: ground, reason: reason, key: key)
            }
            Console.out("\(target.expert): \(target.stage.rawValue) reopened for correcting \(target.dossier) (\(ground.rawValue)); "
                        + "change the scores, then sign the stage again\n")
        }
    }
}
