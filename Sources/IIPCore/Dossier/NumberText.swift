import Foundation

/// Reading numbers the way people write them in Chinese forms (SPEC §3): `12000`,
/// `"12,000"`, full-width `"１２，０００"`; nothing else.
public enum NumberText {
    /// Full-width digits and punctuation mapped to ASCII; other characters unchanged.
    public static func halfWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0xFF10...0xFF19, 0xFF0B, 0xFF0C, 0xFF0D, 0xFF0E:  // ０-９ ＋ ， － ．
                return Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
            case 0x3000: return " "
            default: return scalar
            }
        }))
    }

    /// The exact value of `text`, or nil when it is not a plain decimal number.
    /// Thousands separators must group three digits (`1,234,567`).
    public static func decimal(_ text: String) -> Decimal? {
        var body = halfWidth(text).trimmingCharacters(in: .whitespaces)
        var sign = ""
        if body.hasPrefix("-") || body.hasPrefix("+") {
            if body.hasPrefix("-") { sign = "-" }
            body.removeFirst()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty else { return nil }
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
        }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        if groups.count > 1 {
            guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let digits = groups.joined() + (parts.count == 2 ? "." + parts[1] : "")
        guard digits.count <= 30 else { return nil }
        return Decimal(string: sign + digits, locale: Locale(identifier: "en_US_POSIX"))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
