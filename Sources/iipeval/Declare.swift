import ArgumentParser
import Foundation
import IIPCore
import IIPStore

struct Declare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The expert's integrity pledge and conflict declaration (回避声明); audited.",
        discussion: "Declared conflicts act like the panel file's: the expert cannot open or score those dossiers."
    )

    @Argument(help: "The workspace folder.") var workspace: String
    @Option(help: "The expert.") var expert: String
    @Option(help: "A dossier the expert must not score (repeat for several).") var conflict: [String] = []

    func validate() throws {
        try validateExpertID(expert)
    }

    func run() throws {
        let ws = try openWorkspace(workspace)
        try withWorkspace { try ws.declare(expert: expert, conflicts: conflict) }
        Console.out("\(expert): pledge recorded; conflicts: \(conflict.isEmpty ? "none" : conflict.joined(separator: ", "))\n")
        // The pledge carries the expert's key, for the chair to compare with the sheets that come.
        do {
            if let key = try Workspace.localKeyFingerprint(expert: expert) {
                Console.out("\(expert): signing key on this machine \(key) — write it on the printed pledge\n")
            } else {
                Console.out("\(expert): no signing key on this machine yet; 'iipeval key show --expert \(expert)' makes it\n")
            }
        } catch let refusal as SheetFile.Refusal {
            Console.error("\(expert): the pledge is recorded, but the signing key cannot be read: \(refusal.reason)")
        }
    }
}

struct Accept: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Accept a dossier file that changed after it was scored; the flag goes, the change is audited."
    )

    @Argument(help: "The workspace folder.") var workspace: String
    @Argument(help: "The dossier id.") var dossier: String
    @Option(help: "Why the change does not affect the scores.") var reason: String

    func run() throws {
        let reason = try requiredReason(self.reason, why: "the change is accepted")
        let ws = try openWorkspace(workspace)
        let actor = try chairActor(ws)
        try withWorkspace { try ws.acceptChange(dossier: dossier, reason: reason, actor: actor) }
        Console.out("\(dossier): change accepted\n")
    }
}
