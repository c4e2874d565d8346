import XCTest
@testable import IIPCore

/// SPEC §6 aggregation: counted sheets, trimmed means, weights, deviations.
final class EvaluationTests: XCTestCase {
    let rubric = try! Rubric.builtIn.get()
    /// Experts E1–E9 sit on every stage; no conflicts.
    var evaluation: Evaluation {
        let experts = (0...9).map { Expert(id: "E\($0)", name: "专家", affiliation: "", stages: StageID.allCases, conflicts: []) }
        return Evaluation(rubric: rubric, counting: SheetCounting(panel: Panel(chair: "E1", experts: experts), dossiers: [:]))
    }

    /// A sheet whose every applicable item has `score`% of its max, so the stage score is `score`.
    func sheet(_ expert: String, _ stage: StageID, _ score: Rational, dossier: String = "D", type: PlatformType = .industry,
               leaveOut: Int = 0) -> [ItemScore] {
        let items = rubric.stage(stage)!.items(for: type).dropLast(leaveOut)
        return items.map { ItemScore(expert: expert, dossier: dossier, stage: stage, item: $0.id,
                                     points: $0.max * score / Rational(100), comment: "\(expert) on \($0.id)") }
    }

    func allStages(_ expert: String, _ scores: [Int], type: PlatformType = .industry) -> [ItemScore] {
        zip(StageID.allCases, scores).flatMap { sheet(expert, $0, Rational($1), type: type) }
    }

    func testFinalIsTheWeightedSumOfStageScores() {
        let result = evaluation.evaluate(id: "D", type: .industry, scores: allStages("E1", [80, 70, 90, 60]))
        XCTAssertEqual(result.value(.written), Rational(80))
        // 0.40·80 + 0.25·70 + 0.20·90 + 0.15·60 = 32 + 17.5 + 18 + 9
        XCTAssertEqual(result.final, Rational(765, 10))
    }

    /// Defence and site means of 210.5/3 each never terminate as decimals, yet the final is
    /// exactly 0.4·80 + 0.45·210.5/3 + 0.15·80 = 75.575 and must round up to 75.58.
    func testFinalOnAHalfCentRoundsAwayFromZero() {
        var scores: [ItemScore] = []
        for (expert, other) in [("E1", Rational(70)), ("E2", Rational(70)), ("E3", Rational(141, 2))] {
            scores += sheet(expert, .written, 80) + sheet(expert, .defence, other) + sheet(expert, .site, other) + sheet(expert, .test, 80)
        }
        let result = evaluation.evaluate(id: "D", type: .industry, scores: scores)
        XCTAssertEqual(result.value(.defence), Rational(421, 6))
        XCTAssertEqual(result.final, Rational(3023, 40))
        XCTAssertEqual(result.final?.fixed(), "75.58")
    }

    func testWrittenScoreUsesTheTypeSpecificSections() {
        // Basic section full, own section empty: 60 for industry, and for cross 40 + nothing.
        let written = rubric.stage(.written)!
        for (type, expected) in [(PlatformType.industry, 60), (.domain, 60), (.region, 60), (.cross, 40)] {
            let scores = written.items(for: type).map {
                ItemScore(expert: "E1", dossier: "D", stage: .written, item: $0.id,
                          points: $0.id.hasPrefix("basic.") ? $0.max : .zero, comment: "")
            }
            XCTAssertEqual(evaluation.evaluate(id: "D", type: type, scores: scores).value(.written), Rational(expected), "\(type)")
        }
    }

    func testIncompleteSheetDoesNotCount() {
        let scores = sheet("E1", .defence, 80) + sheet("E2", .defence, 60, leaveOut: 1)
        let panel = evaluation.evaluate(id: "D", type: .industry, scores: scores).stages[.defence]!
        XCTAssertEqual(panel.sheets.map(\.expert), ["E1"])
        XCTAssertEqual(panel.value, Rational(80))
    }

    func testNoCountedSheetMeansNoFinal() {
        let scores = allStages("E1", [80, 70, 90]) // no test sheet
        let result = evaluation.evaluate(id: "D", type: .industry, scores: scores)
        XCTAssertNil(result.final)
        XCTAssertNil(result.value(.test))
        XCTAssertEqual(result.value(.site), Rational(90))
    }

    func testFourSheetsAreAveragedUntrimmed() {
        let scores = [70, 80, 90, 100].enumerated().flatMap { sheet("E\($0.offset)", .site, Rational($0.element)) }
        let panel = evaluation.evaluate(id: "D", type: .industry, scores: scores).stages[.site]!
        XCTAssertEqual(panel.value, Rational(85))
        XCTAssertFalse(panel.sheets.contains { $0.trimmed })
    }

    func testFiveSheetsDropOneHighestAndOneLowest() {
        let scores = [60, 70, 80, 90, 100].enumerated().flatMap { sheet("E\($0.offset)", .site, Rational($0.element)) }
        let panel = evaluation.evaluate(id: "D", type: .industry, scores: scores).stages[.site]!
        XCTAssertEqual(panel.value, Rational(80))
        XCTAssertEqual(panel.sheets.filter(\.trimmed).map(\.expert), ["E0", "E4"])
    }

    func testTrimmedMeanCanBeARepeatingFraction() {
        let scores = [50, 70, 70, 71, 99].enumerated().flatMap { sheet("E\($0.offset)", .test, Rational($0.element)) }
        XCTAssertEqual(evaluation.evaluate(id: "D", type: .industry, scores: scores).value(.test), Rational(211, 3))
    }

    func testDeviationFlagsExpertsMoreThan20PercentAway() {
        let scores = [50, 80, 80, 80, 96].enumerated().flatMap { sheet("E\($0.offset)", .defence, Rational($0.element)) }
        let panel = evaluation.evaluate(id: "D", type: .industry, scores: scores).stages[.defence]!
        XCTAssertEqual(panel.value, Rational(80))
        // 50 is 37.5% away; 96 is exactly 20% away, which is not "more than".
        XCTAssertEqual(panel.sheets.filter(\.deviates).map(\.expert), ["E0"])
        XCTAssertEqual(panel.sheets.first { $0.expert == "E0" }?.comments.first, "E0 on defence.positioning")
    }

    func testScoresOfItemsThatDoNotApplyAreIgnored() {
        let stray = ItemScore(expert: "E1", dossier: "D", stage: .written, item: "cross.industries", points: Rational(30), comment: "")
        let result = evaluation.evaluate(id: "D", type: .industry, scores: sheet("E1", .written, Rational(70)) + [stray])
        XCTAssertEqual(result.value(.written), Rational(70))
    }
}
