import Foundation
import IIPCore
import Terminal

/// Text layout by display width.
enum Layout {
    /// `text` broken into lines of at most `width` columns: at spaces where there are
    /// some, anywhere between Chinese characters; explicit line breaks are kept.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.components(separatedBy: "\n") {
            var line = ""
            var used = 0
            for character in paragraph {
                let w = DisplayWidth.of(character)
                if used + w > width {
                    // Break at the last space when it is not too far back.
                    if let space = line.lastIndex(of: " "), line.distance(from: space, to: line.endIndex) < width / 3 {
                        let rest = String(line[line.index(after: space)...])
                        lines.append(String(line[..<space]))
                        line = rest
                        used = DisplayWidth.of(rest)
                    } else if Layout.closing.contains(character), let split = Layout.carriedDown(line) {
                        // Chinese line breaking (禁则): closing punctuation never starts a line;
                        // the character before it (and any punctuation after that) goes down with it.
                        lines.append(split.kept)
                        line = split.carried
                        used = DisplayWidth.of(split.carried)
                    } else {
                        lines.append(line)
                        line = ""
                        used = 0
                    }
                    // A space that fell at the break is the break; one after a word carried down stays.
                    if character == " ", line.isEmpty { continue }
                }
                line.append(character)
                used += w
            }
            lines.append(line)
        }
        return lines
    }

    /// Wrapped lines put back together: a space where the break was between two words (the
    /// wrap took it), none between Chinese characters.
    static func rejoined(_ lines: ArraySlice<String>) -> String {
        lines.reduce("") { text, line in
            guard let last = text.last, let first = line.first else { return text + line }
            return text + (last.isASCII && first.isASCII ? " " : "") + line
        }
    }

    /// Lines of a screen that scrolls as a whole, from `scroll` (no further than the last
    /// line allows), a column in from each side.
    static func draw(_ lines: [(String, Style)], scrolledBy scroll: Int, in area: Rect, _ buffer: inout Buffer) {
        let top = min(scroll, max(0, lines.count - area.height))
        for (offset, line) in lines.dropFirst(top).prefix(area.height).enumerated() {
            buffer.write(line.0, x: 1, y: area.y + offset, style: line.1, limit: area.width - 2)
        }
    }

    /// A full line split so that its last character and the closing punctuation after it go
    /// down to the next line; nil when nothing would be left (a line too narrow to keep the rule).
    static func carriedDown(_ line: String) -> (kept: String, carried: String)? {
        var kept = Substring(line)
        while let last = kept.last, closing.contains(last) { kept.removeLast() }
        guard !kept.isEmpty else { return nil }
        kept.removeLast()
        guard !kept.isEmpty else { return nil }
        return (String(kept), String(line[kept.endIndex...]))
    }

    /// Punctuation that may not begin a line (GB/T 15834 and common practice).
    static let closing: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "】", "〕", "”", "’",
                                          "…", ",", ".", ";", ":", "?", "!", ")", "%", "％"]

    /// A number with thousands separators: `1,234,567.5`.
    static func grouped(_ value: Decimal) -> String {
        let text = NSDecimalNumber(decimal: value).stringValue
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        var whole = String(parts.first ?? "0")
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(whole, at: 0)
        return (negative ? "-" : "") + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// Points as typed and saved: `9`, `7.5`.
    static func points(_ value: Rational?) -> String {
        value?.description ?? "—"
    }

    /// A bar of `width` cells, `done` of `total` filled.
    static func bar(done: Int, total: Int, width: Int) -> String {
        guard width > 0, total > 0 else { return "" }
        let filled = min(width, done * width / total)
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }
}
