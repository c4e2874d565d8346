import Foundation
import IIPCore
import Terminal

/// 2–4 marked dossiers side by side by indicator, best value per row highlighted, and my
/// points of the written review under each column.
enum CompareScreen {
    static func render(_ state: AppState, _ area: Rect, _ buffer: inout Buffer) {
        let entries = state.marks.compactMap { state.data.entry($0) }
        guard !entries.isEmpty else { return }
        let labelWidth = max(20, area.width - entries.count * 15 - 2)
        let columnWidth = (area.width - labelWidth - 2) / entries.count - 1
        var x = labelWidth + 1
        for entry in entries {
            buffer.write(DisplayWidth.pad(entry.id, to: columnWidth, right: true), x: x, y: area.y, style: .header)
            x += columnWidth + 1
        }
        let rows = self.rows(entries, state)
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
        for spec in state.data.rubric.catalog.specs {
            let values = entries.map { $0.dossier?.indicators[spec.id] }
            guard values.contains(where: { $0 != nil }) else { continue }
            var row = Row(label: state.strings.language == .en ? spec.nameEn : spec.name,
                          values: values.map { ReviewScreen.describe($0, spec, state.strings) })
            let numbers = values.map { value -> Decimal? in if case let .number(n)? = value { return n } else { return nil } }
            if let best = numbers.compactMap({ $0 }).max(), numbers.compactMap({ $0 }).count > 1 {
                row.best = Set(numbers.indices.filter { numbers[$0] == best })
            }
            rows.append(row)
        }
        rows.append(Row(label: state.strings[.myPoints] + " · " + state.stageName(.written), values: entries.map { _ in "" }, isHeading: true))
        if let written = state.data.rubric.stage(.written) {
            for item in written.items {
                let values = entries.map { entry -> String in
                    guard written.items(for: entry.type).contains(where: { $0.id == item.id }) else { return "" }
                    return Layout.points(state.data.points(entry.id, .written, item.id)) + "/\(item.max)"
                }
                guard values.contains(where: { !$0.isEmpty }) else { continue }
                rows.append(Row(label: state.strings.language == .en ? item.nameEn : item.name, values: values))
            }
        }
        return rows
    }
}
