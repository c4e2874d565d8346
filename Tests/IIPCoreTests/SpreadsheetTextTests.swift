import TestSupport
import XCTest
@testable import IIPCore

/// SPEC §9: CSV cells a spreadsheet would take for a formula get a leading `'`; numbers stay
/// numbers; `scores import` removes exactly what `scores export` added.
final class SpreadsheetTextTests: XCTestCase {
    let rubric = try! Rubric.builtIn.get()

    func testFormulaLeadsArePrefixedAndNumbersAreNot() {
        for formula in ["=HYPERLINK(\"http://x\",\"点此\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tlead", "\rlead", "-", "'=x", "'"] {
            XCTAssertEqual(SpreadsheetText.escaped(formula), "'" + formula, formula)
        }
        for kept in ["-3", "+2", "87.50", "0", "GD2018-001", "平台", "", "a=b", " =x", "（=）"] {
            XCTAssertEqual(SpreadsheetText.escaped(kept), kept, kept)
        }
        for notNumber in ["-3.", "-.5", "-1e5", "-3分", "1.2.3"] where notNumber.hasPrefix("-") {
            XCTAssertEqual(SpreadsheetText.escaped(notNumber), "'" + notNumber, notNumber)
        }
    }

    func testUnescapingTakesBackExactlyThePrefix() {
        let texts = ["=HYPERLINK(\"x\")", "'=x", "'", "''", "'abc", "-5分", "-5", "@SUM(A1)", "\t制表符开头", "\r\nx",
                     "普通评语", "", "it's", "'\t", "x'"]
        for text in texts {
            XCTAssertEqual(SpreadsheetText.unescaped(SpreadsheetText.escaped(text)), text, text.debugDescription)
        }
        XCTAssertEqual(SpreadsheetText.unescaped("'abc"), "'abc", "an apostrophe the export did not add stays")
        XCTAssertEqual(SpreadsheetText.unescaped("'-1"), "-1")
    }

    /// `scores export` → `scores import` leaves every comment byte for byte, and an id that
    /// begins with `-` (which the export prefixes) still names its expert.
    func testScoreFileCommentsRoundTripByteForByte() throws {
        let loader = DossierLoader(catalog: rubric.catalog)
        let dossier = try XCTUnwrap(loader.load(data: Data(DossierFixture.yaml(id: "I1").utf8), file: "i.yaml").dossier)
        let panel = Panel(chair: "E1", experts: [
            Expert(id: "E1", name: "甲", affiliation: "某大学", stages: StageID.allCases, conflicts: []),
            Expert(id: "-E2", name: "乙", affiliation: "某协会", stages: StageID.allCases, conflicts: []),
        ])
        let gate = ScoreGate(rubric: rubric, panel: panel, dossiers: ["I1": dossier])
        let comments = ["=HYPERLINK(\"http://x\",\"点此\")", "'=x", "'", "''", "line1\nline2", "-5分", "@SUM(A1)",
                        "\t制表符开头", "+cmd|' /C calc'!A0", "-3", "普通评语，含\"引号\"和,逗号"]
        let items = try XCTUnwrap(rubric.stage(.written)).items(for: .industry).map(\.id)
        let scores = comments.enumerated().map { index, comment in
            ItemScore(expert: index % 2 == 0 ? "E1" : "-E2", dossier: "I1", stage: .written, item: items[index / 2],
                      points: Rational(1), comment: comment)
        }
        let text = ScoreRows.text(scores)
        XCTAssertTrue(text.contains(",\"'=HYPERLINK("), text)
        XCTAssertTrue(text.contains("\n'-E2,"), "an id that begins with - is prefixed too")
        let read = try ScoreRows.read(text, gate: gate).get()
        let key = { (score: ItemScore) in "\(score.expert)/\(score.item)" }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: read.map { (key($0), Array($0.comment.utf8)) }),
                       Dictionary(uniqueKeysWithValues: scores.map { (key($0), Array($0.comment.utf8)) }))
    }
}
