/// What scoring needs to know of a dossier besides its scores: its platform type and the
/// units a conflict of interest is found by. A workspace keeps these for every dossier, so
/// neither the ranking nor a check of 700,000 score rows has to parse the dossiers.
public struct DossierFacts: Sendable, Equatable {
    public let type: PlatformType
    public let applicant: String
    public let partners: [String]

    public init(type: PlatformType, applicant: String, partners: [String]) {
        self.type = type
        self.applicant = applicant
        self.partners = partners
    }

    public init?(_ dossier: Dossier) {
        guard let type = dossier.platform.type else { return nil }
        self.init(type: type, applicant: dossier.applicant.name ?? "", partners: dossier.partners.compactMap(\.name))
    }
}

/// One expert's sheets of one stage: what is signed, reopened and exchanged as a whole.
public struct ExpertStage: Sendable, Hashable, CustomStringConvertible {
    public let expert: String
    public let stage: StageID

    public init(_ expert: String, _ stage: StageID) {
        self.expert = expert
        self.stage = stage
    }

    public var description: String { "\(expert)/\(stage.rawValue)" }
}

/// Why an expert's stage sheet of a dossier never counts, however complete (SPEC §6).
public enum SheetExclusion: Sendable, Equatable, CustomStringConvertible {
    /// The expert is not (or no longer) on the panel.
    case notOnPanel
    /// The expert is on the panel, but not for this stage.
    case notOnStage
    /// 回避: the expert may not score the dossier — whenever that was found or declared.
    case conflict(Conflict)

    public var description: String {
        switch self {
        case .notOnPanel: return "not on the panel"
        case .notOnStage: return "not on the panel for this stage"
        case let .conflict(conflict): return "in conflict (\(conflict))"
        }
    }
}

/// Whose sheets count (SPEC §6): a sheet counts once every applicable item has points, the
/// expert is on the panel for that stage, and the expert is not in conflict with the
/// dossier. This is the one definition that the ranking, the sheets, the summary, the
/// workbench and every check of a score use; completeness is the sheet form's part.
public struct SheetCounting: Sendable {
    public let panel: Panel
    /// The facts of every dossier, by id.
    public let dossiers: [String: DossierFacts]
    private let experts: [String: Expert]
    /// Every conflict of every expert, by expert and dossier: found once, as a ranking asks
    /// about 100,000 sheets.
    private let conflicts: [String: [String: Conflict]]

    public init(panel: Panel, dossiers: [String: DossierFacts]) {
        self.panel = panel
        self.dossiers = dossiers
        experts = Dictionary(panel.experts.map { ($0.id, $0) }) { first, _ in first }
        // Every name folded once, not once per expert.
        let names = dossiers.mapValues { Expert.UnitNames(applicant: $0.applicant, partners: $0.partners) }
        var conflicts: [String: [String: Conflict]] = [:]
        for expert in panel.experts {
            let affiliation = Expert.folded(expert.affiliation)
            var found: [String: Conflict] = [:]
            for (id, parties) in names { found[id] = expert.conflict(with: parties, affiliation: affiliation, id: id) }
            // Listed against a dossier this workspace does not hold: still a conflict.
            for id in expert.conflicts where found[id] == nil { found[id] = .listed }
            conflicts[expert.id] = found
        }
        self.conflicts = conflicts
    }

    /// Why `expert`'s sheet of `dossier` in `stage` never counts, or nil when it counts
    /// once complete.
    public func exclusion(expert id: String, dossier: String, stage: StageID) -> SheetExclusion? {
        guard let expert = experts[id] else { return .notOnPanel }
        if !expert.stages.contains(stage) { return .notOnStage }
        return conflict(expert: expert, dossier: dossier).map { .conflict($0) }
    }

    /// Every reason the sheet never counts: a score of it is refused with all of them.
    public func exclusions(expert id: String, dossier: String, stage: StageID) -> [SheetExclusion] {
        guard let expert = experts[id] else { return [.notOnPanel] }
        var reasons: [SheetExclusion] = []
        if !expert.stages.contains(stage) { reasons.append(.notOnStage) }
        if let conflict = conflict(expert: expert, dossier: dossier) { reasons.append(.conflict(conflict)) }
        return reasons
    }

    public func counts(expert: String, dossier: String, stage: StageID) -> Bool {
        exclusion(expert: expert, dossier: dossier, stage: stage) == nil
    }

    /// The expert's conflict with `dossier`, whatever the stage.
    public func conflict(expert id: String, dossier: String) -> Conflict? {
        conflicts[id]?[dossier]
    }

    private func conflict(expert: Expert, dossier: String) -> Conflict? {
        conflicts[expert.id]?[dossier]
    }
}
