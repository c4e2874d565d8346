import TestSupport
import XCTest
@testable import IIPCore

/// SPEC §3: typed loading, normalisation, and errors that name file, field and line.
final class DossierLoaderTests: XCTestCase {
    let loader = DossierLoader(catalog: try! Rubric.builtIn.get().catalog)

    func load(_ yaml: String) -> LoadedDossier {
        loader.load(data: Data(yaml.utf8), file: "test.yaml")
    }

    func codes(_ loaded: LoadedDossier) -> [String] { loaded.problems.map(\.code.rawValue) }

    func testLoadsTheFixtureIntoTypedValues() throws {
        let loaded = load(DossierFixture.yaml())
        XCTAssertEqual(loaded.problems, [])
        let d = try XCTUnwrap(loaded.dossier)
        XCTAssertEqual(d.id, "T-001")
        XCTAssertEqual(d.submitted, DayDate(year: 2018, month: 8, day: 20))
        XCTAssertEqual(d.recommender.city, "佛山")
        XCTAssertEqual(d.applicant.finance.salesWan, 38000, "\"38,000\" is normalised")
        XCTAssertEqual(d.applicant.finance.debtRatioPct, Decimal(string: "41.5"))
        XCTAssertEqual(d.indicators["basic.device.sensor_points"], .number(12000), "full-width digits are normalised")
        XCTAssertEqual(d.indicators["basic.arch.cloud"], .set(["public", "hybrid"]))
        XCTAssertEqual(d.indicators["basic.device.edge"], .bool(true))
        XCTAssertEqual(d.platform.type, .industry)
        XCTAssertEqual(d.partners.count, 2)
        XCTAssertEqual(d.partners[0].roles, [.iaasPaas, .iot])
        XCTAssertEqual(d.breakdowns.industries.count, 2)
        XCTAssertEqual(loaded.sha256?.count, 64)
    }

    func testMissingFieldIsNamedWithItsPath() {
        let yaml = DossierFixture.yaml().replacingOccurrences(of: "  nature: 民营企业\n", with: "")
        let loaded = load(yaml)
        XCTAssertEqual(codes(loaded), ["E-FIELD"])
        XCTAssertEqual(loaded.problems.first?.field, "applicant.nature")
        XCTAssertNotNil(loaded.problems.first?.line)
    }

    func testWrongTypeIsEFieldWithLine() {
        let yaml = DossierFixture.yaml().replacingOccurrences(of: "basic.users.registered: 52000", with: "basic.users.registered: 很多")
        let loaded = load(yaml)
        XCTAssertEqual(codes(loaded), ["E-FIELD"])
        XCTAssertEqual(loaded.problems.first?.field, "indicators.basic.users.registered")
        let expectedLine = yaml.components(separatedBy: "\n").firstIndex { $0.contains("很多") }! + 1
        XCTAssertEqual(loaded.problems.first?.line, expectedLine)
    }

    func testRangeProblems() {
        var yaml = DossierFixture.yaml().replacingOccurrences(of: "basic.users.active: 8600", with: "basic.users.active: -1")
        yaml = yaml.replacingOccurrences(of: "industry.coverage_pct: 3.1", with: "industry.coverage_pct: 130")
        yaml = yaml.replacingOccurrences(of: "[public, hybrid]", with: "[public, quantum]")
        yaml = yaml.replacingOccurrences(of: "sector: discrete", with: "sector: continuous")
        let loaded = load(yaml)
        XCTAssertEqual(Set(codes(loaded)), ["E-RANGE"])
        XCTAssertEqual(Set(loaded.problems.compactMap(\.field)),
                       ["indicators.basic.users.active", "indicators.industry.coverage_pct", "indicators.basic.arch.cloud", "platform.sector"])
    }

    func testDebtRatioIsAPercent() {
        let loaded = load(DossierFixture.yaml().replacingOccurrences(of: "debt_ratio_pct: 41.5", with: "debt_ratio_pct: 150"))
        XCTAssertEqual(loaded.problems.map(\.code), [.range])
        XCTAssertEqual(loaded.problems.first?.field, "applicant.finance.debt_ratio_pct")
    }

    func testAnUnreadableIndicatorIsNotAlsoReportedMissing() {
        let yaml = DossierFixture.yaml().replacingOccurrences(of: "basic.users.active: 8600", with: "basic.users.active: lots")
        let reports = ComplianceCheck.run([load(yaml)], catalog: loader.catalog, checkEvidence: false)
        XCTAssertEqual(reports[0].problems.map(\.code), [.field])
    }

    func testNegativeProfitIsALossNotAnError() {
        let loaded = load(DossierFixture.yaml().replacingOccurrences(of: "profit_wan: 4300", with: "profit_wan: -120"))
        XCTAssertEqual(loaded.problems, [])
        XCTAssertEqual(loaded.dossier?.applicant.finance.profitWan, -120)
    }

    func testUnknownIndicatorIsNamed() {
        let loaded = load(DossierFixture.yaml().replacingOccurrences(of: "indicators:\n", with: "indicators:\n  basic.device.teleport: 3\n"))
        XCTAssertEqual(loaded.problems.map(\.field), ["indicators.basic.device.teleport"])
    }

    func testBadDateIsNamed() {
        let loaded = load(DossierFixture.yaml(submitted: "2018-02-30"))
        XCTAssertEqual(loaded.problems.map(\.field), ["submitted"])
    }

    func testWrongFormatIsEParse() {
        let loaded = load(DossierFixture.yaml().replacingOccurrences(of: "iip-dossier/1", with: "iip-dossier/2"))
        XCTAssertEqual(codes(loaded), ["E-PARSE"])
        XCTAssertNil(loaded.dossier)
        XCTAssertEqual(codes(load("just a sentence")), ["E-PARSE"])
        XCTAssertEqual(codes(load("")), ["E-PARSE"])
    }

    func testBrokenYAMLNamesTheLine() {
        let loaded = load("format: iip-dossier/1\nid: [unclosed\nsubmitted: 2018-08-20\n")
        XCTAssertEqual(codes(loaded), ["E-PARSE"])
        XCTAssertNotNil(loaded.problems.first?.line)
    }

    func testDuplicateKeyIsEParse() {
        let loaded = load("format: iip-dossier/1\nid: A\nid: B\n")
        XCTAssertEqual(codes(loaded), ["E-PARSE"])
        XCTAssertTrue(loaded.problems[0].message.contains("id"))
    }

    func testInvalidUTF8IsEParseWithLine() {
        var data = Data("format: iip-dossier/1\nid: A\n".utf8)
        data.append(contentsOf: [0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xC3, 0x28, 0x0A])
        let loaded = loader.load(data: data, file: "bad.yaml")
        XCTAssertEqual(codes(loaded), ["E-PARSE"])
        XCTAssertEqual(loaded.problems.first?.line, 3)
    }

    func testByteOrderMarkIsAccepted() {
        let loaded = loader.load(data: Data(("\u{FEFF}" + DossierFixture.yaml()).utf8), file: "bom.yaml")
        XCTAssertEqual(loaded.problems, [])
    }

    func testDeepNestingIsRefusedBeforeParsing() {
        let flow = "format: iip-dossier/1\nid: " + String(repeating: "[", count: 200_000) + "\n"
        XCTAssertEqual(codes(load(flow)), ["E-PARSE"])
        let block = "format: iip-dossier/1\nid:\n" + String(repeating: "- ", count: 100_000) + "x\n"
        XCTAssertEqual(codes(load(block)), ["E-PARSE"])
    }

    func testAliasBombIsRefused() {
        var yaml = "format: iip-dossier/1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(refs)]\n"
        }
        yaml += "indicators:\n  basic.arch.cloud: *a9\n"
        let loaded = load(yaml)
        XCTAssertEqual(codes(loaded), ["E-PARSE"])
    }

    func testOversizedFileIsRefusedUnread() throws {
        let folder = DossierFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/big.yaml"
        FileManager.default.createFile(atPath: path, contents: Data(count: DossierLoader.maxFileBytes + 1))
        XCTAssertEqual(codes(loader.load(path: path)), ["E-PARSE"])
        XCTAssertEqual(codes(loader.load(path: folder + "/vanished.yaml")), ["E-PARSE"])
    }

    func testIaasProviderRequiredWhenLeased() {
        let loaded = load(DossierFixture.yaml().replacingOccurrences(of: "  iaas_provider: 测试云\n", with: ""))
        XCTAssertEqual(loaded.problems.map(\.field), ["platform.iaas_provider"])
    }
}
