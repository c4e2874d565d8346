import TestSupport
import XCTest
@testable import IIPCore

/// SPEC §7 `scores import`: every reason a row is refused, by line.
final class ScoreRowsTests: XCTestCase {
    let rubric = try! Rubric.builtIn.get()
    lazy var gate: ScoreGate = {
        let loader = DossierLoader(catalog: rubric.catalog)
        let industry = loader.load(data: Data(DossierFixture.yaml(id: "I1").utf8), file: "i.yaml").dossier!
        let cross = loader.load(data: Data(DossierFixture.yaml(id: "C1", type: "cross").utf8), file: "c.yaml").dossier!
        let panel = Panel(chair: "E1", experts: [
            Expert(id: "E1", name: "甲", affiliation: "某大学", stages: StageID.allCases, conflicts: []),
            Expert(id: "E2", name: "乙", affiliation: "测试研究院", stages: StageID.allCases, conflicts: []),
            Expert(id: "E3", name: "丙", affiliation: "某协会", stages: [.written], conflicts: ["C1"]),
        ])
        return ScoreGate(rubric: rubric, panel: panel, dossiers: ["I1": industry, "C1": cross])
    }()

    let header = "expert,dossier,stage,item,points,comment\n"

    func read(_ body: String) -> Result<[ItemScore], ScoreRows.Refusal> {
        ScoreRows.read(header + body, gate: gate)
    }

    func rejectedLines(_ body: String) -> [Int] {
        guard case let .failure(refusal) = read(body) else { return [] }
        return refusal.rejections.map(\.line)
    }

    func testAcceptsGoodRowsWithBOMAndQuotedComments() throws {
        let text = "\u{FEFF}" + header + "E1,I1,written,basic.device,12.5,\"设备多,\"\"接入\"\"好\n第二行\"\nE1,C1,written,cross.industries,30,\n"
        let scores = try ScoreRows.read(text, gate: gate).get()
        XCTAssertEqual(scores.count, 2)
        XCTAssertEqual(scores[0].points, Rational(25, 2))
        XCTAssertEqual(scores[0].comment, "设备多,\"接入\"好\n第二行")
        XCTAssertEqual(scores[1].points, Rational(30))
    }

    func testEachKindOfBadRowIsNamedByLine() {
        let body = """
        E9,I1,written,basic.device,10,unknown expert
        E1,X9,written,basic.device,10,unknown dossier
        E1,I1,oral,basic.device,10,unknown stage
        E1,I1,written,basic.teleport,10,unknown item
        E1,I1,written,basic.device,15.5,over max
        E1,I1,written,basic.device,-1,negative
        E1,I1,written,basic.device,7.25,off grid
        E1,I1,written,cross.industries,10,not applicable to industry
        E3,I1,defence,defence.qa,10,not on the panel for the stage
        E3,C1,written,basic.device,10,conflict listed in the panel file
        E2,I1,written,basic.device,10,conflict by affiliation with a partner
        E1,I1,written,basic.device,abc,not a number
        E1,I1,written,basic.device,10
        E1,I1,written,basic.device,10,fine
        E1,I1,written,basic.device,11,repeats the previous line

        """
        XCTAssertEqual(rejectedLines(body), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16])
        guard case let .failure(refusal) = read(body) else { return XCTFail() }
        let reasons = refusal.rejections.map(\.reason)
        XCTAssertTrue(reasons[0].contains("unknown expert"))
        XCTAssertTrue(reasons[7].contains("does not apply"))
        XCTAssertTrue(reasons[8].contains("not on the panel"))
        XCTAssertTrue(reasons[9].contains("conflict"))
        XCTAssertTrue(reasons[10].contains("测试研究院"))
        XCTAssertTrue(reasons[13].contains("line 15"))
    }

    func testHeaderMustMatch() {
        guard case let .failure(refusal) = ScoreRows.read("a,b,c\nE1,I1,written,basic.device,10,x\n", gate: gate) else {
            return XCTFail("a wrong header must refuse the file")
        }
        XCTAssertEqual(refusal.rejections.map(\.line), [1])
    }

    func testEmptyPointsKeepOnlyAComment() throws {
        let scores = try read("E1,I1,written,basic.device,,待核实\n").get()
        XCTAssertNil(scores[0].points)
        XCTAssertEqual(scores[0].comment, "待核实")
    }

    func testExportWritesTheImportFormatSorted() throws {
        let scores = try read("E3,I1,written,basic.users,7.5,b\nE1,I1,written,basic.device,9,\"a,b\"\nE1,I1,defence,defence.qa,10,\n").get()
        XCTAssertEqual(ScoreRows.text(scores), """
        expert,dossier,stage,item,points,comment
        E1,I1,defence,defence.qa,10,
        E1,I1,written,basic.device,9,"a,b"
        E3,I1,written,basic.users,7.5,b

        """)
        // What is exported imports again unchanged.
        XCTAssertEqual(try ScoreRows.read(ScoreRows.text(scores), gate: gate).get().count, 3)
    }

    func testCSVLinesCountQuotedLineBreaks() throws {
        let records = try CSV.parse("a,b\n\"x\ny\",z\n\nlast,row\r\n").get()
        XCTAssertEqual(records.map(\.line), [1, 2, 5])
        XCTAssertEqual(records[1].fields, ["x\ny", "z"])
        guard case .failure = CSV.parse("a,\"b") else { return XCTFail("an unclosed quote is malformed") }
    }

    /// SPEC §9: fields with CR or LF are quoted — "\r\n" too, which Swift holds as one
    /// Character — so every field reads back whole from the record it was written in.
    func testCSVQuotesFieldsWithLineBreaksOfEveryKind() throws {
        let fields = ["line1\r\nline2", "lone\rcr", "lf\nonly", "crlf at end\r\n", "plain"]
        XCTAssertEqual(CSV.line(["a\r\nb"]), "\"a\r\nb\"")
        let text = CSV.line(fields) + "\r\n" + CSV.line(["next", "row"]) + "\r\n"
        XCTAssertEqual(try CSV.parse(text).get().map(\.fields), [fields, ["next", "row"]])
    }

    func testCSVRecordsAcrossLineEndingsQuotesAndAByteOrderMark() throws {
        // BOM; CRLF, lone CR and LF line ends; empty fields; doubled quotes; blank lines (LF
        // and CRLF) skipped; a quoted empty field is a record; no line break at the end.
        let text = "\u{FEFF}h1,h2\r\n,\r\n\"say \"\"hi\"\"\",x\rlone,cr\n\r\n\n\"\"\n\"a,b\",\"c\r\nd\"\nend"
        let records = try CSV.parse(text).get()
        XCTAssertEqual(records.map(\.fields), [["h1", "h2"], ["", ""], ["say \"hi\"", "x"], ["lone", "cr"], [""], ["a,b", "c\r\nd"], ["end"]])
        XCTAssertEqual(records.map(\.line), [1, 2, 3, 4, 7, 8, 10])
        XCTAssertEqual(try CSV.parse("a,b\r\n").get().map(\.fields), [["a", "b"]], "the CR of CRLF is not part of the field")
        XCTAssertEqual(try CSV.parse("").get().count, 0)
        for (bad, line) in [("a,b\nx\"y,z\n", 2), ("\"ab\"c\n", 1), ("ok\n\"open\n\nstill", 2)] {
            guard case let .failure(malformed) = CSV.parse(bad) else { return XCTFail("malformed: \(bad)") }
            XCTAssertEqual(malformed.line, line, bad)
        }
    }
}
