import XCTest
@testable import IIPCore

/// SPEC §3: thousands separators and full-width digits are accepted and normalised.
final class NumberTextTests: XCTestCase {
    func testAcceptsWhatFormsContain() {
        XCTAssertEqual(NumberText.decimal("12000"), 12000)
        XCTAssertEqual(NumberText.decimal("12,000"), 12000)
        XCTAssertEqual(NumberText.decimal("1,234,567.5"), Decimal(string: "1234567.5"))
        XCTAssertEqual(NumberText.decimal("１２０００"), 12000)
        XCTAssertEqual(NumberText.decimal("１２，０００．５"), Decimal(string: "12000.5"))
        XCTAssertEqual(NumberText.decimal("41.5"), Decimal(string: "41.5"))
        XCTAssertEqual(NumberText.decimal("-3"), -3)
    }

    func testRefusesEverythingElse() {
        for text in ["", "abc", "12,00", "1,2345", ",123", "12.", ".5", "1.2.3", "12万", "1e5", "0x10", "12 000"] {
            XCTAssertNil(NumberText.decimal(text), text)
        }
    }
}
