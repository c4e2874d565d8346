import Foundation

/// An exact fraction, used for every score so that nothing is rounded until it is shown,
/// exported or compared (SPEC §6).
///
/// Numerator and denominator are 128-bit: points come in halves, weights in percent and
/// means over at most a few hundred sheets, so even the final score's denominator stays far
/// below the range, and every result is kept in lowest terms.
public struct Rational: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let numerator: Int128
    /// Always positive.
    public let denominator: Int128

    public static let zero = Rational(0)

    public init(_ value: Int) {
        numerator = Int128(value)
        denominator = 1
    }

    /// `numerator / denominator`, reduced; the denominator must not be zero.
    public init(_ numerator: Int128, _ denominator: Int128) {
        precondition(denominator != 0, "Rational with zero denominator")
        // Scores' numbers fit in 64 bits nearly always, where division is one instruction
        // (128-bit division is done in software).
        if let small = Int64(exactly: numerator), let smallDenominator = Int64(exactly: denominator),
           small != .min, smallDenominator != .min {
            var (x, y) = (small.magnitude, smallDenominator.magnitude)
            while y != 0 { (x, y) = (y, x % y) }
            let divisor = Int64(x == 0 ? 1 : x)
            let sign: Int64 = smallDenominator < 0 ? -1 : 1
            self.numerator = Int128(sign * (small / divisor))
            self.denominator = Int128(sign * (smallDenominator / divisor))
            return
        }
        let divisor = Rational.gcd(numerator.magnitude, denominator.magnitude)
        let sign: Int128 = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / Int128(divisor)
        self.denominator = sign * denominator / Int128(divisor)
    }

    /// Parses a plain decimal such as `7.5`, `-3` or `0.125` (no exponent, no separators).
    public init?(decimal text: String) {
        // Byte by byte: a national round reads hundreds of thousands of these.
        var bytes = text.utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        var whole: UInt64 = 0
        var wholeDigits = 0
        var fraction: UInt64 = 0
        var fractionDigits = 0
        var seenPoint = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = UInt64(byte - UInt8(ascii: "0"))
            if seenPoint {
                fractionDigits += 1
                guard fractionDigits <= 18 else { return nil }
                fraction = fraction * 10 + digit
            } else {
                wholeDigits += 1
                guard wholeDigits <= 18 else { return nil }
                whole = whole * 10 + digit
            }
        }
        guard wholeDigits > 0, !seenPoint || fractionDigits > 0 else { return nil }
        var scale: Int128 = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        let magnitude = Int128(whole) * scale + Int128(fraction)
        self.init(negative ? -magnitude : magnitude, scale)
    }

    /// The exact value of a Foundation `Decimal`.
    public init?(_ decimal: Decimal) {
        self.init(decimal: NSDecimalNumber(decimal: decimal).stringValue)
    }

    // MARK: - Arithmetic

    public static func + (a: Rational, b: Rational) -> Rational {
        let common = Int128(gcd(a.denominator.magnitude, b.denominator.magnitude))
        let left = a.numerator * (b.denominator / common)
        let right = b.numerator * (a.denominator / common)
        return Rational(left + right, a.denominator / common * b.denominator)
    }

    public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }

    public static prefix func - (a: Rational) -> Rational { Rational(-a.numerator, a.denominator) }

    public static func * (a: Rational, b: Rational) -> Rational {
        // Cross-reduce first so the products stay small.
        let g1 = Int128(gcd(a.numerator.magnitude, b.denominator.magnitude))
        let g2 = Int128(gcd(b.numerator.magnitude, a.denominator.magnitude))
        return Rational((a.numerator / g1) * (b.numerator / g2), (a.denominator / g2) * (b.denominator / g1))
    }

    /// Division; `b` must not be zero.
    public static func / (a: Rational, b: Rational) -> Rational {
        a * Rational(b.denominator, b.numerator)
    }

    public static func += (a: inout Rational, b: Rational) { a = a + b }

    public static func < (a: Rational, b: Rational) -> Bool {
        // Cross-multiplied (denominators are positive) when the products fit: rankings
        // compare thousands of scores, and a difference reduces a fraction.
        let (left, leftOverflow) = a.numerator.multipliedReportingOverflow(by: b.denominator)
        let (right, rightOverflow) = b.numerator.multipliedReportingOverflow(by: a.denominator)
        if !leftOverflow, !rightOverflow { return left < right }
        return (a - b).numerator < 0
    }

    public var magnitude: Rational { numerator < 0 ? -self : self }
    public var isInteger: Bool { denominator == 1 }

    /// The mean of `values`, or nil when there are none.
    public static func mean<C: Collection>(_ values: C) -> Rational? where C.Element == Rational {
        guard !values.isEmpty else { return nil }
        return values.reduce(.zero, +) / Rational(values.count)
    }

    /// True when `self` is a whole multiple of `step`.
    public func isMultiple(of step: Rational) -> Bool {
        (self / step).isInteger
    }

    // MARK: - Rounding and text

    /// Rounded to `places` decimals, half away from zero (SPEC §6).
    public func rounded(places: Int = 2) -> Rational {
        var scale: Int128 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = numerator.magnitude * UInt128(scale)
        let den = UInt128(denominator)
        var quotient = scaled / den
        if (scaled % den) * 2 >= den { quotient += 1 }
        let signed = numerator < 0 ? -Int128(quotient) : Int128(quotient)
        return Rational(signed, scale)
    }

    /// The value rounded half away from zero and written with exactly `places` decimals: `87.50`.
    public func fixed(places: Int = 2) -> String {
        let r = rounded(places: places)
        var scale: Int128 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = r.numerator * (scale / r.denominator)
        let sign = scaled < 0 ? "-" : ""
        let magnitude = scaled.magnitude
        let whole = magnitude / UInt128(scale)
        guard places > 0 else { return sign + String(whole) }
        let fraction = String(magnitude % UInt128(scale))
        return sign + String(whole) + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// The shortest exact decimal text when the value terminates within 12 places (`9`, `7.5`),
    /// otherwise the value rounded to 12 places.
    public var description: String {
        // Whole numbers and halves (nearly every score) without the general rounding.
        if denominator == 1 { return Rational.digits(numerator) }
        if denominator == 2, numerator.magnitude < UInt128(UInt64.max) {
            let whole = UInt64(numerator.magnitude / 2)
            return (numerator < 0 ? "-" : "") + String(whole) + ".5"
        }
        var text = fixed(places: 12)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// The exact value as `numerator/denominator`, how a workspace keeps a total.
    public var fraction: String {
        Rational.digits(numerator) + "/" + Rational.digits(denominator)
    }

    /// Reads `fraction`'s form back; nil for anything else.
    public init?(fraction text: String) {
        // A ranking reads 100,000 of these: cut at the slash without making an array.
        guard let slash = text.utf8.firstIndex(of: UInt8(ascii: "/")),
              let numerator = Rational.integer(text[..<slash]),
              let denominator = Rational.integer(text[text.utf8.index(after: slash)...]),
              denominator != 0 else { return nil }
        self.init(numerator, denominator)
    }

    private static func integer(_ text: Substring) -> Int128? {
        Int64(text).map { Int128($0) } ?? Int128(String(text))
    }

    /// In 64 bits where it fits: printing a 128-bit integer divides in software.
    private static func digits(_ value: Int128) -> String {
        Int64(exactly: value).map { String($0) } ?? String(value)
    }

    private static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        // Scores' numbers fit in 64 bits nearly always, where division is one instruction.
        if a <= UInt128(UInt64.max), b <= UInt128(UInt64.max) {
            var (x, y) = (UInt64(a), UInt64(b))
            while y != 0 { (x, y) = (y, x % y) }
            return x == 0 ? 1 : UInt128(x)
        }
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : x
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) {
        self.init(value)
    }
}
