import Foundation

/// Text from dossiers, panel files, score files and comments: written by applicants and
/// others, so it may hold characters that change how the text around them shows —
/// control characters (C0, DEL, C1: a terminal's escape sequences among them) and the
/// bidirectional controls that reorder a line so it reads other than it is stored
/// (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).
///
/// A name or short field holding one is refused when read (E-FIELD); long free text may keep
/// line breaks and tabs. Every text output neutralises what an older workspace may still hold.
public enum UntrustedText {
    /// Whether `text` may keep LF and TAB (free text such as a profile or a comment), or is
    /// one line (a name, an id, a contact).
    public enum Kind: Sendable {
        case line, multiline
    }

    /// The first character of `text` that text of this kind may not hold, or nil.
    public static func firstForbidden(in text: String, _ kind: Kind = .line) -> Unicode.Scalar? {
        text.unicodeScalars.first { isForbidden($0, kind) }
    }

    /// `text` with every character it may not hold replaced by U+FFFD (�), so a reader sees
    /// that something was there; as multiline text, CR LF and a lone CR become LF.
    public static func neutralised(_ text: String, _ kind: Kind = .line) -> String {
        guard firstForbidden(in: text, kind) != nil else { return text }
        let lines = kind == .multiline ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text
        return String(String.UnicodeScalarView(lines.unicodeScalars.map { isForbidden($0, kind) ? "\u{FFFD}" : $0 }))
    }

    /// Free text's line breaks as kept: CR LF and a lone CR become LF.
    public static func lineBreaksNormalised(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// What a forbidden character is, for a message: `U+202E (a bidirectional control)`.
    /// `U+202E (a bidirectional control)`, in both languages.
    public static func describe(_ scalar: Unicode.Scalar) -> Bilingual {
        let code = String(format: "U+%04X", scalar.value)
        return isBidirectional(scalar) ? Bilingual(code + " (a bidirectional control)", chinese: code + "（双向控制字符）")
            : Bilingual(code + " (a control character)", chinese: code + "（控制字符）")
    }

    static func isForbidden(_ scalar: Unicode.Scalar, _ kind: Kind) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return kind == .line
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return isBidirectional(scalar)
        }
    }

    static func isBidirectional(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }
}
