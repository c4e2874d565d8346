import XCTest
@testable import IIPCore

/// SPEC §6 ranking: per direction, caps, threshold, tie-breaks, ties at the cut.
final class SelectionTests: XCTestCase {
    let rubric = try! Rubric.builtIn.get()

    func candidate(_ id: String, _ final: String?, written: String = "80", test: String = "80", type: PlatformType = .industry,
                   eligible: Bool = true) -> Candidate {
        let w = Rational(decimal: written)!
        let t = Rational(decimal: test)!
        return Candidate(id: id, platform: "平台\(id)", type: type,
                         stages: final == nil ? [.written: w] : [.written: w, .defence: w, .site: w, .test: t],
                         final: final.flatMap { Rational(decimal: $0) }, eligible: eligible, flags: [])
    }

    func statuses(_ candidates: [Candidate], _ direction: Direction = .specific) -> [String] {
        let group = Selection(rubric: rubric).rank(candidates).first { $0.group.direction == direction }!
        return group.entries.map { "\($0.candidate.id):\($0.status.rawValue)" }
    }

    func testCapOfTenForSpecificPlatforms() {
        let candidates = (1...12).map { candidate(String(format: "S%02d", $0), "\(90 - $0)") }
        let result = statuses(candidates)
        XCTAssertEqual(result.filter { $0.hasSuffix(":selected") }.count, 10)
        XCTAssertEqual(result.suffix(2), ["S11:not_selected", "S12:not_selected"])
    }

    func testCapOfFiveForCrossPlatformsAndGroupsAreSeparate() {
        let cross = (1...7).map { candidate("C\($0)", "\(90 - $0)", type: .cross) }
        let specific = [candidate("S1", "99")]
        let ranking = Selection(rubric: rubric).rank(cross + specific)
        XCTAssertEqual(ranking.map(\.group.direction), [.cross, .specific])
        XCTAssertEqual(ranking[0].entries.filter { $0.status == .selected }.count, 5)
        XCTAssertEqual(ranking[1].entries.map(\.candidate.id), ["S1"])
    }

    func testTieStraddlingTheCutMarksEveryTiedDossier() {
        var candidates = (1...4).map { candidate("C\($0)", "\(95 - $0)", type: .cross) }
        candidates += [candidate("C5", "85", type: .cross), candidate("C6", "85", type: .cross), candidate("C7", "80", type: .cross)]
        XCTAssertEqual(statuses(candidates, .cross),
                       ["C1:selected", "C2:selected", "C3:selected", "C4:selected", "C5:tie", "C6:tie", "C7:not_selected"])
    }

    func testTieWithinTheCapIsSelected() {
        let candidates = [candidate("C1", "90", type: .cross), candidate("C2", "85", type: .cross), candidate("C3", "85", type: .cross)]
        XCTAssertEqual(statuses(candidates, .cross), ["C1:selected", "C2:selected", "C3:selected"])
    }

    func testTieEntirelyBelowTheCutIsNotSelected() {
        let candidates = (1...5).map { candidate("C\($0)", "\(95 - $0)", type: .cross) }
            + [candidate("C6", "80", type: .cross), candidate("C7", "80", type: .cross)]
        XCTAssertEqual(statuses(candidates, .cross).suffix(2), ["C6:not_selected", "C7:not_selected"])
    }

    func testTieBreaksByWrittenThenTestThenID() {
        let candidates = [
            candidate("A", "80", written: "70", test: "90"),
            candidate("B", "80", written: "75", test: "60"),
            candidate("C", "80", written: "70", test: "95"),
            candidate("D", "80", written: "70", test: "90"),
        ]
        XCTAssertEqual(statuses(candidates).map { String($0.prefix(1)) }, ["B", "C", "A", "D"])
    }

    /// Scores are compared rounded to 2 decimals: 80.004 and 80.001 are the same final.
    func testComparisonUsesRoundedScores() {
        let candidates = [candidate("A", "80.001", written: "70"), candidate("B", "80.004", written: "71")]
        XCTAssertEqual(statuses(candidates).map { String($0.prefix(1)) }, ["B", "A"])
        let tiedOnAll = [candidate("A", "80.001", written: "70.001"), candidate("B", "80.004", written: "70.004")]
        XCTAssertEqual(statuses(tiedOnAll).map { String($0.prefix(1)) }, ["A", "B"], "equal when rounded: by id")
    }

    func testThresholdComparesTheRoundedFinal() {
        let candidates = [candidate("A", "59.995"), candidate("B", "59.994")]
        XCTAssertEqual(statuses(candidates), ["A:selected", "B:below_threshold"])
    }

    func testIneligibleAndIncompleteComeLastByIDAndTakeNoPlace() {
        let candidates = (1...10).map { candidate(String(format: "S%02d", $0), "\(90 - $0)") } + [
            candidate("A-inel", "99", eligible: false),
            candidate("B-inc", nil),
            candidate("S11", "70"),
        ]
        let result = statuses(candidates)
        XCTAssertEqual(result.suffix(3), ["S11:not_selected", "A-inel:ineligible", "B-inc:incomplete"])
        let ranks = Selection(rubric: rubric).rank(candidates)[1].entries.map(\.rank)
        XCTAssertEqual(ranks, Array(1...13))
    }
}
