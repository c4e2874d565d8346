import TestSupport
import XCTest
@testable import IIPCore

/// Every rule of SPEC §5, each named by its code.
final class ComplianceRuleTests: XCTestCase {
    let catalog = try! Rubric.builtIn.get().catalog

    func check(_ yamls: [String]) -> [ComplianceReport] {
        let loader = DossierLoader(catalog: catalog)
        let loaded = yamls.enumerated().map { loader.load(data: Data($0.element.utf8), file: "d\($0.offset).yaml") }
        return ComplianceCheck.run(loaded, catalog: catalog, checkEvidence: false)
    }

    func codes(_ yaml: String) -> [String] { check([yaml])[0].problems.map(\.code.rawValue) }

    func testFixtureIsClean() {
        for type in ["industry", "domain", "region", "cross"] {
            XCTAssertEqual(codes(DossierFixture.yaml(type: type)), [], type)
        }
    }

    func testECreditCode() {
        XCTAssertEqual(codes(DossierFixture.yaml(creditCode: "91440604MA4UH3D21J")), ["E-CREDIT-CODE"])
        let badPartner = DossierFixture.yaml().replacingOccurrences(of: "12345678-8", with: "12345678-9")
        let report = check([badPartner])[0]
        XCTAssertEqual(report.problems.map(\.field), ["partners[1].credit_code"])
    }

    func testENotGuangdongAndLegalPersonAndAttestation() {
        var yaml = DossierFixture.yaml().replacingOccurrences(of: "registered_in_guangdong: true", with: "registered_in_guangdong: false")
        XCTAssertEqual(codes(yaml), ["E-NOT-GD"])
        yaml = DossierFixture.yaml().replacingOccurrences(of: "independent_legal_person: true", with: "independent_legal_person: false")
        XCTAssertEqual(codes(yaml), ["E-NOT-LEGAL-PERSON"])
        yaml = DossierFixture.yaml().replacingOccurrences(of: "signed: true", with: "signed: false")
        XCTAssertEqual(codes(yaml), ["E-ATTESTATION"])
    }

    func testEFocus() {
        let noFocus = DossierFixture.yaml().replacingOccurrences(of: "  focus: 家电制造\n", with: "")
        XCTAssertEqual(codes(noFocus), ["E-FOCUS"])
        let crossWithout = DossierFixture.yaml(type: "cross").replacingOccurrences(of: "  focus: 家电制造\n", with: "")
        XCTAssertEqual(codes(crossWithout), [], "a cross platform needs no focus")
    }

    func testEAtLeastOne() {
        let both = DossierFixture.yaml()
            .replacingOccurrences(of: "  industry.enterprises: 310\n", with: "")
            .replacingOccurrences(of: "  industry.coverage_pct: 3.1\n", with: "")
        XCTAssertEqual(codes(both), ["E-AT-LEAST-ONE"])
        let one = DossierFixture.yaml().replacingOccurrences(of: "  industry.enterprises: 310\n", with: "")
        XCTAssertEqual(codes(one), [], "one of the pair is enough, and the other is not W-MISSING")
        let region = DossierFixture.yaml(type: "region")
            .replacingOccurrences(of: "  region.enterprises: 900\n", with: "")
            .replacingOccurrences(of: "  region.coverage_pct: 8.5\n", with: "")
        XCTAssertEqual(codes(region), ["E-AT-LEAST-ONE"])
    }

    func testEDupID() {
        let reports = check([DossierFixture.yaml(id: "A"), DossierFixture.yaml(id: "A", creditCode: DossierFixture.creditCodes[1])])
        XCTAssertEqual(reports.map { $0.problems.map(\.code.rawValue) }, [["E-DUP-ID"], ["E-DUP-ID"]])
    }

    /// One lead unit, one platform per direction: industry + region are both "specific".
    func testEDupLeadPerDirection() {
        let sameDirection = check([DossierFixture.yaml(id: "A", type: "industry"), DossierFixture.yaml(id: "B", type: "region")])
        XCTAssertEqual(sameDirection.map { $0.problems.map(\.code.rawValue) }, [["E-DUP-LEAD"], ["E-DUP-LEAD"]])
        let twoDirections = check([DossierFixture.yaml(id: "A", type: "industry"), DossierFixture.yaml(id: "B", type: "cross")])
        XCTAssertEqual(twoDirections.map { $0.problems.map(\.code.rawValue) }, [[], []])
    }

    func testEQuotaByCityClass() {
        func dossiers(_ count: Int, city: String) -> [String] {
            (0..<count).map { DossierFixture.yaml(id: "Q\($0)", type: $0 % 2 == 0 ? "industry" : "cross", creditCode: DossierFixture.creditCodes[$0 / 2], city: city) }
        }
        XCTAssertTrue(check(dossiers(5, city: "广州")).allSatisfy { $0.problems.isEmpty }, "广州 may recommend 5")
        XCTAssertTrue(check(dossiers(3, city: "江门")).allSatisfy { $0.problems.isEmpty }, "江门 (珠三角) may recommend 3")
        XCTAssertTrue(check(dossiers(4, city: "江门")).allSatisfy { $0.problems.map(\.code) == [.quota] })
        XCTAssertTrue(check(dossiers(2, city: "汕头")).allSatisfy { $0.problems.isEmpty })
        XCTAssertTrue(check(dossiers(3, city: "汕头")).allSatisfy { $0.problems.map(\.code) == [.quota] })
        XCTAssertTrue(check(dossiers(3, city: "汕头市")).allSatisfy { $0.problems.map(\.code) == [.quota] }, "汕头市 is 汕头")
    }

    /// A central unit reports directly: 1 platform per lead applicant, whoever else reports.
    func testEQuotaCentralPerLeadApplicant() {
        func central(_ id: String, _ type: String, _ code: String) -> String {
            DossierFixture.yaml(id: id, type: type, creditCode: code)
                .replacingOccurrences(of: "  kind: city\n  city: 佛山\n", with: "  kind: central\n")
        }
        let separate = check([central("A", "industry", DossierFixture.creditCodes[0]), central("B", "cross", DossierFixture.creditCodes[1])])
        XCTAssertEqual(separate.map { $0.problems.count }, [0, 0])
        let same = check([central("A", "industry", DossierFixture.creditCodes[0]), central("B", "cross", DossierFixture.creditCodes[0])])
        XCTAssertEqual(same.map { $0.problems.map(\.code.rawValue) }, [["E-QUOTA"], ["E-QUOTA"]])
    }

    func testUnknownCityIsERange() {
        XCTAssertEqual(codes(DossierFixture.yaml(city: "长沙")), ["E-RANGE"])
    }

    func testWLate() {
        XCTAssertEqual(codes(DossierFixture.yaml(submitted: "2018-08-22")), [])
        XCTAssertEqual(codes(DossierFixture.yaml(submitted: "2018-08-23")), ["W-LATE"])
    }

    func testWLengthCountsWithoutWhitespace() {
        let summary = String(repeating: "平台", count: 250)  // exactly 500 characters
        let atLimit = DossierFixture.yaml().replacingOccurrences(of: "summary: 面向家电制造的工业互联网平台。", with: "summary: \(summary)")
        XCTAssertEqual(codes(atLimit), [])
        let spaced = String(repeating: "平 台 ", count: 250)
        XCTAssertEqual(codes(DossierFixture.yaml().replacingOccurrences(of: "summary: 面向家电制造的工业互联网平台。", with: "summary: \(spaced)")), [])
        let over = DossierFixture.yaml().replacingOccurrences(of: "summary: 面向家电制造的工业互联网平台。", with: "summary: \(summary)台")
        XCTAssertEqual(check([over])[0].problems.map(\.field), ["platform.summary"])
    }

    func testWRegionCode() {
        XCTAssertEqual(codes(DossierFixture.yaml(creditCode: "91110108MA01ABCD1E")), ["W-REGION-CODE"])
        let notGD = DossierFixture.yaml(creditCode: "91110108MA01ABCD1E")
            .replacingOccurrences(of: "registered_in_guangdong: true", with: "registered_in_guangdong: false")
        XCTAssertEqual(codes(notGD), ["E-NOT-GD"], "no region warning when the applicant says it is not registered here")
    }

    func testWMissingWithSectorExceptions() {
        let noSensor = DossierFixture.yaml().replacingOccurrences(of: "  basic.device.sensor_points: \"１２０００\"\n", with: "")
        XCTAssertEqual(codes(noSensor), [], "a discrete platform need not give sensor points")
        XCTAssertEqual(codes(noSensor.replacingOccurrences(of: "sector: discrete", with: "sector: process")), ["W-MISSING"])
        let noConnected = DossierFixture.yaml(sector: "process").replacingOccurrences(of: "  basic.device.connected: 125000\n", with: "")
        XCTAssertEqual(codes(noConnected), [], "a process platform need not give connected devices")
        let noApps = DossierFixture.yaml().replacingOccurrences(of: "  industry.apps: 120\n", with: "")
        XCTAssertEqual(check([noApps])[0].problems.map(\.field), ["indicators.industry.apps"])
    }

    func testWClaimRecomputesFromBreakdowns() {
        let yaml = DossierFixture.yaml(type: "cross").replacingOccurrences(of: "cross.industries.apps: 1", with: "cross.industries.apps: 3")
        let report = check([yaml])[0]
        XCTAssertEqual(report.problems.map(\.code.rawValue), ["W-CLAIM"])
        XCTAssertEqual(report.problems.first?.field, "indicators.cross.industries.apps")
    }

    func testEffectiveCountThresholds() {
        var b = Breakdowns()
        b.industries = [
            .init(name: "a", devices: 10_000, sensorPoints: 0, coveragePct: 0, models: 50, apps: 49, enterprises: 49),
            .init(name: "b", devices: 9_999, sensorPoints: 10_000, coveragePct: 10, models: 49, apps: 50, enterprises: 0),
        ]
        XCTAssertEqual(EffectiveCounts.recompute(b, sector: .discrete)["cross.industries.devices"], 2, "b counts by coverage")
        XCTAssertEqual(EffectiveCounts.recompute(b, sector: .process)["cross.industries.devices"], 1, "a has no sensor points")
        XCTAssertEqual(EffectiveCounts.recompute(b, sector: .mixed)["cross.industries.devices"], 2)
        XCTAssertEqual(EffectiveCounts.recompute(b, sector: .discrete)["cross.industries.models"], 1)
        XCTAssertEqual(EffectiveCounts.recompute(b, sector: .discrete)["cross.industries.enterprises"], 1, "b by coverage only")
    }

    func testWEvidence() throws {
        let folder = DossierFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        FileManager.default.createFile(atPath: folder + "/here.pdf", contents: Data("x".utf8))
        let yaml = DossierFixture.yaml().replacingOccurrences(
            of: "evidence: []", with: "evidence:\n  - {title: 合同, file: here.pdf}\n  - {title: 审计, file: gone.pdf}")
        try yaml.write(toFile: folder + "/d.yaml", atomically: true, encoding: .utf8)
        let loaded = DossierLoader(catalog: catalog).load(path: folder + "/d.yaml")
        let report = ComplianceCheck.run([loaded], catalog: catalog)[0]
        XCTAssertEqual(report.problems.map(\.field), ["evidence[1].file"])
        XCTAssertEqual(report.problems.map(\.code.rawValue), ["W-EVIDENCE"])
    }

    func testUnparseableFileIsReportedWithoutID() {
        let reports = check(["::: not yaml :::\n  - ["])
        XCTAssertNil(reports[0].id)
        XCTAssertEqual(reports[0].problems.map(\.code.rawValue), ["E-PARSE"])
    }
}
