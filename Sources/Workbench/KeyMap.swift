import IIPCore
import Terminal

/// What a key does.
public enum Action: Equatable, Sendable {
    case up, down, pageUp, pageDown, open, document, back, quit, help, search, mark, compare, ranking
    case filter, sort, stage(StageID), nextUnscored, previousDossier, nextDossier, comment, editor, pane, panel
    case importSheets, auditLog, dissent, export
}

/// One row of a screen's key table: the keys, how help shows them, what they do.
public struct Binding: Sendable {
    public let keys: [Key]
    public let label: String
    public let help: UIText
    public let action: Action?
}

/// The key tables (SPEC §8), one per screen; the help overlay is generated from them.
public enum KeyMap {
    static let move = Binding(keys: [.up, .down, .char("j"), .char("k")], label: "↑↓ j k", help: .keyMove, action: nil)
    static let scroll = Binding(keys: [.pageUp, .pageDown], label: "PgUp PgDn", help: .keyScroll, action: nil)
    static let back = Binding(keys: [.escape], label: "Esc", help: .keyBack, action: .back)
    static let quit = Binding(keys: [.char("q"), .ctrl("c")], label: "q", help: .keyQuit, action: .quit)
    static let help = Binding(keys: [.char("?")], label: "?", help: .keyHelp, action: .help)
    static let stages = Binding(keys: [.char("1"), .char("2"), .char("3"), .char("4")], label: "1–4", help: .keyStage, action: nil)
    static let ranking = Binding(keys: [.char("r")], label: "r", help: .keyRanking, action: .ranking)
    static let document = Binding(keys: [.char("o")], label: "o", help: .keyDocument, action: .document)
    static let export = Binding(keys: [.char("e")], label: "e", help: .keyExport, action: .export)
    static let dossiers = Binding(keys: [.char("["), .char("]")], label: "[ ]", help: .keyPrevNextDossier, action: nil)

    public static func table(_ screen: ScreenID) -> [Binding] {
        switch screen {
        case .list:
            return [move, scroll,
                    Binding(keys: [.enter], label: "Enter", help: .keyOpen, action: .open), document,
                    Binding(keys: [.char("/")], label: "/", help: .keySearch, action: .search),
                    Binding(keys: [.char("f"), .tab], label: "f Tab", help: .keyFilter, action: .filter),
                    Binding(keys: [.char("s")], label: "s", help: .keySort, action: .sort),
                    Binding(keys: [.char(" ")], label: "Space", help: .keyMark, action: .mark),
                    Binding(keys: [.char("v")], label: "v", help: .keyCompare, action: .compare),
                    stages, ranking, Binding(keys: [.char("p")], label: "p", help: .keyPanel, action: .panel), export, help, quit]
        case .review:
            return [move,
                    Binding(keys: [], label: "0–9 .", help: .keyPoints, action: nil),
                    Binding(keys: [.enter], label: "Enter", help: .keySave, action: .open),
                    Binding(keys: [.char("c")], label: "c", help: .keyComment, action: .comment),
                    Binding(keys: [.char("E")], label: "E", help: .keyEditor, action: .editor),
                    Binding(keys: [.char("D")], label: "D", help: .keyDissent, action: .dissent),
                    Binding(keys: [.char("n")], label: "n", help: .keyNext, action: .nextUnscored),
                    dossiers, Binding(keys: [], label: "Tab 1–4", help: .keyStage, action: nil), document,
                    Binding(keys: [.char("h"), .char("l"), .tab], label: "h l Tab", help: .keyPane, action: .pane),
                    ranking, export, back, help, quit]
        case .document:
            return [move, scroll, dossiers, back, help, quit]
        case .compare:
            return [move, scroll, back, help, quit]
        case .ranking:
            return [move, scroll, Binding(keys: [.enter], label: "Enter", help: .keyOpen, action: .open), export, back, help, quit]
        case .panel:
            return [move, scroll,
                    Binding(keys: [.char("i")], label: "i", help: .keyImportSheets, action: .importSheets),
                    Binding(keys: [.char("a")], label: "a", help: .keyAudit, action: .auditLog),
                    export, back, help, quit]
        }
    }

    /// What `key` does on `screen`, from its table.
    static func action(for key: Key, on screen: ScreenID) -> Action? {
        switch key {
        case .up, .char("k"): return .up
        case .down, .char("j"): return .down
        case .pageUp: return .pageUp
        case .pageDown: return .pageDown
        // On the review screen digits type points; update() turns them into stage switches
        // only while the tree pane has the focus.
        case .char("1"): return screen == .list ? .stage(.written) : nil
        case .char("2"): return screen == .list ? .stage(.defence) : nil
        case .char("3"): return screen == .list ? .stage(.site) : nil
        case .char("4"): return screen == .list ? .stage(.test) : nil
        case .char("["): return screen == .review || screen == .document ? .previousDossier : nil
        case .char("]"): return screen == .review || screen == .document ? .nextDossier : nil
        default: return table(screen).first { $0.keys.contains(key) }?.action
        }
    }
}
