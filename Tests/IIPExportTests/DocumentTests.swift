import Foundation
import TestSupport
import XCTest
@testable import IIPCore
@testable import IIPExport

/// SPEC §10: the ranking and the roster, in CSV, Markdown, HTML and JSON, read back.
final class DocumentTests: XCTestCase {
    let rubric = try! Rubric.builtIn.get()

    func dossier(_ id: String, type: String, code: Int) -> Dossier {
        DossierLoader(catalog: rubric.catalog)
            .load(data: Data(DossierFixture.yaml(id: id, type: type, creditCode: DossierFixture.creditCodes[code]).utf8), file: id).dossier!
    }

    func ranking() -> Document {
        let candidates = (1...6).map { (n: Int) -> Candidate in
            let stages: [StageID: Rational] = [.written: Rational(90 - n), .test: Rational(80)]
            let final = Rational(Int128(1801 - 20 * n), 20)
            let flags: [RankFlag] = n == 1 ? [.deviation(.written, expert: "E03"), .override(code: "E-QUOTA")] : []
            return Candidate(id: "C\(n)", platform: "跨域平台\(n)", type: .cross, stages: stages, final: final, eligible: n != 6, flags: flags)
        }
        let dossiers = Dictionary(uniqueKeysWithValues: (1...6).map { ("C\($0)", dossier("C\($0)", type: "cross", code: $0 % 4)) })
        return Documents.ranking(Selection(rubric: rubric).rank(candidates), rubric: rubric, dossiers: dossiers,
                                 waivers: ["C1": ["E-QUOTA：经研究同意"]], title: "推荐名单")
    }

    func testRankingTablesCarryCutScoresAndReasons() {
        let document = ranking()
        XCTAssertEqual(document.tables.count, 2)
        let cross = document.tables[0]
        XCTAssertEqual(cross.cutAfter, 5)
        XCTAssertEqual(cross.rows[0][0], .int(1))
        XCTAssertEqual(cross.rows[0][9].text, "89.05", "exact final, 2 decimals")
        XCTAssertEqual(cross.rows[0][10].text, "入选")
        XCTAssertTrue(cross.rows[0][11].text.contains("偏离：书面评审 E03"), cross.rows[0][11].text)
        XCTAssertTrue(cross.rows[0][11].text.contains("豁免 E-QUOTA：经研究同意"), "the chair's reason is printed")
        XCTAssertEqual(cross.rows[5][10].text, "不符合申报要求")
        XCTAssertEqual(cross.rows[0][4].text, "跨行业跨领域")
    }

    func testCSVHasBOMAndParsesBack() throws {
        let text = Renderer.csv(ranking())
        XCTAssertTrue(text.hasPrefix("\u{FEFF}"))
        let records = try CSV.parse(text).get()
        XCTAssertTrue(records.contains { $0.fields.first == "名次" })
        XCTAssertTrue(records.contains { $0.fields.count == 12 && $0.fields[1] == "C1" && $0.fields[9] == "89.05" })
    }

    func testMarkdownMarksTheCut() {
        let text = Renderer.markdown(ranking())
        XCTAssertTrue(text.hasPrefix("# 推荐名单"))
        let lines = text.components(separatedBy: "\n")
        let cut = lines.firstIndex { $0.contains("入选线") }!
        XCTAssertTrue(lines[cut - 1].contains("| 5 | C5 |"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("| ---: | --- |") }, "numbers right-aligned")
    }

    func testHTMLIsSelfContainedAndPrintable() {
        let html = Renderer.html(ranking())
        XCTAssertTrue(html.contains("<meta charset=\"utf-8\">"))
        XCTAssertTrue(html.contains("@page { size: A4"))
        XCTAssertTrue(html.contains("Noto Serif CJK SC"))
        XCTAssertTrue(html.contains("<thead>"), "headers repeat on printed pages")
        XCTAssertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"), "no external resources")
        XCTAssertEqual(html.components(separatedBy: "<tr class=\"cut\">").count - 1, 1, "one cut line: the specific group is empty")
        XCTAssertTrue(html.contains("<td class=\"num\">89.05</td>"))
    }

    func testJSONDecodes() throws {
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(Renderer.json(ranking()).utf8)) as? [String: Any])
        let tables = try XCTUnwrap(json["tables"] as? [[String: Any]])
        let first = try XCTUnwrap((tables[0]["rows"] as? [[String: Any]])?.first)
        XCTAssertEqual(first["总分"] as? Double, 89.05)
        XCTAssertEqual(first["编号"] as? String, "C1")
    }

    func testRosterHasTheFormsColumnsPerRecommender() {
        let document = Documents.roster([("B", dossier("B", type: "industry", code: 1)), ("A", dossier("A", type: "cross", code: 0))])
        XCTAssertEqual(document.tables.count, 1, "both recommended by the same city")
        XCTAssertEqual(document.tables[0].columns, ["序号", "平台名称", "平台类型", "牵头申报单位", "联系人", "联系方式(手机)", "联合申报单位"])
        XCTAssertEqual(document.tables[0].caption, "推荐单位（盖章）：佛山市经济和信息化局")
        XCTAssertEqual(document.tables[0].rows[1][2].text, "特定行业（面向：家电制造）")
        XCTAssertEqual(document.tables[0].rows[0][6].text, "测试云计算有限公司、测试研究院")
    }
}
