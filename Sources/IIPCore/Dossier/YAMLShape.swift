import Yams

/// Checks on YAML text before and after parsing: nesting depth, anchors and readable
/// parser errors.
enum YAMLShape {
    /// Why a text was refused, with the line where known.
    struct Refusal: Error {
        let message: String
        let line: Int?

        /// `line N: message`, or the message alone.
        var located: String { (line.map { "line \($0): " } ?? "") + message }
    }

    static let maxNesting = 64

    /// Parses `text` into a tree, refusing absurd nesting before the parser runs and
    /// anchors after it. What the text holds is the caller's to check.
    static func compose(_ text: String) -> Result<Node?, Refusal> {
        if let deep = firstLineNestedBeyond(maxNesting, in: text) {
            return .failure(Refusal(message: "nested more than \(maxNesting) levels deep", line: deep))
        }
        let root: Node?
        do {
            // No implicit typing: every value is read as text and checked by our own rules,
            // and resolving tags by pattern is most of a parse's time.
            root = try Yams.compose(yaml: text, .basic)
        } catch {
            let described = describe(error)
            return .failure(Refusal(message: "not valid YAML: \(described.message)", line: described.line))
        }
        if let root, hasMoreNodes(than: text.utf8.count + 1, root) {
            return .failure(Refusal(message: "the text expands through its aliases (*name) into more values than it has characters; aliases are not needed here", line: nil))
        }
        return .success(root)
    }

    /// The line where the text nests deeper than `limit`, or nil.
    ///
    /// The parser recurses once per level, so absurd nesting must be refused before it runs.
    /// Flow collections (`[` / `{`) are counted outside quotes and comments; block nesting
    /// needs at least one column of indentation (or a `- ` / `? ` indicator) per level, so a
    /// line whose leading run of those is wider than twice the limit is refused too. This is
    /// a quick heuristic (a stray quote in plain text can hide brackets from it); libyaml
    /// itself refuses nesting beyond 1,000 levels, which the parser's recursion survives.
    static func firstLineNestedBeyond(_ limit: Int, in text: String) -> Int? {
        var depth = 0
        var line = 1
        var quote: UInt8? = nil
        var inComment = false
        var atLineStart = true
        var prefixWidth = 0
        var previous: UInt8 = 0x0A
        for byte in text.utf8 {
            defer { previous = byte }
            if byte == 0x0A {
                line += 1
                inComment = false
                atLineStart = true
                prefixWidth = 0
                continue
            }
            if atLineStart {
                if byte == 0x20 || byte == 0x09 || byte == 0x2D || byte == 0x3F {  // space, tab, '-', '?'
                    prefixWidth += 1
                    if prefixWidth > 2 * limit { return line }
                } else {
                    atLineStart = false
                }
            }
            if inComment { continue }
            if let open = quote {
                if byte == open, !(open == 0x22 && previous == 0x5C) { quote = nil }
                continue
            }
            let startsScalar = [0x20, 0x09, 0x0A, 0x5B, 0x7B, 0x2C].contains(previous)
            switch byte {
            case 0x23 where startsScalar: inComment = true  // '#'
            case 0x22 where startsScalar, 0x27 where startsScalar: quote = byte
            case 0x5B, 0x7B:  // [ {
                depth += 1
                if depth > limit { return line }
            case 0x5D, 0x7D: depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    /// True when the tree has more than `budget` nodes; stops counting at the budget.
    ///
    /// Without aliases a tree cannot have more nodes than its text has bytes. Aliases can
    /// make a small file stand for an enormous tree (an "alias bomb"), so a tree larger than
    /// its text is refused — counted lazily, so the check itself stays as small as the text.
    static func hasMoreNodes(than budget: Int, _ node: Node) -> Bool {
        var left = budget
        func visit(_ node: Node) -> Bool {
            left -= 1
            if left < 0 { return true }
            switch node {
            case let .mapping(mapping):
                for (key, value) in mapping where visit(key) || visit(value) { return true }
            case let .sequence(sequence):
                for element in sequence where visit(element) { return true }
            case .scalar, .alias:
                break
            }
            return false
        }
        return visit(node)
    }

    /// One line of what went wrong and the line it went wrong on.
    static func describe(_ error: Error) -> (message: String, line: Int?) {
        guard let yaml = error as? YamlError else { return ("\(error)", nil) }
        switch yaml {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return (prefix + problem, mark.line)
        case let .reader(problem, _, _, _):
            return (problem, nil)
        case let .duplicatedKeysInMapping(duplicates, context):
            return ("the key \(duplicates.joined(separator: ", ")) appears twice in one mapping", context.mark.line)
        default:
            return ("\(yaml)", nil)
        }
    }
}
