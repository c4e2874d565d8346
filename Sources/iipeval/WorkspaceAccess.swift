import IIPCore
import IIPStore

/// Opens a workspace for a command, turning failures into "could not run".
func openWorkspace(_ folder: String) throws -> Workspace {
    do {
        return try Workspace.open(folder)
    } catch let error as WorkspaceError {
        throw CLIFailure.cannotRun(error.message)
    }
}

/// Runs a workspace operation; a storage failure means the command could not run.
func withWorkspace<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as WorkspaceError {
        throw CLIFailure.cannotRun(error.message)
    } catch let error as RubricError {
        throw CLIFailure(code: 2, lines: error.problems)
    }
}
