/// The grounds on which a summed score may still be changed (财政部令第87号 第六十四条): any
/// other change of a signed result is not allowed.
public enum RecheckGround: String, Sendable, CaseIterable {
    /// 分值汇总计算错误
    case sumError = "sum_error"
    /// 分项评分超出评分标准范围
    case outOfRange = "out_of_range"
    /// 评标委员会成员对客观评审因素评分不一致
    case objectiveInconsistent = "objective_inconsistent"
    /// 经评标委员会认定评分畸高、畸低
    case extreme

    public var chinese: String {
        switch self {
        case .sumError: return "分值汇总计算错误"
        case .outOfRange: return "分项评分超出评分标准范围"
        case .objectiveInconsistent: return "客观评分不一致"
        case .extreme: return "评分畸高畸低"
        }
    }

    public var english: String {
        switch self {
        case .sumError: return "the points were summed wrongly"
        case .outOfRange: return "an item's points are outside the scoring standard"
        case .objectiveInconsistent: return "objective items were scored inconsistently"
        case .extreme: return "the score is abnormally high or low"
        }
    }
}

/// An expert's 复核 of one of their stage scores that deviates from the panel's (偏离): they
/// confirm it with a written reason, or they correct it on one of the grounds the rules allow.
/// Kept with their signed sheet: a confirmation is signed again at once, a correction at the
/// signing that ends it.
public struct Recheck: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// The score stands; `reason` says why.
        case confirmed
        /// The sheet is open for this dossier alone until the expert signs it again.
        case correcting(RecheckGround)
        /// Corrected and signed again.
        case corrected(RecheckGround)

        /// As the workspace and the sheet file write it.
        public var code: String {
            switch self {
            case .confirmed: return "confirmed"
            case .correcting: return "correcting"
            case .corrected: return "corrected"
            }
        }

        public var ground: RecheckGround? {
            switch self {
            case .confirmed: return nil
            case let .correcting(ground), let .corrected(ground): return ground
            }
        }

        /// From the written code and ground; nil for anything else.
        public init?(code: String, ground: String?) {
            let ground = ground.flatMap(RecheckGround.init(rawValue:))
            switch (code, ground) {
            case ("confirmed", nil): self = .confirmed
            case let ("correcting", ground?): self = .correcting(ground)
            case let ("corrected", ground?): self = .corrected(ground)
            default: return nil
            }
        }
    }

    public let expert: String
    public let dossier: String
    public let stage: StageID
    public let outcome: Outcome
    /// The expert's words: why the score stands, or what was corrected.
    public let reason: String
    /// The expert's stage score the 复核 is about: the one confirmed, or the one a correction
    /// ended with (the one it started from while correcting).
    public let score: Rational
    public let at: String

    public init(expert: String, dossier: String, stage: StageID, outcome: Outcome, reason: String, score: Rational, at: String) {
        self.expert = expert
        self.dossier = dossier
        self.stage = stage
        self.outcome = outcome
        self.reason = reason
        self.score = score
        self.at = at
    }

    /// The longest reason kept, in characters.
    public static let reasonLimit = 2000
}

/// Where a deviating score stands in its 复核.
public enum RecheckState: String, Sendable, CaseIterable {
    /// The expert signed the stage and has not yet confirmed or corrected the score.
    case open
    /// The expert reopened the sheet to correct it and has not signed it again.
    case correcting
    case confirmed
    case corrected

    public var chinese: String {
        switch self {
        case .open: return "待复核"
        case .correcting: return "更正中"
        case .confirmed: return "已确认"
        case .corrected: return "已更正"
        }
    }
}

/// One deviating stage score (or one corrected since) and its 复核.
public struct RecheckItem: Sendable, Equatable {
    public let expert: String
    public let dossier: String
    public let stage: StageID
    /// The expert's stage score now; nil while their sheet is incomplete (being corrected).
    public let score: Rational?
    /// The panel's stage score now.
    public let panel: Rational?
    public let state: RecheckState
    public let record: Recheck?
}

/// The 复核 list: every deviation of a signed stage, and every 复核 recorded, with its state.
public enum RecheckBook {
    /// A deviation of a stage the expert has not signed is not yet due. A confirmation holds
    /// for the score it confirmed: once the score changed (a reopen), it is open again.
    public static func items(evaluations: [String: DossierEvaluation], signed: Set<ExpertStage>, records: [Recheck]) -> [RecheckItem] {
        var byKey: [String: Recheck] = [:]
        for record in records { byKey[key(record.expert, record.dossier, record.stage)] = record }
        var items: [RecheckItem] = []
        var listed: Set<String> = []
        for id in evaluations.keys.sorted() {
            guard let evaluation = evaluations[id] else { continue }
            for (stage, sheet) in evaluation.deviations where signed.contains(ExpertStage(sheet.expert, stage)) {
                let record = byKey[key(sheet.expert, id, stage)]
                listed.insert(key(sheet.expert, id, stage))
                items.append(RecheckItem(expert: sheet.expert, dossier: id, stage: stage, score: sheet.score, panel: evaluation.value(stage),
                                         state: state(of: record, score: sheet.score), record: record))
            }
        }
        // Recorded ones without a deviation now: most often corrected so that it no longer deviates.
        for record in records where !listed.contains(key(record.expert, record.dossier, record.stage)) {
            let evaluation = evaluations[record.dossier]
            let score = evaluation?.stages[record.stage]?.sheets.first { $0.expert == record.expert }?.score
            let state: RecheckState
            switch record.outcome {
            case .correcting: state = .correcting
            case .corrected where score == record.score: state = .corrected
            case .corrected, .confirmed: continue  // its score no longer deviates: nothing is left to explain
            }
            items.append(RecheckItem(expert: record.expert, dossier: record.dossier, stage: record.stage, score: score,
                                     panel: evaluation?.value(record.stage), state: state, record: record))
        }
        return items.sorted { ($0.dossier, $0.stage, $0.expert) < ($1.dossier, $1.stage, $1.expert) }
    }

    static func state(of record: Recheck?, score: Rational) -> RecheckState {
        switch record?.outcome {
        case nil: return .open
        case .correcting: return .correcting
        // Both hold for the score they were made for: changed since (a reopen), it is due again.
        case .corrected: return record?.score == score ? .corrected : .open
        case .confirmed: return record?.score == score ? .confirmed : .open
        }
    }

    private static func key(_ expert: String, _ dossier: String, _ stage: StageID) -> String { "\(expert)/\(dossier)/\(stage.rawValue)" }
}
