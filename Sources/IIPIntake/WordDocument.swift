import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A Word document's body as a form is read from it: paragraphs and tables, in order. Text
/// split across runs is whole again; check boxes of every kind are the marks ☑ and ☐;
/// headers, footers, deleted text and field codes are not part of it.
public struct WordDocument: Sendable, Equatable {
    public var blocks: [WordBlock]

    public init(blocks: [WordBlock]) {
        self.blocks = blocks
    }
}

public enum WordBlock: Sendable, Equatable {
    case paragraph(String)
    case table(WordTable)
}

public struct WordTable: Sendable, Equatable {
    public var rows: [[WordCell]]

    public init(rows: [[WordCell]]) {
        self.rows = rows
    }
}

public struct WordCell: Sendable, Equatable {
    /// How a cell takes part in a vertical merge.
    public enum VerticalMerge: Sendable, Equatable {
        case none, restart, `continue`
    }

    /// Its paragraphs, one line each; a nested table's rows follow as lines of tab-separated cells.
    public var text: String
    /// How many grid columns it spans (`w:gridSpan`).
    public var span: Int
    public var merge: VerticalMerge
    /// Tables inside the cell.
    public var tables: [WordTable]

    public init(text: String, span: Int = 1, merge: VerticalMerge = .none, tables: [WordTable] = []) {
        self.text = text
        self.span = span
        self.merge = merge
        self.tables = tables
    }
}

/// The marks check boxes become, whatever Word, WPS or LibreOffice made them with.
public enum CheckMark {
    public static let ticked: Character = "☑"
    public static let unticked: Character = "☐"
}

extension WordDocument {
    /// Reads the main document part of a .docx.
    public static func read(_ data: Data, file: String) throws -> WordDocument {
        let xml = try DocxPackage.documentXML(data, file: file)
        return try parse(xml: xml, file: file)
    }

    /// Whether XML declares a DTD or entities, which no part Word writes does (and which could
    /// expand without bound): such a part is never given to the parser.
    static func declaresEntities(_ xml: Data) -> Bool {
        xml.range(of: Data("<!DOCTYPE".utf8)) != nil || xml.range(of: Data("<!ENTITY".utf8)) != nil
    }

    /// Parses WordprocessingML. A DTD is refused before parsing: Word never writes one, and
    /// entities declared in it could expand without bound. The whole part is searched — a
    /// declaration may follow any length of comments — and `<!` cannot occur in text.
    static func parse(xml: Data, file: String) throws -> WordDocument {
        if declaresEntities(xml) { throw UnreadableDocument(file: file, reason: .declaresEntities) }
        let parser = XMLParser(data: xml)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let reader = WordprocessingReader()
        parser.delegate = reader
        guard parser.parse(), reader.failure == nil else {
            if reader.tooDeep { throw UnreadableDocument(file: file, reason: .tablesTooDeep(limit: WordprocessingReader.deepestTable)) }
            let detail = reader.failure ?? parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown"
            throw UnreadableDocument(file: file, reason: .damagedXML(line: parser.lineNumber, detail: detail))
        }
        return WordDocument(blocks: reader.body)
    }
}

/// The WordprocessingML reader: a SAX delegate that keeps a stack of what it is inside.
private final class WordprocessingReader: NSObject, XMLParserDelegate {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    static let markup = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    private(set) var body: [WordBlock] = []
    private(set) var failure: String?
    /// Tables nested deeper than any form's: the document is refused.
    private(set) var tooDeep = false
    /// A 申报书 nests a table in a cell (the partners' roles), rarely deeper.
    static let deepestTable = 5

    /// Where blocks go: the body, or a table cell being read.
    private final class CellBuilder {
        var lines: [String] = []
        var tables: [WordTable] = []
        var span = 1
        var merge = WordCell.VerticalMerge.none
    }

    private final class TableBuilder {
        var rows: [[WordCell]] = []
        var row: [WordCell]?
    }

    /// A content control: whether it is a check box, and its state.
    private final class ContentControl {
        var checkbox = false
        var checked = false
        var inContent = false
    }

    private var tables: [TableBuilder] = []
    private var cells: [CellBuilder] = []
    private var paragraphs: [String] = []
    private var controls: [ContentControl] = []
    private var inText = false
    private var runDepth = 0
    /// Inside `mc:Fallback`, which repeats what `mc:Choice` says for older readers.
    private var fallbackDepth = 0
    /// A legacy form field's check box, while its `w:fldChar` is open.
    private var formCheckbox: (default: Bool, checked: Bool?)?
    private var inFormCheckbox = false

    /// Inside `w:del` or `w:moveFrom`: text a tracked change removed (Word shows it struck
    /// through, or not at all); only what the document now says is read.
    private var removedDepth = 0
    /// A run whose properties hide it (`w:vanish`): not printed, not part of the form.
    private var hiddenRun = false
    private var inRunProperties = false

    private var suppressed: Bool {
        fallbackDepth > 0 || removedDepth > 0 || hiddenRun || controls.contains { $0.checkbox && $0.inContent }
    }

    private func append(_ text: String) {
        guard !paragraphs.isEmpty, !suppressed else { return }
        paragraphs[paragraphs.count - 1] += text
    }

    private func appendBlock(_ block: WordBlock) {
        if let cell = cells.last {
            switch block {
            case let .paragraph(text): cell.lines.append(text)
            case let .table(table):
                cell.tables.append(table)
                cell.lines += table.rows.map { $0.map(\.text).joined(separator: "\t") }
            }
        } else {
            body.append(block)
        }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes qualified: [String: String] = [:]) {
        // Attributes by their local names (w:val → val): prefixes differ between writers.
        var attributes: [String: String] = [:]
        for (key, value) in qualified { attributes[key.split(separator: ":").last.map(String.init) ?? key] = value }
        if namespaceURI == Self.markup, name == "Fallback" { fallbackDepth += 1; return }
        if namespaceURI == Self.w14 {
            switch name {
            case "checkbox": controls.last?.checkbox = true
            case "checked": controls.last?.checked = Self.on(attributes["val"])
            default: break
            }
            return
        }
        guard namespaceURI == Self.w else { return }
        switch name {
        case "p": paragraphs.append("")
        case "r":
            runDepth += 1
            hiddenRun = false
        case "rPr" where runDepth > 0: inRunProperties = true
        case "vanish" where inRunProperties: hiddenRun = Self.on(attributes["val"])
        case "del", "moveFrom": removedDepth += 1
        case "t": inText = true
        case "tab" where runDepth > 0: append("\t")
        case "br", "cr": if runDepth > 0 { append("\n") }
        case "noBreakHyphen": append("-")
        case "sym": append(Self.symbol(font: attributes["font"], code: attributes["char"]))
        case "tbl":
            // A cell's text carries its nested tables' rows: depth multiplies the text kept.
            guard tables.count < Self.deepestTable else {
                tooDeep = true
                parser.abortParsing()
                return
            }
            tables.append(TableBuilder())
        case "tr": tables.last?.row = []
        case "tc": cells.append(CellBuilder())
        case "gridSpan": cells.last?.span = max(1, Int(attributes["val"] ?? "1") ?? 1)
        case "vMerge": cells.last?.merge = attributes["val"] == "restart" ? .restart : .continue
        case "sdt": controls.append(ContentControl())
        case "sdtContent":
            if let control = controls.last {
                if control.checkbox, !suppressed { append(String(control.checked ? CheckMark.ticked : CheckMark.unticked)) }
                control.inContent = true
            }
        case "checkBox":
            if formCheckbox != nil {
                inFormCheckbox = true
                inFormCheckboxSeen = true
            }
        case "default" where inFormCheckbox: formCheckbox?.default = Self.on(attributes["val"])
        case "checked" where inFormCheckbox: formCheckbox?.checked = Self.on(attributes["val"])
        case "fldChar":
            if attributes["fldCharType"] == "begin" { formCheckbox = (false, nil) }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if namespaceURI == Self.markup, name == "Fallback" { fallbackDepth = max(0, fallbackDepth - 1); return }
        guard namespaceURI == Self.w else { return }
        switch name {
        case "p":
            guard let text = paragraphs.popLast() else { return }
            if fallbackDepth == 0 { appendBlock(.paragraph(text)) }
        case "r":
            runDepth = max(0, runDepth - 1)
            hiddenRun = false
        case "rPr": inRunProperties = false
        case "del", "moveFrom": removedDepth = max(0, removedDepth - 1)
        case "t": inText = false
        case "checkBox": inFormCheckbox = false
        case "fldChar":
            // Only a form field with a check box leaves a mark; other fields show their result.
            if let box = formCheckbox, inFormCheckboxSeen {
                append(String((box.checked ?? box.default) ? CheckMark.ticked : CheckMark.unticked))
            }
            formCheckbox = nil
            inFormCheckboxSeen = false
        case "sdt": _ = controls.popLast()
        case "sdtContent": controls.last?.inContent = false
        case "tc":
            guard let cell = cells.popLast() else { return }
            tables.last?.row?.append(WordCell(text: cell.lines.joined(separator: "\n"), span: cell.span, merge: cell.merge, tables: cell.tables))
        case "tr":
            if let table = tables.last, let row = table.row {
                table.rows.append(row)
                table.row = nil
            }
        case "tbl":
            guard let table = tables.popLast() else { return }
            if fallbackDepth == 0 { appendBlock(.table(WordTable(rows: table.rows))) }
        default: break
        }
    }

    /// Whether a check box's `w:checkBox` element was seen in the open field.
    private var inFormCheckboxSeen = false

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { append(string) }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        failure = failure ?? parseError.localizedDescription
    }

    /// `w:val` of an on/off property: absent, "1", "true" or "on" is on.
    private static func on(_ value: String?) -> Bool {
        guard let value else { return true }
        return ["1", "true", "on"].contains(value.lowercased())
    }

    /// A `w:sym` character: the check-box glyphs of the Wingdings fonts as marks, any other
    /// symbol as itself when it has a Unicode meaning of its own.
    private static func symbol(font: String?, code: String?) -> String {
        guard let code, var value = UInt32(code, radix: 16) else { return "" }
        if value >= 0xF000 { value -= 0xF000 }
        let font = (font ?? "").lowercased()
        if font.hasPrefix("wingdings 2") {
            switch value {
            case 0x52, 0x54, 0x51, 0x50: return String(CheckMark.ticked)   // boxed check or cross, check marks
            case 0xA3, 0x2A: return String(CheckMark.unticked)             // empty boxes
            default: return ""
            }
        }
        if font.hasPrefix("wingdings") {
            switch value {
            case 0xFE, 0xFD, 0xFC, 0xFB, 0x78: return String(CheckMark.ticked)   // boxed check, boxed cross, check, cross
            case 0xA8, 0x6F, 0x71, 0x72: return String(CheckMark.unticked)       // empty boxes
            default: return ""
            }
        }
        return Unicode.Scalar(value).map { String(Character($0)) } ?? ""
    }
}
