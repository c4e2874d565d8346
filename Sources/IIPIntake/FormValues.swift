import Foundation
import IIPCore

/// Values as applicants write them in the 申报书, read exactly or not at all: a value that
/// cannot be read exactly is left out and reported, never guessed.
enum FormValues {
    /// Text as written, without the form's placeholders (blanks to fill in, 签章/盖章 marks);
    /// nil when nothing is left.
    static func text(_ raw: String) -> String? {
        var text = raw
        // Most cells have no placeholder: the replacements run only where one may be.
        if text.contains(where: { $0 == "签" || $0 == "盖" || $0 == "限" || $0 == "_" }) {
            for placeholder in placeholders where text.contains(placeholder) { text = text.replacing(placeholder, with: "") }
            text.removeAll { $0 == "_" }
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(trimmed)
        let kept = lines.drop { $0.isEmpty }.reversed().drop { $0.isEmpty }.reversed()
        let result = kept.joined(separator: "\n")
        return result.isEmpty ? nil : result
    }

    /// Without white space at either end (Foundation's trimming, at a fraction of its cost).
    static func trimmed<Text: StringProtocol>(_ text: Text) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }), let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(text[first...last])
    }

    private static let placeholders = ["（签章）", "(签章)", "（盖章）", "(盖章)", "签章", "（限1000字）", "（限 500 字）", "（限500字）"]

    /// The units the form's labels name in brackets: （台）, （万元）, （GB/s）…
    static let units = ["万元", "GB/s", "MB/s", "TB", "台", "个", "名", "类", "次", "人", "家", "项", "%"]
    static let measureWords: Set<String> = ["台", "个", "名", "类", "次", "人", "家", "项", "套", "款", "种"]

    /// A number written plainly, with thousands separators, in full-width digits, with one of
    /// `units` after it (the row's own: 台 in a 台 row, never 元 in a 万元 row), or with 万
    /// (×10,000) for a count. `Failure` when it is not exact (约、余、多、左右, a range, another
    /// unit…).
    static func number(_ raw: String, units: Set<String>, percent: Bool = false, wan: Bool = false) -> Result<Decimal, NotExact> {
        var text = NumberText.halfWidth(raw).replacingOccurrences(of: "％", with: "%")
        text.removeAll(where: \.isWhitespace)
        // A measure word of a count (台, 个, 名…) does not change the number: any of them may
        // follow a count. A unit of size (万元, GB/s, TB, %) must be the row's own.
        let allowed = units.isDisjoint(with: measureWords) ? units : units.union(measureWords)
        if let unit = allowed.sorted(by: { $0.count > $1.count }).first(where: { text.hasSuffix($0) && text.count > $0.count }) {
            text.removeLast(unit.count)
        }
        var multiplier: Decimal = 1
        // 万 alone multiplies a count; in a 万元 field it is the field's own unit.
        if text.hasSuffix("万"), text.count > 1 {
            text.removeLast()
            if !wan { multiplier = 10000 }
        }
        guard let value = NumberText.decimal(text) else { return .failure(NotExact()) }
        if percent, value > 100 { return .failure(NotExact()) }
        return .success(value * multiplier)
    }

    struct NotExact: Error {}

    /// A date as people write it: 2018年8月17日, 2018-08-17, 2018.8.17, 2018/8/17.
    static func date(_ raw: String) -> DayDate? {
        let text = NumberText.halfWidth(raw).replacingOccurrences(of: " ", with: "")
        let numbers = text.split { !$0.isASCIIDigitCharacter }.compactMap { Int($0) }
        guard numbers.count == 3, numbers[0] >= 1900, numbers[0] <= 2100 else { return nil }
        let separated = text.contains("年") && text.contains("月") || text.contains("-") || text.contains(".") || text.contains("/")
        guard separated else { return nil }
        return DayDate(year: numbers[0], month: numbers[1], day: numbers[2])
    }

    /// The first thing written like a date within a text (a seal's 公章：2018年8月18日): its
    /// text, and the date when it is a real one (2018.13.45 is not). Nil when there is none.
    static func dateWithin(_ raw: String) -> (text: String, date: DayDate?)? {
        let text = NumberText.halfWidth(raw)
        guard let match = dateWritten.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let whole = Range(match.range, in: text) else { return nil }
        let part = { (index: Int) in Range(match.range(at: index), in: text).flatMap { Int(text[$0]) } }
        guard let y = part(1), let m = part(2), let d = part(3) else { return nil }
        return (String(text[whole]), DayDate(year: y, month: m, day: d))
    }

    private static let dateWritten = try! NSRegularExpression(
        pattern: #"(\d{4})\s*(?:年|-|\.|/)\s*(\d{1,2})\s*(?:月|-|\.|/)\s*(\d{1,2})"#)

    /// Whether a seal or signature place says it was not sealed or signed (未盖章, 未签字…).
    static func saysUnsealed(_ text: String) -> Bool {
        ["未盖", "未签", "未加盖", "没有盖", "没盖", "尚未盖", "无公章", "无印章", "无签字"].contains { text.contains($0) }
    }

    // MARK: - Check boxes

    /// Marks people type for a ticked and an empty box (Word's controls are ☑ and ☐ already);
    /// nothing else counts as either.
    private static let tickedMarks = ["[x]", "[X]", "[√]", "[✓]", "[✔]", "☑", "☒", "■", "√", "✓", "✔"]
    private static let emptyMarks = ["[ ]", "[]", "☐", "□"]
    /// The first character of every mark: a text without any has no check box.
    private static let markStarts = Set((tickedMarks + emptyMarks).compactMap(\.unicodeScalars.first))

    /// `[ x ]`, `［√］`, `[  ]` as the marks above: spaces inside a typed box mean nothing.
    private static func bracketMarksTightened(_ raw: String) -> String {
        let text = raw.replacingOccurrences(of: "［", with: "[").replacingOccurrences(of: "］", with: "]")
        let whole = NSRange(text.startIndex..., in: text)
        let ticked = typedTick.stringByReplacingMatches(in: text, range: whole, withTemplate: "[$1]")
        return typedEmpty.stringByReplacingMatches(in: ticked, range: NSRange(ticked.startIndex..., in: ticked), withTemplate: "[]")
    }

    private static let typedTick = try! NSRegularExpression(pattern: #"\[\s*([xX√✓✔])\s*\]"#)
    private static let typedEmpty = try! NSRegularExpression(pattern: #"\[\s+\]"#)

    /// One option of a check-box field as written: what follows (or precedes) its mark.
    struct Option: Equatable {
        let ticked: Bool
        let text: String
    }

    /// The options of a cell, split at their marks. Marks usually come before their option
    /// (☑ 是 ☐ 否); when the text starts with an option and ends with a mark, after it.
    static func options(_ raw: String) -> [Option] {
        guard raw.unicodeScalars.contains(where: markStarts.contains) || raw.contains("［") else { return [] }
        var text = raw.contains("[") || raw.contains("［") ? bracketMarksTightened(raw) : raw
        for mark in tickedMarks where text.contains(mark) { text = text.replacing(mark, with: "\u{1}") }
        for mark in emptyMarks where text.contains(mark) { text = text.replacing(mark, with: "\u{2}") }
        let marks = text.unicodeScalars.filter { $0 == "\u{1}" || $0 == "\u{2}" }
        guard !marks.isEmpty else { return [] }
        var options: [Option] = []
        let trimmed = Self.trimmed(text)
        // Text before the first mark is the field's own wording (基于以下云计算架构提供服务：☑公有云).
        let marksFirst = trimmed.unicodeScalars.first.map { $0 == "\u{1}" || $0 == "\u{2}" } ?? true
            || !(trimmed.unicodeScalars.last.map { $0 == "\u{1}" || $0 == "\u{2}" } ?? false)
        if marksFirst {
            var current: Bool?
            var buffer = ""
            for scalar in trimmed.unicodeScalars {
                if scalar == "\u{1}" || scalar == "\u{2}" {
                    if let current { options.append(Option(ticked: current, text: buffer)) }
                    current = scalar == "\u{1}"
                    buffer = ""
                } else {
                    buffer.unicodeScalars.append(scalar)
                }
            }
            if let current { options.append(Option(ticked: current, text: buffer)) }
        } else {
            var buffer = ""
            for scalar in trimmed.unicodeScalars {
                if scalar == "\u{1}" || scalar == "\u{2}" {
                    options.append(Option(ticked: scalar == "\u{1}", text: buffer))
                    buffer = ""
                } else {
                    buffer.unicodeScalars.append(scalar)
                }
            }
        }
        return options
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
