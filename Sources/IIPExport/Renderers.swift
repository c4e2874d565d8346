import Foundation
import IIPCore

/// The text formats of SPEC §10.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, xlsx, html, md, json
}

public enum Renderer {
    /// CSV, UTF-8 with a byte-order mark so Excel and WPS read the Chinese; RFC 4180 quoting.
    /// Tables follow each other, each under a caption row.
    public static func csv(_ document: Document) -> String {
        csv(Booklet(name: "", documents: [document]))
    }

    /// The documents one after the other, a blank line between them.
    public static func csv(_ booklet: Booklet) -> String {
        let lines = booklet.documents.map(csvLines).joined(separator: ["", ""])
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func csvLines(_ document: Document) -> [String] {
        func line(_ texts: [String]) -> String { CSV.line(texts.map(SpreadsheetText.cell)) }
        var lines = [line([document.title])]
        if !document.subtitle.isEmpty { lines.append(line([document.subtitle])) }
        lines += document.header.map { line([$0]) }
        for table in document.tables {
            lines.append("")
            lines.append(line([table.caption]))
            lines.append(line(table.columns))
            lines += table.rows.map { line($0.map(\.text)) }
        }
        if !document.closing.isEmpty { lines.append("") }
        lines += document.closing.map { line([$0]) }
        return lines
    }

    public static func markdown(_ document: Document) -> String {
        markdown(Booklet(name: "", documents: [document]))
    }

    public static func markdown(_ booklet: Booklet) -> String {
        booklet.documents.map(markdownText).joined(separator: "\n---\n\n")
    }

    private static func markdownText(_ document: Document) -> String {
        let escape = MarkdownText.escape
        var out = "# \(escape(document.title))\n\n"
        if !document.subtitle.isEmpty { out += "\(escape(document.subtitle))\n\n" }
        for line in document.header { out += escape(line) + "  \n" }
        if !document.header.isEmpty { out += "\n" }
        for table in document.tables {
            out += "## \(escape(table.caption))\n\n"
            out += "| " + table.columns.map(escape).joined(separator: " | ") + " |\n"
            out += "|" + table.columns.indices.map { index in
                table.isNumberColumn(index) ? " ---: |" : " --- |"
            }.joined() + "\n"
            for (index, row) in table.rows.enumerated() {
                let cells = row.map { escape($0.text) }.map { table.emphasised.contains(index) && !$0.isEmpty ? "**\($0)**" : $0 }
                out += "| " + cells.joined(separator: " | ") + " |\n"
                if table.cutAfter == index + 1, index + 1 < table.rows.count {
                    out += "| " + ([("**— 入选线 —**")] + Array(repeating: "", count: max(0, table.columns.count - 1))).joined(separator: " | ") + " |\n"
                }
            }
            out += "\n"
        }
        for line in document.closing { out += escape(line) + "\n\n" }
        return out
    }

    /// One self-contained HTML file, printable on A4 with Chinese fonts; table headers repeat
    /// on each printed page.
    public static func html(_ document: Document) -> String {
        html(Booklet(name: "", documents: [document]))
    }

    /// The documents of a booklet in one file, each starting on a new printed page.
    public static func html(_ booklet: Booklet) -> String {
        let title = booklet.documents.first?.title ?? booklet.name
        // One page orientation per file: landscape when any document is wide.
        let landscape = booklet.documents.contains(where: \.landscape)
        var out = """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>\(HTML.escape(title))</title>
        <style>
        @page { size: A4 \(landscape ? "landscape" : "portrait"); margin: 15mm 12mm 18mm; }
        body { font-family: "SimSun", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 10.5pt; color: #000; }
        section + section { page-break-before: always; break-before: page; }
        h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }
        .subtitle { text-align: center; margin-bottom: 4mm; font-size: 12pt; }
        .header { margin-bottom: 4mm; line-height: 1.7; }
        h2 { font-size: 11.5pt; margin: 5mm 0 2mm; page-break-after: avoid; break-after: avoid; }
        table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
        thead { display: table-header-group; }
        tr { page-break-inside: avoid; break-inside: avoid; }
        th, td { border: 0.5pt solid #333; padding: 1.2mm 1.5mm; vertical-align: top; }
        th { background: #eee; font-weight: bold; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr.total td { font-weight: bold; background: #f6f6f6; }
        td.code { white-space: nowrap; }
        tr.cut td { border-top: 2.5pt double #000; }
        tbody.keep { page-break-inside: avoid; break-inside: avoid; }
        td.closing, td.closing:first-child { border: none; padding: 8mm 0 0; line-height: 2; }
        .hash { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; word-break: break-all; }
        </style></head><body>

        """
        // Tables with the same columns get the same widths, fitted to all their text, so an
        // expert's many sheet tables line up page after page.
        let tables = booklet.documents.flatMap(\.tables)
        var widths: [[String]: [Int]] = [:]
        for columns in Set(tables.map(\.columns)) { widths[columns] = ColumnWidths.fitting(tables.filter { $0.columns == columns }) }
        for document in booklet.documents { out += htmlSection(document, widths: widths) }
        return out + "</body></html>\n"
    }

    /// Numbers right-aligned; short Latin codes (编号, 手机) never broken across lines.
    private static func htmlClass(_ cell: Cell) -> String {
        if cell.isNumber { return " class=\"num\"" }
        let text = cell.text
        return !text.isEmpty && text.count <= 16 && text.unicodeScalars.allSatisfy(\.isASCII) ? " class=\"code\"" : ""
    }

    private static func closingLines(_ document: Document) -> String {
        document.closing.map { line in
            // Hashes and fingerprints in a monospace face, so they can be read out and compared.
            line.contains("SHA-256") || line.contains("指纹") ? "<span class=\"hash\">\(HTML.escape(line))</span>" : HTML.escape(line)
        }.joined(separator: "<br>")
    }

    private static func htmlSection(_ document: Document, widths: [[String]: [Int]]) -> String {
        var out = "<section>\n<h1>\(HTML.escape(document.title))</h1>\n"
        if !document.subtitle.isEmpty { out += "<div class=\"subtitle\">\(HTML.escape(document.subtitle))</div>\n" }
        if !document.header.isEmpty {
            out += "<div class=\"header\">" + document.header.map(HTML.escape).joined(separator: "<br>") + "</div>\n"
        }
        for table in document.tables {
            out += "<h2>\(HTML.escape(table.caption))</h2>\n<table>\n"
            if let columns = widths[table.columns] {
                let total = max(1, columns.reduce(0, +))
                out += "<colgroup>" + columns.map { "<col style=\"width: \(($0 * 1000 / total) / 10).\(($0 * 1000 / total) % 10)%\">" }.joined()
                    + "</colgroup>\n"
            }
            out += "<thead><tr>"
            out += table.columns.map { "<th>\(HTML.escape($0))</th>" }.joined()
            out += "</tr></thead>\n"
            let rows = table.rows.enumerated().map { index, row -> String in
                var classes: [String] = []
                if table.cutAfter.map({ $0 == index && index > 0 }) == true { classes.append("cut") }
                if table.emphasised.contains(index) { classes.append("total") }
                return (classes.isEmpty ? "<tr>" : "<tr class=\"\(classes.joined(separator: " "))\">") + row.map { cell in
                    "<td\(htmlClass(cell))>\(HTML.escape(cell.text))</td>"
                }.joined() + "</tr>\n"
            }
            guard table == document.tables.last, !document.closing.isEmpty else {
                out += "<tbody>\n" + rows.joined() + "</tbody></table>\n"
                continue
            }
            // The signature lines end the last table, kept on one page with its last rows:
            // a page holding nothing but a signature line would sign nothing.
            let kept = min(3, rows.count)
            out += "<tbody>\n" + rows.dropLast(kept).joined() + "</tbody>\n<tbody class=\"keep\">\n" + rows.suffix(kept).joined()
            out += "<tr><td class=\"closing\" colspan=\"\(table.columns.count)\">" + closingLines(document) + "</td></tr>\n</tbody></table>\n"
        }
        if document.tables.isEmpty, !document.closing.isEmpty {
            out += "<div class=\"closing\">" + closingLines(document) + "</div>\n"
        }
        return out + "</section>\n"
    }

    /// A document's tables as JSON objects keyed by column, scores as numbers.
    public static func json(_ document: Document) -> String {
        jsonValue(document).text(pretty: true) + "\n"
    }

    /// A booklet as `{"name": …, "documents": [document, …]}`.
    public static func json(_ booklet: Booklet) -> String {
        JSONValue.object([("name", .string(booklet.name)), ("documents", .array(booklet.documents.map(jsonValue)))])
            .text(pretty: true) + "\n"
    }

    private static func jsonValue(_ document: Document) -> JSONValue {
        JSONValue.object([
            ("title", .string(document.title)),
            ("subtitle", .string(document.subtitle)),
            ("header", .array(document.header.map { .string($0) })),
            ("tables", .array(document.tables.map { table in
                .object([("caption", .string(table.caption)), ("rows", .array(table.rows.map { row in
                    .object(zip(table.columns, row).map { column, cell in (column, jsonCell(cell)) })
                }))])
            })),
            ("closing", .array(document.closing.map { .string($0) })),
        ])
    }

    /// Numbers as exact decimals; a marked score as `{"score": 85.5, "dropped": true, "deviates": false}`.
    private static func jsonCell(_ cell: Cell) -> JSONValue {
        switch cell {
        case let .score(value): return .score(value)
        case let .int(value): return .int(value)
        case let .text(text): return .string(text)
        case let .marked(value, marks):
            return .object([("score", .score(value)), ("dropped", .bool(marks.contains(.dropped))),
                            ("deviates", .bool(marks.contains(.deviates)))])
        }
    }
}

enum HTML {
    /// Text as HTML shows it: markup characters as entities, untrusted characters neutralised.
    static func escape(_ text: String) -> String {
        UntrustedText.neutralised(text, .multiline)
            .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

enum MarkdownText {
    /// Text as Markdown shows it, on one line, never read as markup: HTML's characters as
    /// entities (so `<script>` is text), Markdown's own — table bars, emphasis, code, links,
    /// headings — behind a backslash; untrusted characters neutralised.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in UntrustedText.neutralised(text, .multiline).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n": out += " "
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~", "!":
                out += "\\"
                out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension Table {
    /// A column holding numbers, right-aligned.
    func isNumberColumn(_ index: Int) -> Bool {
        rows.contains { $0.indices.contains(index) && $0[index].isNumber }
    }
}
