import Foundation
import TestSupport
import XCTest
import ZIPFoundation
@testable import IIPCore
@testable import IIPIntake

/// Issue 11, reviewed as an auditor: a filled 申报书 (GD2018-001, by our template writer)
/// changed the way applicants get forms wrong. Each mistake is left out and reported, never
/// taken as something else.
final class ApplicantMistakeTests: XCTestCase {
    static let samples = CommandRunner.repository + "/SampleDossiers"
    let loader = DossierLoader(catalog: try! Rubric.builtIn.get().catalog)

    /// GD2018-001's form with each `(old, new)` replaced in its document part (each `old` once).
    func form(_ edits: [(String, String)]) throws -> Data {
        let original = try XCTUnwrap(loader.load(path: Self.samples + "/GD2018-001.yaml").dossier)
        return try Self.edited(FormTemplate.filled(original), edits)
    }

    static func edited(_ docx: Data, _ edits: [(String, String)], file: StaticString = #filePath, line: UInt = #line) throws -> Data {
        let archive = try Archive(data: docx, accessMode: .read)
        var parts: [(String, Data)] = []
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            if entry.path == "word/document.xml" {
                var xml = String(decoding: data, as: UTF8.self)
                for (old, new) in edits {
                    XCTAssertEqual(xml.components(separatedBy: old).count, 2, "\(old) should occur once", file: file, line: line)
                    xml = xml.replacingOccurrences(of: old, with: new)
                }
                data = Data(xml.utf8)
            }
            parts.append((entry.path, data))
        }
        return try HostileDocx.package(parts)
    }

    func read(_ data: Data, evidence: String? = samples + "/evidence/GD2018-001") throws -> IntakeResult {
        try Intake.read(data, file: "GD2018-001.docx", id: "GD2018-001", evidenceFolder: evidence, relativeTo: Self.samples)
    }

    func value(_ text: String) -> String { "<w:t xml:space=\"preserve\">\(text)</w:t>" }

    /// A paragraph put just before the heading of 三, still in 二 (平台基本信息).
    func beforeIndicators(_ paragraph: String) -> (String, String) {
        let heading = "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">三、平台能力信息"
        return (heading, paragraph + heading)
    }

    func reasons(_ result: IntakeResult) -> [String: IntakeReport.Reason] {
        Dictionary(result.report.notUnderstood.map { ($0.field, $0.reason) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: - Numbers in another unit

    func testANumberInAnotherUnitThanItsRowsIsNotTaken() throws {
        let result = try read(form([(value("12.5"), value("12500MB/s")), (value("186500"), value("1865000000元")),
                                     (value("43.2%"), value("43.2％"))]))
        XCTAssertNil(result.dossier.indicators["basic.compute.realtime_gbps"])
        XCTAssertNil(result.dossier.applicant.finance.totalAssetsWan)
        XCTAssertEqual(result.dossier.applicant.finance.debtRatioPct, Decimal(string: "43.2"))
        XCTAssertEqual(Set(result.report.notUnderstood.map(\.field)), ["indicators.basic.compute.realtime_gbps", "applicant.finance.total_assets_wan"])
        XCTAssertFalse(result.report.complete)
    }

    func testAMeasureWordOfACountIsTheCountsWhicheverItIs() {
        XCTAssertEqual(try FormValues.number("862,400台", units: ["个"]).get(), 862_400)
        XCTAssertEqual(try FormValues.number("86.24万个", units: ["台"]).get(), 862_400)
        XCTAssertThrowsError(try FormValues.number("50%", units: ["个"]).get())
        XCTAssertThrowsError(try FormValues.number("12TB", units: ["GB/s"]).get())
        XCTAssertThrowsError(try FormValues.number("3元", units: ["万元"]).get())
        XCTAssertEqual(try FormValues.number("3万元", units: ["万元"], wan: true).get(), 3)
    }

    // MARK: - A field given twice

    func testAFieldGivenTwiceWithDifferentValuesIsNotTakenAndTheSameValueTwiceIs() throws {
        let twice = try read(form([beforeIndicators("<w:p><w:r><w:t>平台名称：另一个平台</w:t></w:r></w:p>")]))
        XCTAssertNil(twice.dossier.platform.name)
        XCTAssertEqual(reasons(twice)["platform.name"], .differentValues)
        XCTAssert(twice.report.notUnderstood.first { $0.field == "platform.name" }?.text.contains("另一个平台") == true)
        XCTAssertFalse(twice.report.read.contains("platform.name"))

        let same = try read(form([beforeIndicators("<w:p><w:r><w:t>平台名称：睿擎云工业互联网平台（RQ-Cloud）</w:t></w:r></w:p>")]))
        XCTAssertEqual(same.dossier.platform.name, "睿擎云工业互联网平台（RQ-Cloud）")
        XCTAssertEqual(same.report.notUnderstood, [])
    }

    // MARK: - Text Word does not show

    func testHiddenAndMovedAwayTextIsNotPartOfTheForm() throws {
        let result = try read(form([beforeIndicators(
            "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>平台名称：隐藏的名字</w:t></w:r></w:p>"
            + "<w:p><w:moveFrom w:id=\"9\" w:author=\"x\"><w:r><w:t>平台名称：移走的名字</w:t></w:r></w:moveFrom></w:p>"
            + "<w:p><w:del w:id=\"8\" w:author=\"x\"><w:r><w:t>平台名称：删去的名字</w:t></w:r></w:del></w:p>")]))
        XCTAssertEqual(result.dossier.platform.name, "睿擎云工业互联网平台（RQ-Cloud）")
        XCTAssertEqual(result.report.notUnderstood, [])
    }

    // MARK: - The main document part

    func testTheMainPartIsTheOneThePackageRelationshipsNameAndTwoAreRefused() throws {
        let body = { (text: String) in
            Data("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:body></w:document>".utf8)
        }
        let relationship = { (target: String) in
            "<Relationship Id='r\(target.count)' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument' Target='\(target)'/>"
        }
        let rels = { (targets: [String]) in
            Data(("<?xml version='1.0'?><Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
                  + targets.map(relationship).joined() + "</Relationships>").utf8)
        }
        let package = try HostileDocx.package([("_rels/.rels", rels(["/word/real.xml"])), ("word/document.xml", body("诱饵")),
                                               ("word/real.xml", body("真正的正文"))])
        XCTAssertEqual(try WordDocument.read(package, file: "x.docx").blocks, [.paragraph("真正的正文")])

        let two = try HostileDocx.package([("_rels/.rels", rels(["word/document.xml", "word/real.xml"])), ("word/document.xml", body("a")),
                                           ("word/real.xml", body("b"))])
        XCTAssertThrowsError(try WordDocument.read(two, file: "x.docx")) { error in
            XCTAssertEqual((error as? UnreadableDocument)?.reason, .twoMainParts)
        }
        let twice = try HostileDocx.package([("word/document.xml", body("a")), ("word/document.xml", body("b"))])
        XCTAssertThrowsError(try WordDocument.read(twice, file: "x.docx")) { error in
            XCTAssertEqual((error as? UnreadableDocument)?.reason, .twoMainParts)
        }
    }

    func testAWordDocumentWithoutAnyLabelOfTheFormIsNotAForm() throws {
        let letter = try HostileDocx.package([("word/document.xml", Data("""
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\
            <w:p><w:r><w:t>尊敬的评审专家：这是一封感谢信，不是申报书。</w:t></w:r></w:p></w:body></w:document>
            """.utf8))])
        XCTAssertThrowsError(try read(letter, evidence: nil)) { error in
            XCTAssertEqual((error as? UnreadableDocument)?.reason, .notAForm)
        }
        // The blank form is a form with everything missing, not "not a form".
        let blank = try Intake.read(FormTemplate.blank(), file: "b.docx", id: "B", evidenceFolder: nil, relativeTo: ".")
        XCTAssertFalse(blank.report.missing.isEmpty)
    }

    // MARK: - 联合单位 and check marks

    func testAPartnerWithValuesButNoNameIsReportedAndTheOthersKeepTheirPlaces() throws {
        let result = try read(form([(value("广州粤数大数据技术有限公司（签章）"), value("（签章）"))]))
        XCTAssertEqual(reasons(result)["partners[0].name"], .noName)
        XCTAssertEqual(result.dossier.partners.first?.name, "广州卫安工控信息安全技术有限公司")
        // What was read of the kept partners is named by their new places.
        XCTAssert(result.report.read.contains("partners[0].name"))
        XCTAssertFalse(result.report.read.contains { $0.hasPrefix("partners[\(result.dossier.partners.count)]") }, "\(result.report.read)")
    }

    func testTypedBoxesWithSpacesInsideAreMarks() {
        XCTAssertEqual(FormValues.options("[ x ]是 [  ]否").map(\.ticked), [true, false])
        XCTAssertEqual(FormValues.options("［√］公有云 ［ ］私有云").map { "\($0.ticked)\($0.text)" }, ["true公有云 ", "false私有云"])
    }

    // MARK: - The statistics tables

    func testAStatisticsRowNotReadExactlyIsLeftOutWholeNotWrittenAsZero() throws {
        // The 研发设计 row of 分领域统计表: 386 apps, data integrated (是).
        let row = "研发设计</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w=\"2766\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr><w:r><w:t xml:space=\"preserve\">"
        let result = try read(form([(row + "386<", row + "约386<")]))
        let partly = try read(form([(row + "386</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w=\"2766\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr><w:r><w:t xml:space=\"preserve\">是<",
                                     row + "386</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w=\"2766\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr><w:r><w:t xml:space=\"preserve\">部分<")]))
        XCTAssertFalse(partly.dossier.breakdowns.domains.contains { $0.name == "研发设计" })
        XCTAssertEqual(reasons(partly)["breakdowns.domains[研发设计].integrated"], .notExact)
        let domains = result.dossier.breakdowns.domains.map(\.name)
        XCTAssertFalse(domains.contains("研发设计"), "\(domains)")
        XCTAssertEqual(reasons(result)["breakdowns.domains[研发设计].apps"], .notExact)
    }

    func testASecondRowForTheSameNameAndARowWithoutANameAreReported() throws {
        let duplicate = try read(form([(value("汽车及零部件"), value("电子信息"))]))
        XCTAssertEqual(duplicate.dossier.breakdowns.industries.filter { $0.name == "电子信息" }.count, 1)
        XCTAssertEqual(reasons(duplicate)["breakdowns.industries[电子信息]"], .duplicateRow)
        XCTAssertEqual(duplicate.dossier.breakdowns.industries.first?.devices, 168_000, "the first row stands")

        let nameless = try read(form([(value("家电"), value(""))]))
        XCTAssertFalse(nameless.dossier.breakdowns.industries.contains { $0.name.isEmpty })
        XCTAssertEqual(reasons(nameless)["breakdowns.industries"], .noName)
    }

    // MARK: - 真实性承诺

    func testASealSaidMissingIsNotSignedAndAnImpossibleDateIsReported() throws {
        let unsealed = try read(form([("公章：2018 年 8 月 16 日", "公章：未盖章 2018 年 8 月 16 日")]))
        XCTAssertEqual(unsealed.dossier.attestation.signed, false)
        XCTAssertEqual(unsealed.report.derived.first { $0.field == "attestation.signed" }?.source, .saidUnsealed)

        let impossible = try read(form([("公章：2018 年 8 月 16 日", "公章：2018.13.45")]))
        XCTAssertEqual(impossible.dossier.attestation.signed, false)
        XCTAssertNil(impossible.dossier.attestation.date)
        XCTAssertEqual(impossible.report.notUnderstood.first { $0.field == "attestation.date" }?.text, "2018.13.45")
    }

    // MARK: - Evidence

    func testEvidenceIsOnlyFilesInTheFolderBesideTheForm() throws {
        let scratch = DossierFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let folder = scratch + "/GD2018-001"
        try FileManager.default.copyItem(atPath: Self.samples + "/evidence/GD2018-001", toPath: folder)
        try FileManager.default.createSymbolicLink(atPath: folder + "/passwd", withDestinationPath: "/etc/passwd")
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: false)
        let result = try Intake.read(form([(value("audit-report-2017.pdf"), value("../../etc/passwd")),
                                           (value("contracts.pdf"), value("C:\\申报材料\\contracts.pdf"))]),
                                     file: "GD2018-001.docx", id: "GD2018-001", evidenceFolder: folder, relativeTo: scratch)
        let files = result.dossier.evidence.compactMap(\.file)
        XCTAssert(files.allSatisfy { $0.hasPrefix("GD2018-001/") && !$0.contains("..") }, "\(files)")
        XCTAssert(files.contains("GD2018-001/contracts.pdf"))
        XCTAssertFalse(files.contains { $0.hasSuffix("passwd") || $0.hasSuffix("sub") }, "\(files)")
        XCTAssertEqual(result.report.notUnderstood.map(\.reason), [.notAFileName])

        // A form delivered without its files: each listed one is reported, and named where it belongs.
        let bare = try Intake.read(form([]), file: "GD2018-001.docx", id: "GD2018-001", evidenceFolder: scratch + "/missing", relativeTo: scratch)
        XCTAssertEqual(Set(bare.report.notUnderstood.map(\.reason)), [.fileNotDelivered])
        XCTAssert(bare.dossier.evidence.allSatisfy { $0.file?.hasPrefix("missing/") == true })

        // The folder itself a link elsewhere: nothing in it is taken.
        try FileManager.default.createSymbolicLink(atPath: scratch + "/linked", withDestinationPath: folder)
        let linked = try Intake.read(form([]), file: "GD2018-001.docx", id: "GD2018-001", evidenceFolder: scratch + "/linked", relativeTo: scratch)
        XCTAssert(linked.report.notUnderstood.contains { $0.reason == .notAFolder })
    }

    // MARK: - Values the format refuses

    func testAValueTheDossierFormatRefusesMakesTheReadIncomplete() throws {
        let result = try read(form([(value("12.5"), value("-12.5"))]))
        XCTAssertEqual(result.report.notUnderstood.map(\.field), ["indicators.basic.compute.realtime_gbps"])
        guard case .invalid? = result.report.notUnderstood.first?.reason else { return XCTFail("\(result.report.notUnderstood)") }
        XCTAssertEqual(result.report.notUnderstood.first?.text, "-12.5")
        XCTAssertFalse(result.report.complete)
    }
}
