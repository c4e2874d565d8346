import Foundation
import IIPCore
import Terminal

/// 2–4 marked dossiers side by side: my points of the current stage with each sheet's
/// weighted total, then every indicator, the best value per row highlighted.
enum CompareScreen {
    static func render(_ state: AppState, _ area: Rect, _ buffer: inout Buffer) {
        let entries = state.marks.compactMap { state.data.entry($0) }
        guard !entries.isEmpty else { return }
        let rows = self.rows(entries, state)
        // Labels as wide as they need (up to half the screen), values right beside them.
        let longest = rows.map { DisplayWidth.of($0.label) }.max() ?? 20
        let labelWidth = min(max(20, longest), max(20, area.width / 3), max(20, area.width - entries.count * 15 - 2))
        // Columns as wide as their values need, up to 30: on a wide screen they stay beside their labels.
        let widest = rows.flatMap { $0.values.map(DisplayWidth.of) }.max() ?? 10
        let columnWidth = min(max(12, widest + 2), 36, (area.width - labelWidth - 2) / entries.count - 1)
        var x = labelWidth + 1
        for entry in entries {
            buffer.write(DisplayWidth.pad(entry.id, to: columnWidth, right: true), x: x, y: area.y, style: .header)
            x += columnWidth + 1
        }
        let visible = area.height - 1
        let top = min(state.compareScroll, max(0, rows.count - visible))
        for (offset, row) in rows.dropFirst(top).prefix(visible).enumerated() {
            let y = area.y + 1 + offset
            buffer.write(DisplayWidth.pad(row.label, to: labelWidth), x: 0, y: y, style: row.isHeading ? .header : .normal)
            var cx = labelWidth + 1
            for (index, value) in row.values.enumerated() {
                let style: Style = row.best.contains(index) ? .highlight : .normal
                buffer.write(DisplayWidth.pad(value, to: columnWidth, right: true), x: cx, y: y, style: style)
                cx += columnWidth + 1
            }
        }
    }

    struct Row {
        let label: String
        let values: [String]
        var best: Set<Int> = []
        var isHeading = false
    }

    static func rows(_ entries: [DossierEntry], _ state: AppState) -> [Row] {
        var rows: [Row] = [Row(label: state.strings[.colPlatform], values: entries.map(\.platformName)),
                           Row(label: state.strings[.colType], values: entries.map { state.typeName($0.type) })]
        rows += myPoints(entries, state)
        for spec in state.data.rubric.catalog.specs {
            let values = entries.map { $0.dossier?.indicators[spec.id] }
            guard values.contains(where: { $0 != nil }) else { continue }
            var row = Row(label: state.strings.name(spec.name, spec.nameEn),
                          values: values.map { ReviewScreen.describe($0, spec, state.strings) })
            let numbers = values.map { value -> Decimal? in if case let .number(n)? = value { return n } else { return nil } }
            if let best = numbers.compactMap({ $0 }).max(), numbers.compactMap({ $0 }).count > 1 {
                row.best = Set(numbers.indices.filter { numbers[$0] == best })
            }
            rows.append(row)
        }
        return rows
    }

    /// My points of the current stage, first (what the expert compares for), with the
    /// weighted total of each sheet — the expert's own work only.
    static func myPoints(_ entries: [DossierEntry], _ state: AppState) -> [Row] {
        guard let stage = state.data.rubric.stage(state.stage) else { return [] }
        var rows = [Row(label: state.strings[.myPoints] + " · " + state.stageName(state.stage),
                        values: entries.map { state.data.runningTotal($0, state.stage).fixed() }, isHeading: true)]
        for item in stage.items {
            let values = entries.map { entry -> String in
                guard stage.items(for: entry.type).contains(where: { $0.id == item.id }) else { return "" }
                return Layout.points(state.data.points(entry.id, state.stage, item.id)) + "/\(item.max)"
            }
            guard values.contains(where: { !$0.isEmpty }) else { continue }
            rows.append(Row(label: "  " + state.strings.name(item.name, item.nameEn), values: values))
        }
        rows.append(Row(label: state.strings[.evidence], values: entries.map { _ in "" }, isHeading: true))
        return rows
    }
}
