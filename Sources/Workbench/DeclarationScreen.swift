import IIPCore
import Terminal

/// Where the expert is in the declaration asked on first opening (诚信承诺与回避声明).
public struct DeclarationState: Sendable {
    public var cursor = 0
    /// Dossiers the expert declares a conflict with.
    public var conflicts: Set<String> = []
    /// This machine's signing key of the expert: written on the printed pledge.
    public var keyFingerprint: KeyFingerprint? = nil
}

/// The pledge and the conflict declaration: every dossier with its applicant and partners,
/// Space marks a conflict, Enter signs.
enum DeclarationScreen {
    static func render(_ state: AppState, _ declaration: DeclarationState, _ area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        var y = area.y
        buffer.write(" " + s[.declTitle], x: 0, y: y, style: .header)
        y += 1
        for line in Layout.wrap(s[.declPledge], width: area.width - 2).prefix(5) {
            buffer.write(line, x: 1, y: y)
            y += 1
        }
        if let key = declaration.keyFingerprint {
            // The fingerprint is copied by hand: never cut, on a line of its own when need be.
            let line = " " + s[.declKey] + key.description
            if DisplayWidth.of(line) <= area.width {
                buffer.write(line, x: 0, y: y, style: .header)
            } else {
                buffer.write(" " + s[.declKey], x: 0, y: y, style: .header)
                y += 1
                buffer.write("   " + key.description, x: 0, y: y, style: .header)
            }
            y += 1
        }
        buffer.write(" " + s[.declHint], x: 0, y: y, style: .warning)
        y += 1
        let rows = area.y + area.height - y
        let entries = state.data.entries
        let top = max(0, min(declaration.cursor - rows / 2, entries.count - rows))
        for (offset, entry) in entries.dropFirst(top).prefix(rows).enumerated() {
            let index = top + offset
            let mark = declaration.conflicts.contains(entry.id) ? "[✗]" : "[ ]"
            let text = "\(mark) \(entry.id)  \(entry.applicant)  \(entry.partners.joined(separator: s.language == .zh ? "、" : ", "))"
            buffer.write(DisplayWidth.truncate(text, to: area.width - 2), x: 1, y: y + offset,
                         style: declaration.conflicts.contains(entry.id) ? .bad : .normal)
            if index == declaration.cursor { buffer.paint(Rect(x: 1, y: y + offset, width: area.width - 2, height: 1), style: .selected) }
        }
    }

    /// Keys while the declaration is open (its own key table); everything else waits until it is signed.
    static func update(_ key: Key, _ state: inout AppState) -> [Effect] {
        guard var declaration = state.declaration else { return [] }
        let count = state.data.entries.count
        let action = KeyMap.action(for: key, in: KeyMap.pledgeKeys)
        // A page of the pledge's list: the screen less the pledge's text above it.
        if let action, let cursor = moved(declaration.cursor, action, count: count, page: max(1, state.height - 12)) {
            declaration.cursor = cursor
            state.declaration = declaration
            return []
        }
        switch action {
        case .mark?:
            // Marks (or unmarks) and moves on, as Space does in the list.
            guard state.data.entries.indices.contains(declaration.cursor) else { break }
            let id = state.data.entries[declaration.cursor].id
            if declaration.conflicts.contains(id) { declaration.conflicts.remove(id) } else { declaration.conflicts.insert(id) }
            declaration.cursor = min(max(0, count - 1), declaration.cursor + 1)
        case .open?:
            // The pledge cannot be taken back: asked once more.
            state.confirmation = Confirmation(text: state.strings.format(.pledgeAsk, declaration.conflicts.count),
                                              action: .declare(declaration.conflicts.sorted()))
        case .help?: state.showHelp = true
        case .redraw?: return [.redraw]
        case .quit?: return quit(&state)
        default: break
        }
        state.declaration = declaration
        return []
    }
}
