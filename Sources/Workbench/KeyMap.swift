import IIPCore
import Terminal

/// What a key does.
public enum Action: Equatable, Sendable {
    case up, down, pageUp, pageDown, first, last, open, document, back, quit, help, search, mark, compare, ranking
    case filter, sort, stage(StageID), nextUnscored, previousDossier, nextDossier, comment, editor, pane, panel
    case importSheets, auditLog, dissent, export, sign, redraw, recheck, analytics
}

/// One row of a screen's key table: the keys, how help shows them, what each key does.
/// The table dispatches the keys and writes the help and the footer, so they cannot drift.
public struct Binding: Sendable {
    public let label: String
    public let help: UIText
    /// What each key of the row does; empty for a row that only explains keys another part
    /// handles (digits typing points).
    public let actions: [Key: Action]

    init(_ keys: [Key], _ label: String, _ help: UIText, _ action: Action) {
        self.init(label, help, Dictionary(keys.map { ($0, action) }, uniquingKeysWith: { a, _ in a }))
    }

    init(_ label: String, _ help: UIText, _ actions: [Key: Action] = [:]) {
        self.label = label
        self.help = help
        self.actions = actions
    }
}

/// The key tables (SPEC §8), one per screen.
public enum KeyMap {
    static let move = Binding("↑↓ j k", .keyMove, [.up: .up, .char("k"): .up, .down: .down, .char("j"): .down])
    static let scroll = Binding("PgUp PgDn", .keyScroll, [.pageUp: .pageUp, .pageDown: .pageDown])
    static let ends = Binding("g G Home End", .keyEnds, [.char("g"): .first, .home: .first, .char("G"): .last, .end: .last])
    static let back = Binding([.escape], "Esc", .keyBack, .back)
    static let quit = Binding([.char("q"), .ctrl("c")], "q", .keyQuit, .quit)
    static let help = Binding([.char("?")], "?", .keyHelp, .help)
    static let redraw = Binding([.ctrl("l")], "Ctrl-L", .keyRedraw, .redraw)
    static let stages = Binding("1–4", .keyStage, [.char("1"): .stage(.written), .char("2"): .stage(.defence),
                                                   .char("3"): .stage(.site), .char("4"): .stage(.test)])
    static let ranking = Binding([.char("r")], "r", .keyRanking, .ranking)
    static let document = Binding([.char("o")], "o", .keyDocument, .document)
    static let export = Binding([.char("e")], "e", .keyExport, .export)
    static let sign = Binding([.char("S")], "S", .keySign, .sign)
    static let analytics = Binding([.char("a")], "a", .keyAnalytics, .analytics)
    static let dossiers = Binding("[ ]", .keyPrevNextDossier, [.char("["): .previousDossier, .char("]"): .nextDossier])

    /// Each screen's table, built once (they are read on every key and every frame).
    public static func table(_ screen: ScreenID) -> [Binding] {
        switch screen {
        case .list: return listKeys
        case .review: return reviewKeys
        case .document: return documentKeys
        case .compare: return compareKeys
        case .ranking: return rankingKeys
        case .panel: return panelKeys
        case .analytics: return analyticsKeys
        }
    }

    static let listKeys: [Binding] = [move, scroll, ends,
        Binding([.enter], "Enter", .keyOpen, .open), document,
        Binding([.char("/")], "/", .keySearch, .search),
        Binding([.char("f"), .tab], "f Tab", .keyFilter, .filter),
        Binding([.char("s")], "s", .keySort, .sort),
        Binding([.char(" ")], "Space", .keyMark, .mark),
        Binding([.char("v")], "v", .keyCompare, .compare),
        stages, ranking, sign, Binding([.char("p")], "p", .keyPanel, .panel), analytics, export,
        Binding([.escape], "Esc", .keyClearSearch, .back), help, redraw, quit]

    // Digits and `.` type points while the entry has the focus; with the tree
    // focused (Tab), 1–4 switch the stage. Both are handled before this table.
    static let reviewKeys: [Binding] = [move, ends, Binding("PgUp PgDn", .keyScrollDetail, [.pageUp: .pageUp, .pageDown: .pageDown]),
        Binding("0–9 .", .keyPoints),
        Binding([.enter], "Enter", .keySave, .open),
        Binding("Del", .keyClear),
        Binding([.char("c")], "c", .keyComment, .comment),
        Binding([.char("E")], "E", .keyEditor, .editor),
        Binding([.char("D")], "D", .keyDissent, .dissent),
        Binding([.char("R")], "R", .keyRecheck, .recheck),
        Binding([.char("n")], "n", .keyNext, .nextUnscored),
        dossiers, Binding("Tab → 1–4", .keyStageInTree), document,
        Binding([.char("h"), .char("l"), .tab], "h l Tab", .keyPane, .pane),
        sign, ranking, export, back, help, redraw, quit]

    static let documentKeys: [Binding] = [move, scroll, ends, dossiers, back, help, redraw, quit]

    static let compareKeys: [Binding] = [move, scroll, ends, back, help, redraw, quit]

    static let rankingKeys: [Binding] = [move, scroll, ends, Binding([.enter], "Enter", .keyOpen, .open), analytics, export, back, help, redraw, quit]

    static let analyticsKeys: [Binding] = [move, scroll, ends, back, help, redraw, quit]

    static let panelKeys: [Binding] = [move, scroll, ends,
        Binding([.char("i")], "i", .keyImportSheets, .importSheets),
        Binding([.char("L")], "L", .keyAudit, .auditLog), analytics,
        export, back, help, redraw, quit]

    /// The pledge asked before the first scoring (诚信承诺与回避声明).
    static let pledgeKeys: [Binding] = [move, scroll, ends,
                                    Binding([.char(" ")], "Space", .keyMarkConflict, .mark),
                                    Binding([.enter], "Enter", .keySignPledge, .open),
                                    help, redraw, quit]

    /// What `key` does on `screen`: the first row of its table that binds it.
    static func action(for key: Key, on screen: ScreenID) -> Action? {
        action(for: key, in: table(screen))
    }

    static func action(for key: Key, in table: [Binding]) -> Action? {
        for binding in table {
            if let action = binding.actions[key] { return action }
        }
        return nil
    }
}
