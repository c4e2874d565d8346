import IIPExport
import Terminal

/// `e`: the export dialog — which document, which format, where. The place follows the
/// choices (`<workspace>/exports/推荐名单.html`) until the user edits it.
public struct ExportDialog: Sendable, Equatable {
    public enum Row: Int, Sendable, CaseIterable { case what, format, path }

    public var what = ExportWhat.ranking
    public var format = ExportFormat.html
    public var path: String
    public var row = Row.what
    /// The folder the default places are in.
    public let folder: String
    /// The place was typed by the user: it no longer follows the choices.
    public var pathEdited = false
    /// The place exists and Enter was pressed once: the next Enter replaces it.
    public var confirmReplace = false

    /// The documents this user may export (an expert before signing: their own sheets).
    public let offered: [ExportWhat]

    public init(folder: String, offering offered: [ExportWhat] = ExportWhat.allCases) {
        self.folder = folder
        self.offered = offered.isEmpty ? [.sheets] : offered
        what = self.offered[0]
        path = ExportDialog.defaultPath(folder: folder, what: what, format: .html)
    }

    /// `<folder>/专家评分表-html` for a folder of files, `<folder>/推荐名单.xlsx` for a file.
    public static func defaultPath(folder: String, what: ExportWhat, format: ExportFormat) -> String {
        folder + "/" + what.title + (Exporter.isFolder(what, format) ? "-" : ".") + format.rawValue
    }

    /// What a key does in the dialog: the dialog after it (nil when it closed) and the
    /// export to run, if any. The dialog stays open while the export runs: the result
    /// closes it, or asks to confirm replacing an existing place, or says what failed.
    public func handle(_ key: Key) -> (dialog: ExportDialog?, run: Effect?) {
        var next = self
        next.confirmReplace = false
        if row == .path, let edited = FolderPath.edited(path, by: key) {
            next.path = edited
            next.pathEdited = true
            return (next, nil)
        }
        switch key {
        case .escape: return (nil, nil)
        case .up, .backTab: next.row = Row(rawValue: max(0, row.rawValue - 1)) ?? row
        case .down, .tab: next.row = Row(rawValue: min(Row.allCases.count - 1, row.rawValue + 1)) ?? row
        case .left where row != .path: next.cycle(by: -1)
        case .right where row != .path, .char(" ") where row != .path: next.cycle(by: 1)
        case .enter:
            let place = FolderPath.expanded(path.trimmingCharacters(in: .whitespaces))
            guard !place.isEmpty else { return (next, nil) }
            return (self, .export(what, format, path: place, replace: confirmReplace))
        default: break
        }
        return (next, nil)
    }

    private mutating func cycle(by step: Int) {
        func shifted<T: Equatable>(_ value: T, in all: [T]) -> T {
            let index = all.firstIndex(of: value) ?? 0
            return all[(index + step + all.count) % all.count]
        }
        switch row {
        case .what: what = shifted(what, in: offered)
        case .format: format = shifted(format, in: ExportFormat.allCases)
        case .path: return
        }
        if !pathEdited { path = ExportDialog.defaultPath(folder: folder, what: what, format: format) }
    }

    /// The dialog as a box over the screen.
    func render(_ strings: Strings, width: Int, height: Int, _ buffer: inout Buffer) {
        let boxWidth = min(width - 4, 76)
        let box = Rect(x: (width - boxWidth) / 2, y: max(1, height / 2 - 5), width: boxWidth, height: 10)
        buffer.fill(box, style: .input)
        buffer.write(" " + strings[.exportTitle], x: box.x, y: box.y, style: .selected, limit: boxWidth)
        buffer.paint(Rect(x: box.x, y: box.y, width: boxWidth, height: 1), style: .selected)
        let document = strings.language == .zh ? what.title : "\(what.rawValue) (\(what.title))"
        let values = ["◀ \(document) ▶", "◀ \(format.rawValue.uppercased()) ▶", path + "▏"]
        let labels = [strings[.exportWhat], strings[.exportFormat], strings[.exportPath]]
        for (index, rowID) in Row.allCases.enumerated() {
            let y = box.y + 2 + index
            let style: Style = rowID == row ? .selected : .input
            buffer.write(DisplayWidth.pad(labels[index], to: 8), x: box.x + 2, y: y, style: .input)
            // A long place shows its end, where the file name is.
            var value = values[index]
            let room = boxWidth - 13
            while DisplayWidth.of(value) > room, value.count > 1 { value.removeFirst() }
            buffer.write(value, x: box.x + 11, y: y, style: style, limit: room)
        }
        if Exporter.isFolder(what, format) {
            buffer.write(strings[.exportOneFilePerExpert], x: box.x + 2, y: box.y + 6, style: .input, limit: boxWidth - 4)
        }
        if confirmReplace {
            buffer.write(strings[.exportReplace], x: box.x + 2, y: box.y + 7, style: .warning, limit: boxWidth - 4)
        }
        buffer.write(strings[.exportHint], x: box.x + 2, y: box.y + 9, style: .dim, limit: boxWidth - 4)
    }
}
