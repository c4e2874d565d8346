import TestSupport
import XCTest
@testable import IIPCore

/// Properties of the ranking over random panels (seeded, so a failure can be replayed).
final class SelectionPropertyTests: XCTestCase {
    let rubric = try! Rubric.builtIn.get()

    /// A random field of candidates with coarse scores, so that ties happen often.
    func randomCandidates(_ rng: inout SeededRandom) -> [Candidate] {
        let count = Int.random(in: 0...30, using: &rng)
        return (0..<count).map { index in
            let type = PlatformType.allCases.randomElement(using: &rng)!
            func score() -> Rational { Rational(Int128(Int.random(in: 100...200, using: &rng)), 2) }
            let complete = Int.random(in: 0..<10, using: &rng) > 0
            let stages: [StageID: Rational] = [.written: score(), .defence: score(), .site: score(), .test: score()]
            return Candidate(id: "D\(index)", platform: "P\(index)", type: type, stages: stages,
                             final: complete ? score() : nil, eligible: Int.random(in: 0..<8, using: &rng) > 0, flags: [])
        }
    }

    func testPropertiesHoldForRandomPanels() {
        var rng = SeededRandom(seed: 20_180_822)
        for round in 0..<400 {
            let candidates = randomCandidates(&rng)
            let ranking = Selection(rubric: rubric).rank(candidates)
            for group in ranking {
                let entries = group.entries
                // Never more selected than the cap.
                XCTAssertLessThanOrEqual(entries.filter { $0.status == .selected }.count, group.group.cap, "round \(round)")
                // Ties only happen when the cap would otherwise be exceeded.
                let ties = entries.filter { $0.status == .tie }.count
                if ties > 0 {
                    XCTAssertGreaterThan(entries.filter { $0.status == .selected }.count + ties, group.group.cap)
                }
                // A higher final never ranks below a lower one.
                let ranked = entries.filter { $0.candidate.eligible && $0.candidate.final != nil }
                for (a, b) in zip(ranked, ranked.dropFirst()) {
                    XCTAssertGreaterThanOrEqual(a.candidate.final!.rounded(), b.candidate.final!.rounded(), "round \(round)")
                }
                // Complete eligible dossiers come before the rest.
                if let firstRest = entries.firstIndex(where: { !($0.candidate.eligible && $0.candidate.final != nil) }) {
                    XCTAssertTrue(entries[firstRest...].allSatisfy { !($0.candidate.eligible && $0.candidate.final != nil) })
                }
                // Selected dossiers all rank above not-selected ones.
                if let lastSelected = entries.lastIndex(where: { $0.status == .selected }),
                   let firstNot = entries.firstIndex(where: { $0.status == .notSelected }) {
                    XCTAssertLessThan(lastSelected, firstNot)
                }
            }
            // The result does not depend on input order.
            let shuffled = Selection(rubric: rubric).rank(candidates.shuffled(using: &rng))
            XCTAssertEqual(ranking.map { $0.entries }, shuffled.map { $0.entries }, "round \(round)")
        }
    }
}
