import Foundation
import XCTest
@testable import IIPCore
@testable import IIPExport

/// SPEC §9: names and comments come from applicants and experts; every document shows them
/// as text, never as a formula, markup or reordered line.
final class UntrustedDocumentTextTests: XCTestCase {
    /// A roster-like document whose text cells an applicant wrote.
    func document(_ names: [String]) -> Document {
        Document(title: "=标题", header: ["@头"], tables: [
            Table(caption: "+表", columns: ["序号", "名称", "得分", "备注"],
                  rows: names.enumerated().map { index, name in [.int(index + 1), .text(name), .score(Rational(-3)), .text("-3")] }),
        ], closing: ["-签字"])
    }

    func testCSVCellsThatWouldBeFormulasArePrefixedAndNumbersAreNot() throws {
        let names = ["=HYPERLINK(\"http://x\",\"点此\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t隐藏", "普通单位"]
        let records = try CSV.parse(Renderer.csv(document(names))).get().map(\.fields)
        let rows = records.filter { $0.count == 4 && $0[0] != "序号" }
        XCTAssertEqual(rows.map { $0[1] }, names.dropLast().map { "'" + $0 } + ["普通单位"])
        XCTAssertEqual(Set(rows.map { $0[2] }), ["-3.00"], "a number cell stays a number")
        XCTAssertEqual(Set(rows.map { $0[3] }), ["-3"], "a text that is a plain number stays as it is")
        for line in ["'=标题", "'@头", "'+表", "'-签字"] {
            XCTAssertTrue(records.contains([line]), "titles, headers, captions and closing lines too: \(line)")
        }
    }
}
