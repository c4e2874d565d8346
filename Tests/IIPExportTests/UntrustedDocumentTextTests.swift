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

    /// An applicant's name that would be markup, a terminal escape or a reordered line.
    let hostile = "<script>alert(1)</script> **粗** _斜_ [链](http://x) | `码` # & 测\u{202E}试\u{1B}[2J"

    func testMarkdownShowsMarkupAsTextAndNeutralisesControls() {
        let markdown = Renderer.markdown(document([hostile]))
        XCTAssertFalse(markdown.contains("<script>"), "HTML in Markdown is inert")
        XCTAssertTrue(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\*\\*粗\\*\\* \\_斜\\_ \\[链\\](http://x) \\| \\`码\\` \\# &amp; 测\u{FFFD}试\u{FFFD}\\[2J"),
                      markdown)
        XCTAssertFalse(markdown.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{1B}" })
        let row = markdown.components(separatedBy: "\n").first { $0.contains("script") } ?? ""
        XCTAssertEqual(row.components(separatedBy: " | ").count, 4, "the name stays in its cell: \(row)")
    }

    func testHTMLAndCSVReplaceControlAndBidirectionalCharacters() throws {
        let html = Renderer.html(document([hostile]))
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertTrue(html.contains("测\u{FFFD}试\u{FFFD}[2J"), "shown as �, never acting")
        let csv = try CSV.parse(Renderer.csv(document([hostile, "第一行\r\n第二行"]))).get().map(\.fields)
        XCTAssertTrue(csv.contains { $0.count == 4 && $0[1].hasSuffix("测\u{FFFD}试\u{FFFD}[2J") })
        XCTAssertTrue(csv.contains { $0.count == 4 && $0[1] == "第一行\n第二行" }, "line breaks of a comment are kept, as LF")
    }
}
