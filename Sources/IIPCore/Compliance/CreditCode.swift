/// Check characters of Chinese organisation identifiers.
///
/// - 统一社会信用代码, GB 32100-2015: 18 characters from a 31-character alphabet (no I, O,
///   S, V, Z); the 18th is 31 − (Σ value×weight mod 31) for the weights 3^(i−1) mod 31.
/// - 组织机构代码, GB 11714-1997: 8 body characters (digits, capital letters worth 10–35)
///   and a check 11 − (Σ value×weight mod 11) for the weights 3,7,9,10,5,8,4,2, where 10
///   is written X and 11 is written 0; often printed as `XXXXXXXX-X`.
public enum CreditCode {
    public enum Verdict: Equatable, Sendable {
        case valid
        /// Well formed, but the last character should be `expected`.
        case wrongCheck(expected: Character)
        /// Not a code of either standard.
        case malformed(String)
    }

    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    static let organisationWeights = [3, 7, 9, 10, 5, 8, 4, 2]

    /// Upper case, without spaces or the hyphen of an organisation code.
    public static func normalised(_ code: String) -> String {
        code.uppercased().filter { $0 != "-" && !$0.isWhitespace }
    }

    public static func verify(_ code: String) -> Verdict {
        let chars = Array(normalised(code))
        switch chars.count {
        case 18: return verifyCredit(chars)
        case 9: return verifyOrganisation(chars)
        default:
            return .malformed("has \(chars.count) characters; a 统一社会信用代码 has 18 and a 组织机构代码 9")
        }
    }

    /// Characters 3–4 of an 18-character code: the province part of the administrative
    /// division code (`44` is Guangdong); nil for other codes.
    public static func provinceCode(_ code: String) -> String? {
        let chars = Array(normalised(code))
        guard chars.count == 18 else { return nil }
        return String(chars[2...3])
    }

    private static func verifyCredit(_ chars: [Character]) -> Verdict {
        var sum = 0
        for (index, char) in chars.prefix(17).enumerated() {
            guard let value = alphabet.firstIndex(of: char) else {
                return .malformed("contains '\(char)', which a 统一社会信用代码 never uses")
            }
            sum += value * creditWeights[index]
        }
        guard alphabet.contains(chars[17]) else {
            return .malformed("contains '\(chars[17])', which a 统一社会信用代码 never uses")
        }
        let check = alphabet[(31 - sum % 31) % 31]
        return chars[17] == check ? .valid : .wrongCheck(expected: check)
    }

    private static func verifyOrganisation(_ chars: [Character]) -> Verdict {
        var sum = 0
        for (index, char) in chars.prefix(8).enumerated() {
            guard let value = organisationValue(char) else {
                return .malformed("contains '\(char)'; a 组织机构代码 uses digits and capital letters")
            }
            sum += value * organisationWeights[index]
        }
        let remainder = 11 - sum % 11
        let check: Character = remainder == 10 ? "X" : remainder == 11 ? "0" : Character(String(remainder))
        return chars[8] == check ? .valid : .wrongCheck(expected: check)
    }

    private static func organisationValue(_ char: Character) -> Int? {
        if let digit = char.wholeNumberValue, char.isASCII { return digit }
        guard char.isASCII, char.isUppercase, let ascii = char.asciiValue else { return nil }
        return Int(ascii) - 55  // A = 10 … Z = 35
    }
}
