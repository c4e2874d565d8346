import ArgumentParser
import Foundation
import IIPStore
import Workbench

extension Language: ExpressibleByArgument {}

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the workbench (评审台) on a workspace."
    )

    @Argument(help: "The workspace folder (default: the current folder).")
    var workspace: String = "."

    @Option(help: "The expert who scores (default: the chair).")
    var expert: String?

    @Option(help: "zh (简体中文) or en.")
    var lang: Language = .zh

    func run() throws {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else {
            throw CLIFailure.cannotRun("the workbench needs a terminal; for scripts use validate, scores, rank")
        }
        let ws = try openWorkspace(workspace)
        try withWorkspace { try ws.checkIntegrity() }
        let app: WorkbenchApp
        do {
            app = try WorkbenchApp(workspace: ws, expertID: expert, language: lang)
        } catch let failure as WorkbenchApp.Failure {
            throw CLIFailure.cannotRun(failure.description)
        } catch let error as WorkspaceError {
            throw CLIFailure.cannotRun(error.message)
        }
        app.run()
    }
}
