import IIPCore
import Terminal

/// Both groups with their cut lines, statuses and flags.
enum RankingScreen {
    static func render(_ state: AppState, _ area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        var lines: [(text: String, style: Style, row: Int?)] = []
        var row = 0
        // The status column as wide as its longest word in this language (not selected, 并列待议).
        let statusWidth = SelectionStatus.allCases.map { DisplayWidth.of(status($0, s)) }.max() ?? 10
        var columns = [Column(title: s[.rank], width: 4, right: true), Column(title: s[.colID], width: 11),
                       Column(title: s[.final], width: 6, right: true), Column(title: s[.stageColumns], width: max(23, DisplayWidth.of(s[.stageColumns]))),
                       Column(title: "", width: statusWidth)]
        // The platform takes the rest of the line (each column is followed by a space; a margin each side).
        let used = columns.reduce(0) { $0 + $1.width + 1 }
        columns.append(Column(title: s[.colPlatform], width: max(10, area.width - 3 - used)))
        for group in state.data.groups {
            lines.append(("\(s.name(group.group.name, group.group.nameEn))  (≤\(group.group.cap))", .header, nil))
            var titles = ""
            for column in columns { titles += DisplayWidth.pad(column.title, to: column.width, right: column.right) + " " }
            lines.append((titles, .dim, nil))
            var cutShown = false
            for entry in group.entries {
                if !cutShown, entry.status != .selected, entry.status != .tie {
                    lines.append(("──── " + s[.cut] + " " + String(repeating: "─", count: 40), .warning, nil))
                    cutShown = true
                }
                let c = entry.candidate
                let stages = StageID.allCases.map { DisplayWidth.pad(c.stages[$0]?.fixed() ?? "—", to: 5, right: true) }.joined(separator: " ")
                let cells = [String(entry.rank), c.id, c.final?.fixed() ?? "—", stages, status(entry.status, s),
                             platformAndFlags(c, s, width: columns[columns.count - 1].width)]
                var text = ""
                for (cell, column) in zip(cells, columns) { text += DisplayWidth.pad(cell, to: column.width, right: column.right) + " " }
                lines.append((text, style(entry.status), row))
                row += 1
            }
            lines.append(("", .normal, nil))
        }
        let cursorLine = lines.firstIndex { $0.row == state.rankingCursor } ?? 0
        let top = max(0, min(cursorLine - area.height / 2, lines.count - area.height))
        for (offset, line) in lines.dropFirst(top).prefix(area.height).enumerated() {
            let y = area.y + offset
            buffer.write(line.text, x: 1, y: y, style: line.style, limit: area.width - 2)
            if line.row == state.rankingCursor { buffer.paint(Rect(x: 1, y: y, width: area.width - 2, height: 1), style: .selected) }
        }
    }

    /// The platform's name, then its flags kept whole: a narrow column shortens the name, then
    /// the flags' wording, then counts all but the first, and at last leaves the name out —
    /// never cuts a flag (a cut "de…" says nothing).
    static func platformAndFlags(_ candidate: Candidate, _ s: Strings, width: Int) -> String {
        guard let first = candidate.flags.first else { return candidate.platform }
        let shortest = s.flag(first, short: true) + (candidate.flags.count > 1 ? " +\(candidate.flags.count - 1)" : "")
        let wordings = [candidate.flags.map { s.flag($0) }.joined(separator: " "),
                        candidate.flags.map { s.flag($0, short: true) }.joined(separator: " "), shortest]
        let nameRoom = 6
        let flags = wordings.first { DisplayWidth.of($0) + 2 + nameRoom <= width } ?? shortest
        let room = width - DisplayWidth.of(flags) - 2
        return room < 3 ? flags : DisplayWidth.truncate(candidate.platform, to: room) + "  " + flags
    }

    static func status(_ status: SelectionStatus, _ s: Strings) -> String {
        switch status {
        case .selected: return s[.statusSelected]
        case .tie: return s[.statusTie]
        case .notSelected: return s[.statusNotSelected]
        case .belowThreshold: return s[.statusBelow]
        case .incomplete: return s[.statusIncomplete]
        case .ineligible: return s[.statusIneligible]
        }
    }

    static func style(_ status: SelectionStatus) -> Style {
        switch status {
        case .selected: return .good
        case .tie: return .warning
        case .ineligible, .belowThreshold: return .bad
        case .notSelected, .incomplete: return .dim
        }
    }
}
