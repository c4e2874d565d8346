import Foundation
import TestSupport
import XCTest
@testable import IIPCore
@testable import IIPStore

/// The kept sheet scores (`sheet_total`) give the ranking the same numbers as adding up
/// every item, whichever way the scores were written: one by one, a score file, a signed
/// sheet replacing an expert's stage.
final class SheetTotalsTests: WorkspaceTestCase {
    /// Random points on the grid for every applicable item, some items left out so that
    /// some sheets do not count.
    func randomScores(_ random: inout SeededRandom) -> [ItemScore] {
        var scores: [ItemScore] = []
        for (dossier, type) in [("I1", PlatformType.industry), ("C1", .cross)] {
            for expert in 1...6 {
                for stage in rubric.stages {
                    for item in stage.items(for: type) where Int.random(in: 0..<40, using: &random) > 0 {
                        let halves = Int.random(in: 0...Int(item.max.numerator * 2 / item.max.denominator), using: &random)
                        scores.append(ItemScore(expert: "E\(expert)", dossier: dossier, stage: stage.id, item: item.id,
                                                points: Rational(Int128(halves), 2), comment: ""))
                    }
                }
            }
        }
        return scores
    }

    func assertSameStandings(_ ws: Workspace, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let items = try ws.standings(parsing: true)
        let sheets = try ws.standings(parsing: false)
        for id in ["I1", "C1"] {
            let a = try XCTUnwrap(items.evaluations[id]), b = try XCTUnwrap(sheets.evaluations[id])
            XCTAssertEqual(a.final, b.final, "\(label): \(id) final", file: file, line: line)
            for stage in StageID.allCases {
                XCTAssertEqual(a.value(stage), b.value(stage), "\(label): \(id) \(stage)", file: file, line: line)
                XCTAssertEqual(a.stages[stage]?.sheets.map { [$0.expert, $0.score.description, "\($0.trimmed)", "\($0.deviates)"] },
                               b.stages[stage]?.sheets.map { [$0.expert, $0.score.description, "\($0.trimmed)", "\($0.deviates)"] },
                               "\(label): \(id) \(stage) sheets", file: file, line: line)
            }
        }
        XCTAssertEqual(items.groups.map { $0.entries.map { "\($0.rank) \($0.candidate.id) \($0.status) \($0.candidate.flags)" } },
                       sheets.groups.map { $0.entries.map { "\($0.rank) \($0.candidate.id) \($0.status) \($0.candidate.flags)" } },
                       label, file: file, line: line)
    }

    func testEveryWritePathKeepsTheSheetTotalsRight() throws {
        let ws = try makeWorkspace(experts: 6)
        var random = SeededRandom(seed: 731_250)
        // A score file.
        let first = randomScores(&random)
        _ = try ws.importScores(first, file: "a.csv", content: ScoreRows.text(first), actor: "import")
        try assertSameStandings(ws, "after a score file")
        XCTAssertNotNil(try ws.standings(parsing: false).evaluations["I1"]?.final, "some dossiers are complete")
        // Scores one by one, as the workbench saves them, filling and changing sheets.
        for score in randomScores(&random).prefix(120) { try ws.save([score], actor: score.expert) }
        try assertSameStandings(ws, "after single saves")
        // A file replacing most values.
        let second = randomScores(&random)
        _ = try ws.importScores(second, file: "b.csv", content: ScoreRows.text(second), actor: "import")
        try assertSameStandings(ws, "after a second file")
    }

    func testOthersMeansAreExactAndSkipTheExpert() throws {
        let ws = try makeWorkspace(experts: 6)
        var random = SeededRandom(seed: 25)
        let scores = randomScores(&random)
        _ = try ws.importScores(scores, file: "a.csv", content: ScoreRows.text(scores), actor: "import")
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
