import Foundation
import TestSupport
import XCTest
@testable import IIPIntake

/// Issue 11: what Word and WPS write, read as the form's text: runs joined, every kind of
/// check box as ☑/☐, merged and nested cells, soft breaks; deleted text and field codes left out.
final class WordDocumentTests: XCTestCase {
    let namespaces = """
        xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
        xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" \
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
        """

    func read(_ body: String) throws -> [WordBlock] {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \(namespaces)><w:body>\(body)</w:body></w:document>"
        return try WordDocument.read(HostileDocx.package([("word/document.xml", Data(xml.utf8))]), file: "t.docx").blocks
    }

    func paragraph(_ runs: String) -> String { "<w:p>\(runs)</w:p>" }
    func run(_ text: String) -> String { "<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r>" }

    func testRunsSplitAnywhereAreOneTextAndDeletedTextAndFieldCodesAreLeftOut() throws {
        let blocks = try read(paragraph(run("单") + "<w:proofErr w:type=\"spellStart\"/>" + run("位名") + "<w:r><w:rPr><w:b/></w:rPr><w:t>称</w:t></w:r>"
            + "<w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>删去的字</w:delText></w:r></w:del>"
            + "<w:r><w:instrText> PAGE </w:instrText></w:r>" + run("：甲公司")))
        XCTAssertEqual(blocks, [.paragraph("单位名称：甲公司")])
    }

    func testWingdingsSymbolsAreCheckMarks() throws {
        let sym = { (font: String, char: String) in "<w:r><w:sym w:font=\"\(font)\" w:char=\"\(char)\"/></w:r>" }
        let blocks = try read(paragraph(sym("Wingdings", "F0FE") + run("是") + sym("Wingdings", "F0A8") + run("否"))
            + paragraph(sym("Wingdings 2", "F052") + run("公有云") + sym("Wingdings 2", "F0A3") + run("私有云"))
            + paragraph(sym("Symbol", "F0B0")))
        XCTAssertEqual(blocks, [.paragraph("☑是☐否"), .paragraph("☑公有云☐私有云"), .paragraph("\u{B0}")])
    }

    func testContentControlCheckBoxesAndLegacyFormFields() throws {
        let control = { (checked: Int, shown: String) in
            "<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"\(checked)\"/></w14:checkbox></w:sdtPr>"
                + "<w:sdtContent><w:r><w:t>\(shown)</w:t></w:r></w:sdtContent></w:sdt>"
        }
        let field = { (options: String) in
            "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:checkBox>\(options)</w:checkBox></w:ffData></w:fldChar></w:r>"
                + "<w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        }
        let blocks = try read(paragraph(control(1, "☒") + run("是") + control(0, "☐") + run("否"))
            + paragraph(field("<w:default w:val=\"1\"/>") + run("工业PaaS") + field("<w:default w:val=\"0\"/><w:checked/>") + run("SaaS")
                        + field("<w:default w:val=\"1\"/><w:checked w:val=\"0\"/>") + run("安全")))
        XCTAssertEqual(blocks, [.paragraph("☑是☐否"), .paragraph("☑工业PaaS☑SaaS☐安全")])
    }

    func testMergedAndNestedCellsAndSoftBreaks() throws {
        let cell = { (props: String, text: String) in "<w:tc><w:tcPr>\(props)</w:tcPr>\(self.paragraph(self.run(text)))</w:tc>" }
        let nested = "<w:tbl><w:tr>\(cell("", "IaaS"))\(cell("", "☑"))</w:tr></w:tbl>"
        let blocks = try read("<w:tbl>"
            + "<w:tr>\(cell("<w:vMerge w:val=\"restart\"/>", "平台负责人"))\(cell("<w:gridSpan w:val=\"2\"/>", "姓名"))</w:tr>"
            + "<w:tr>\(cell("<w:vMerge/>", ""))<w:tc>\(paragraph(run("第一行") + "<w:r><w:br/></w:r>" + run("第二行")))\(nested)</w:tc></w:tr>"
            + "</w:tbl>")
        guard case let .table(table)? = blocks.first else { return XCTFail("no table: \(blocks)") }
        XCTAssertEqual(table.rows[0].map(\.merge), [.restart, .none])
        XCTAssertEqual(table.rows[0][1].span, 2)
        XCTAssertEqual(table.rows[1][0].merge, .continue)
        XCTAssertEqual(table.rows[1][1].text, "第一行\n第二行\nIaaS\t☑")
        XCTAssertEqual(table.rows[1][1].tables.first?.rows.first?.map(\.text), ["IaaS", "☑"])
        // As lines, the merged label fills the rows it spans.
        let lines = FormLines.lines(of: WordDocument(blocks: blocks)).map(\.cells)
        XCTAssertEqual(lines.first, ["平台负责人", "姓名"])
        XCTAssertEqual(lines[1].first, "平台负责人")
    }

    /// mc:Fallback repeats mc:Choice for older readers: read once.
    func testMarkupCompatibilityFallbackIsReadOnce() throws {
        let blocks = try read(paragraph("<mc:AlternateContent><mc:Choice Requires=\"w14\">\(run("☑"))</mc:Choice><mc:Fallback>\(run("☑"))</mc:Fallback></mc:AlternateContent>" + run("是")))
        XCTAssertEqual(blocks, [.paragraph("☑是")])
    }
}
