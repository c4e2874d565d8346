import Foundation
import ZIPFoundation

/// A small WordprocessingML writer: paragraphs, headings, tables with merged cells and
/// Word check-box controls, on A4, in the fonts the 申报书's 填报说明 asks for (宋体 text,
/// 黑体 and 楷体 headings). The result is a .docx package that Word, WPS and LibreOffice open.
struct WordWriter {
    /// A piece of a paragraph: text, a line break, or a check box (a Word content control).
    enum Inline {
        case text(String)
        case bold(String)
        case checkbox(Bool)
    }

    struct Cell {
        var paragraphs: [[Inline]]
        var span = 1
        var merge = WordCell.VerticalMerge.none
        /// A label cell: shaded, bold.
        var label = false

        static func text(_ text: String, span: Int = 1, label: Bool = false) -> Cell {
            Cell(paragraphs: text.components(separatedBy: "\n").map { [.text($0)] }, span: span, label: label)
        }

        static func label(_ text: String, span: Int = 1, merge: WordCell.VerticalMerge = .none) -> Cell {
            Cell(paragraphs: [[.text(text)]], span: span, merge: merge, label: true)
        }
    }

    enum Alignment: String { case left, center, right }

    private(set) var body = ""

    // MARK: - Blocks

    mutating func paragraph(_ inlines: [Inline], style: String? = nil, alignment: Alignment? = nil, size: Int? = nil,
                            spaceBefore: Int = 0) {
        var properties = ""
        if let style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
        if spaceBefore > 0 { properties += "<w:spacing w:before=\"\(spaceBefore)\"/>" }
        if let alignment { properties += "<w:jc w:val=\"\(alignment.rawValue)\"/>" }
        body += "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>")
            + inlines.map { WordWriter.run($0, size: size) }.joined() + "</w:p>"
    }

    mutating func paragraph(_ text: String, style: String? = nil, alignment: Alignment? = nil, size: Int? = nil, spaceBefore: Int = 0) {
        paragraph([.text(text)], style: style, alignment: alignment, size: size, spaceBefore: spaceBefore)
    }

    /// Paragraphs of text, one per line.
    mutating func text(_ text: String) {
        for line in text.components(separatedBy: "\n") { paragraph(line) }
    }

    mutating func pageBreak() {
        body += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
    }

    /// A table over a grid of `widths` (twentieths of a point).
    mutating func table(widths: [Int], rows: [[Cell]]) {
        body += "<w:tbl><w:tblPr><w:tblStyle w:val=\"FormTable\"/><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/>"
            + "<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
            + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        for row in rows {
            body += "<w:tr>"
            var column = 0
            for cell in row {
                let width = widths[min(column, widths.count - 1)..<min(column + cell.span, widths.count)].reduce(0, +)
                column += cell.span
                var properties = "<w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
                if cell.span > 1 { properties += "<w:gridSpan w:val=\"\(cell.span)\"/>" }
                switch cell.merge {
                case .restart: properties += "<w:vMerge w:val=\"restart\"/>"
                case .continue: properties += "<w:vMerge/>"
                case .none: break
                }
                if cell.label { properties += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/><w:vAlign w:val=\"center\"/>" }
                body += "<w:tc><w:tcPr>\(properties)</w:tcPr>"
                let paragraphs = cell.merge == .continue ? [[]] : (cell.paragraphs.isEmpty ? [[]] : cell.paragraphs)
                for inlines in paragraphs {
                    body += "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr>"
                        + inlines.map { cell.label ? WordWriter.run(.bold(Self.plain($0)), size: nil) : WordWriter.run($0, size: nil) }.joined()
                        + "</w:p>"
                }
                body += "</w:tc>"
            }
            body += "</w:tr>"
        }
        body += "</w:tbl>"
        // Word wants a paragraph between two tables.
        body += "<w:p/>"
    }

    private static func plain(_ inline: Inline) -> String {
        switch inline {
        case let .text(text), let .bold(text): return text
        case .checkbox: return ""
        }
    }

    // MARK: - Runs

    private static func run(_ inline: Inline, size: Int?) -> String {
        let sizeProperty = size.map { "<w:sz w:val=\"\($0 * 2)\"/><w:szCs w:val=\"\($0 * 2)\"/>" } ?? ""
        switch inline {
        case let .text(text):
            return "<w:r>" + (sizeProperty.isEmpty ? "" : "<w:rPr>\(sizeProperty)</w:rPr>") + texts(text) + "</w:r>"
        case let .bold(text):
            guard !text.isEmpty else { return "" }
            return "<w:r><w:rPr><w:b/>\(sizeProperty)</w:rPr>" + texts(text) + "</w:r>"
        case let .checkbox(checked):
            // A Word check-box content control, showing ☒ or ☐ in a font that has them.
            return "<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"\(checked ? 1 : 0)\"/>"
                + "<w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/><w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/>"
                + "</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii=\"MS Gothic\" w:eastAsia=\"MS Gothic\" w:hAnsi=\"MS Gothic\" w:hint=\"eastAsia\"/></w:rPr>"
                + "<w:t>\(checked ? "☒" : "☐")</w:t></w:r></w:sdtContent></w:sdt>"
        }
    }

    /// Text with its tabs and line breaks as Word's own elements.
    private static func texts(_ text: String) -> String {
        text.components(separatedBy: "\n").map { line in
            line.components(separatedBy: "\t").map { "<w:t xml:space=\"preserve\">\(escape($0))</w:t>" }.joined(separator: "<w:tab/>")
        }.joined(separator: "<w:br/>")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // XML 1.0 cannot carry most control characters at all.
                if scalar.value < 0x20, scalar != "\t", scalar != "\n", scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: - The package

    /// The .docx package: the document, its styles and settings, and fixed metadata (the
    /// same input gives the same bytes).
    func package(title: String) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let date = Date(timeIntervalSince1970: 1_534_464_000)  // 2018-08-17, the notice's month
        for (path, text) in parts(title: title) {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    private func parts(title: String) -> [(String, String)] {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        let document = xml + "<w:document \(w) xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
            + "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" "
            + "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" mc:Ignorable=\"w14\"><w:body>"
            + body
            // A4, margins of 2.54 cm top and bottom, 3.17 cm at the sides (Word's own).
            + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1800\" w:bottom=\"1440\" w:left=\"1800\" "
            + "w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
        let font = { (name: String) in "<w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"\(name)\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\" w:hint=\"eastAsia\"/>" }
        let styles = xml + "<w:styles \(w)>"
            + "<w:docDefaults><w:rPrDefault><w:rPr>\(font("宋体"))<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault>"
            + "<w:pPrDefault><w:pPr><w:spacing w:line=\"520\" w:lineRule=\"exact\"/></w:pPr></w:pPrDefault></w:docDefaults>"
            + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
            // 一级标题 3 号黑体, 二级标题 3 号楷体 (the 填报说明).
            + "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"
            + "<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\" w:line=\"520\" w:lineRule=\"exact\"/><w:outlineLvl w:val=\"0\"/></w:pPr>"
            + "<w:rPr>\(font("黑体"))<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"
            + "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"
            + "<w:pPr><w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\" w:line=\"520\" w:lineRule=\"exact\"/><w:outlineLvl w:val=\"1\"/></w:pPr>"
            + "<w:rPr>\(font("楷体"))<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"
            + "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>"
            + "<w:pPr><w:jc w:val=\"center\"/><w:spacing w:before=\"2400\" w:after=\"1200\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
            + "<w:rPr>\(font("黑体"))<w:sz w:val=\"52\"/><w:szCs w:val=\"52\"/></w:rPr></w:style>"
            // Tables in 五号 (10.5 pt) at single spacing, so the forms fit the page.
            + "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>"
            + "<w:pPr><w:spacing w:before=\"20\" w:after=\"20\" w:line=\"300\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr></w:style>"
            + "<w:style w:type=\"table\" w:styleId=\"FormTable\"><w:name w:val=\"Form Table\"/><w:tblPr><w:tblBorders>"
            + ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>" }.joined()
            + "</w:tblBorders><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
            + "</w:styles>"
        let contentTypes = xml + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
            + "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
            + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
            + "</Types>"
        let rels = xml + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
            + "</Relationships>"
        let documentRels = xml + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
            + "</Relationships>"
        let core = xml + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>\(WordWriter.escape(title))</dc:title>"
            + "<dc:creator>iipeval</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">2018-08-01T00:00:00Z</dcterms:created>"
            + "</cp:coreProperties>"
        return [("[Content_Types].xml", contentTypes), ("_rels/.rels", rels), ("word/document.xml", document),
                ("word/_rels/document.xml.rels", documentRels), ("word/styles.xml", styles), ("docProps/core.xml", core)]
    }
}
