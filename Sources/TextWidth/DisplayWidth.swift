import CWidth
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Terminal column widths as the C library's `wcwidth` reports them — the same table
/// ncurses uses — so what the buffer lays out is what the terminal shows.
public enum DisplayWidth {
    /// `wcwidth` answers for ASCII only in the C locale; make sure a UTF-8 character type
    /// is in force, keeping the user's own when it already is one.
    private static let localeReady: Bool = {
        let current = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? ""
        if !current.uppercased().contains("UTF-8") && !current.uppercased().contains("UTF8") {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        return true
    }()

    /// Columns of one grapheme cluster: its first scalar's width (combining marks add
    /// nothing); control and non-printing characters count 0.
    public static func of(_ character: Character) -> Int {
        _ = localeReady
        guard let first = character.unicodeScalars.first else { return 0 }
        if first.value < 0x20 || first.value == 0x7F { return 0 }
        let width = Int(iip_wcwidth(wchar_t(bitPattern: first.value)))
        if width < 0 { return 0 }
        // An emoji made wide by a variation selector.
        if width == 1, character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return width
    }

    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// `text` cut to at most `width` columns, ending with `…` when something was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// `text` padded with spaces (or cut) to exactly `width` columns; `right` aligns right.
    public static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let gap = String(repeating: " ", count: max(0, width - of(cut)))
        return right ? gap + cut : cut + gap
    }
}
