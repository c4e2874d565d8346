import IIPCore

/// A document to export, independent of its format: a title and tables of cells. Each
/// renderer (CSV, Markdown, HTML, JSON) turns the same document into its format.
public struct Document: Sendable, Equatable {
    public var title: String
    public var subtitle: String
    public var tables: [Table]
    /// Lines printed after the tables, e.g. signature lines (签字 / 日期).
    public var closing: [String]

    public init(title: String, subtitle: String = "", tables: [Table], closing: [String] = []) {
        self.title = title
        self.subtitle = subtitle
        self.tables = tables
        self.closing = closing
    }
}

public struct Table: Sendable, Equatable {
    public var caption: String
    public var columns: [String]
    public var rows: [[Cell]]
    /// After this many data rows a cut line is drawn (the cap of a selection group).
    public var cutAfter: Int?

    public init(caption: String, columns: [String], rows: [[Cell]], cutAfter: Int? = nil) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.cutAfter = cutAfter
    }
}

/// One cell: text, or an exact score shown with 2 decimals.
public enum Cell: Sendable, Equatable {
    case text(String)
    case score(Rational?)
    case int(Int)

    /// The cell as text: scores rounded half away from zero to 2 decimals, missing as empty.
    public var text: String {
        switch self {
        case let .text(text): return text
        case let .score(value): return value?.fixed(places: 2) ?? ""
        case let .int(value): return String(value)
        }
    }

    public var isNumber: Bool {
        switch self {
        case .text: return false
        case .score, .int: return true
        }
    }
}
