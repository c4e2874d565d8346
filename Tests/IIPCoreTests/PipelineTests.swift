import XCTest
@testable import IIPCore

/// Two threads, one making items and one using them: every item arrives, in order, in
/// batches arranged on the way, and a failure on either side stops both.
final class PipelineTests: XCTestCase {
    struct Failure: Error, Equatable {
        let side: String
    }

    func testEveryItemArrivesInOrderInArrangedBatches() throws {
        var received: [Int] = []
        var sizes: [Int] = []
        let made = try Pipeline.run(batchSize: 100, produce: { emit in
            for value in 0..<1_050 { try emit(value) }
            return "made"
        }, arrange: { batch in batch.reverse() }, consume: { batch in
            sizes.append(batch.count)
            received += batch.reversed()
        })
        XCTAssertEqual(made, "made")
        XCTAssertEqual(received, Array(0..<1_050))
        XCTAssertEqual(sizes, Array(repeating: 100, count: 10) + [50])
    }

    func testNothingMadeIsNothingConsumed() throws {
        var batches = 0
        try Pipeline.run(produce: { (_: (Int) throws -> Void) in }, consume: { _ in batches += 1 })
        XCTAssertEqual(batches, 0)
    }

    func testAConsumerThatFailsStopsTheProducer() {
        let emitted = Counter()
        XCTAssertThrowsError(try Pipeline.run(batchSize: 10, produce: { emit in
            for value in 0..<1_000_000 {
                try emit(value)
                emitted.add()
            }
        }, consume: { batch in
            if batch[0] >= 30 { throw Failure(side: "consumer") }
        })) { error in
            XCTAssertEqual(error as? Failure, Failure(side: "consumer"))
        }
        XCTAssertLessThan(emitted.value, 1_000, "the producer stopped soon after (a few batches were queued)")
    }

    func testAProducerThatFailsIsReportedAfterWhatItMade() {
        var received: [Int] = []
        XCTAssertThrowsError(try Pipeline.run(batchSize: 4, produce: { emit in
            for value in 0..<10 { try emit(value) }
            throw Failure(side: "producer")
        }, consume: { batch in received += batch })) { error in
            XCTAssertEqual(error as? Failure, Failure(side: "producer"))
        }
        XCTAssertEqual(received, Array(0..<8), "the full batches made before the failure were consumed")
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.lock(); count += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }
}
