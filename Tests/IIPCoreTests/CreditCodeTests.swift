import XCTest
@testable import IIPCore

/// SPEC §5 E-CREDIT-CODE: GB 32100-2015 (18 characters) and GB 11714 (9 characters).
final class CreditCodeTests: XCTestCase {
    /// 91350100M000100Y4: Σ value×weight = 1640 = 31·52 + 28; 31 − 28 = 3 → check '3'.
    func testUnifiedCodeCheckCharacter() {
        XCTAssertEqual(CreditCode.verify("91350100M000100Y43"), .valid)
        XCTAssertEqual(CreditCode.verify("91350100M000100Y44"), .wrongCheck(expected: "3"))
        // 91440300708461136: Σ = 966 = 31·31 + 5; 31 − 5 = 26 → alphabet[26] = 'T'.
        XCTAssertEqual(CreditCode.verify("91440300708461136T"), .valid)
        XCTAssertEqual(CreditCode.verify("91440300708461136t"), .valid, "lower case is read as upper case")
        XCTAssertEqual(CreditCode.verify("914403007084611360"), .wrongCheck(expected: "T"))
    }

    /// When Σ mod 31 is 0 the check is '0', not alphabet[31].
    func testRemainderZeroGivesZero() {
        // Find a body whose sum is a multiple of 31 by varying the 17th character.
        let body = "9144060400000000"
        let weights = CreditCode.creditWeights
        let alphabet = CreditCode.alphabet
        let partial = body.enumerated().reduce(0) { $0 + alphabet.firstIndex(of: $1.element)! * weights[$1.offset] }
        let last = (0..<31).first { (partial + $0 * weights[16]) % 31 == 0 }!
        XCTAssertEqual(CreditCode.verify(body + String(alphabet[last]) + "0"), .valid)
    }

    func testUnifiedCodeRefusesForeignCharacters() {
        guard case .malformed = CreditCode.verify("91440300708461I36T") else { return XCTFail("I is not in the alphabet") }
        guard case .malformed = CreditCode.verify("9144") else { return XCTFail("too short") }
    }

    /// 12345678: 1·3+2·7+3·9+4·10+5·5+6·8+7·4+8·2 = 201 = 11·18 + 3; 11 − 3 = 8.
    /// D2143569: 13·3+2·7+1·9+4·10+3·5+5·8+6·4+9·2 = 199 = 11·18 + 1; 11 − 1 = 10 → X.
    func testOrganisationCode() {
        XCTAssertEqual(CreditCode.verify("12345678-8"), .valid)
        XCTAssertEqual(CreditCode.verify("123456788"), .valid)
        XCTAssertEqual(CreditCode.verify("12345678-9"), .wrongCheck(expected: "8"))
        XCTAssertEqual(CreditCode.verify("D2143569-X"), .valid)
        XCTAssertEqual(CreditCode.verify("D2143569-0"), .wrongCheck(expected: "X"))
        // 71092345: Σ = 178 = 11·16 + 2; 11 − 2 = 9.
        XCTAssertEqual(CreditCode.verify("71092345-9"), .valid)
    }

    func testProvinceCode() {
        XCTAssertEqual(CreditCode.provinceCode("91440300708461136T"), "44")
        XCTAssertEqual(CreditCode.provinceCode("91110108MA01ABCD1E"), "11")
        XCTAssertNil(CreditCode.provinceCode("12345678-8"))
    }
}
