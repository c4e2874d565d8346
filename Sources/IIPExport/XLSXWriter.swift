import CXlsxwriter
import Foundation
import IIPCore
import TextWidth

/// Workbooks through libxlsxwriter: one worksheet per booklet, with real number cells in
/// 2-decimal formats, bold headers, merged title rows, column widths fitted to Chinese
/// text and an A4 print setup (orientation, repeated header row, page numbers in the
/// footer).
public enum XLSXWriter {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes the workbook to `path` (which the caller renames into place).
    public static func write(_ booklets: [Booklet], to path: String, shownAs shown: String? = nil) throws {
        let name = shown ?? path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw Failure(description: "\(name): cannot be written (the folder is missing or read-only)")
        }
        guard let workbook = workbook_new(path) else { throw Failure(description: "\(name): cannot create the workbook") }
        let formats = Formats(workbook)
        var names: Set<String> = []
        for booklet in booklets.flatMap(worksheets) {
            let name = sheetName(booklet.name, taken: names)
            names.insert(name)
            guard let sheet = workbook_add_worksheet(workbook, name) else {
                _ = quietly { workbook_close(workbook) }
                throw Failure(description: "\(shown ?? path): cannot add the worksheet \(name)")
            }
            // A cell the library refuses would be missing from the document without a word.
            if let refused = SheetLayout(booklet: booklet, sheet: sheet, formats: formats).write() {
                _ = quietly { workbook_close(workbook) }
                throw Failure(description: "\(shown ?? path): cannot write the worksheet \(name) (\(String(cString: lxw_strerror(refused))))")
            }
        }
        for chart in booklets.flatMap(\.documents).flatMap(\.charts) {
            let name = sheetName(chart.title.split(whereSeparator: { "（(".contains($0) }).first.map(String.init) ?? chart.title, taken: names)
            names.insert(name)
            guard let sheet = workbook_add_worksheet(workbook, name) else {
                _ = quietly { workbook_close(workbook) }
                throw Failure(description: "\(shown ?? path): cannot add the worksheet \(name)")
            }
            if let refused = ChartLayout(chart: chart, sheetName: name, workbook: workbook, sheet: sheet, formats: formats).write() {
                _ = quietly { workbook_close(workbook) }
                throw Failure(description: "\(shown ?? path): cannot write the chart \(name) (\(String(cString: lxw_strerror(refused))))")
            }
        }
        let closed = quietly { workbook_close(workbook) }
        guard closed == LXW_NO_ERROR else {
            throw Failure(description: "\(name): cannot write the workbook (\(String(cString: lxw_strerror(closed))))")
        }
    }

    /// Runs `body` with standard error sent to /dev/null: libxlsxwriter prints its own
    /// "[ERROR] …" lines there, and the caller reports the failure once, in its words.
    private static func quietly<T>(_ body: () -> T) -> T {
        fflush(stderr)
        let saved = dup(2)
        let null = open("/dev/null", O_WRONLY)
        if saved >= 0, null >= 0 { dup2(null, 2) }
        defer {
            fflush(stderr)
            if saved >= 0 { dup2(saved, 2); close(saved) }
            if null >= 0 { close(null) }
        }
        return body()
    }

    /// The worksheets of a booklet: one, unless its tables have different columns (the
    /// summary's stage tables and its totals), when each table gets a worksheet of its own
    /// under the document's title, so every worksheet's columns fit their own content.
    static func worksheets(_ booklet: Booklet) -> [Booklet] {
        let tables = booklet.documents.flatMap(\.tables)
        guard booklet.documents.count == 1, let document = booklet.documents.first,
              Set(tables.map(\.columns)).count > 1 else { return [booklet] }
        return document.tables.map { table in
            var part = document
            part.tables = [table]
            let name = table.caption.split(whereSeparator: { "（(".contains($0) }).first.map(String.init) ?? table.caption
            return Booklet(name: name, documents: [part])
        }
    }

    /// The most characters Excel keeps in a cell.
    static let cellLimit = 32_767

    /// A cell's text as a workbook can hold it: untrusted characters neutralised, and a
    /// text longer than a cell can hold cut with a note that says so and where the whole
    /// text is — libxlsxwriter would otherwise leave the cell empty. Counted in UTF-16
    /// units, as Excel counts, never splitting a character.
    static func cellText(_ text: String) -> String {
        let text = UntrustedText.neutralised(text, .multiline)
        guard text.utf16.count > cellLimit else { return text }
        let marker = "…（已截断，全文共 \(text.count) 字，见 CSV/HTML 版）"
        var room = cellLimit - marker.utf16.count
        var end = text.startIndex
        for character in text {
            room -= character.utf16.count
            if room < 0 { break }
            end = text.index(after: end)
        }
        return String(text[..<end]) + marker
    }

    /// A worksheet name Excel accepts: at most 31 characters, none of []:*?/\, unique.
    static func sheetName(_ wanted: String, taken: Set<String>) -> String {
        let forbidden = Set("[]:*?/\\")
        let clean = String(wanted.filter { !forbidden.contains($0) }.prefix(31))
        let base = clean.isEmpty ? "Sheet" : clean
        var name = base
        var number = 2
        while taken.contains(name) {
            name = String(base.prefix(27)) + " (\(number))"
            number += 1
        }
        return name
    }
}

/// The formats a workbook uses, made once per combination.
private final class Formats {
    struct Key: Hashable {
        enum Kind: Hashable { case title, subtitle, line, caption, columnHeader, text, integer, number(ScoreMarks) }
        let kind: Kind
        var bold = false
        var cutAbove = false
    }

    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private var made: [Key: UnsafeMutablePointer<lxw_format>] = [:]

    init(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
        self.workbook = workbook
    }

    func format(_ key: Key) -> UnsafeMutablePointer<lxw_format> {
        if let format = made[key] { return format }
        let format = workbook_add_format(workbook)!
        format_set_font_name(format, "宋体")
        format_set_font_size(format, 10.5)
        format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        switch key.kind {
        case .title:
            format_set_font_size(format, 16)
            format_set_bold(format)
            format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .subtitle:
            format_set_font_size(format, 12)
            format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
            format_set_text_wrap(format)
        case .line:
            format_set_text_wrap(format)
        case .caption:
            format_set_bold(format)
            format_set_font_size(format, 11.5)
        case .columnHeader:
            format_set_bold(format)
            format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_bg_color(format, 0xEEEEEE)
            format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
            format_set_text_wrap(format)
        case .text:
            format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_text_wrap(format)
        case .integer:
            format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_num_format(format, "0")
        case let .number(marks):
            format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_num_format(format, Formats.numberFormat(marks))
        }
        if key.bold { format_set_bold(format) }
        if key.cutAbove { format_set_top(format, UInt8(LXW_BORDER_THICK.rawValue)) }
        made[key] = format
        return format
    }

    /// 2 decimals; a dropped score in parentheses and a deviating one starred, as in the
    /// other formats, while the cell stays a number.
    static func numberFormat(_ marks: ScoreMarks) -> String {
        let star = marks.contains(.deviates) ? "\"*\"" : ""
        return marks.contains(.dropped) ? "\"(\"0.00\")\"\(star)" : "0.00\(star)"
    }
}

/// Lays one booklet out on one worksheet, top to bottom.
private struct SheetLayout {
    let booklet: Booklet
    let sheet: UnsafeMutablePointer<lxw_worksheet>
    let formats: Formats

    /// Excel's tallest row, in points: a long comment's row stops there (its text scrolls in the cell).
    static let tallestRow = 409.0

    /// Excel's column width unit is about one Latin character; a Chinese one takes two, as
    /// in a terminal. A booklet of no tables (an expert with no scores yet) is its lines in
    /// one column as wide as a portrait page.
    private var widths: [Int] {
        let tables = booklet.documents.flatMap(\.tables)
        return tables.isEmpty ? [90] : ColumnWidths.fitting(tables)
    }

    /// Writes the booklet; returns the first error of a cell the library refused, if any.
    func write() -> lxw_error? {
        var refused: lxw_error?
        func check(_ result: lxw_error) {
            if result != LXW_NO_ERROR, refused == nil { refused = result }
        }
        let widths = self.widths
        let last = UInt16(widths.count - 1)
        for (column, width) in widths.enumerated() {
            worksheet_set_column(sheet, UInt16(column), UInt16(column), Double(width), nil)
        }
        var row: UInt32 = 0
        var breaks: [UInt32] = []
        var headerRows: [UInt32] = []
        /// A line across the table's columns; in a worksheet of one column, its one cell (a
        /// range of one cell is not a merge, and the library refuses it).
        func merged(_ text: String, _ kind: Formats.Key.Kind, height: Double? = nil) {
            let format = formats.format(.init(kind: kind))
            let shown = XLSXWriter.cellText(text)
            check(last == 0 ? worksheet_write_string(sheet, row, 0, shown, format) : worksheet_merge_range(sheet, row, 0, row, last, shown, format))
            let lines = Double(lineCount(text, width: widths.reduce(0, +)))
            worksheet_set_row(sheet, row, min(height ?? 15 * lines, SheetLayout.tallestRow), nil)
            row += 1
        }
        for (index, document) in booklet.documents.enumerated() {
            if index > 0 { breaks.append(row) }
            merged(document.title, .title, height: 28)
            if !document.subtitle.isEmpty { merged(document.subtitle, .subtitle) }
            for line in document.header { merged(line, .line) }
            for table in document.tables {
                row += 1
                merged(table.caption, .caption)
                headerRows.append(row)
                for (column, name) in table.columns.enumerated() {
                    check(worksheet_write_string(sheet, row, UInt16(column), XLSXWriter.cellText(name), formats.format(.init(kind: .columnHeader))))
                }
                row += 1
                for (index, cells) in table.rows.enumerated() {
                    let bold = table.emphasised.contains(index)
                    let cut = table.cutAfter == index && index > 0
                    var lines = 1
                    for (column, cell) in cells.enumerated() {
                        check(write(cell, row: row, column: UInt16(column), bold: bold, cut: cut))
                        if !cell.isNumber { lines = max(lines, lineCount(cell.text, width: widths[column])) }
                    }
                    worksheet_set_row(sheet, row, min(15 * Double(lines), SheetLayout.tallestRow), nil)
                    row += 1
                }
            }
            row += 1
            for line in document.closing { merged(line, .line) }
        }
        printSetup(breaks: breaks, headerRows: headerRows)
        return refused
    }

    private func write(_ cell: Cell, row: UInt32, column: UInt16, bold: Bool, cut: Bool) -> lxw_error {
        switch cell {
        case let .score(value?):
            return number(value, marks: [], row: row, column: column, bold: bold, cut: cut)
        case let .marked(value, marks):
            return number(value, marks: marks, row: row, column: column, bold: bold, cut: cut)
        case let .int(value):
            return worksheet_write_number(sheet, row, column, Double(value), formats.format(.init(kind: .integer, bold: bold, cutAbove: cut)))
        case .score(nil), .text:
            return worksheet_write_string(sheet, row, column, XLSXWriter.cellText(cell.text), formats.format(.init(kind: .text, bold: bold, cutAbove: cut)))
        }
    }

    /// A score as a number cell. XLSX stores numbers as binary doubles: the cell gets the
    /// score already rounded to 2 decimals (exactly, as text), so what Excel shows and sums
    /// is the printed figure.
    private func number(_ value: Rational, marks: ScoreMarks, row: UInt32, column: UInt16, bold: Bool, cut: Bool) -> lxw_error {
        let rounded = Double(value.fixed(places: 2)) ?? 0
        return worksheet_write_number(sheet, row, column, rounded, formats.format(.init(kind: .number(marks), bold: bold, cutAbove: cut)))
    }

    private func lineCount(_ text: String, width: Int) -> Int {
        let usable = max(1, width - 1)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { max(1, (DisplayWidth.of(String($0)) + usable - 1) / usable) }.reduce(0, +)
    }

    private func printSetup(breaks: [UInt32], headerRows: [UInt32]) {
        worksheet_set_paper(sheet, 9)  // A4
        if booklet.documents.contains(where: \.landscape) { worksheet_set_landscape(sheet) } else { worksheet_set_portrait(sheet) }
        worksheet_set_margins(sheet, 0.5, 0.5, 0.6, 0.7)
        worksheet_center_horizontally(sheet)
        worksheet_set_footer(sheet, "&C第 &P 页，共 &N 页")
        // The column header row repeats on every printed page when all tables share it.
        let tables = booklet.documents.flatMap(\.tables)
        if let first = headerRows.first, let columns = tables.first?.columns, tables.allSatisfy({ $0.columns == columns }) {
            worksheet_repeat_rows(sheet, first, first)
        }
        // As wide as one page, as long as it takes: the application scales by its own font
        // metrics, which no width estimate here can know. Each document still starts a new
        // page (a manual break, honoured when the height is left free).
        worksheet_fit_to_pages(sheet, 1, 0)
        if !breaks.isEmpty {
            var terminated = breaks + [0]
            worksheet_set_h_pagebreaks(sheet, &terminated)
        }
    }
}

/// Column widths fitted to the text of tables that share their columns, in Latin
/// characters: the widest cell plus a margin, between 6 and 30 (longer text wraps).
enum ColumnWidths {
    static func fitting(_ tables: [Table]) -> [Int] {
        let count = max(1, tables.map(\.columns.count).max() ?? 1)
        return (0..<count).map { column in
            let texts = tables.flatMap { table -> [String] in
                guard column < table.columns.count else { return [] }
                return [table.columns[column]] + table.rows.compactMap { $0.indices.contains(column) ? $0[column].text : nil }
            }
            let widest = texts.flatMap { $0.split(separator: "\n") }.map { DisplayWidth.of(String($0)) }.max() ?? 4
            return min(max(widest + 2, 6), 30)
        }
    }
}

/// A chart's worksheet: its data as a table (categories, then a column per series) and the
/// chart drawn natively beside it, over that data, so the numbers behind every point stay
/// in the workbook.
private struct ChartLayout {
    let chart: Chart
    let sheetName: String
    let workbook: UnsafeMutablePointer<lxw_workbook>
    let sheet: UnsafeMutablePointer<lxw_worksheet>
    let formats: Formats

    func write() -> lxw_error? {
        let header = formats.format(.init(kind: .columnHeader))
        let text = formats.format(.init(kind: .text))
        let number = formats.format(.init(kind: .number([])))
        var results = [worksheet_write_string(sheet, 0, 0, XLSXWriter.cellText(chart.categoryName), header)]
        for (column, series) in chart.series.enumerated() {
            results.append(worksheet_write_string(sheet, 0, lxw_col_t(column + 1), XLSXWriter.cellText(series.name), header))
        }
        for (row, category) in chart.categories.enumerated() {
            results.append(worksheet_write_string(sheet, lxw_row_t(row + 1), 0, XLSXWriter.cellText(category), text))
            for (column, series) in chart.series.enumerated() {
                guard row < series.values.count, let value = series.values[row] else { continue }
                results.append(worksheet_write_number(sheet, lxw_row_t(row + 1), lxw_col_t(column + 1), value, number))
            }
        }
        _ = worksheet_set_column(sheet, 0, lxw_col_t(chart.series.count), 14, nil)
        // Printed A4 landscape, one page wide: the data and its chart side by side (a national
        // round's chart runs over several pages).
        worksheet_set_landscape(sheet)
        worksheet_set_paper(sheet, 9)
        worksheet_fit_to_pages(sheet, 1, 0)
        if let refused = results.first(where: { $0 != LXW_NO_ERROR }) { return refused }
        guard !chart.categories.isEmpty, let drawn = workbook_add_chart(workbook, UInt8(kind.rawValue)) else { return nil }
        chart_title_set_name(drawn, chart.title)
        let last = lxw_row_t(chart.categories.count)
        for (column, series) in chart.series.enumerated() {
            let line = chart_add_series(drawn, nil, nil)
            chart_series_set_categories(line, sheetName, 1, 0, last, 0)
            chart_series_set_values(line, sheetName, 1, lxw_col_t(column + 1), last, lxw_col_t(column + 1))
            chart_series_set_name(line, series.name)
            if chart.kind == .markers {
                // Points only: a spread has no line between its dossiers.
                var none = lxw_chart_line()
                none.none = UInt8(LXW_TRUE.rawValue)
                chart_series_set_line(line, &none)
                chart_series_set_marker_type(line, UInt8([LXW_CHART_MARKER_TRIANGLE, LXW_CHART_MARKER_CIRCLE, LXW_CHART_MARKER_SQUARE][column % 3].rawValue))
            }
        }
        // Bars of the two sides of the cut sit in one row per dossier, not side by side.
        if chart.kind == .bar {
            chart_set_series_overlap(drawn, 100)
            // In a bar chart libxlsxwriter's y axis is the upright category axis: the first dossier at the top.
            chart_axis_set_reverse(drawn.pointee.y_axis)
        }
        let values = chart.kind == .bar ? drawn.pointee.x_axis : drawn.pointee.y_axis
        chart_axis_set_name(values, chart.valueAxis)
        if let range = chart.valueRange {
            chart_axis_set_min(values, range.lowerBound)
            chart_axis_set_max(values, range.upperBound)
        }
        chart_legend_set_position(drawn, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        // Tall enough for one readable row per category.
        var options = lxw_chart_options()
        options.x_scale = 1.6
        options.y_scale = min(24, max(1.5, Double(chart.categories.count) / (chart.kind == .bar ? 6 : 12)))
        return worksheet_insert_chart_opt(sheet, 1, lxw_col_t(chart.series.count + 2), drawn, &options).nonError
    }

    private var kind: lxw_chart_type {
        switch chart.kind {
        case .bar: return LXW_CHART_BAR
        case .column: return LXW_CHART_COLUMN
        case .markers: return LXW_CHART_LINE
        }
    }
}

private extension lxw_error {
    var nonError: lxw_error? { self == LXW_NO_ERROR ? nil : self }
}
