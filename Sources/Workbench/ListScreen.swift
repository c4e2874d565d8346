import IIPCore
import Terminal

/// The dossier list: compliance marks, my progress per stage, the panel score.
enum ListScreen {
    static func render(_ state: AppState, _ area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let filters = [s[.filterAll], s[.typeCross], s[.typeSpecific], s[.typeIndustry], s[.typeDomain], s[.typeRegion]]
        let sorts = [s[.sortID], s[.sortName], s[.sortScore]]
        var bar = "\(s[.colType]): \(filters[state.list.filter.rawValue])   \(s[.sortBy]): \(sorts[state.list.sort.rawValue])"
        if state.list.searching || !state.list.query.isEmpty {
            bar += "   \(s[.search]): \(state.list.query)" + (state.list.searching ? "▏" : "")
        }
        if !state.marks.isEmpty { bar += "   \(s[.marked]): \(state.marks.count)" }
        buffer.write(" " + bar, x: 0, y: area.y, style: state.list.searching ? .warning : .header)

        // The platform name takes what the other columns leave.
        var columns = [Column(title: s[.colID], width: 11), Column(title: s[.colPlatform], width: 0),
                       // A wide terminal gives 面向 room for a whole industry name (电子信息制造).
                       Column(title: s[.colType], width: 8), Column(title: s[.colFocus], width: min(24, max(8, 8 + (area.width - 110) / 3))),
                       Column(title: s[.colCity], width: 4), Column(title: s[.colCompliance], width: 5),
                       Column(title: s[.colProgress], width: 15),
                       Column(title: state.data.seesRanking ? s[.colScore] : s[.colMyScore], width: 6, right: true)]
        let others = columns.reduce(0) { $0 + $1.width + 1 }
        columns[1] = Column(title: s[.colPlatform], width: max(10, area.width - 2 - others - 1))
        writeRow(columns.map(\.title), columns, x: 2, y: area.y + 1, style: .header, &buffer)

        let entries = state.visibleEntries
        if entries.isEmpty {
            buffer.write("  " + s[.noDossiers], x: 0, y: area.y + 3, style: .dim)
            return
        }
        let rows = area.height - 2
        let top = max(0, min(state.list.cursor - rows / 2, entries.count - rows))
        for (offset, entry) in entries.dropFirst(top).prefix(rows).enumerated() {
            let y = area.y + 2 + offset
            let index = top + offset
            let selected = index == state.list.cursor
            let style: Style = selected ? .selected : entry.conflict != nil ? .dim : .normal
            let mark = state.marks.contains(entry.id) ? "◆" : " "
            buffer.write(mark, x: 0, y: y, style: .highlight)
            writeRow(cells(entry, state), columns, x: 2, y: y, style: style, &buffer)
            if !selected, entry.conflict == nil {
                // Colour the compliance mark: red for errors, yellow for warnings only.
                let markX = 2 + columns.prefix(5).reduce(0) { $0 + $1.width + 1 }
                let markStyle: Style = entry.errors > 0 ? .bad : (entry.warnings ?? 0) > 0 ? .warning : entry.warnings == nil ? .dim : .good
                buffer.paint(Rect(x: markX, y: y, width: 5, height: 1), style: markStyle)
            }
            if selected { buffer.paint(Rect(x: 2, y: y, width: area.width - 2, height: 1), style: .selected) }
        }
    }

    static func cells(_ entry: DossierEntry, _ state: AppState) -> [String] {
        // Until the dossiers are read (the first frames), what only they say is "…".
        let d = entry.dossier
        let warnings = entry.warnings.map { $0 > 0 ? "!\($0)" : "✓" } ?? "…"
        let compliance = (entry.changed ? "Δ" : "") + (entry.errors > 0 ? "✗\(entry.errors)" : warnings)
        let progress = StageID.allCases.map { stage -> String in
            let p = state.data.progress(entry, stage)
            if state.data.signed.contains(stage) { return "✔" }
            return p.done == p.of ? "✓" : p.done == 0 ? "·" : "◐"
        }.joined(separator: "   ")
        let conflict = entry.conflict != nil ? "[" + state.strings[.conflict] + "] " : ""
        let score = state.data.listScore(entry, state.stage)?.fixed() ?? ""
        let recommender = d.map { $0.recommender.city ?? ($0.recommender.kind == .central ? state.strings[.central] : "—") } ?? "…"
        return [entry.id, conflict + entry.platformName, state.typeName(entry.type), d.map { $0.platform.focus ?? "—" } ?? "…",
                recommender, compliance, progress, score]
    }
}
