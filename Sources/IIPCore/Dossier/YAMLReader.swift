import Foundation
import Yams

/// Reads typed values out of a composed YAML tree, collecting a `Problem` for every field
/// that is missing or of the wrong kind instead of stopping at the first one.
/// Every read is shallow: a field, or the elements of one list, never a whole subtree.
struct YAMLReader {
    private(set) var problems: [Problem] = []
    /// Every field asked for, list positions written `[]` (`partners[].name`): what the
    /// loader accepts, which the formats reference must list.
    private(set) var fieldsRead: Set<String> = []
    /// The file comes from outside (a dossier, a panel file): a text field holding a control
    /// or bidirectional character is E-FIELD (see `UntrustedText`).
    let untrusted: Bool

    init(untrusted: Bool = false) {
        self.untrusted = untrusted
    }

    private mutating func asked(_ path: String) {
        fieldsRead.insert(path.replacingOccurrences(of: #"\[\d+\]"#, with: "[]", options: .regularExpression))
    }

    // MARK: - Structure

    /// The value under `key`, or nil when absent or null.
    mutating func child(_ node: Node?, _ key: String) -> Node? {
        guard case let .mapping(mapping)? = node, let value = mapping[key] else { return nil }
        return value.isNullValue ? nil : value
    }

    /// The mapping at `path`: nil (with a problem when required) if absent or not a mapping.
    mutating func mapping(_ node: Node?, _ path: String, parent: Node?, required: Bool) -> Node? {
        asked(path)
        guard let node else {
            if required { missing(path, parent: parent) }
            return nil
        }
        guard case .mapping = node else {
            wrongType(path, node, expected: "a mapping of fields")
            return nil
        }
        return node
    }

    /// The elements of the sequence at `path`; an absent sequence is empty.
    mutating func sequence(_ node: Node?, _ path: String, parent: Node?, required: Bool = false) -> [Node] {
        asked(path)
        guard let node else {
            if required { missing(path, parent: parent) }
            return []
        }
        guard case let .sequence(sequence) = node else {
            wrongType(path, node, expected: "a list")
            return []
        }
        return Array(sequence)
    }

    /// The key/value pairs of the mapping at `path`, in file order.
    mutating func pairs(_ node: Node?, _ path: String) -> [(key: String, value: Node)] {
        asked(path)
        guard case let .mapping(mapping)? = node else {
            if let node { wrongType(path, node, expected: "a mapping of fields") }
            return []
        }
        return mapping.compactMap { key, value in key.scalar.map { ($0.string, value) } }
    }

    // MARK: - Scalars

    /// The text at `key`, trimmed; a name or short field is one line, free text (`.multiline`)
    /// may keep line breaks and tabs.
    mutating func string(_ parent: Node?, _ key: String, _ path: String, required: Bool = true,
                         _ kind: UntrustedText.Kind = .line) -> String? {
        asked(path)
        guard let node = child(parent, key) else {
            if required { missing(path, parent: parent) }
            return nil
        }
        guard case let .scalar(scalar) = node else {
            wrongType(path, node, expected: "text")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty, required { missing(path, parent: parent) }
        checkCharacters(text, path, node, kind)
        return text.isEmpty ? nil : text
    }

    /// Reports text of an untrusted file that holds a character text of its kind may not.
    mutating func checkCharacters(_ text: String, _ path: String, _ node: Node, _ kind: UntrustedText.Kind) {
        guard untrusted, let scalar = UntrustedText.firstForbidden(in: text, kind) else { return }
        let allowed = kind == .line ? "a name or short field is one line of plain text" : "free text may hold line breaks and tabs, no other control"
        problems.append(Problem(.field, field: path, "\(path) contains \(UntrustedText.describe(scalar).english); \(allowed)",
                                line: node.mark?.line))
    }

    /// A number ≥ 0 (or any sign when `allowNegative`); `percent` adds the upper bound 100.
    mutating func number(_ parent: Node?, _ key: String, _ path: String, required: Bool = true,
                         percent: Bool = false, allowNegative: Bool = false) -> Decimal? {
        guard let node = child(parent, key) else {
            if required { missing(path, parent: parent) }
            return nil
        }
        return number(node, path, percent: percent, allowNegative: allowNegative)
    }

    mutating func number(_ node: Node, _ path: String, percent: Bool = false, allowNegative: Bool = false) -> Decimal? {
        asked(path)
        guard case let .scalar(scalar) = node, let value = NumberText.decimal(scalar.string) else {
            wrongType(path, node, expected: "a number")
            return nil
        }
        if value < 0, !allowNegative {
            problems.append(Problem(.range, field: path, "\(path) is \(value); it may not be negative", line: node.mark?.line))
        } else if percent, value > 100 {
            problems.append(Problem(.range, field: path, "\(path) is \(value)%; a percentage is at most 100", line: node.mark?.line))
        }
        return value
    }

    mutating func bool(_ parent: Node?, _ key: String, _ path: String, required: Bool = true) -> Bool? {
        guard let node = child(parent, key) else {
            if required { missing(path, parent: parent) }
            return nil
        }
        return bool(node, path)
    }

    mutating func bool(_ node: Node, _ path: String) -> Bool? {
        asked(path)
        if case let .scalar(scalar) = node {
            switch scalar.string.lowercased() {
            case "true", "yes", "是": return true
            case "false", "no", "否": return false
            default: break
            }
        }
        wrongType(path, node, expected: "true or false")
        return nil
    }

    mutating func date(_ parent: Node?, _ key: String, _ path: String, required: Bool = true) -> DayDate? {
        asked(path)
        guard let node = child(parent, key) else {
            if required { missing(path, parent: parent) }
            return nil
        }
        guard case let .scalar(scalar) = node,
              let date = DayDate(NumberText.halfWidth(scalar.string).trimmingCharacters(in: .whitespaces)) else {
            wrongType(path, node, expected: "a date written YYYY-MM-DD")
            return nil
        }
        return date
    }

    /// One of the values of `E`; an unknown value is E-RANGE.
    mutating func choice<E: RawRepresentable & CaseIterable>(_ parent: Node?, _ key: String, _ path: String,
                                                             required: Bool = true) -> E? where E.RawValue == String {
        guard let text = string(parent, key, path, required: required) else { return nil }
        guard let value = E(rawValue: text) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append(Problem(.range, field: path, "\(path) is '\(text)'; expected one of: \(allowed)",
                                    line: child(parent, key)?.mark?.line))
            return nil
        }
        return value
    }

    /// A list of texts (a set indicator or partner roles).
    mutating func strings(_ node: Node, _ path: String) -> [String]? {
        asked(path)
        guard case let .sequence(sequence) = node else {
            wrongType(path, node, expected: "a list")
            return nil
        }
        var values: [String] = []
        for element in sequence {
            guard case let .scalar(scalar) = element else {
                wrongType(path, element, expected: "a list of names")
                return nil
            }
            values.append(scalar.string)
        }
        return values
    }

    // MARK: - Problems

    mutating func report(_ problem: Problem) {
        problems.append(problem)
    }

    mutating func missing(_ path: String, parent: Node?) {
        problems.append(Problem(.field, field: path, "\(path) is missing", line: parent?.mark?.line))
    }

    mutating func wrongType(_ path: String, _ node: Node, expected: String) {
        problems.append(Problem(.field, field: path, "\(path) should be \(expected), found \(node.shortDescription)",
                                line: node.mark?.line))
    }
}

extension Node {
    /// `~`, `null` and an empty value all mean "not given".
    var isNullValue: Bool {
        guard case let .scalar(scalar) = self else { return false }
        return scalar.style == .plain && (scalar.string.isEmpty || null != nil)
    }

    /// A few words about the node for an error message.
    var shortDescription: String {
        switch self {
        case let .scalar(scalar):
            let text = scalar.string
            return "'" + (text.count > 30 ? String(text.prefix(30)) + "…" : text) + "'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
