import Foundation
import IIPCore
import IIPExport
import IIPStore

/// One dossier as the workbench lists it.
public struct DossierEntry: Sendable {
    public let id: String
    public let type: PlatformType
    public let platformName: String
    public let applicant: String
    public let partners: [String]
    /// The dossier itself; nil in the first frames, while the workbench still reads them.
    public let dossier: Dossier?
    public let errors: Int
    /// nil until the dossier is read.
    public let warnings: Int?
    /// Why the expert may not open it (回避), or nil.
    public let conflict: Conflict?
    /// The dossier's file changed after it was scored.
    public let changed: Bool
}

/// What the workbench reads again when another process has changed the workspace: all but
/// the dossiers themselves, without parsing one.
public struct WorkbenchRefresh: Sendable {
    public let expert: Expert
    public let mine: [ItemScore]
    public let signed: Set<StageID>
    public let groups: [RankedGroup]
    public let changed: Set<String>
    public let dissents: [StageID: String]
    /// The chair's only.
    public let overview: PanelOverview?
    public let othersMean: [ScoreKey: Rational]?
    /// The 复核 the expert sees: their own, or the whole panel's for the chair.
    public var rechecks: [RecheckItem] = []
}

/// A saved score's address.
public struct ScoreKey: Hashable, Sendable {
    public let dossier: String
    public let stage: StageID
    public let item: String
}

/// What the workbench shows, read from the workspace once and updated as the expert saves.
public struct WorkbenchData: Sendable {
    public let rubric: Rubric
    public let expert: Expert
    public let entries: [DossierEntry]
    /// False while the entries are the kept listing only (no dossier read yet).
    public let dossiersRead: Bool
    /// The expert's own scores.
    public var mine: [ScoreKey: ItemScore] { didSet { revision = Revision.next() } }
    /// The stages the expert has signed: read-only here.
    public internal(set) var signed: Set<StageID> { didSet { revision = Revision.next() } }
    /// The whole panel's progress and deviations: for the chair only.
    public var overview: PanelOverview?
    /// The expert's written dissent per stage (不同意见及理由).
    public var dissents: [StageID: String] = [:]
    /// Deviating scores of signed stages and their 复核: the expert's own, or all for the chair.
    public var rechecks: [RecheckItem] = []
    /// The ranking as of the last refresh.
    public var groups: [RankedGroup] {
        didSet {
            rankedByID = WorkbenchData.index(groups)
            revision = Revision.next()
        }
    }
    /// Changes with every change of what the list sorts by (scores, signings, the ranking,
    /// the chair's view), and differs between any two data ever made: what a sorted list
    /// remembers its order by.
    public private(set) var revision = Revision.next()
    /// The ranking entries by dossier id, so a list of a thousand dossiers sorts quickly.
    private var rankedByID: [String: RankedEntry] = [:]
    /// For each numeric indicator, every dossier's value, sorted: the cohort for percentiles.
    let cohorts: [String: [Decimal]]
    /// The other experts' mean points per item, to mark where the expert stands far apart
    /// (empty until read, a moment after the dossiers).
    var othersMean: [ScoreKey: Rational]
    /// The panel's chair, who sees everything.
    public var isChair = false { didSet { revision = Revision.next() } }
    /// Each dossier's platform name as pinyin, to sort by (until the dossiers are read, the
    /// names themselves).
    private let nameKeys: [String: String]

    /// From the expert's own scores alone (no other expert's means yet).
    public init(rubric: Rubric, expert: Expert, reports: [ComplianceReport], scores: [ItemScore], groups: [RankedGroup],
                signed: Set<StageID> = [], changed: Set<String> = []) {
        self.init(rubric: rubric, expert: expert, reports: reports, mine: scores.filter { $0.expert == expert.id },
                  othersMean: [:], groups: groups, signed: signed, changed: changed)
    }

    /// From the expert's own scores and the other experts' mean per item (a workspace
    /// computes these without reading every score into memory).
    public init(rubric: Rubric, expert: Expert, reports: [ComplianceReport], mine scores: [ItemScore],
                othersMean: [ScoreKey: Rational], groups: [RankedGroup], signed: Set<StageID> = [], changed: Set<String> = []) {
        var entries: [DossierEntry] = []
        for report in reports {
            guard let id = report.id, let dossier = report.dossier, let type = dossier.platform.type else { continue }
            entries.append(DossierEntry(id: id, type: type, platformName: dossier.platform.name ?? "",
                                        applicant: dossier.applicant.name ?? "", partners: dossier.partners.compactMap(\.name),
                                        dossier: dossier, errors: report.problems.filter { $0.severity == .error }.count,
                                        warnings: report.problems.filter { $0.severity == .warning }.count,
                                        conflict: expert.conflict(with: dossier, id: id), changed: changed.contains(id)))
        }
        // Pinyin takes ICU a fifth of a second for a thousand names: computed here, where the
        // dossiers are read away from the keys, not for the first frame.
        let nameKeys = Dictionary(entries.map { ($0.id, Pinyin.sortKey($0.platformName)) }, uniquingKeysWith: { a, _ in a })
        self.init(rubric: rubric, expert: expert, entries: entries, dossiersRead: true, nameKeys: nameKeys, mine: scores, othersMean: othersMean,
                  groups: groups, signed: signed)
    }

    /// What the first frame shows, before any dossier is read: the list from what the
    /// workspace kept when the dossiers were stored (a thousand dossiers take a second to
    /// read), the expert's scores and the ranking.
    public init(rubric: Rubric, expert: Expert, listing: [DossierListing], mine scores: [ItemScore], groups: [RankedGroup],
                signed: Set<StageID> = [], changed: Set<String> = []) {
        let entries = listing.map { listed in
            DossierEntry(id: listed.id, type: listed.type, platformName: listed.platform, applicant: listed.applicant,
                         partners: listed.partners, dossier: nil, errors: listed.errors, warnings: nil,
                         conflict: expert.conflict(applicant: listed.applicant, partners: listed.partners, id: listed.id),
                         changed: changed.contains(listed.id))
        }
        self.init(rubric: rubric, expert: expert, entries: entries, dossiersRead: false, nameKeys: [:], mine: scores, othersMean: [:],
                  groups: groups, signed: signed)
    }

    private init(rubric: Rubric, expert: Expert, entries: [DossierEntry], dossiersRead: Bool, nameKeys: [String: String], mine scores: [ItemScore],
                 othersMean: [ScoreKey: Rational], groups: [RankedGroup], signed: Set<StageID>) {
        self.rubric = rubric
        self.signed = signed
        self.expert = expert
        self.dossiersRead = dossiersRead
        self.entries = entries.sorted { $0.id < $1.id }
        var mine: [ScoreKey: ItemScore] = [:]
        for score in scores where score.expert == expert.id {
            mine[ScoreKey(dossier: score.dossier, stage: score.stage, item: score.item)] = score
        }
        self.mine = mine
        self.groups = groups
        rankedByID = WorkbenchData.index(groups)
        var cohorts: [String: [Decimal]] = [:]
        for entry in self.entries {
            for (id, value) in entry.dossier?.indicators ?? [:] {
                if case let .number(number) = value { cohorts[id, default: []].append(number) }
            }
        }
        self.cohorts = cohorts.mapValues { $0.sorted() }
        self.othersMean = othersMean
        self.nameKeys = nameKeys
    }

    // MARK: - Independence (独立评审)

    /// Whether the panel's results of `stage` may be shown: to the chair, and to an expert
    /// once they have signed the stage — before, they see only their own work.
    public func seesPanel(_ stage: StageID) -> Bool {
        isChair || signed.contains(stage)
    }

    /// Whether the ranking may be shown: it is built from every stage's sheets, so an expert
    /// sees it once they have signed every stage they sit on.
    public var seesRanking: Bool {
        isChair || expert.stages.allSatisfy(signed.contains)
    }

    /// The documents this expert may export: the chair all; an expert their own sheets and
    /// the applicants' roster, and the ranking once they see it.
    public var exportable: [ExportWhat] {
        if isChair { return ExportWhat.allCases }
        return [.sheets, .roster] + (seesRanking ? [.ranking] : [])
    }

    /// The score the list shows for a dossier: the panel's final where the ranking may be
    /// seen, else the expert's own running total of `stage` (nil before any item is scored).
    public func listScore(_ entry: DossierEntry, _ stage: StageID) -> Rational? {
        if seesRanking { return ranked(entry.id)?.candidate.final }
        return progress(entry, stage).done > 0 ? runningTotal(entry, stage) : nil
    }

    /// True when the expert's points for the item are more than the rubric's deviation
    /// percentage away from the other experts' mean over their counted sheets (偏离) — shown
    /// only once the expert has signed the stage.
    public func deviates(_ dossier: String, _ stage: StageID, _ item: String) -> Bool {
        guard seesPanel(stage) else { return false }
        let key = ScoreKey(dossier: dossier, stage: stage, item: item)
        guard let mine = mine[key]?.points, let mean = othersMean[key] else { return false }
        return rubric.deviates(mine, from: mean)
    }

    /// Whether the expert sits on the panel for `stage`: only then may they score it.
    public func onPanel(for stage: StageID) -> Bool {
        expert.stages.contains(stage)
    }

    /// This data with what changed in the workspace since it was read — the expert's own
    /// scores, sign-offs, declared conflicts, dissents, the ranking, the panel's overview
    /// and the other experts' means — keeping the dossiers as read.
    public func refreshed(_ refresh: WorkbenchRefresh) -> WorkbenchData {
        let entries = self.entries.map { entry in
            DossierEntry(id: entry.id, type: entry.type, platformName: entry.platformName, applicant: entry.applicant,
                         partners: entry.partners, dossier: entry.dossier, errors: entry.errors, warnings: entry.warnings,
                         conflict: refresh.expert.conflict(applicant: entry.applicant, partners: entry.partners, id: entry.id),
                         changed: refresh.changed.contains(entry.id))
        }
        var data = WorkbenchData(rubric: rubric, expert: refresh.expert, entries: entries, dossiersRead: dossiersRead, nameKeys: nameKeys,
                                 mine: refresh.mine, othersMean: refresh.othersMean ?? othersMean, groups: refresh.groups,
                                 signed: refresh.signed)
        data.dissents = refresh.dissents
        data.rechecks = refresh.rechecks
        data.overview = refresh.overview ?? overview
        data.isChair = isChair
        return data
    }

    /// The key a platform name sorts by: its pinyin (computed once per dossier).
    public func nameKey(_ entry: DossierEntry) -> String {
        nameKeys[entry.id] ?? entry.platformName
    }

    /// The expert's own 复核 of `dossier` in `stage`, if one is listed.
    public func recheck(_ dossier: String, _ stage: StageID) -> RecheckItem? {
        rechecks.first { $0.expert == expert.id && $0.dossier == dossier && $0.stage == stage }
    }

    public func entry(_ id: String) -> DossierEntry? {
        entries.first { $0.id == id }
    }

    /// The items of `stage` that apply to `entry`, in rubric order.
    public func items(_ stage: StageID, for entry: DossierEntry) -> [RubricItem] {
        rubric.stage(stage)?.items(for: entry.type) ?? []
    }

    public func points(_ dossier: String, _ stage: StageID, _ item: String) -> Rational? {
        mine[ScoreKey(dossier: dossier, stage: stage, item: item)]?.points
    }

    /// The item's saved value as the screen shows it now.
    public func shown(_ dossier: String, _ stage: StageID, _ item: String) -> ShownScore {
        mine[ScoreKey(dossier: dossier, stage: stage, item: item)].map { ShownScore(points: $0.points, comment: $0.comment) } ?? .nothing
    }

    public func comment(_ dossier: String, _ stage: StageID, _ item: String) -> String {
        mine[ScoreKey(dossier: dossier, stage: stage, item: item)]?.comment ?? ""
    }

    /// (scored, applicable) items of the expert's sheet.
    public func progress(_ entry: DossierEntry, _ stage: StageID) -> (done: Int, of: Int) {
        let items = self.items(stage, for: entry)
        return (items.filter { points(entry.id, stage, $0.id) != nil }.count, items.count)
    }

    /// The expert's stage score so far, weighted as the rubric says (unscored items as 0).
    public func runningTotal(_ entry: DossierEntry, _ stage: StageID) -> Rational {
        guard let rubricStage = rubric.stage(stage) else { return .zero }
        var points: [String: Rational] = [:]
        for item in items(stage, for: entry) { points[item.id] = self.points(entry.id, stage, item.id) }
        return rubricStage.score(points: points, for: entry.type)
    }

    /// Whether the dossier's scores count: no compliance error, or every one waived by the
    /// chair (the ranking knows the waivers; before it is read, the errors alone say).
    public func isEligible(_ entry: DossierEntry) -> Bool {
        ranked(entry.id)?.candidate.eligible ?? (entry.errors == 0)
    }

    /// The ranking entry of a dossier.
    public func ranked(_ id: String) -> RankedEntry? {
        rankedByID[id]
    }

    private static func index(_ groups: [RankedGroup]) -> [String: RankedEntry] {
        Dictionary(groups.flatMap { $0.entries.map { ($0.candidate.id, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// Where `value` stands among all dossiers reporting `indicator`: 0–100.
    public func percentile(_ indicator: String, _ value: Decimal) -> Int? {
        guard let cohort = cohorts[indicator], cohort.count > 1 else { return nil }
        let below = cohort.filter { $0 < value }.count
        let equal = cohort.filter { $0 == value }.count
        let rank = (Double(below) + Double(equal) / 2) / Double(cohort.count) * 100
        return Int(rank.rounded())
    }
}

/// Numbers never given twice in this process: a data's revision.
enum Revision {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var last: UInt64 = 0

    static func next() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        last += 1
        return last
    }
}
