import Foundation
import TestSupport
import XCTest
@testable import IIPCore
@testable import IIPIntake

/// Issue 11: 申报书 files made the way applicants make them (python-docx, LibreOffice; see
/// Tests/Fixtures/intake/README.md), each read into the dossier it was made from.
final class FixtureTests: XCTestCase {
    static let folder = CommandRunner.repository + "/Tests/Fixtures/intake"
    let loader = DossierLoader(catalog: try! Rubric.builtIn.get().catalog)

    func read(_ id: String, file: String? = nil) throws -> IntakeResult {
        let name = file ?? id + ".docx"
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + name))
        return try Intake.read(data, file: name, id: id, evidenceFolder: Self.folder + "/" + id, relativeTo: Self.folder)
    }

    func expected(_ id: String) throws -> Dossier {
        try XCTUnwrap(loader.load(path: Self.folder + "/" + id + ".expected.yaml").dossier, id)
    }

    func check(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> IntakeResult {
        let result = try read(id)
        let want = try expected(id)
        let a = Mirror.fields(of: RoundTripTests.inFormOrder(result.dossier)), b = Mirror.fields(of: RoundTripTests.inFormOrder(want))
        for key in Set(a.keys).union(b.keys).sorted() where a[key] != b[key] {
            XCTFail("\(id): \(key): \(RoundTripTests.difference(a[key], b[key]))", file: file, line: line)
        }
        return result
    }

    func testTheOfficialLayoutWithItsNotesTyposAndMergedLabelColumns() throws {
        let result = try check("FX-001")
        XCTAssertEqual(result.report.notUnderstood, [])
        XCTAssertEqual(result.report.missing, [])
    }

    func testOneBigTableWithSpacedLabelsAndHalfWidthBrackets() throws {
        let result = try check("FX-002")
        XCTAssertEqual(result.report.notUnderstood, [])
    }

    func testOneTablePerPartSidewaysPeopleAndEveryTickAndNumberStyle() throws {
        let result = try check("FX-003")
        XCTAssertEqual(result.report.notUnderstood, [])
    }

    func testContentControlsLegacyCheckBoxesSplitRunsAndIgnoredHeaderFooter() throws {
        let result = try check("FX-004")
        XCTAssertEqual(result.report.notUnderstood, [])
    }

    func testLabelsOverTwoColumnsAndRolesInANestedTable() throws {
        let result = try check("FX-005")
        XCTAssertEqual(result.report.notUnderstood, [])
    }

    /// Nothing guessed: an inexact value and an empty one are left out and said.
    func testUnfilledDatesAndAnInexactValueAreLeftOutAndReported() throws {
        let result = try check("FX-006")
        XCTAssertEqual(result.report.notUnderstood.map(\.field), ["indicators.basic.device.manageable"])
        XCTAssertEqual(result.report.notUnderstood.first?.text, "约50余万台")
        XCTAssert(result.report.missing.contains("indicators.basic.devtools.monthly_calls"), "\(result.report.missing)")
        XCTAssert(result.report.missing.contains("submitted"), "\(result.report.missing)")
        XCTAssert(result.report.missing.contains("attestation.date"), "\(result.report.missing)")
    }

    func testAFormLibreOfficeMadeFromHTML() throws {
        let result = try check("FX-008")
        XCTAssertEqual(result.report.notUnderstood, [])
    }
}
