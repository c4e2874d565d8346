import Foundation

/// Work done on a thread of its own after the first frame — reading a thousand dossiers,
/// the other experts' means, the session's backup — reported as messages for `update`, in
/// the order they come. The app loop takes them between keys.
final class BackgroundWork: @unchecked Sendable {
    private let condition = NSCondition()
    private var reported: [Msg] = []
    private var finished = false

    init(_ work: @escaping @Sendable (_ report: (Msg) -> Void) -> Void) {
        let thread = Thread { [self] in
            work { message in
                condition.lock()
                reported.append(message)
                condition.broadcast()
                condition.unlock()
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The messages reported since last asked, without waiting; `done` once the work has
    /// ended and every message has been taken.
    func take() -> (messages: [Msg], done: Bool) {
        condition.lock()
        defer { condition.unlock() }
        let messages = reported
        reported = []
        return (messages, finished)
    }

    /// The same, once a message `until` accepts has been reported (or the work has ended).
    func take(waitingFor until: (Msg) -> Bool) -> (messages: [Msg], done: Bool) {
        condition.lock()
        while !finished, !reported.contains(where: until) { condition.wait() }
        condition.unlock()
        return take()
    }
}
