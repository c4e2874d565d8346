import Foundation
import TestSupport
import XCTest
@testable import IIPIntake

/// Issue 11: a file that is not a readable 申报书 is refused with the reason, whatever it
/// claims about itself; nothing in it is expanded, inflated without bound or followed.
final class HostileFileTests: XCTestCase {
    func reason(_ data: Data) -> UnreadableDocument.Reason? {
        do {
            _ = try Intake.read(data, file: "x.docx", id: "X", evidenceFolder: nil, relativeTo: ".")
            return nil
        } catch let unreadable as UnreadableDocument {
            return unreadable.reason
        } catch {
            XCTFail("not a typed refusal: \(error)")
            return nil
        }
    }

    func testEachKindOfHostileFileIsRefusedForWhatItIs() throws {
        let files = Dictionary(uniqueKeysWithValues: try HostileDocx.all().map { ($0.name, $0.data) })
        XCTAssertEqual(reason(files["not-a-zip"]!), .notAPackage)
        XCTAssertEqual(reason(files["zip-bomb"]!), .unpacksTooLarge(limit: 32 << 20))
        let lying = reason(files["zip-bomb-lying-sizes"]!)
        XCTAssert(lying == .unpacksTooLarge(limit: 32 << 20) || lying == .damagedPart("word/document.xml"), "\(String(describing: lying))")
        XCTAssertEqual(reason(files["entity-expansion"]!), .declaresEntities)
        XCTAssertEqual(reason(files["entity-after-long-comment"]!), .declaresEntities)
        XCTAssertEqual(reason(files["fifty-megabytes"]!), .tooLarge(bytes: Int64(files["fifty-megabytes"]!.count), limit: 40 << 20))
        XCTAssertEqual(reason(files["no-document-part"]!), .noDocumentPart("word/document.xml"))
        guard case .damagedXML? = reason(files["damaged-xml"]!) else { return XCTFail("damaged XML not said") }
        XCTAssertEqual(reason(files["truncated-zip"]!), .damagedPackage)
        XCTAssertEqual(reason(files["tables-nested-deep"]!), .tablesTooDeep(limit: 5))
    }

    /// The refusal says what is wrong in both languages, naming the file.
    func testRefusalsAreSaidInBothLanguages() {
        let refusal = UnreadableDocument(file: "申报书.docx", reason: .declaresEntities)
        XCTAssert(refusal.description.hasPrefix("申报书.docx: "))
        XCTAssert(refusal.reason.message(chinese: true).contains("实体"))
        XCTAssert(refusal.reason.message(chinese: false).contains("entities"))
    }
}
