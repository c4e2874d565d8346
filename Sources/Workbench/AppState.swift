import Foundation
import IIPCore
import IIPStore
import Terminal

public enum ScreenID: Sendable, Equatable {
    case list, review, document, compare, ranking, panel, analytics
}

/// Which dossiers the list shows.
public enum ListFilter: Int, Sendable, CaseIterable {
    case all, cross, specific, industry, domain, region

    func admits(_ type: PlatformType) -> Bool {
        switch self {
        case .all: return true
        case .cross: return type == .cross
        case .specific: return type != .cross
        case .industry: return type == .industry
        case .domain: return type == .domain
        case .region: return type == .region
        }
    }
}

public enum ListSort: Int, Sendable, CaseIterable {
    case id, name, score
}

public struct ListState: Sendable {
    public var cursor = 0
    public var filter = ListFilter.all
    public var sort = ListSort.id
    public var query = ""
    public var searching = false
}

/// Where the expert is on the review screen.
public struct ReviewState: Sendable {
    /// The two panes: the item tree on the left, the item with its entry on the right.
    public enum Focus: Sendable { case tree, entry }

    public var dossier = ""
    public var focus = Focus.entry
    public var cursor = 0
    /// Points being typed, not yet saved, and the item's value when typing began.
    public var entry = ""
    public var entryBase: ShownScore? = nil
    /// The comment line editor, when open: its text and cursor (in characters), and the
    /// item's value when it opened (what the save must still find, or it is refused).
    public var draft: [Character]? = nil
    public var draftCursor = 0
    public var draftBase: ShownScore? = nil
    /// How far the item's requirement and indicators are scrolled (PgUp PgDn).
    public var detailScroll = 0
    /// The save under way came from Enter: it moves on to the next unscored item.
    public var advanceAfterSave = false
    /// The save under way clears the item's points.
    public var clearing = false
}

/// A question asked before something that cannot be taken back (signing a stage, the
/// pledge, clearing a score, leaving points unsaved): `y` does it, any other key does not.
public struct Confirmation: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        case sign(StageID)
        case declare([String])
        case clearScore
        /// Leave the review screen (Esc) or quit, dropping the points typed.
        case dropPoints(then: Key)
    }

    public let text: String
    public let action: Action
}

/// The 复核 asked on the review screen: the choice first, then a confirmation's reason.
public struct RecheckPrompt: Sendable, Equatable {
    public let item: RecheckItem
    /// The reason being typed once the expert chose to keep the score; nil while choosing.
    public var reason: String? = nil
}

/// A message to the user in the status line.
public struct Notice: Sendable, Equatable {
    public let text: String
    public let style: Style
}

/// The whole state of the workbench; `view` is a pure function of it.
/// What the workbench reads again away from the keys.
public enum Rereading: Sendable, Equatable {
    /// The ranking alone: the panel's scores the list shows follow the expert's own save
    /// (a quick read, without adding up every item).
    case ranking
    /// Everything shown: another process changed the workspace, a save was refused for a
    /// change made elsewhere, a reading raced a save, a stage was signed, or the chair opens
    /// the panel's overview.
    case everything
}

public struct AppState: Sendable {
    public var data: WorkbenchData
    public var strings: Strings
    public var width: Int
    public var height: Int
    public var screen = ScreenID.list
    /// The screens Esc goes back through, the most recent last (the list when none is left).
    public var trail: [ScreenID] = []
    public var stage = StageID.written
    public var list = ListState()
    /// The list's last order, shared by the copies of this state (it is keyed by what it
    /// was computed from, so a copy that changed asks again).
    let listOrder = ListOrder()
    public var review = ReviewState()
    public var documentScroll = 0
    public var marks: [String] = []
    public var compareScroll = 0
    public var rankingCursor = 0
    public var panelScroll = 0
    /// The folder typed on the panel screen to import signed sheets from, while typing.
    public var importFolder: String? = nil
    /// What the last sheet import said, one line per file, and whether it was refused.
    public var importResults: [(text: String, refused: Bool)] = []
    /// The audit log as last shown on the panel screen, newest first, and its chain check.
    public var auditLines: [String] = []
    public var showHelp = false
    /// The chair's analytics screen: how far it is scrolled, the analysis when computed and
    /// the data revision it was computed from (another is computed when the data changed).
    public var analyticsScroll = 0
    public var analysis: (of: UInt64, analysis: Analysis)? = nil
    /// The analysis being computed, for the data of this revision.
    public var analysisWanted: UInt64? = nil
    /// Why the last analysis could not be computed, shown on the screen until one is.
    public var analysisFailure: String? = nil
    /// The 复核 being asked on the review screen, if one is.
    public var recheck: RecheckPrompt? = nil
    /// Why nothing can be changed here (another workbench of the same expert has the
    /// workspace, or its disk cannot be written), or nil.
    public var readOnlyBecause: UIText?
    public var readOnly: Bool { readOnlyBecause != nil }
    /// Why the dossiers could not be read after the first frame, if they could not.
    public var readFailure: Bilingual?
    /// Whether the screen shown needs the dossiers read (or the chair's overview).
    public var showsDossiers: Bool {
        switch screen {
        case .list, .ranking, .analytics: return false
        case .review, .document, .compare, .panel: return true
        }
    }

    /// What a screen shows in place of a dossier not read (yet).
    public var dossierMissing: String { readFailure.map(strings.said) ?? strings[.readingDossiers] }
    /// The export dialog (`e`), while open.
    public var exportDialog: ExportDialog? = nil
    /// Where the export dialog proposes to write: `<workspace>/exports`.
    public var exportFolder = "exports"
    /// The declaration asked before the expert's first scoring, while it is not signed.
    public var declaration: DeclarationState? = nil
    public var notice: Notice? = nil
    /// The question awaiting its answer, shown in the status line.
    public var confirmation: Confirmation? = nil
    /// What to read again as soon as the keys are idle, if anything.
    public var refreshSoon: Rereading? = nil
    /// The saves this workbench has made: a reading begun before the last one is stale.
    public var savesMade = 0
    public var quit = false

    public init(data: WorkbenchData, language: Language, width: Int, height: Int) {
        self.data = data
        strings = Strings(language)
        self.width = width
        self.height = height
    }

    /// Opens `screen`, remembering the way back. A screen already on the way is cut out with
    /// all that came after it, so that Esc never goes round in a circle.
    mutating func go(to screen: ScreenID) {
        guard screen != self.screen else { return }
        if let index = trail.firstIndex(of: screen) { trail.removeSubrange(index...) }
        trail.append(self.screen)
        self.screen = screen
    }

    /// Esc: the screen this one was opened from.
    mutating func goBack() {
        screen = trail.popLast() ?? .list
    }

    /// Asks for `what` to be read again when the keys are idle (never less than asked already).
    mutating func readAgain(_ what: Rereading) {
        if refreshSoon != .everything { refreshSoon = what }
    }

    /// Back to the list, forgetting the way (a dossier closed under the expert's eyes).
    mutating func goToList() {
        trail = []
        screen = .list
    }

    /// The dossiers the list shows, filtered, searched and sorted: sorted once per change of
    /// the data or the list's settings, not on every frame and key (a thousand running totals
    /// are summed to sort an expert's list by score).
    public var visibleEntries: [DossierEntry] {
        let key = ListOrder.Key(revision: data.revision, filter: list.filter, sort: list.sort, query: list.query, stage: stage)
        return listOrder.entries(for: key) { sortedEntries }
    }

    private var sortedEntries: [DossierEntry] {
        let query = list.query.lowercased()
        let shown = data.entries.filter { entry in
            list.filter.admits(entry.type) && (query.isEmpty || entry.id.lowercased().contains(query)
                || entry.platformName.lowercased().contains(query)
                || entry.applicant.lowercased().contains(query))
        }
        switch list.sort {
        case .id: return shown
        case .name:
            // By pinyin, as a Chinese reader looks a name up (海川 before 松湖 before 旭航 before 智衡).
            return shown.sorted {
                let a = data.nameKey($0), b = data.nameKey($1)
                return a != b ? a < b : $0.id < $1.id
            }
        case .score:
            // The score the list shows: the panel's, or the expert's own before they may see it.
            let scores = Dictionary(shown.map { ($0.id, data.listScore($0, stage) ?? Rational(-1)) }, uniquingKeysWith: { a, _ in a })
            return shown.sorted {
                let a = scores[$0.id] ?? Rational(-1), b = scores[$1.id] ?? Rational(-1)
                return a != b ? a > b : $0.id < $1.id
            }
        }
    }

    /// The entry under review.
    public var reviewEntry: DossierEntry? { data.entry(review.dossier) }

    public var reviewItems: [RubricItem] {
        reviewEntry.map { data.items(stage, for: $0) } ?? []
    }

    public var currentItem: RubricItem? {
        let items = reviewItems
        return items.indices.contains(review.cursor) ? items[review.cursor] : nil
    }

    /// The rows of the ranking screen: dossier ids, in ranking order.
    public var rankingRows: [String] {
        data.groups.flatMap { $0.entries.map(\.candidate.id) }
    }

    func stageName(_ stage: StageID) -> String {
        strings.stageName(stage)
    }

    func typeName(_ type: PlatformType) -> String {
        switch type {
        case .cross: return strings[.typeCross]
        case .industry: return strings[.typeIndustry]
        case .domain: return strings[.typeDomain]
        case .region: return strings[.typeRegion]
        }
    }
}

/// The list's order as last computed, and what it was computed from.
final class ListOrder: @unchecked Sendable {
    struct Key: Equatable {
        let revision: UInt64
        let filter: ListFilter
        let sort: ListSort
        let query: String
        let stage: StageID
    }

    private let lock = NSLock()
    private var last: (key: Key, entries: [DossierEntry])?

    func entries(for key: Key, _ compute: () -> [DossierEntry]) -> [DossierEntry] {
        lock.lock()
        defer { lock.unlock() }
        if let last, last.key == key { return last.entries }
        let entries = compute()
        last = (key, entries)
        return entries
    }
}

extension AppState {
    /// On the analytics screen, figures of other data than what is shown now are asked for
    /// again (the dossiers read, a change made elsewhere, an answer to an older question).
    mutating func askForAnalysisIfStale() {
        guard screen == .analytics, analysis?.of != data.revision, analysisFailure == nil else { return }
        analysisWanted = data.revision
    }
}
