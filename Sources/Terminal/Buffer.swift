/// How a cell looks; the backend maps styles to colours, or to bold/reverse without them.
public enum Style: Int, Sendable, CaseIterable {
    case normal, title, header, selected, dim, good, warning, bad, highlight, input, key
}

/// One terminal cell: a grapheme cluster and its style. A wide glyph fills its first cell;
/// the cell after it is a continuation with an empty symbol.
public struct Cell: Equatable, Sendable {
    public var symbol: String
    public var style: Style

    public static let blank = Cell(symbol: " ", style: .normal)
    static let continuation = Cell(symbol: "", style: .normal)

    public var isContinuation: Bool { symbol.isEmpty }
}

/// A rectangle of the screen.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// The only drawing surface: screens render into a buffer, the terminal shows the difference
/// between two buffers. Writing never goes outside the buffer, and a wide glyph that no
/// longer fits is not drawn (its cells are blanked).
public struct Buffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` from column `x` of row `y`; returns the number of columns written.
    /// Text wider than `limit` columns is cut with `…`; at the right edge of the buffer it is
    /// clipped, and a wide glyph that does not fit is blanked. Control characters are dropped.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .normal, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        if let limit, DisplayWidth.of(text) > limit {
            return write(DisplayWidth.truncate(text, to: limit), x: x, y: y, style: style)
        }
        let end = min(width, x + (limit ?? width))
        var column = x
        for character in text {
            let w = DisplayWidth.of(character)
            if w == 0 { continue }
            if column + w > end {
                // A glyph that does not fit: blank what is left of the space instead.
                while column < end { set(column, y, .blank); column += 1 }
                break
            }
            if column >= 0 {
                set(column, y, Cell(symbol: String(character), style: style))
                if w == 2 { set(column + 1, y, .continuation) }
            }
            column += w
        }
        return max(0, column - x)
    }

    /// Fills a rectangle with spaces of `style`.
    public mutating func fill(_ rect: Rect, style: Style = .normal) {
        for y in max(0, rect.y)..<min(height, rect.y + rect.height) {
            for x in max(0, rect.x)..<min(width, rect.x + rect.width) {
                set(x, y, Cell(symbol: " ", style: style))
            }
        }
    }

    /// Restyles a rectangle without changing its text (a selection bar).
    public mutating func paint(_ rect: Rect, style: Style) {
        for y in max(0, rect.y)..<min(height, rect.y + rect.height) {
            for x in max(0, rect.x)..<min(width, rect.x + rect.width) {
                cells[y * width + x].style = style
            }
        }
    }

    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let index = y * width + x
        // Overwriting half of a wide glyph blanks its other half.
        if cells[index].isContinuation, x > 0, !cell.isContinuation {
            cells[index - 1] = .blank
        }
        if x + 1 < width, cells[index + 1].isContinuation, !cell.isContinuation, DisplayWidth.of(Character(cell.symbol)) < 2 {
            cells[index + 1] = .blank
        }
        cells[index] = cell
    }

    /// The buffer's text, one string per row, with trailing spaces kept: what a person sees.
    public var lines: [String] {
        (0..<height).map { y in
            (0..<width).reduce(into: "") { line, x in line += self[x, y].symbol }
        }
    }

    /// The rows without trailing spaces, for readable test expectations.
    public var trimmedLines: [String] {
        lines.map { line in
            var l = line
            while l.hasSuffix(" ") { l.removeLast() }
            return l
        }
    }
}
