import Foundation
import IIPCore
import IIPStore
import Workbench

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

/// A `--reason` that says something, or "could not run".
func requiredReason(_ text: String, why: String) throws -> String {
    let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !reason.isEmpty else { throw CLIFailure.cannotRun("--reason must say why \(why)") }
    return reason
}

/// Who the audit log names for the chair's decisions: the panel's chair, or "chair".
func chairActor(_ ws: Workspace) throws -> String {
    let chair = try withWorkspace { try ws.panel().chair }
    return chair.isEmpty ? "chair" : chair
}

/// Writes `text` atomically (`AtomicFile`), over an existing file only when `replace`; a
/// failure means the command could not run.
func writeAtomically(_ text: String, to path: String, replace: Bool) throws {
    try refusingPlace { try AtomicFile.write(text, to: path, replace: replace) }
}

/// Runs a file write; a place refused or a write failed means the command could not run.
func refusingPlace<T>(in language: Language = .en, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let failure as AtomicFile.Failure {
        throw CLIFailure.cannotRun(language == .zh ? failure.chinese : failure.description)
    }
}
