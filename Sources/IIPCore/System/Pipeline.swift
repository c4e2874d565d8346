import Foundation

/// Work split over two cores: one thread makes items and the calling thread uses them,
/// handed over in batches through a short queue. Reading and checking a score file takes
/// about as long as SQLite takes to save it; this way the two overlap.
public enum Pipeline {
    /// Runs `produce` on a thread of its own, handing it `emit` for each item it makes, and
    /// `consume` here with each batch of items, in order, each batch put in order by
    /// `arrange` on the producer's thread first. Returns what `produce` returns once both
    /// are done. When `consume` throws, `emit` throws too (the producer stops early) and
    /// the consumer's error is thrown; when `produce` throws, its error is.
    public static func run<Item, Output>(batchSize: Int = 4096,
                                         produce: @escaping (_ emit: (Item) throws -> Void) throws -> Output,
                                         arrange: @escaping (inout [Item]) -> Void = { _ in },
                                         consume: ([Item]) throws -> Void) throws -> Output {
        let channel = Channel<Item>(capacity: 4)
        let done = DispatchSemaphore(value: 0)
        let output = Outcome<Output>()
        let thread = Thread {
            var batch: [Item] = []
            batch.reserveCapacity(batchSize)
            output.result = Result {
                let made = try produce { item in
                    batch.append(item)
                    if batch.count == batchSize {
                        arrange(&batch)
                        try channel.send(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty {
                    arrange(&batch)
                    try channel.send(batch)
                }
                return made
            }
            channel.finish()
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        var failure: Error?
        while let batch = channel.receive() {
            do {
                try consume(batch)
            } catch {
                failure = error
                channel.stop()
                break
            }
        }
        done.wait()
        if let failure { throw failure }
        // Set before `done` was signalled, and read only after it was waited for.
        return try output.result!.get()
    }

    /// What the producer's thread returns to the calling one.
    private final class Outcome<Output>: @unchecked Sendable {
        var result: Result<Output, Error>?
    }

    /// Thrown by `emit` once the consumer has stopped.
    struct Stopped: Error {}

    /// A bounded queue of batches between the two threads.
    private final class Channel<Item>: @unchecked Sendable {
        private let condition = NSCondition()
        private var batches: [[Item]] = []
        private let capacity: Int
        private var finished = false
        private var stopped = false

        init(capacity: Int) { self.capacity = capacity }

        /// Waits while the queue is full; throws once the consumer has stopped.
        func send(_ batch: [Item]) throws {
            condition.lock()
            defer { condition.unlock() }
            while batches.count >= capacity, !stopped { condition.wait() }
            if stopped { throw Stopped() }
            batches.append(batch)
            condition.broadcast()
        }

        /// The next batch, waiting for it; nil once the producer has finished and all are taken.
        func receive() -> [Item]? {
            condition.lock()
            defer { condition.unlock() }
            while batches.isEmpty, !finished { condition.wait() }
            guard !batches.isEmpty else { return nil }
            let batch = batches.removeFirst()
            condition.broadcast()
            return batch
        }

        func finish() {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        func stop() {
            condition.lock()
            stopped = true
            batches.removeAll()
            condition.broadcast()
            condition.unlock()
        }
    }
}
