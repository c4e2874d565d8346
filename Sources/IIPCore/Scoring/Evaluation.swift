/// One saved score: the points (nil while only a comment is saved) an expert gave one item.
public struct ItemScore: Sendable, Equatable {
    public let expert: String
    public let dossier: String
    public let stage: StageID
    public let item: String
    public let points: Rational?
    public let comment: String

    public init(expert: String, dossier: String, stage: StageID, item: String, points: Rational?, comment: String) {
        self.expert = expert
        self.dossier = dossier
        self.stage = stage
        self.item = item
        self.points = points
        self.comment = comment
    }
}

/// An expert's stage score for one dossier, from a sheet that counts.
public struct ExpertStageScore: Sendable, Equatable {
    public let expert: String
    public let score: Rational
    /// Dropped as one of the highest or lowest when the panel mean was formed.
    public let trimmed: Bool
    /// More than the rubric's deviation percentage away from the panel's stage score (偏离).
    public let deviates: Bool
    /// The expert's non-empty item comments in this stage, in rubric order.
    public let comments: [String]
}

/// An expert's sheet of a dossier that never counts (SPEC §6): kept, marked, and shown as such.
public struct ExcludedSheet: Sendable, Equatable {
    public let expert: String
    /// Its score when complete.
    public let score: Rational?
    public let reason: SheetExclusion
}

/// The panel's score of one dossier in one stage (SPEC §6).
public struct PanelStageScore: Sendable, Equatable {
    public let stage: StageID
    /// Every counted sheet, trimmed or not.
    public let sheets: [ExpertStageScore]
    /// The mean of the sheets that were kept; nil when no sheet counts.
    public let value: Rational?
    /// Sheets that exist but never count (回避, or an expert not on the panel for the stage).
    public var excluded: [ExcludedSheet] = []
}

/// Every score of one dossier: per stage, and the final score when all stages have one.
public struct DossierEvaluation: Sendable, Equatable {
    public let id: String
    public let type: PlatformType
    public let stages: [StageID: PanelStageScore]
    /// Σ stage weight × stage score / 100; nil when some stage has no counted sheet.
    public let final: Rational?

    public func value(_ stage: StageID) -> Rational? { stages[stage]?.value }

    public var deviations: [(stage: StageID, sheet: ExpertStageScore)] {
        StageID.allCases.flatMap { stage in (stages[stage]?.sheets ?? []).filter(\.deviates).map { (stage, $0) } }
    }
}

/// Turns saved item scores into stage and final scores, exactly (SPEC §6). Only the sheets
/// that count enter a panel score: complete, and by an expert `counting` admits.
public struct Evaluation: Sendable {
    public let rubric: Rubric
    public let counting: SheetCounting

    /// Every stage's form for every platform type, laid out once.
    private let plans: [PlanKey: SheetForm]

    private struct PlanKey: Hashable {
        let stage: StageID
        let type: PlatformType
    }

    public init(rubric: Rubric, counting: SheetCounting) {
        self.rubric = rubric
        self.counting = counting
        var plans: [PlanKey: SheetForm] = [:]
        for stage in rubric.stages {
            for type in PlatformType.allCases { plans[PlanKey(stage: stage.id, type: type)] = SheetForm(stage, type) }
        }
        self.plans = plans
    }

    private func plan(_ stage: RubricStage, _ type: PlatformType) -> SheetForm {
        plans[PlanKey(stage: stage.id, type: type)] ?? SheetForm(stage, type)
    }

    /// Evaluates each dossier of `dossiers` (id and type) from `scores`; scores of other
    /// dossiers and of items the rubric does not apply are ignored.
    public func evaluate(_ dossiers: [(id: String, type: PlatformType)], scores: [ItemScore]) -> [String: DossierEvaluation] {
        var byDossier: [String: [ItemScore]] = [:]
        for score in scores { byDossier[score.dossier, default: []].append(score) }
        var results: [String: DossierEvaluation] = [:]
        for (id, type) in dossiers {
            results[id] = evaluate(id: id, type: type, scores: byDossier[id] ?? [])
        }
        return results
    }

    public func evaluate(id: String, type: PlatformType, scores: [ItemScore]) -> DossierEvaluation {
        var byStage: [StageID: [ItemScore]] = [:]
        for score in scores { byStage[score.stage, default: []].append(score) }
        var panels: [StageID: PanelStageScore] = [:]
        for stage in rubric.stages { panels[stage.id] = panelScore(plan(stage, type), dossier: id, scores: byStage[stage.id] ?? []) }
        return combined(id: id, type: type, panels)
    }

    /// The evaluation from the panel's stage scores: Σ stage weight × score / 100, nil
    /// while a stage has no counted sheet.
    private func combined(id: String, type: PlatformType, _ panels: [StageID: PanelStageScore]) -> DossierEvaluation {
        DossierEvaluation(id: id, type: type, stages: panels, final: rubric.finalScore(panels.compactMapValues(\.value)))
    }

    /// The panel's score in one stage from every expert's item scores in that stage.
    func panelScore(_ stage: RubricStage, type: PlatformType, dossier: String, scores: [ItemScore]) -> PanelStageScore {
        panelScore(SheetForm(stage, type), dossier: dossier, scores: scores)
    }

    private func panelScore(_ plan: SheetForm, dossier: String, scores: [ItemScore]) -> PanelStageScore {
        // Each expert's sheet: points and comments by the item's place in the plan.
        var sheets: [String: (points: [Rational?], comments: [String])] = [:]
        for score in scores {
            guard let index = plan.index[score.item] else { continue }
            if sheets[score.expert] == nil {
                sheets[score.expert] = (Array(repeating: nil, count: plan.count), Array(repeating: "", count: plan.count))
            }
            sheets[score.expert]!.points[index] = score.points
            sheets[score.expert]!.comments[index] = score.comment
        }
        // A sheet counts once every applicable item has points, if its expert may count.
        var counted: [(expert: String, score: Rational, comments: [String])] = []
        var excluded: [ExcludedSheet] = []
        for (expert, sheet) in sheets {
            let score = plan.score(sheet.points)
            if let reason = counting.exclusion(expert: expert, dossier: dossier, stage: plan.stage) {
                excluded.append(ExcludedSheet(expert: expert, score: score, reason: reason))
            } else if let score {
                counted.append((expert, score, sheet.comments.filter { !$0.isEmpty }))
            }
        }
        return aggregate(plan.stage, counted, excluded: excluded)
    }

    /// The panel's score from the counted sheets: the trimmed mean, each sheet marked.
    private func aggregate(_ stage: StageID, _ sheets: [(expert: String, score: Rational, comments: [String])],
                           excluded: [ExcludedSheet]) -> PanelStageScore {
        // Ordered by score (then expert) through their places: the sheets themselves are not moved.
        let order = sheets.indices.sorted { (sheets[$0].score, sheets[$0].expert) < (sheets[$1].score, sheets[$1].expert) }
        let dropped = rubric.trim.dropped(of: order.count)
        var trimmed: Set<Int> = []
        order.prefix(dropped.lowest).forEach { trimmed.insert($0) }
        order.suffix(dropped.highest).forEach { trimmed.insert($0) }
        let value = Rational.mean(sheets.indices.filter { !trimmed.contains($0) }.map { sheets[$0].score })
        let results = sheets.indices.sorted { sheets[$0].expert < sheets[$1].expert }.map { index in
            ExpertStageScore(expert: sheets[index].expert, score: sheets[index].score, trimmed: trimmed.contains(index),
                             deviates: value.map { deviates(sheets[index].score, from: $0) } ?? false, comments: sheets[index].comments)
        }
        return PanelStageScore(stage: stage, sheets: results, value: value, excluded: excluded.sorted { $0.expert < $1.expert })
    }

    // MARK: - From kept sheet scores

    /// One expert's stage score of a dossier from their item points; nil while an
    /// applicable item has none (the sheet does not count yet).
    public func sheetScore(_ stage: StageID, type: PlatformType, points: [String: Rational]) -> Rational? {
        form(stage, type: type)?.score(byItem: points)
    }

    /// The form of one stage's sheet for one platform type.
    public func form(_ stage: StageID, type: PlatformType) -> SheetForm? {
        rubric.stage(stage).map { plan($0, type) }
    }

    /// A dossier's evaluation from its experts' complete sheet scores per stage — what a
    /// workspace keeps for each sheet, so a ranking need not add up every item again.
    /// The same values as `evaluate` from the items, without the comments.
    /// Sheets that never count are kept aside as `evaluate` from the items does.
    public func evaluate(id: String, type: PlatformType, sheets: [StageID: [(expert: String, score: Rational)]]) -> DossierEvaluation {
        var panels: [StageID: PanelStageScore] = [:]
        for stage in rubric.stages {
            var counted: [(expert: String, score: Rational, comments: [String])] = []
            var excluded: [ExcludedSheet] = []
            for sheet in sheets[stage.id] ?? [] {
                if let reason = counting.exclusion(expert: sheet.expert, dossier: id, stage: stage.id) {
                    excluded.append(ExcludedSheet(expert: sheet.expert, score: sheet.score, reason: reason))
                } else {
                    counted.append((sheet.expert, sheet.score, []))
                }
            }
            panels[stage.id] = aggregate(stage.id, counted, excluded: excluded)
        }
        return combined(id: id, type: type, panels)
    }

    func deviates(_ score: Rational, from mean: Rational) -> Bool {
        rubric.deviates(score, from: mean)
    }
}

/// One stage's form for one platform type, laid out once for the thousands of sheets it
/// scores: the applicable items in order, their places, and the sections as ranges of them
/// with their weights — the same sum as `RubricStage.score`.
public struct SheetForm: Sendable {
    public let stage: StageID
    /// Each applicable item's place.
    public let index: [String: Int]
    public let count: Int
    private let sections: [(weight: Rational?, items: Range<Int>)]

    init(_ stage: RubricStage, _ type: PlatformType) {
        self.stage = stage.id
        var index: [String: Int] = [:]
        var sections: [(weight: Rational?, items: Range<Int>)] = []
        var next = 0
        for section in stage.sections(for: type) {
            for (offset, item) in section.items.enumerated() { index[item.id] = next + offset }
            let start = next
            next += section.items.count
            sections.append((stage.sectionWeights?[type]?[section.id], start..<next))
        }
        self.index = index
        self.sections = sections
        count = next
    }

    /// The sheet's score from its points by item id; nil while an item has none.
    public func score(byItem points: [String: Rational]) -> Rational? {
        var ordered = [Rational?](repeating: nil, count: count)
        for (item, value) in points {
            if let place = index[item] { ordered[place] = value }
        }
        return score(ordered)
    }

    /// The sheet's score from its points by place; nil while one has none (it does not count yet).
    public func score(_ points: [Rational?]) -> Rational? {
        let complete = points.compactMap { $0 }
        guard complete.count == count, count > 0 else { return nil }
        return score(complete)
    }

    /// Σ weight × section points / 100 for a weighted stage, else the sum of the items.
    func score(_ points: [Rational]) -> Rational {
        sections.reduce(Rational.zero) { total, section in
            let sum = section.items.reduce(Rational.zero) { $0 + points[$1] }
            guard let weight = section.weight else { return total + sum }
            return total + weight * sum / Rational(100)
        }
    }
}

extension Rubric {
    /// The form of one stage's sheet for one platform type.
    public func form(_ stage: StageID, type: PlatformType) -> SheetForm? {
        self.stage(stage).map { SheetForm($0, type) }
    }
}
