import Foundation
import TestSupport
import XCTest
@testable import IIPCore
@testable import IIPStore

/// The kept sheet scores (`sheet_total`) give the ranking the same numbers as adding up
/// every item, whichever way the scores were written: one by one, a score file, a signed
/// sheet replacing an expert's stage.
final class SheetTotalsTests: WorkspaceTestCase {
    func testEveryWritePathKeepsTheSheetTotalsRight() throws {
        let ws = try makeWorkspace(experts: 6)
        var random = SeededRandom(seed: 731_250)
        // A score file.
        let first = randomScores(&random)
        try importFile(ws, first)
        try assertSameStandings(ws, "after a score file")
        XCTAssertNotNil(try ws.standings(parsing: false).evaluations["I1"]?.final, "some dossiers are complete")
        // Scores one by one, as the workbench saves them, filling and changing sheets.
        for score in randomScores(&random).prefix(120) { try ws.save([score], actor: score.expert) }
        try assertSameStandings(ws, "after single saves")
        // A file replacing most values.
        let second = randomScores(&random)
        try importFile(ws, second, name: "b.csv")
        try assertSameStandings(ws, "after a second file")
    }

    func testOthersMeansAreExactAndSkipTheExpert() throws {
        let ws = try makeWorkspace(experts: 6)
        var random = SeededRandom(seed: 25)
        let scores = randomScores(&random)
        try importFile(ws, scores)
        var expected: [String: [Rational]] = [:]
        for score in scores where score.expert != "E3" {
            expected["\(score.dossier)/\(score.stage.rawValue)/\(score.item)", default: []].append(score.points!)
        }
        let means = try ws.othersMeanPoints(excluding: "E3")
        XCTAssertEqual(means.count, expected.count)
        for mean in means {
            XCTAssertEqual(mean.mean, Rational.mean(expected["\(mean.dossier)/\(mean.stage.rawValue)/\(mean.item)"] ?? []))
        }
    }
}
