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

    /// Units a row's number may carry after it.
    private static let units = ["万元", "GB/s", "MB/s", "TB", "台", "个", "名", "类", "次", "人", "家", "项", "元", "%", "％"]

    /// A number written plainly, with thousands separators, in full-width digits, with its
    /// row's unit after it, or with 万 (×10,000) for a count. `Failure` when it is not exact
    /// (约、余、多、左右, a range…).
    static func number(_ raw: String, percent: Bool = false, wan: Bool = false) -> Result<Decimal, NotExact> {
        var text = NumberText.halfWidth(raw).trimmingCharacters(in: .whitespacesAndNewlines)
        text = text.replacingOccurrences(of: " ", with: "")
        var changed = true
        while changed {
            changed = false
            for unit in units where text.hasSuffix(unit) && text.count > unit.count {
                text.removeLast(unit.count)
                changed = true
            }
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

    /// The first full date within a text (a seal's 公章：2018年8月18日), or nil.
    static func dateWithin(_ raw: String) -> DayDate? {
        let text = NumberText.halfWidth(raw)
        let pattern = #"(\d{4})\s*(?:年|-|\.|/)\s*(\d{1,2})\s*(?:月|-|\.|/)\s*(\d{1,2})"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let y = Range(match.range(at: 1), in: text).flatMap({ Int(text[$0]) }),
              let m = Range(match.range(at: 2), in: text).flatMap({ Int(text[$0]) }),
              let d = Range(match.range(at: 3), in: text).flatMap({ Int(text[$0]) }) else { return nil }
        return DayDate(year: y, month: m, day: d)
    }

    // MARK: - Check boxes

    /// Marks people type for a ticked and an empty box (Word's controls are ☑ and ☐ already);
    /// nothing else counts as either.
    private static let tickedMarks = ["[x]", "[X]", "[√]", "[✓]", "☑", "☒", "■", "√", "✓", "✔"]
    private static let emptyMarks = ["[ ]", "[]", "☐", "□"]
    /// The first character of every mark: a text without any has no check box.
    private static let markStarts = Set((tickedMarks + emptyMarks).compactMap(\.unicodeScalars.first))

    /// One option of a check-box field as written: what follows (or precedes) its mark.
    struct Option: Equatable {
        let ticked: Bool
        let text: String
    }

    /// The options of a cell, split at their marks. Marks usually come before their option
    /// (☑ 是 ☐ 否); when the text starts with an option and ends with a mark, after it.
    static func options(_ raw: String) -> [Option] {
        guard raw.unicodeScalars.contains(where: markStarts.contains) else { return [] }
        var text = raw
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
