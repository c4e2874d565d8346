import Foundation
import IIPCore
import Terminal

/// Scoring one dossier in one stage: the item tree, the requirement with the evidence, and
/// the points and comment entry with the sheet's progress.
enum ReviewScreen {
    static let treeWidth = 34

    static func render(_ state: AppState, _ area: Rect, _ buffer: inout Buffer) {
        guard let entry = state.reviewEntry else { return }
        let s = state.strings
        guard let d = entry.dossier else {
            buffer.write(" " + state.dossierMissing, x: 0, y: area.y, style: .dim)
            return
        }
        buffer.write(" \(entry.id)  \(d.platform.name ?? "")  [\(state.typeName(entry.type))·\(d.platform.focus ?? "—")]",
                     x: 0, y: area.y, style: .header)
        let bodyTop = area.y + 1
        let bodyHeight = area.height - 5
        tree(state, entry, Rect(x: 0, y: bodyTop, width: treeWidth, height: bodyHeight), &buffer)
        for y in bodyTop..<(bodyTop + bodyHeight) { buffer.write("│", x: treeWidth, y: y, style: .dim) }
        detail(state, entry, Rect(x: treeWidth + 2, y: bodyTop, width: area.width - treeWidth - 3, height: bodyHeight), &buffer)
        entryLines(state, entry, Rect(x: 0, y: bodyTop + bodyHeight, width: area.width, height: 4), &buffer)
        _ = s
    }

    /// Sections and items, each with a mark: ✓ scored, · not yet, ! far from the others.
    static func tree(_ state: AppState, _ entry: DossierEntry, _ area: Rect, _ buffer: inout Buffer) {
        guard let stage = state.data.rubric.stage(state.stage) else { return }
        var rows: [(text: String, points: String, style: Style, itemIndex: Int?)] = []
        var index = 0
        for section in stage.sections(for: entry.type) {
            if stage.sectionWeights != nil {
                let weight = stage.sectionWeights?[entry.type]?[section.id].map { " ×\($0)%" } ?? ""
                rows.append((state.strings.name(section.name, section.nameEn) + weight, "", .header, nil))
            }
            for item in section.items {
                let points = state.data.points(entry.id, state.stage, item.id)
                let deviates = state.data.deviates(entry.id, state.stage, item.id)
                let mark = points == nil ? "·" : deviates ? "!" : "✓"
                let style: Style = points == nil ? .normal : deviates ? .warning : .good
                rows.append((" \(mark) \(state.strings.name(item.name, item.nameEn))", "\(Layout.points(points))/\(item.max)", style, index))
                index += 1
            }
        }
        let cursorRow = rows.firstIndex { $0.itemIndex == state.review.cursor } ?? 0
        let top = max(0, min(cursorRow - area.height / 2, rows.count - area.height))
        for (offset, row) in rows.dropFirst(top).prefix(area.height).enumerated() {
            let y = area.y + offset
            let selected = row.itemIndex == state.review.cursor
            let pointsWidth = DisplayWidth.of(row.points)
            buffer.write(row.text, x: area.x, y: y, style: row.style, limit: area.width - pointsWidth - 1)
            buffer.write(row.points, x: area.x + area.width - pointsWidth, y: y, style: row.style)
            if selected {
                buffer.paint(Rect(x: area.x, y: y, width: area.width, height: 1),
                             style: state.review.focus == .tree ? .selected : .highlight)
            }
        }
    }

    /// The item's requirement and, for the written review, the dossier's indicators of it.
    static func detail(_ state: AppState, _ entry: DossierEntry, _ area: Rect, _ buffer: inout Buffer) {
        let lines = detailLines(state, entry, width: area.width)
        // A long requirement scrolls (PgUp PgDn); what is cut off is said on the last row.
        let top = min(state.review.detailScroll, max(0, lines.count - area.height))
        var shown = Array(lines.dropFirst(top).prefix(area.height))
        if top + area.height < lines.count, !shown.isEmpty {
            shown[shown.count - 1] = ("↓ " + state.strings.format(.moreBelow, lines.count - top - area.height + 1), .dim)
        }
        if top > 0, !shown.isEmpty { shown[0] = ("↑ " + state.strings.format(.moreAbove, top + 1), .dim) }
        for (offset, line) in shown.enumerated() {
            buffer.write(line.0, x: area.x, y: area.y + offset, style: line.1, limit: area.width)
        }
    }

    /// The size of the review's panes for a terminal: the right pane's width and the body's height.
    static func detailSize(width: Int, height: Int) -> (width: Int, height: Int) {
        (width - treeWidth - 3, height - 8)
    }

    /// The item's requirement and, for the written review, the dossier's indicators of it, as lines.
    static func detailLines(_ state: AppState, _ entry: DossierEntry, width: Int) -> [(String, Style)] {
        guard let item = state.currentItem, let dossier = entry.dossier else { return [] }
        let s = state.strings
        var lines: [(String, Style)] = [("\(s.name(item.name, item.nameEn))  (\(s[.max]) \(item.max))", .header)]
        lines += Layout.wrap(s.name(item.requirement, item.requirementEn), width: width).map { ($0, .normal) }
        if !item.indicators.isEmpty {
            lines.append(("", .normal))
            lines.append((s[.evidence], .header))
            let recomputed = EffectiveCounts.recompute(dossier.breakdowns, sector: dossier.platform.sector)
            for id in item.indicators {
                guard let spec = state.data.rubric.catalog[id],
                      Applicability.section(spec.section, appliesTo: entry.type) else { continue }
                let value = dossier.indicators[id]
                var text = describe(value, spec, s)
                var style: Style = value == nil ? .dim : .normal
                if case let .number(number)? = value, let p = state.data.percentile(id, number) {
                    text += "  P\(p)"
                }
                if entry.type == .cross, let effective = recomputed[id], case let .number(claimed)? = value,
                   claimed != Decimal(effective) {
                    text += "  ⚠ \(s[.effective]) \(effective)"
                    style = .warning
                }
                let name = DisplayWidth.pad(s.name(spec.name, spec.nameEn), to: max(10, width - 26))
                lines.append((name + " " + text, style))
            }
        }
        return lines
    }

    static func describe(_ value: IndicatorValue?, _ spec: IndicatorSpec, _ s: Strings) -> String {
        switch value {
        case nil: return s[.noValue]
        case let .number(number)?:
            let unit = spec.unit.map(s.unitName) ?? ""
            return Layout.grouped(number) + (unit.isEmpty ? "" : unit == "%" ? "%" : " " + unit)
        case let .bool(flag)?: return flag ? s[.yes] : s[.no]
        case let .set(names)?:
            let labels = Dictionary(spec.values.map { ($0.value, $0.label) }, uniquingKeysWith: { a, _ in a })
            return names.map { s.language == .zh ? labels[$0] ?? $0 : $0 }.joined(separator: "、")
        }
    }

    /// Points entry, comment, progress bar and running total.
    static func entryLines(_ state: AppState, _ entry: DossierEntry, _ area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        guard let item = state.currentItem else { return }
        buffer.write(String(repeating: "─", count: area.width), x: 0, y: area.y, style: .dim)
        let saved = state.data.points(entry.id, state.stage, item.id)
        let typing = !state.review.entry.isEmpty
        let shown = typing ? state.review.entry : Layout.points(saved)
        var x = buffer.write(" \(s[.points]): ", x: 0, y: area.y + 1, style: .header)
        x += buffer.write(DisplayWidth.pad(shown + (state.review.focus == .entry && state.review.draft == nil ? "▏" : ""), to: 7),
                          x: x, y: area.y + 1, style: typing ? (entryProblem(state) == nil ? .input : .bad) : .normal)
        buffer.write(" / \(item.max)   \(s[.pointsHint])", x: x, y: area.y + 1, style: .dim)

        let commentLabel = " \(s[.comment]): "
        let labelWidth = buffer.write(commentLabel, x: 0, y: area.y + 2, style: .header)
        let room = area.width - labelWidth - 1
        if let draft = state.review.draft {
            // Keep the cursor in view: show the part of the line around it.
            var start = 0
            while DisplayWidth.of(String(draft[start..<state.review.draftCursor])) > room - 2 { start += 1 }
            let before = String(draft[start..<state.review.draftCursor])
            let after = String(draft[state.review.draftCursor...])
            var cx = labelWidth
            cx += buffer.write(before, x: cx, y: area.y + 2, style: .input, limit: room)
            cx += buffer.write("▏", x: cx, y: area.y + 2, style: .warning)
            buffer.write(after, x: cx, y: area.y + 2, style: .input, limit: max(0, area.width - cx))
            buffer.write(s[.commentHint], x: area.width - DisplayWidth.of(s[.commentHint]) - 1, y: area.y + 1, style: .warning)
        } else {
            buffer.write(DisplayWidth.truncate(state.data.comment(entry.id, state.stage, item.id), to: room),
                         x: labelWidth, y: area.y + 2)
        }
        let progress = state.data.progress(entry, state.stage)
        let total = state.data.runningTotal(entry, state.stage)
        let label = " \(s[.progress]) \(progress.done)/\(progress.of) "
        let tail = "  \(s[.total]) \(total.fixed())"
        let barWidth = max(10, area.width - DisplayWidth.of(label) - DisplayWidth.of(tail) - 2)
        var bx = buffer.write(label, x: 0, y: area.y + 3, style: .header)
        bx += buffer.write(Layout.bar(done: progress.done, total: progress.of, width: barWidth), x: bx, y: area.y + 3,
                           style: progress.done == progress.of ? .good : .normal)
        buffer.write(tail, x: bx, y: area.y + 3, style: .header)
    }
}
