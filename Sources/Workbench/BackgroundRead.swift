import Foundation

/// The workbench's full data, read on a thread of its own after the first frame: reading a
/// thousand dossiers takes about a second, showing the list does not need them.
final class BackgroundRead: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Set once by the reading thread before `done` is signalled, read only after waiting for it.
    private var outcome: Result<WorkbenchData, Error>?

    init(_ read: @escaping @Sendable () throws -> WorkbenchData) {
        let thread = Thread { [self] in
            outcome = Result(catching: read)
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// What was read: waiting for it when `waiting`, else nil while it is still being read.
    func data(waiting: Bool) -> Result<WorkbenchData, Error>? {
        if waiting {
            done.wait()
        } else if done.wait(timeout: .now()) == .timedOut {
            return nil
        }
        done.signal()
        return outcome
    }
}
