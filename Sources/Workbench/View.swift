import IIPCore
import Terminal

/// The whole screen as a pure function of the state (bubbletea's View).
public func view(_ state: AppState) -> Buffer {
    var buffer = Buffer(width: state.width, height: state.height)
    guard state.width >= 80, state.height >= 24 else {
        let message = state.strings[.tooSmall] + " (\(state.width)×\(state.height))"
        buffer.write(DisplayWidth.truncate(message, to: state.width), x: 0, y: state.height / 2, style: .warning)
        return buffer
    }
    header(state, &buffer)
    let body = Rect(x: 0, y: 1, width: state.width, height: state.height - 3)
    if let declaration = state.declaration {
        DeclarationScreen.render(state, declaration, body, &buffer)
        question(state, &buffer)
        if state.showHelp { helpOverlay(KeyMap.pledgeKeys, state, &buffer) }
        return buffer
    }
    switch state.screen {
    case .list: ListScreen.render(state, body, &buffer)
    case .review: ReviewScreen.render(state, body, &buffer)
    case .document: DocumentScreen.render(state, body, &buffer)
    case .compare: CompareScreen.render(state, body, &buffer)
    case .ranking: RankingScreen.render(state, body, &buffer)
    case .panel: PanelScreen.render(state, body, &buffer)
    case .analytics: AnalyticsScreen.render(state, body, &buffer)
    }
    footer(state, &buffer)
    if let prompt = state.recheck, state.screen == .review {
        bottomLines(state.strings.recheckPrompt(prompt, stageName: state.stageName(prompt.item.stage)), style: .input, state, &buffer)
    }
    question(state, &buffer)
    if state.showHelp { helpOverlay(KeyMap.table(state.screen), state, &buffer) }
    state.exportDialog?.render(state.strings, width: state.width, height: state.height, &buffer)
    return buffer
}

/// The question awaiting an answer, over the status line: nothing else is read until it is answered.
private func question(_ state: AppState, _ buffer: inout Buffer) {
    guard let confirmation = state.confirmation else { return }
    let y = state.height - 2
    buffer.fill(Rect(x: 0, y: y, width: state.width, height: 1), style: .warning)
    buffer.write(" " + confirmation.text, x: 0, y: y, style: .warning, limit: state.width - 1)
}

/// Title bar: program, screen, stage, expert.
private func header(_ state: AppState, _ buffer: inout Buffer) {
    let s = state.strings
    buffer.fill(Rect(x: 0, y: 0, width: state.width, height: 1), style: .title)
    let title: String
    switch state.screen {
    case .list: title = s[.listTitle]
    case .review: title = s[.reviewTitle] + " · " + state.review.dossier
    case .document: title = s[.documentTitle] + " · " + state.review.dossier
    case .compare: title = s[.compareTitle] + " · " + state.marks.joined(separator: " ")
    case .ranking: title = s[.rankingTitle]
    case .panel: title = s[.panelTitle]
    case .analytics: title = s[.analyticsTitle]
    }
    let left = " \(s[.appName]) · \(title)"
    let mark = state.readOnly ? s[.readOnly] : state.data.signed.contains(state.stage) ? s[.signed] : nil
    let signed = mark.map { s.language == .zh ? "（\($0)）" : " (\($0))" } ?? ""
    let right = "\(state.stageName(state.stage))\(signed) · \(s[.expert]) \(state.data.expert.id) \(state.data.expert.name) "
    let rightWidth = DisplayWidth.of(right)
    buffer.write(left, x: 0, y: 0, style: .title, limit: max(0, state.width - rightWidth - 1))
    buffer.write(right, x: max(0, state.width - rightWidth), y: 0, style: .title)
}

/// Status line (the latest notice) and the key hints of the screen.
private func footer(_ state: AppState, _ buffer: inout Buffer) {
    if let notice = state.notice {
        bottomLines(notice.text, style: notice.style, state, &buffer)
    } else if state.screen == .review, let item = state.data.recheck(state.review.dossier, state.stage) {
        // Said while nothing else is: the deviation stays in sight while the dossier is open.
        bottomLines(state.strings.recheckLine(item), style: item.state == .open ? .warning : .dim, state, &buffer)
    }
    var x = 1
    // The footer names what a screen is for; moving, scrolling and redrawing are in the help (?).
    let everywhere: Set<UIText> = [.keyMove, .keyScroll, .keyEnds, .keyRedraw]
    for binding in KeyMap.table(state.screen) where !everywhere.contains(binding.help) {
        let label = binding.label
        let help = state.strings[binding.help]
        let needed = DisplayWidth.of(label) + 1 + DisplayWidth.of(help) + 2
        if x + needed > state.width { break }
        x += buffer.write(label, x: x, y: state.height - 1, style: .key)
        x += buffer.write(" " + help + "  ", x: x, y: state.height - 1, style: .dim)
    }
}

/// A notice or a prompt on the status line; a longer one wraps upward over the screen's last
/// lines (at most three), so its end — the reason, the last id, the last choice — is never cut off.
private func bottomLines(_ text: String, style: Style, _ state: AppState, _ buffer: inout Buffer) {
    let lines = Layout.wrap(text, width: state.width - 2)
    let shown = lines.count > 3 ? Array(lines.prefix(2)) + [DisplayWidth.truncate(Layout.rejoined(lines[2...]), to: state.width - 2)] : lines
    let top = state.height - 1 - shown.count
    for (offset, line) in shown.enumerated() {
        buffer.fill(Rect(x: 0, y: top + offset, width: state.width, height: 1), style: .normal)
        buffer.write(" " + line, x: 0, y: top + offset, style: style)
    }
}

/// `?`: every key of the current screen, from its key table — in two columns when one
/// does not fit (the review's table at 80×24).
private func helpOverlay(_ rows: [Binding], _ state: AppState, _ buffer: inout Buffer) {
    let room = state.height - 6
    let columns = rows.count > room ? 2 : 1
    let perColumn = (rows.count + columns - 1) / columns
    let width = min(state.width - 4, columns == 1 ? 56 : 110)
    let height = min(state.height - 2, perColumn + 4)
    let box = Rect(x: (state.width - width) / 2, y: max(1, (state.height - height) / 2), width: width, height: height)
    buffer.fill(box, style: .input)
    buffer.write(" " + state.strings[.helpTitle], x: box.x, y: box.y, style: .selected, limit: width)
    buffer.paint(Rect(x: box.x, y: box.y, width: width, height: 1), style: .selected)
    let columnWidth = (width - 2) / columns
    for (index, binding) in rows.enumerated() {
        let column = index / perColumn, line = index % perColumn
        guard line < height - 3 else { continue }
        let x = box.x + 2 + column * columnWidth, y = box.y + 2 + line
        let labelWidth = 12
        buffer.write(DisplayWidth.pad(binding.label, to: labelWidth), x: x, y: y, style: .input, limit: labelWidth)
        buffer.write(state.strings[binding.help], x: x + labelWidth + 1, y: y, style: .input, limit: columnWidth - labelWidth - 2)
    }
    buffer.write(state.strings[.escToClose], x: box.x + width - DisplayWidth.of(state.strings[.escToClose]) - 2,
                 y: box.y + height - 1, style: .input)
}

/// A column of a table: header, width, right alignment.
struct Column {
    let title: String
    let width: Int
    var right = false
}

/// Writes one table row of cells in `columns` from `x`.
func writeRow(_ cells: [String], _ columns: [Column], x: Int, y: Int, style: Style, _ buffer: inout Buffer) {
    var column = x
    for (text, spec) in zip(cells, columns) {
        buffer.write(DisplayWidth.pad(text, to: spec.width, right: spec.right), x: column, y: y, style: style)
        column += spec.width + 1
    }
}
