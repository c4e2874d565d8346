/// Text in CSV that a spreadsheet opens. Excel and WPS read a cell that begins with `=`,
/// `+`, `-` or `@` as a formula (`=HYPERLINK(…)`, `+cmd|…`), and one that begins with TAB or
/// CR after trimming it; applicants write names and comments, so such a cell gets a leading
/// `'`, which a spreadsheet shows as text. A cell that is a plain number (`-3`, `87.50`)
/// stays a number.
///
/// A cell that already begins with `'` gets one more, so that `unescaped` takes back exactly
/// what `escaped` added: every text survives `scores export` and `scores import` unchanged.
public enum SpreadsheetText {
    /// `text` as a cell no spreadsheet takes for a formula.
    public static func escaped(_ text: String) -> String {
        guard let first = text.utf8.first, isMarked(first), !isPlainNumber(text) else { return text }
        return "'" + text
    }

    /// A cell of CSV written for people (a document, the ranking): untrusted text
    /// neutralised (`UntrustedText`), then escaped.
    public static func cell(_ text: String) -> String {
        escaped(UntrustedText.neutralised(text, .multiline))
    }

    /// `text` as it was before `escaped`: one leading `'` removed when a character that
    /// `escaped` marks follows it; any other text as it is.
    public static func unescaped(_ text: String) -> String {
        var bytes = text.utf8.makeIterator()
        guard bytes.next() == apostrophe, let second = bytes.next(), isMarked(second) else { return text }
        return String(text.dropFirst())
    }

    private static let apostrophe = UInt8(ascii: "'")

    /// The first bytes that make a cell a formula, or that `escaped` itself adds.
    private static func isMarked(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D, apostrophe: return true
        default: return false
        }
    }

    /// A sign, digits, and at most one point with digits after it: `-3`, `+2`, `87.50`.
    private static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(isDigit) }
    }
}
