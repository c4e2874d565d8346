import IIPCore

/// A document to export, independent of its format: a title, header lines and tables of
/// cells. Each renderer (CSV, Markdown, HTML, JSON, XLSX) turns the same document into its
/// format.
public struct Document: Sendable, Equatable {
    public var title: String
    public var subtitle: String
    /// Lines under the title such as 评审阶段：书面评审 (the sheet's header).
    public var header: [String]
    public var tables: [Table]
    /// Lines printed after the tables, e.g. signature lines (签字 / 日期) and hashes.
    public var closing: [String]
    /// Printed across the page (A4 landscape) when the tables are wide.
    public var landscape: Bool
    /// Charts a workbook draws natively, each on a worksheet of its own with its data.
    public var charts: [Chart] = []

    public init(title: String, subtitle: String = "", header: [String] = [], tables: [Table], closing: [String] = [],
                landscape: Bool = true) {
        self.title = title
        self.subtitle = subtitle
        self.header = header
        self.tables = tables
        self.closing = closing
        self.landscape = landscape
    }
}

/// A chart of a document: bars, columns or markers over named categories, one value per
/// category and series (a missing one is left out).
public struct Chart: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Horizontal bars, the first category at the top.
        case bar
        case column
        /// Points alone, no line between them: a spread.
        case markers
    }

    public struct Series: Sendable, Equatable {
        public let name: String
        public let values: [Double?]

        public init(_ name: String, _ values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    public let title: String
    public let kind: Kind
    /// What the categories are (the data's first column heading).
    public let categoryName: String
    public let categories: [String]
    public let series: [Series]
    public let valueAxis: String
    /// The value axis from and to, when the values have natural bounds (a share: 0 to 1).
    public let valueRange: ClosedRange<Double>?

    public init(title: String, kind: Kind, categoryName: String, categories: [String], series: [Series], valueAxis: String,
                valueRange: ClosedRange<Double>? = nil) {
        self.title = title
        self.kind = kind
        self.categoryName = categoryName
        self.categories = categories
        self.series = series
        self.valueAxis = valueAxis
        self.valueRange = valueRange
    }
}

/// What one file holds (one worksheet in a workbook): one or more documents printed one
/// after the other, each from a new page — an expert's sheets of every stage, say.
public struct Booklet: Sendable, Equatable {
    /// A short name for the file or worksheet, such as `E01`.
    public var name: String
    public var documents: [Document]

    public init(name: String, documents: [Document]) {
        self.name = name
        self.documents = documents
    }
}

public struct Table: Sendable, Equatable {
    public var caption: String
    public var columns: [String]
    public var rows: [[Cell]]
    /// After this many data rows a cut line is drawn (the cap of a selection group).
    public var cutAfter: Int?
    /// Rows printed bold: subtotals and totals.
    public var emphasised: Set<Int>

    public init(caption: String, columns: [String], rows: [[Cell]], cutAfter: Int? = nil, emphasised: Set<Int> = []) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.cutAfter = cutAfter
        self.emphasised = emphasised
    }
}

/// How an expert's stage score stands in the panel's mean (评审汇总表).
public struct ScoreMarks: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Dropped as a highest or lowest score: printed in parentheses.
    public static let dropped = ScoreMarks(rawValue: 1)
    /// More than the rubric's percentage away from the panel's score: printed with `*`.
    public static let deviates = ScoreMarks(rawValue: 2)
}

/// One cell: text, or an exact number shown with 2 decimals.
public enum Cell: Sendable, Equatable {
    case text(String)
    case score(Rational?)
    case int(Int)
    /// An expert's score in the summary, with its marks.
    case marked(Rational, ScoreMarks)

    /// The cell as text: scores rounded half away from zero to 2 decimals, missing as empty,
    /// a dropped score in parentheses and a deviating one followed by `*`.
    public var text: String {
        switch self {
        case let .text(text): return text
        case let .score(value): return value?.fixed(places: 2) ?? ""
        case let .int(value): return String(value)
        case let .marked(value, marks):
            let number = value.fixed(places: 2)
            return (marks.contains(.dropped) ? "(\(number))" : number) + (marks.contains(.deviates) ? "*" : "")
        }
    }

    public var isNumber: Bool {
        switch self {
        case .text: return false
        case let .score(value): return value != nil
        case .int, .marked: return true
        }
    }
}
