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

/// The panel's score of one dossier in one stage (SPEC §6).
public struct PanelStageScore: Sendable, Equatable {
    public let stage: StageID
    /// Every counted sheet, trimmed or not.
    public let sheets: [ExpertStageScore]
    /// The mean of the sheets that were kept; nil when no sheet counts.
    public let value: Rational?
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

/// Turns saved item scores into stage and final scores, exactly (SPEC §6).
public struct Evaluation: Sendable {
    public let rubric: Rubric

    public init(rubric: Rubric) {
        self.rubric = rubric
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
        var stages: [StageID: PanelStageScore] = [:]
        var final: Rational? = .zero
        for stage in rubric.stages {
            let panel = panelScore(stage, type: type, scores: scores.filter { $0.stage == stage.id })
            stages[stage.id] = panel
            if let value = panel.value, let sum = final {
                final = sum + stage.weight * value / Rational(100)
            } else {
                final = nil
            }
        }
        return DossierEvaluation(id: id, type: type, stages: stages, final: final)
    }

    /// The panel's score in one stage from every expert's item scores in that stage.
    func panelScore(_ stage: RubricStage, type: PlatformType, scores: [ItemScore]) -> PanelStageScore {
        let items = stage.items(for: type)
        var byExpert: [String: [String: ItemScore]] = [:]
        for score in scores { byExpert[score.expert, default: [:]][score.item] = score }
        // A sheet counts once every applicable item has points.
        var counted: [(expert: String, score: Rational, comments: [String])] = []
        for (expert, byItem) in byExpert {
            var points: [String: Rational] = [:]
            for item in items {
                if let value = byItem[item.id]?.points { points[item.id] = value }
            }
            guard points.count == items.count, !items.isEmpty else { continue }
            let comments = items.compactMap { byItem[$0.id]?.comment }.filter { !$0.isEmpty }
            counted.append((expert, stage.score(points: points, for: type), comments))
        }
        counted.sort { ($0.score, $0.expert) < ($1.score, $1.expert) }
        let trim = rubric.trim
        var trimmed: Set<String> = []
        if counted.count >= trim.fromSheets {
            counted.prefix(trim.dropLowest).forEach { trimmed.insert($0.expert) }
            counted.suffix(trim.dropHighest).forEach { trimmed.insert($0.expert) }
        }
        let kept = counted.filter { !trimmed.contains($0.expert) }.map(\.score)
        let value = Rational.mean(kept)
        let sheets = counted.sorted { $0.expert < $1.expert }.map { sheet in
            ExpertStageScore(expert: sheet.expert, score: sheet.score, trimmed: trimmed.contains(sheet.expert),
                             deviates: value.map { deviates(sheet.score, from: $0) } ?? false, comments: sheet.comments)
        }
        return PanelStageScore(stage: stage.id, sheets: sheets, value: value)
    }

    /// |score − mean| > deviation% × mean.
    func deviates(_ score: Rational, from mean: Rational) -> Bool {
        (score - mean).magnitude > rubric.deviationPct * mean.magnitude / Rational(100)
    }
}
