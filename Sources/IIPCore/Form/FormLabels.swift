import Foundation
import Yams

/// The 申报书's printed labels, as data (Resources/form-labels.yaml): each part's headings,
/// each field's label in the form's wording and the wordings applicants use, and the options
/// of each check box. Intake finds fields by these; the template prints the first of each.
public struct FormLabels: Sendable {
    /// A part of the form, by its id (`applicant`, `indicators`, `narrative.cases`, …).
    public struct Section: Sendable, Equatable {
        public let id: String
        public let headings: [String]
    }

    public let sections: [Section]
    /// Each part's fields: field id → its labels, the form's own first.
    public let fields: [String: [(field: String, labels: [String])]]
    /// Each check-box field's options: value → its labels, the form's own first.
    public let options: [String: [(value: String, labels: [String])]]

    /// The labels shipped with the program.
    public static let builtIn: FormLabels = {
        // The file is part of the program and is read by a test; a fault is a build fault.
        (try? parse(String(decoding: PackageResources.form_labels_yaml, as: UTF8.self))) ?? FormLabels(sections: [], fields: [:], options: [:])
    }()

    init(sections: [Section], fields: [String: [(field: String, labels: [String])]], options: [String: [(value: String, labels: [String])]]) {
        self.sections = sections
        self.fields = fields
        self.options = options
    }

    static func parse(_ text: String) throws -> FormLabels {
        guard let top = try Yams.compose(yaml: text), top.mapping != nil else { throw FormLabelsError("not a mapping") }
        var sections: [Section] = []
        for node in top["sections"]?.sequence ?? [] {
            guard let id = node["id"]?.string, let headings = node["headings"]?.sequence?.compactMap({ $0.string }) else {
                throw FormLabelsError("a section without id or headings")
            }
            sections.append(Section(id: id, headings: headings))
        }
        func pairs(_ node: Node?) throws -> [String: [(String, [String])]] {
            var result: [String: [(String, [String])]] = [:]
            for (key, value) in node?.mapping ?? [:] {
                guard let part = key.string else { continue }
                result[part] = try (value.mapping ?? [:]).map { field, labels in
                    guard let name = field.string, let list = labels.sequence?.compactMap({ $0.string }), !list.isEmpty else {
                        throw FormLabelsError("\(part): a field without labels")
                    }
                    return (name, list)
                }
            }
            return result
        }
        let fields = try pairs(top["fields"])
        let options = try pairs(top["options"])
        return FormLabels(sections: sections, fields: fields.mapValues { $0.map { (field: $0.0, labels: $0.1) } },
                          options: options.mapValues { $0.map { (value: $0.0, labels: $0.1) } })
    }

    struct FormLabelsError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = "form-labels.yaml: " + description }
    }

    /// The form's own label of `field` in `part` (what the template prints).
    public func label(_ field: String, in part: String) -> String {
        fields[part]?.first { $0.field == field }?.labels.first ?? field
    }

    /// The form's own wording of an option.
    public func optionLabel(_ value: String, of field: String) -> String {
        options[field]?.first { $0.value == value }?.labels.first ?? value
    }
}

extension FormLabels {
    /// A label or option as compared: full-width as half-width, no spaces, nothing in
    /// brackets (units, notes: nested ones too), no trailing `注…` note or colon, no blanks
    /// to fill in (`___`), ASCII letters in lower case.
    public static func normalised(_ text: String) -> String {
        // One pass over the scalars, without Foundation: intake compares every cell of a form.
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(min(text.utf8.count, 256))
        var depth = 0
        for scalar in text.unicodeScalars {
            var value = scalar.value
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            switch value {
            case 0x28, 0x5B, 0x3010, 0x3014: depth += 1   // ( [ 【 〔
            case 0x29, 0x5D, 0x3011, 0x3015: depth = max(0, depth - 1)
            default:
                guard depth == 0, value != 0x5F, !isBlank(value) else { continue }   // _ is a blank to fill in
                if (0x41...0x5A).contains(value) { value += 0x20 }
                out.append(Unicode.Scalar(value) ?? scalar)
            }
        }
        // A trailing note: 注：… or 注1：…
        for index in out.indices where out[index] == "注" {
            let next = out.index(after: index)
            if next < out.endIndex, out[next] == ":" || (out[next] == "1" && next + 1 < out.endIndex && out[next + 1] == ":") {
                out.removeSubrange(index...)
                break
            }
        }
        while let last = out.last, last == ":" || last == "," { out.removeLast() }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: out)
        return String(result)
    }

    /// White space of every kind Word writes, and the zero-width characters it leaves in labels.
    private static func isBlank(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200D, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }
}
