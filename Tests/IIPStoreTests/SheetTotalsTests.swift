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

    /// The workbench's per-item means are exact and over counted sheets only (SPEC §6):
    /// the expert's own, and incomplete sheets, are left out.
    func testOthersMeansAreExactAndOverCountedSheetsOnly() throws {
        let ws = try makeWorkspace(experts: 6)
        var random = SeededRandom(seed: 25)
        let scores = randomScores(&random)
        try importFile(ws, scores)
        let types: [String: PlatformType] = ["I1": .industry, "C1": .cross]
        var expected: [String: [Rational]] = [:]
        let sheets = Dictionary(grouping: scores.filter { $0.expert != "E3" }) { "\($0.expert)/\($0.dossier)/\($0.stage.rawValue)" }
        for sheet in sheets.values {
            let first = sheet[0]
            guard sheet.count == rubric.stage(first.stage)!.items(for: types[first.dossier]!).count else { continue }
            for score in sheet { expected["\(score.dossier)/\(score.stage.rawValue)/\(score.item)", default: []].append(score.points!) }
        }
        XCTAssertLessThan(expected.values.map(\.count).reduce(0, +), scores.filter { $0.expert != "E3" }.count,
                          "some sheets are incomplete, and their items are left out")
        let means = try ws.othersMeanPoints(excluding: "E3")
        XCTAssertEqual(means.count, expected.count)
        for mean in means {
            XCTAssertEqual(mean.mean, Rational.mean(expected["\(mean.dossier)/\(mean.stage.rawValue)/\(mean.item)"] ?? []))
        }
    }
}
