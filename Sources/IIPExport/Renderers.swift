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
        var lines = [CSV.line([document.title])]
        if !document.subtitle.isEmpty { lines.append(CSV.line([document.subtitle])) }
        for table in document.tables {
            lines.append("")
            lines.append(CSV.line([table.caption]))
            lines.append(CSV.line(table.columns))
            lines += table.rows.map { CSV.line($0.map(\.text)) }
        }
        lines += document.closing.map { CSV.line([$0]) }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    public static func markdown(_ document: Document) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        var out = "# \(document.title)\n\n"
        if !document.subtitle.isEmpty { out += "\(document.subtitle)\n\n" }
        for table in document.tables {
            out += "## \(table.caption)\n\n"
            out += "| " + table.columns.map(escape).joined(separator: " | ") + " |\n"
            out += "|" + table.columns.indices.map { index in
                table.rows.first.map { $0.indices.contains(index) && $0[index].isNumber } == true ? " ---: |" : " --- |"
            }.joined() + "\n"
            for (index, row) in table.rows.enumerated() {
                out += "| " + row.map { escape($0.text) }.joined(separator: " | ") + " |\n"
                if table.cutAfter == index + 1, index + 1 < table.rows.count {
                    out += "| " + ([("**— 入选线 —**")] + Array(repeating: "", count: max(0, table.columns.count - 1))).joined(separator: " | ") + " |\n"
                }
            }
            out += "\n"
        }
        for line in document.closing { out += line + "\n\n" }
        return out
    }

    /// One self-contained HTML file, printable on A4 with Chinese fonts; table headers repeat
    /// on each printed page.
    public static func html(_ document: Document) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var out = """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>\(escape(document.title))</title>
        <style>
        @page { size: A4 landscape; margin: 15mm 12mm; }
        body { font-family: "SimSun", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 10.5pt; color: #000; }
        h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }
        .subtitle { text-align: center; margin-bottom: 5mm; }
        h2 { font-size: 12pt; margin: 6mm 0 2mm; }
        table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
        thead { display: table-header-group; }
        tr { page-break-inside: avoid; }
        th, td { border: 0.5pt solid #333; padding: 1.2mm 1.5mm; vertical-align: top; }
        th { background: #eee; font-weight: bold; white-space: nowrap; }
        td:nth-child(2) { white-space: nowrap; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr.cut td { border-top: 2pt solid #000; }
        .closing { margin-top: 10mm; line-height: 2; }
        </style></head><body>
        <h1>\(escape(document.title))</h1>

        """
        if !document.subtitle.isEmpty { out += "<div class=\"subtitle\">\(escape(document.subtitle))</div>\n" }
        for table in document.tables {
            out += "<h2>\(escape(table.caption))</h2>\n<table>\n<thead><tr>"
            out += table.columns.map { "<th>\(escape($0))</th>" }.joined()
            out += "</tr></thead>\n<tbody>\n"
            for (index, row) in table.rows.enumerated() {
                let cut = table.cutAfter.map { $0 == index && index > 0 } == true ? " class=\"cut\"" : ""
                out += "<tr\(cut)>" + row.map { cell in
                    "<td\(cell.isNumber ? " class=\"num\"" : "")>\(escape(cell.text))</td>"
                }.joined() + "</tr>\n"
            }
            out += "</tbody></table>\n"
        }
        if !document.closing.isEmpty {
            out += "<div class=\"closing\">" + document.closing.map(escape).joined(separator: "<br>") + "</div>\n"
        }
        return out + "</body></html>\n"
    }

    /// A document's tables as JSON objects keyed by column, scores as numbers.
    public static func json(_ document: Document) -> String {
        JSONValue.object([
            ("title", .string(document.title)),
            ("subtitle", .string(document.subtitle)),
            ("tables", .array(document.tables.map { table in
                .object([("caption", .string(table.caption)), ("rows", .array(table.rows.map { row in
                    .object(zip(table.columns, row).map { column, cell in
                        switch cell {
                        case let .score(value): return (column, .score(value))
                        case let .int(value): return (column, .int(value))
                        case let .text(text): return (column, .string(text))
                        }
                    })
                }))])
            })),
            ("closing", .array(document.closing.map { .string($0) })),
        ]).text(pretty: true) + "\n"
    }
}
