import XCTest
@testable import IIPCore

/// SPEC §6: exact arithmetic, rounded only when shown, half away from zero.
final class RationalTests: XCTestCase {
    func r(_ text: String) -> Rational { Rational(decimal: text)! }

    func testParsesDecimalsExactly() {
        XCTAssertEqual(r("7.5"), Rational(15, 2))
        XCTAssertEqual(r("-3"), Rational(-3))
        XCTAssertEqual(r("0.125"), Rational(1, 8))
        XCTAssertNil(Rational(decimal: "1e5"))
        XCTAssertNil(Rational(decimal: "7."))
        XCTAssertNil(Rational(decimal: "abc"))
        XCTAssertNil(Rational(decimal: ""))
    }

    func testRoundsHalfAwayFromZero() {
        XCTAssertEqual(r("80.005").fixed(), "80.01")
        XCTAssertEqual(r("80.015").fixed(), "80.02")
        XCTAssertEqual(r("80.025").fixed(), "80.03")
        XCTAssertEqual(r("-80.005").fixed(), "-80.01")
        XCTAssertEqual(r("80.0049999").fixed(), "80.00")
        XCTAssertEqual(r("87.5").fixed(), "87.50")
        XCTAssertEqual(Rational(2, 3).fixed(), "0.67")
        XCTAssertEqual(Rational(1, 3).fixed(), "0.33")
    }

    /// Weighted sums of thirds stay exact fractions: 0.4·241/3 + 0.25·212/3 is exactly
    /// (241·8 + 212·5)/60, and decimal sums like 0.1 + 0.2 are exactly 0.3.
    func testNoDriftWhereFloatingPointWould() {
        let a = Rational(241, 3)  // 80.333…
        let b = Rational(212, 3)  // 70.666…
        let sum = Rational(2, 5) * a + Rational(1, 4) * b
        XCTAssertEqual(sum, Rational(241 * 8 + 212 * 5, 60))
        XCTAssertEqual(r("0.1") + r("0.2"), r("0.3"))
        // 0.005 exactly, rounded up: binary floating point gives 0.00 here.
        XCTAssertEqual((r("1.015") - r("1.01")).fixed(), "0.01")
    }

    func testDescriptionIsShortestExactText() {
        XCTAssertEqual(Rational(9).description, "9")
        XCTAssertEqual(r("7.50").description, "7.5")
        XCTAssertEqual(r("0.125").description, "0.125")
    }

    func testMeanAndMultiples() {
        XCTAssertEqual(Rational.mean([Rational(1), Rational(2)]), Rational(3, 2))
        XCTAssertNil(Rational.mean([Rational]()))
        XCTAssertTrue(r("7.5").isMultiple(of: r("0.5")))
        XCTAssertFalse(r("7.25").isMultiple(of: r("0.5")))
    }

    func testOrderAndTextsHoldOutsideSixtyFourBits() {
        // Cross-multiplying these overflows 128 bits; the comparison falls back to the difference.
        let scale = Int128(10_000_000_000) * 10_000_000_000
        let a = Rational(scale / 10 + 1, scale), b = Rational(scale / 10 + 3, scale)
        XCTAssertTrue(a < b)
        XCTAssertFalse(b < a)
        XCTAssertFalse(a < a)
        XCTAssertTrue(r("-0.5") < r("0.25"))
        XCTAssertEqual([r("7.5"), r("-1"), r("7.25"), r("0")].sorted(), [r("-1"), r("0"), r("7.25"), r("7.5")])
        // Texts and fractions beyond 64 bits, and back.
        let big = Rational(scale * 3, 1)
        XCTAssertEqual(big.description, "300000000000000000000")
        XCTAssertEqual(Rational(fraction: a.fraction), a)
        XCTAssertEqual(Rational(fraction: "3/4"), r("0.75"))
        XCTAssertNil(Rational(fraction: "3/0"))
        XCTAssertNil(Rational(fraction: "0.75"))
        XCTAssertEqual(Rational(scale, 2 * scale), r("0.5"), "reduced in 128 bits too")
    }
}
