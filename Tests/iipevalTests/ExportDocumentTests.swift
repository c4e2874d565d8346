import Foundation
import FoundationXML
import TestSupport
import XCTest
@testable import IIPCore

/// SPEC §10 and issue 5: every document in every format for the sample panel, read back —
/// CSV parsed, HTML checked for structure, JSON decoded, Markdown read, XLSX unzipped and
/// its XML parsed (cells, number formats, merges, print setup).
final class ExportDocumentTests: XCTestCase {
    static let samples = CommandRunner.repository + "/SampleDossiers"
    nonisolated(unsafe) static var folder = ""
    var folder: String { Self.folder }
    var ws: String { Self.folder + "/ws" }
    /// Keys live in the test's folder, never in the developer's ~/.config.
    var environment: [String: String] { ["XDG_CONFIG_HOME": Self.folder + "/config"] }

    /// One sample workspace for the class: init, the sample scores, E01's key trusted, E01's
    /// pledge and signed written sheet (exported as a signed file), E02's dissent on the defence.
    override class func setUp() {
        super.setUp()
        folder = DossierFixture.temporaryFolder()
        let environment = ["XDG_CONFIG_HOME": folder + "/config"]
        let ws = folder + "/ws"
        let shown = CommandRunner.run(["key", "show", "--expert", "E01"], environment: environment)
        let fingerprint = (shown.out.range(of: "ed25519:").map { String(shown.out[$0.lowerBound...]) } ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let steps: [[String]] = [
            ["init", ws, "--dossiers", samples, "--panel", samples + "/panel.yaml"],
            ["key", "trust", ws, "--expert", "E01", "--fingerprint", fingerprint, "--reason", "与承诺书上的指纹一致"],
            ["scores", "import", ws, samples + "/sample-scores.csv"],
            ["declare", ws, "--expert", "E01", "--conflict", "GD2018-030"],
            ["sheet", "sign", ws, "--expert", "E01", "--stage", "written"],
            ["sheet", "export", ws, "--expert", "E01", "--stage", "written", "--out", folder + "/E01-written.iipsheet"],
            ["sheet", "dissent", ws, "--expert", "E02", "--stage", "defence", "--text", "对GD2018-012的答辩分差有保留意见。"],
        ]
        for step in steps {
            let outcome = CommandRunner.run(step, environment: environment)
            precondition(outcome.code == 0, "\(step): \(outcome.err)")
        }
    }

    override class func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
        super.tearDown()
    }

    @discardableResult
    func export(_ what: String, _ format: String, to name: String, force: Bool = false) -> CommandRunner.Outcome {
        let outcome = CommandRunner.run(["export", ws, "--what", what, "--format", format, "--out", folder + "/" + name]
                                        + (force ? ["--force"] : []), environment: environment)
        XCTAssertEqual(outcome.code, 0, "\(what) \(format): \(outcome.err)")
        return outcome
    }

    func text(_ name: String) throws -> String {
        try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
    }

    func json(_ name: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))) as? [String: Any])
    }

    /// The rows of a document-JSON table whose caption starts with `caption`.
    func rows(_ document: [String: Any], caption: String) throws -> [[String: Any]] {
        let tables = try XCTUnwrap(document["tables"] as? [[String: Any]])
        let table = try XCTUnwrap(tables.first { ($0["caption"] as? String)?.hasPrefix(caption) == true }, "no table \(caption)")
        return try XCTUnwrap(table["rows"] as? [[String: Any]])
    }

    // MARK: - every document × format

    func testEveryDocumentInEveryFormatReadsBack() throws {
        let experts = ["E01", "E02", "E03", "E04", "E05", "E06", "E07"]
        for what in ["ranking", "sheets", "summary", "roster"] {
            for format in ["csv", "xlsx", "html", "md", "json"] {
                let name = "all-\(what).\(format)"
                export(what, format, to: name)
                let folderOfFiles = what == "sheets" && format != "xlsx"
                let files = folderOfFiles ? experts.map { "\(name)/\($0).\(format)" } : [name]
                if folderOfFiles {
                    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/" + name).sorted(),
                                   experts.map { "\($0).\(format)" }, "one file per expert")
                }
                for file in files {
                    try checkReadsBack(file, format: format)
                }
            }
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains("partial") }
        XCTAssertEqual(leftovers, [], "no temporary file is left behind")
    }

    func checkReadsBack(_ file: String, format: String) throws {
        switch format {
        case "csv":
            let data = try XCTUnwrap(FileManager.default.contents(atPath: folder + "/" + file))
            XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF], "\(file): UTF-8 with BOM")
            let records = try CSV.parse(String(decoding: data, as: UTF8.self)).get()
            XCTAssertGreaterThan(records.count, 3, file)
        case "html":
            let html = try text(file)
            XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"), file)
            XCTAssertTrue(html.contains("@page { size: A4"), file)
            XCTAssertTrue(html.contains("Noto Serif CJK SC"), file)
            XCTAssertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script") || html.contains("<link"),
                           "\(file): no external resources")
            XCTAssertEqual(html.components(separatedBy: "<table>").count, html.components(separatedBy: "</table>").count, file)
            XCTAssertTrue(html.hasSuffix("</body></html>\n"), file)
        case "md":
            let markdown = try text(file)
            XCTAssertTrue(markdown.hasPrefix("# "), file)
            XCTAssertTrue(markdown.contains("| --- |") || markdown.contains("| ---: |") || markdown.contains("本阶段尚无评分"), file)
        case "json":
            XCTAssertNoThrow(try json(file), file)
        case "xlsx":
            let parts = try XLSXParts(folder + "/" + file)
            XCTAssertNotNil(parts.files["xl/workbook.xml"], file)
            XCTAssertFalse(parts.worksheets.isEmpty, file)
        default:
            XCTFail("unknown format \(format)")
        }
    }

    // MARK: - what the documents say

    func testRankingJSONEqualsRankAndPrintedFlagsAreChinese() throws {
        export("ranking", "json", to: "r.json")
        let exported = try json("r.json")
        let ranked = try XCTUnwrap(CommandRunner.json(CommandRunner.run(["rank", ws, "--format", "json"]).out) as? [String: Any])
        XCTAssertEqual(exported["groups"] as? NSArray, ranked["groups"] as? NSArray)
        XCTAssertEqual(Set(exported.keys), ["groups", "audit"], "rank's JSON and the audit log's head")
        export("ranking", "html", to: "r.html")
        let html = try text("r.html")
        XCTAssertTrue(html.contains("偏离：专家答辩 E05"), "the deviation flag, in words")
        XCTAssertEqual(html.components(separatedBy: "<tr class=\"cut\">").count - 1, 2, "a cut line in each group")
    }

    func testSummaryMarksDroppedAndDeviatingScores() throws {
        export("summary", "json", to: "s.json")
        let summary = try XCTUnwrap((try json("s.json")["documents"] as? [[String: Any]])?.first)
        let defence = try rows(summary, caption: "专家答辩")
        let gd012 = try XCTUnwrap(defence.first { $0["编号"] as? String == "GD2018-012" })
        let e05 = try XCTUnwrap(gd012["E05"] as? [String: Any])
        XCTAssertEqual(e05["score"] as? Double, 49.5)
        XCTAssertEqual(e05["dropped"] as? Bool, true, "the lowest of six is dropped")
        XCTAssertEqual(e05["deviates"] as? Bool, true)
        // Six sheets: one highest and one lowest are dropped in every complete row.
        for row in defence where row["专家组得分"] is Double {
            let marked = row.values.compactMap { $0 as? [String: Any] }
            XCTAssertEqual(marked.filter { $0["dropped"] as? Bool == true }.count, marked.count >= 5 ? 2 : 0, "\(row["编号"] ?? "")")
        }
        // The panel's stage score and the final are the ranking's.
        let ranked = try XCTUnwrap(CommandRunner.json(CommandRunner.run(["rank", ws, "--format", "json"]).out) as? [String: Any])
        let entries = (ranked["groups"] as? [[String: Any]] ?? []).flatMap { $0["entries"] as? [[String: Any]] ?? [] }
        let rankedGD012 = try XCTUnwrap(entries.first { $0["id"] as? String == "GD2018-012" })
        XCTAssertEqual(gd012["专家组得分"] as? Double, (rankedGD012["stages"] as? [String: Any])?["defence"] as? Double)
        let totals = try rows(summary, caption: "总分")
        XCTAssertEqual(totals.first { $0["编号"] as? String == "GD2018-012" }?["总分"] as? Double, rankedGD012["final"] as? Double)
        XCTAssertTrue((summary["closing"] as? [String])?.contains { $0.contains("专家组组长签字") } == true)
    }

    func testSheetTotalsAndSealAgreeWithTheScoresAndTheSignedFile() throws {
        export("sheets", "json", to: "sheets-json")
        let booklet = try json("sheets-json/E01.json")
        let documents = try XCTUnwrap(booklet["documents"] as? [[String: Any]])
        XCTAssertEqual(documents.count, 4, "E01 sits on all four stages")
        let written = documents[0]
        XCTAssertTrue((written["header"] as? [String])?.contains { $0.contains("已签署（第 1 版") && $0.contains("以专家本人受信任的密钥签署") } == true,
                      "\(written["header"] ?? "")")

        // The weighted total of GD2018-001 (cross), recomputed here from the sample CSV.
        let rubric = try Rubric.builtIn.get()
        let csv = try CSV.parse(String(contentsOfFile: Self.samples + "/sample-scores.csv", encoding: .utf8)).get()
        var points: [String: Rational] = [:]
        for record in csv where record.fields.count >= 5 && record.fields[0] == "E01" && record.fields[1] == "GD2018-001"
            && record.fields[2] == "written" {
            points[record.fields[3]] = Rational(decimal: record.fields[4])
        }
        let stage = try XCTUnwrap(rubric.stage(.written))
        var expected = Rational.zero
        for section in stage.sections(for: .cross) {
            let sum = section.items.reduce(Rational.zero) { $0 + (points[$1.id] ?? .zero) }
            expected = expected + (stage.sectionWeights?[.cross]?[section.id] ?? .zero) * sum / Rational(100)
        }
        let table = try rows(written, caption: "GD2018-001")
        let total = try XCTUnwrap(table.last)
        XCTAssertEqual(total["评分项"] as? String, "加权总分")
        XCTAssertEqual((total["得分"] as? Double).map { String(format: "%.2f", $0) }, expected.fixed(places: 2))
        XCTAssertEqual(table.filter { ($0["评分项"] as? String)?.hasPrefix("小计") == true }.count, stage.sections(for: .cross).count)

        // The printed hash and fingerprint are the signed file's.
        let signed = try SheetFile.read(Data(contentsOf: URL(fileURLWithPath: folder + "/E01-written.iipsheet")))
        let closing = try XCTUnwrap(written["closing"] as? [String])
        XCTAssertTrue(closing.contains("评分表内容哈希（SHA-256）：\(signed.contentSHA256)"), closing.joined(separator: "\n"))
        XCTAssertTrue(closing.contains("签名密钥指纹：\(signed.fingerprint)"), closing.joined(separator: "\n"))
        XCTAssertTrue(closing.contains("本工作区信任的该专家密钥：\(signed.fingerprint)"))
        XCTAssertTrue(closing.contains { $0.hasPrefix("审计日志：共 ") }, "every document prints the audit log's head")
        XCTAssertTrue(closing.contains { $0.hasPrefix("专家签字：") })
        XCTAssertTrue(closing.contains { $0.contains("诚信承诺与回避声明") && $0.contains("GD2018-030") }, "the declaration")
        // An unsigned stage says it is a draft; E02's dissent is printed on the defence sheet.
        XCTAssertTrue((documents[1]["header"] as? [String])?.contains { $0.contains("未签署") } == true)
        let e02 = try XCTUnwrap(try json("sheets-json/E02.json")["documents"] as? [[String: Any]])
        XCTAssertTrue((e02[1]["closing"] as? [String])?.contains("不同意见及理由：对GD2018-012的答辩分差有保留意见。") == true)
    }

    func testSheetsHTMLStartsEachStageOnANewPage() throws {
        export("sheets", "html", to: "sheets-html")
        let html = try text("sheets-html/E01.html")
        XCTAssertEqual(html.components(separatedBy: "<section>").count - 1, 4)
        XCTAssertTrue(html.contains("section + section { page-break-before: always"))
        XCTAssertTrue(html.contains("size: A4 portrait"))
        XCTAssertTrue(html.contains("<tr class=\"total\">"), "subtotals and totals in bold")
    }

    // MARK: - XLSX

    func testRankingWorkbookHasNumbersMergesAndPrintSetup() throws {
        export("ranking", "xlsx", to: "r.xlsx")
        let parts = try XLSXParts(folder + "/r.xlsx")
        let sheet = try XCTUnwrap(parts.worksheets.first)
        XCTAssertTrue(parts.merges(sheet).contains("A1:M1"), "the title row is merged across the table (13 columns with 稳定性)")
        let pageSetup = try XCTUnwrap(parts.elements("pageSetup", in: sheet).first)
        XCTAssertEqual(pageSetup["paperSize"], "9", "A4")
        XCTAssertEqual(pageSetup["orientation"], "landscape")
        XCTAssertEqual(pageSetup["fitToHeight"], "0", "one page wide, as long as it takes")
        XCTAssertTrue(parts.elements("oddFooter", in: sheet).first?["text"]?.contains("&P") == true, "page numbers")
        XCTAssertTrue(parts.files["xl/workbook.xml"]?.contains("_xlnm.Print_Titles") == true, "the header row repeats")
        // GD2018-001's final is a number cell shown with 2 decimals.
        let ranked = try XCTUnwrap(CommandRunner.json(CommandRunner.run(["rank", ws, "--format", "json"]).out) as? [String: Any])
        let first = try XCTUnwrap(((ranked["groups"] as? [[String: Any]])?.first?["entries"] as? [[String: Any]])?.first)
        let row = try XCTUnwrap(parts.row(containing: first["id"] as? String ?? "", in: sheet))
        let final = try XCTUnwrap(row.first { $0.column == "J" })
        XCTAssertNil(final.type, "a number, not text")
        XCTAssertEqual(Double(final.value), first["final"] as? Double)
        XCTAssertEqual(parts.numberFormat(style: final.style), "0.00")
        XCTAssertEqual(parts.numberFormat(style: try XCTUnwrap(row.first { $0.column == "A" }).style), "0", "the rank is an integer")
    }

    func testSummaryWorkbookMarksAreNumberFormats() throws {
        export("summary", "xlsx", to: "s.xlsx")
        let parts = try XLSXParts(folder + "/s.xlsx")
        XCTAssertEqual(Array(parts.worksheetNames.prefix(6)), ["书面评审", "专家答辩", "现场考察", "技术评测", "总分", "签署情况"],
                       "tables with their own columns")
        let defence = parts.worksheets[1]
        let row = try XCTUnwrap(parts.row(containing: "GD2018-012", in: defence))
        // Columns: 编号, 平台名称, E01…E07: E05 is the seventh column, G.
        let e05 = try XCTUnwrap(row.first { $0.column == "G" })
        XCTAssertEqual(e05.value, "49.5")
        XCTAssertEqual(parts.numberFormat(style: e05.style), "\"(\"0.00\")\"\"*\"", "dropped and deviating, still a number")
    }

    /// The analysis as native charts, each on a worksheet with the numbers it draws: p(selected)
    /// per group split at the cut, leniency per expert and stage, the spread per stage.
    func testSummaryWorkbookDrawsTheAnalysisAsNativeCharts() throws {
        export("summary", "xlsx", to: "charts.xlsx")
        let parts = try XLSXParts(folder + "/charts.xlsx")
        let chartSheets = Array(parts.worksheetNames.dropFirst(6))
        XCTAssertEqual(chartSheets.count, 7, "\(parts.worksheetNames)")
        XCTAssertEqual(chartSheets.first, "入选概率 · 跨行业跨领域工业互联网平台")
        XCTAssertTrue(chartSheets.contains("宽严程度"), "\(chartSheets)")
        XCTAssertEqual(chartSheets.filter { $0.hasPrefix("评分分布 · ") }.count, 4)
        let charts = parts.files.filter { $0.key.hasPrefix("xl/charts/chart") }
        XCTAssertEqual(charts.count, 7)
        let first = try XCTUnwrap(parts.files["xl/charts/chart1.xml"])
        XCTAssertTrue(first.contains("<c:barDir val=\"bar\"/>") && first.contains("<c:overlap val=\"100\"/>"), first)
        XCTAssertTrue(first.contains("<c:v>入选线以上</c:v>") && first.contains("<c:v>入选线以下</c:v>"))
        XCTAssertTrue(first.contains("'入选概率 · 跨行业跨领域工业互联网平台'!$B$2:$B$9"), "the chart draws its worksheet's numbers")
        // The numbers are analyze's: GD2018-001 is selected in every panel, GD2018-007 in none.
        let data = parts.worksheets[6]
        XCTAssertEqual(try XCTUnwrap(parts.row(containing: "GD2018-001", in: data)).first { $0.column == "B" }?.value, "1")
        XCTAssertEqual(try XCTUnwrap(parts.row(containing: "GD2018-007", in: data)).first { $0.column == "C" }?.value, "0")
        XCTAssertTrue(charts.values.contains { $0.contains("<c:lineChart>") && $0.contains("<c:marker><c:symbol val=\"triangle\"/>") },
                      "the spread is drawn as points")
        XCTAssertEqual(parts.elements("pageSetup", in: data).first?["orientation"], "landscape")
    }

    func testSheetsWorkbookHasAWorksheetPerExpertAndAPagePerStage() throws {
        export("sheets", "xlsx", to: "sh.xlsx")
        let parts = try XLSXParts(folder + "/sh.xlsx")
        XCTAssertEqual(parts.worksheetNames, ["E01", "E02", "E03", "E04", "E05", "E06", "E07"])
        let e01 = parts.worksheets[0]
        XCTAssertEqual(parts.elements("rowBreaks", in: e01).first?["count"], "3", "four stages, each from a new page")
        XCTAssertEqual(parts.elements("pageSetup", in: e01).first?["orientation"], "portrait")
        // E07 has no scores yet: a worksheet of lines only, none of them dropped.
        let e07 = parts.worksheets[6]
        XCTAssertNotNil(parts.row(containing: "专家评分表 · 书面评审", in: e07), "the title of a sheet without tables is written")
        XCTAssertNotNil(parts.row(containing: "本阶段尚无评分。", in: e07))
    }

    // MARK: - writing safely

    func exporting(_ what: String, _ format: String, to path: String, force: Bool = false) -> CommandRunner.Outcome {
        CommandRunner.run(["export", ws, "--what", what, "--format", format, "--out", path] + (force ? ["--force"] : []),
                          environment: environment)
    }

    func files(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    func assertRefused(_ outcome: CommandRunner.Outcome, saying words: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(outcome.code, 2, outcome.err, file: file, line: line)
        XCTAssertTrue(outcome.err.contains(words), outcome.err, file: file, line: line)
        XCTAssertEqual(outcome.err.split(separator: "\n").count, 1, "one clear line: \(outcome.err)", file: file, line: line)
    }

    /// The way a workspace and its backups were once lost: `--out` naming a folder.
    func testAFolderIsNeverReplacedByADocumentWhateverTheFlags() throws {
        let target = folder + "/victim"
        try FileManager.default.createDirectory(atPath: target + "/backups", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: target + "/workspace.sqlite", contents: Data("db".utf8))
        for (what, format) in [("ranking", "html"), ("summary", "xlsx"), ("ranking", "json"), ("sheets", "xlsx")] {
            for force in [false, true] {
                assertRefused(exporting(what, format, to: target, force: force), saying: "is a folder")
            }
        }
        for force in [[], ["--force"]] {
            let sheet = CommandRunner.run(["sheet", "export", ws, "--expert", "E01", "--stage", "written", "--out", target] + force,
                                          environment: environment)
            assertRefused(sheet, saying: "is a folder")
        }
        XCTAssertEqual(files(target), ["backups", "workspace.sqlite"])
        XCTAssertEqual(FileManager.default.contents(atPath: target + "/workspace.sqlite"), Data("db".utf8))
        XCTAssertEqual(files(folder).filter { $0.contains("partial") }, [], "nothing left beside it")
    }

    /// The sheets go into the folder, made when missing; other files in it are left alone;
    /// an expert's file already there is replaced only with --force.
    func testSheetsAreWrittenIntoTheFolderLeavingOtherFilesAlone() throws {
        let target = folder + "/sheets-into"
        let experts = ["E01", "E02", "E03", "E04", "E05", "E06", "E07"].map { $0 + ".md" }
        export("sheets", "md", to: "sheets-into")
        XCTAssertEqual(files(target), experts, "made when missing")
        FileManager.default.createFile(atPath: target + "/notes.txt", contents: Data("mine".utf8))
        try FileManager.default.createDirectory(atPath: target + "/old", withIntermediateDirectories: false)
        FileManager.default.createFile(atPath: target + "/E01.md", contents: Data("edited".utf8))
        assertRefused(exporting("sheets", "md", to: target), saying: "--force")
        XCTAssertEqual(FileManager.default.contents(atPath: target + "/E01.md"), Data("edited".utf8), "nothing written when refused")
        export("sheets", "md", to: "sheets-into", force: true)
        XCTAssertNotEqual(FileManager.default.contents(atPath: target + "/E01.md"), Data("edited".utf8))
        XCTAssertEqual(files(target), (experts + ["notes.txt", "old"]).sorted(), "other files and folders are left alone")
        XCTAssertEqual(FileManager.default.contents(atPath: target + "/notes.txt"), Data("mine".utf8))
        // Into an existing folder holding none of the experts' files: no --force needed.
        try FileManager.default.createDirectory(atPath: folder + "/sheets-csv", withIntermediateDirectories: false)
        FileManager.default.createFile(atPath: folder + "/sheets-csv/keep.csv", contents: Data("x".utf8))
        export("sheets", "csv", to: "sheets-csv")
        XCTAssertEqual(files(folder + "/sheets-csv"), (experts.map { $0.replacingOccurrences(of: ".md", with: ".csv") } + ["keep.csv"]).sorted())
        // An expert's name taken by a folder is never replaced; a file where the folder goes is refused.
        try FileManager.default.removeItem(atPath: target + "/E02.md")
        try FileManager.default.createDirectory(atPath: target + "/E02.md/inside", withIntermediateDirectories: true)
        assertRefused(exporting("sheets", "md", to: target, force: true), saying: "is a folder")
        XCTAssertEqual(files(target + "/E02.md"), ["inside"])
        FileManager.default.createFile(atPath: folder + "/plain.txt", contents: Data("x".utf8))
        assertRefused(exporting("sheets", "html", to: folder + "/plain.txt", force: true), saying: "is a file")
    }

    func testAnExistingFileIsReplacedOnlyWithForceAndALinkNeverWrittenThrough() throws {
        let victim = folder + "/victim.txt"
        FileManager.default.createFile(atPath: victim, contents: Data("keep".utf8))
        let link = folder + "/ranking-link.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        assertRefused(exporting("ranking", "csv", to: link), saying: "--force")
        export("ranking", "csv", to: "ranking-link.csv", force: true)
        XCTAssertEqual(FileManager.default.contents(atPath: victim), Data("keep".utf8), "never written through the link")
        XCTAssertNil(try? FileManager.default.destinationOfSymbolicLink(atPath: link), "the link itself is replaced")
        // sheet export: an existing file needs --force too.
        let sheetFile = folder + "/E01-again.iipsheet"
        FileManager.default.createFile(atPath: sheetFile, contents: Data("old".utf8))
        let sheet = ["sheet", "export", ws, "--expert", "E01", "--stage", "written", "--out", sheetFile]
        assertRefused(CommandRunner.run(sheet, environment: environment), saying: "--force")
        XCTAssertEqual(FileManager.default.contents(atPath: sheetFile), Data("old".utf8))
        XCTAssertEqual(CommandRunner.run(sheet + ["--force"], environment: environment).code, 0)
        XCTAssertNoThrow(try SheetFile.read(Data(contentsOf: URL(fileURLWithPath: sheetFile))))
    }

    func testFailuresLeaveNothingBehind() throws {
        let missing = CommandRunner.run(["export", ws, "--what", "summary", "--format", "xlsx", "--out", folder + "/no/such/s.xlsx"])
        assertRefused(missing, saying: "no/such/s.xlsx")
        assertRefused(exporting("sheets", "md", to: folder + "/no/such/folder"), saying: "no/such/folder")
        XCTAssertEqual(files(folder).filter { $0.contains("partial") }, [])
    }
}

/// An XLSX file's XML parts, unzipped by Python's zipfile (no unzip tool needed).
struct XLSXParts {
    struct Cell {
        let column: String
        let type: String?
        let style: Int
        let value: String
    }

    let files: [String: String]
    let worksheetNames: [String]
    let worksheets: [XMLDocument]
    private let strings: [String]
    private let styles: XMLDocument

    init(_ path: String) throws {
        let script = """
        import json, sys, zipfile
        z = zipfile.ZipFile(sys.argv[1])
        print(json.dumps({n: z.read(n).decode('utf-8') for n in z.namelist() if n.endswith('.xml')}))
        """
        let outcome = CommandRunner.program(["python3", "-c", script, path])
        guard outcome.code == 0 else { throw XLSXFailure(message: "\(path): \(outcome.err)") }
        let files = try XCTUnwrap(CommandRunner.json(outcome.out) as? [String: String])
        self.files = files
        let workbook = try XMLDocument(xmlString: files["xl/workbook.xml"] ?? "")
        let names = XLSXParts.all("sheet", in: workbook).compactMap { XLSXParts.attribute("name", of: $0) }
        worksheetNames = names
        worksheets = try names.indices.map { try XMLDocument(xmlString: files["xl/worksheets/sheet\($0 + 1).xml"] ?? "") }
        let shared = try XMLDocument(xmlString: files["xl/sharedStrings.xml"] ?? "<sst/>")
        strings = XLSXParts.all("si", in: shared).map { $0.stringValue ?? "" }
        styles = try XMLDocument(xmlString: files["xl/styles.xml"] ?? "")
    }

    /// Each `name` element's attributes, plus its text as "text".
    func elements(_ name: String, in sheet: XMLDocument) -> [[String: String]] {
        XLSXParts.all(name, in: sheet).map { element in
            var attributes: [String: String] = ["text": element.stringValue ?? ""]
            for attribute in element.attributes ?? [] { attributes[attribute.name ?? ""] = attribute.stringValue ?? "" }
            return attributes
        }
    }

    func merges(_ sheet: XMLDocument) -> [String] {
        elements("mergeCell", in: sheet).compactMap { $0["ref"] }
    }

    /// The cells of the first row holding the text `text`.
    func row(containing text: String, in sheet: XMLDocument) -> [Cell]? {
        let rows = XLSXParts.all("row", in: sheet)
        for row in rows {
            let cells = XLSXParts.all("c", in: row).map { c -> Cell in
                let reference = XLSXParts.attribute("r", of: c) ?? ""
                let type = XLSXParts.attribute("t", of: c)
                let raw = XLSXParts.all("v", in: c).first?.stringValue ?? ""
                let value = type == "s" ? Int(raw).flatMap { strings.indices.contains($0) ? strings[$0] : nil } ?? "" : raw
                return Cell(column: String(reference.prefix { $0.isLetter }), type: type,
                            style: Int(XLSXParts.attribute("s", of: c) ?? "0") ?? 0, value: value)
            }
            if cells.contains(where: { $0.value == text }) { return cells }
        }
        return nil
    }

    /// An attribute's value by its name (FoundationXML's attribute(forName:) misses them
    /// under a default namespace).
    static func attribute(_ name: String, of element: XMLElement) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }

    /// Every element below `node` with the local name `name`, in document order.
    static func all(_ name: String, in node: XMLNode) -> [XMLElement] {
        (node.children ?? []).flatMap { child -> [XMLElement] in
            guard let element = child as? XMLElement else { return [] }
            let local = element.name.map { String($0.split(separator: ":").last ?? "") }
            return (local == name ? [element] : []) + all(name, in: element)
        }
    }

    /// The number format code of a cell style, built-in ones by their number.
    func numberFormat(style: Int) -> String? {
        let xfs = XLSXParts.all("cellXfs", in: styles).flatMap { XLSXParts.all("xf", in: $0) }
        guard xfs.indices.contains(style), let id = Int(XLSXParts.attribute("numFmtId", of: xfs[style]) ?? "") else { return nil }
        let builtIn = [0: "General", 1: "0", 2: "0.00"]
        if let code = builtIn[id] { return code }
        let custom = XLSXParts.all("numFmt", in: styles)
        return custom.first { XLSXParts.attribute("numFmtId", of: $0) == String(id) }.flatMap { XLSXParts.attribute("formatCode", of: $0) }
    }
}

struct XLSXFailure: Error {
    let message: String
}
