import Foundation

/// The four review stages (SPEC §6); their ids are part of the contract.
public enum StageID: String, Sendable, CaseIterable, Codable, Comparable {
    case written, defence, site, test

    public static func < (a: StageID, b: StageID) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The stage as the notice names it, for messages of the lower layers in Chinese.
    public var chineseName: String {
        switch self {
        case .written: return "书面评审"
        case .defence: return "专家答辩"
        case .site: return "现场考察"
        case .test: return "技术评测"
        }
    }
}

/// How the panel's stage score is formed from the counted sheets.
public struct TrimRule: Sendable, Equatable {
    /// Trimming starts at this many sheets.
    public let fromSheets: Int
    public let dropHighest: Int
    public let dropLowest: Int

    /// How many of `count` counted sheets the panel's mean leaves out at each end: none
    /// below `fromSheets`. The one trimming rule, for the ranking and every recount of it.
    public func dropped(of count: Int) -> (lowest: Int, highest: Int) {
        count >= fromSheets ? (min(dropLowest, count), min(dropHighest, max(0, count - dropLowest))) : (0, 0)
    }
}

/// A selection direction with its cap (SPEC §6: cross 5, specific 10).
public struct SelectionGroup: Sendable, Equatable {
    public let direction: Direction
    public let name: String
    public let nameEn: String
    public let cap: Int
}

/// One scored item of a stage form.
public struct RubricItem: Sendable, Equatable {
    public let id: String
    public let name: String
    public let nameEn: String
    public let max: Rational
    /// The indicators shown as evidence for this item (written review only).
    public let indicators: [String]
    public let requirement: String
    public let requirementEn: String
}

public struct RubricSection: Sendable, Equatable {
    public let id: String
    public let name: String
    public let nameEn: String
    public let items: [RubricItem]

    public var total: Rational { items.reduce(.zero) { $0 + $1.max } }
}

/// One stage form: sections of items and, for the written review, the section weights by
/// platform type.
public struct RubricStage: Sendable, Equatable {
    public let id: StageID
    public let name: String
    public let nameEn: String
    /// Percent of the final score.
    public let weight: Rational
    /// Percent per section by platform type; nil means the stage score is the plain sum of
    /// its items and every item applies to every type.
    public let sectionWeights: [PlatformType: [String: Rational]]?
    public let sections: [RubricSection]

    public var items: [RubricItem] { sections.flatMap(\.items) }

    /// The sections that count for a platform of `type`.
    public func sections(for type: PlatformType) -> [RubricSection] {
        guard let weights = sectionWeights?[type] else { return sectionWeights == nil ? sections : [] }
        return sections.filter { (weights[$0.id] ?? .zero) > .zero }
    }

    public func items(for type: PlatformType) -> [RubricItem] {
        sections(for: type).flatMap(\.items)
    }

    /// One expert's score for a platform of `type` from points by item id, a missing one
    /// as 0 (a running total): the sheet form's sum (`SheetForm`), the one formula.
    public func score(points: [String: Rational], for type: PlatformType) -> Rational {
        SheetForm(self, type).score(items(for: type).map { points[$0.id] ?? .zero })
    }
}

/// The scoring rules as data (SPEC §6): the indicator catalogue, the four stage forms, the
/// weights, the aggregation rule, the threshold and the caps.
public struct Rubric: Sendable {
    public let title: String
    public let titleEn: String
    public let pointsStep: Rational
    public let threshold: Rational
    /// An expert's stage score more than this percent away from the panel mean is flagged.
    public let deviationPct: Rational
    public let trim: TrimRule
    public let groups: [SelectionGroup]
    public let catalog: IndicatorCatalog
    public let stages: [RubricStage]
    /// The YAML the rubric was read from, stored in a workspace so its scores stay explained.
    public let sourceText: String

    public var sha256: String { ContentHash.sha256(sourceText) }

    public func stage(_ id: StageID) -> RubricStage? {
        stages.first { $0.id == id }
    }

    public func group(_ direction: Direction) -> SelectionGroup? {
        groups.first { $0.direction == direction }
    }

    /// The item with this id in this stage.
    public func item(_ id: String, in stage: StageID) -> RubricItem? {
        self.stage(stage)?.items.first { $0.id == id }
    }

    /// Whether an expert's stage score is more than `deviationPct` percent away from the
    /// panel's (偏离): |score − mean| > deviation% × |mean|. The one deviation test.
    public func deviates(_ score: Rational, from mean: Rational) -> Bool {
        (score - mean).magnitude > deviationPct * mean.magnitude / Rational(100)
    }

    public var stageWeights: [StageID: Rational] {
        Dictionary(uniqueKeysWithValues: stages.map { ($0.id, $0.weight) })
    }

    /// The final score from the panel's stage scores: Σ stage weight × score / 100 (the
    /// rubric's weights, or `weights` to see what other weights would give); nil while a
    /// stage has no score. The one final-score formula.
    public func finalScore(_ values: [StageID: Rational], weights: [StageID: Rational]? = nil) -> Rational? {
        var sum = Rational.zero
        for stage in stages {
            guard let value = values[stage.id] else { return nil }
            sum = sum + (weights?[stage.id] ?? stage.weight) * value
        }
        return sum / Rational(100)
    }
}
