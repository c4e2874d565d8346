/// Why a score cannot be kept. Typed, so that the command line says it in English and the
/// workbench in the user's language.
public enum ScoreRefusal: Error, Sendable, Equatable, SaysBothLanguages, CustomStringConvertible {
    case unknownExpert(String)
    case unknownDossier(String)
    case notOnStage(ExpertStage)
    case unknownItem(item: String, stage: StageID)
    case itemNotApplicable(item: String, type: PlatformType)
    case outOfRange(points: Rational, max: Rational, item: String)
    case offGrid(points: Rational, step: Rational)
    case commentTooLong(characters: Int, limit: Int)
    /// The comment holds a control or bidirectional-override character (its code point).
    case commentControl(UInt32)
    case conflict(expert: String, dossier: String, Conflict)
    /// The expert's sheets of the stage are signed and read-only.
    case signed(ExpertStage)
    /// The sheet is open for a 复核 correction of these dossiers alone.
    case rechecking(ExpertStage, only: [String])

    public var description: String {
        switch self {
        case let .unknownExpert(id): return "unknown expert '\(id)'"
        case let .unknownDossier(id): return "unknown dossier '\(id)'"
        case let .notOnStage(sheet): return "expert \(sheet.expert) is not on the panel for stage \(sheet.stage.rawValue)"
        case let .unknownItem(item, stage): return "unknown item '\(item)' in stage \(stage.rawValue)"
        case let .itemNotApplicable(item, type): return "item \(item) does not apply to a \(type.rawValue) platform"
        case let .outOfRange(points, max, item): return "points \(points) out of range 0–\(max) for \(item)"
        case let .offGrid(points, step): return "points \(points) is not a multiple of \(step)"
        case let .commentTooLong(characters, limit): return "the comment has \(characters) characters; at most \(limit) are kept"
        case let .commentControl(code):
            return "the comment contains the control character U+\(String(code, radix: 16, uppercase: true).leftPadded(4))"
        case let .conflict(expert, dossier, conflict): return "expert \(expert) is in conflict with \(dossier) (\(conflict))"
        case let .signed(sheet):
            return "the \(sheet.stage.rawValue) sheet of \(sheet.expert) is signed and read-only (sheet reopen first)"
        case let .rechecking(sheet, only):
            return "the \(sheet.stage.rawValue) sheet of \(sheet.expert) is open for the correction of \(only.joined(separator: ", ")) alone"
        }
    }

    /// As the workbench says it to the expert (the command line says `description`).
    public var english: String {
        switch self {
        case let .unknownExpert(id): return "expert \(id) is not on the panel"
        case let .unknownDossier(id): return "no dossier \(id)"
        case let .notOnStage(sheet): return "\(sheet.expert) is not on the panel for this stage and cannot score it"
        case let .unknownItem(item, _): return "no item \(item)"
        case let .itemNotApplicable(item, _): return "item \(item) does not apply to this platform type"
        case let .outOfRange(_, max, _): return "out of range 0–\(max)"
        case let .offGrid(_, step): return "must be a multiple of \(step)"
        case let .commentTooLong(characters, limit): return "the comment has \(characters) characters; at most \(limit)"
        case let .commentControl(code): return "the comment holds a control character (U+\(String(code, radix: 16, uppercase: true))); remove it"
        case let .conflict(_, dossier, conflict): return "conflict of interest: cannot open (\(dossier): \(conflict))"
        case .signed: return "This stage is signed and read-only; the chair can reopen it (sheet reopen)"
        case let .rechecking(_, only): return "This stage is open for correcting \(only.joined(separator: ", ")) alone; sign it again when done"
        }
    }

    /// The same in Chinese, as the workbench and a refused sheet's details say it.
    public var chinese: String {
        switch self {
        case let .unknownExpert(id): return "专家 \(id) 不在专家组中"
        case let .unknownDossier(id): return "没有申报材料 \(id)"
        case let .notOnStage(sheet): return "\(sheet.expert) 不在本阶段（\(sheet.stage.chineseName)）专家组中，不能评分"
        case let .unknownItem(item, _): return "没有评分项 \(item)"
        case let .itemNotApplicable(item, _): return "评分项 \(item) 不适用于该平台类型"
        case let .outOfRange(_, max, _): return "超出范围 0–\(max)"
        case let .offGrid(_, step): return "须为 \(step) 的整数倍"
        case let .commentTooLong(characters, limit): return "评语 \(characters) 字，最多 \(limit) 字"
        case let .commentControl(code): return "评语含控制字符（U+\(String(code, radix: 16, uppercase: true).leftPadded(4))），请删除"
        case let .conflict(_, dossier, conflict): return "需回避，不能打开 (\(dossier)：\(conflict.chinese))"
        case .signed: return "本阶段已签字，评分只读；如需修改请由主任委员重新开启（sheet reopen）"
        case let .rechecking(_, only): return "本阶段为复核更正而开启，只能修改 \(only.joined(separator: "、")) 的评分；改完请重新签字"
        }
    }

    public var bilingual: Bilingual { Bilingual(english, chinese: chinese) }
}

/// The one gate every score passes before a workspace keeps it — typed in the workbench,
/// read from a score file or from a signed sheet (SPEC §9): the expert is on the panel for
/// the stage, the item applies to the dossier's type, the points are in range and on the
/// grid, the comment is short and plain, no conflict of interest, the sheet is not signed.
/// A screen may check the same earlier, to answer at once; the workspace decides here.
///
/// The rules come in parts — a sheet's, an item's, the points', the comment's — so that a
/// score file's reader can check what its rows share once per sheet.
public struct ScoreGate: Sendable {
    /// The longest comment kept, in characters.
    public static let commentLimit = 2000

    public let rubric: Rubric
    public let counting: SheetCounting
    /// Sheets that are signed, hence read-only.
    public let signed: Set<ExpertStage>
    /// Sheets reopened for a 复核 correction: only these dossiers of them may change.
    public let rechecking: [ExpertStage: Set<String>]

    public init(rubric: Rubric, counting: SheetCounting, signed: Set<ExpertStage> = [], rechecking: [ExpertStage: Set<String>] = [:]) {
        self.rubric = rubric
        self.counting = counting
        self.signed = signed
        self.rechecking = rechecking
    }

    /// From parsed dossiers (tests, small sets).
    public init(rubric: Rubric, panel: Panel, dossiers: [String: Dossier], signed: Set<ExpertStage> = []) {
        self.init(rubric: rubric, counting: SheetCounting(panel: panel, dossiers: dossiers.compactMapValues(DossierFacts.init)),
                  signed: signed)
    }

    /// Every reason `score` cannot be kept; empty when it can.
    public func refusals(_ score: ItemScore) -> [ScoreRefusal] {
        var refusals = sheetRefusals(expert: score.expert, dossier: score.dossier, stage: score.stage)
        let type = counting.dossiers[score.dossier]?.type
        switch item(score.item, stage: score.stage, type: type) {
        case let .failure(refusal): refusals.append(refusal)
        case let .success(item): refusals += score.points.map { pointsRefusals($0, item: item) } ?? []
        }
        return refusals + commentRefusals(score.comment)
    }

    /// What the expert, the dossier and the stage of a sheet decide, for all its items.
    public func sheetRefusals(expert: String, dossier: String, stage: StageID) -> [ScoreRefusal] {
        var refusals: [ScoreRefusal] = []
        if counting.panel.expert(expert) == nil { refusals.append(.unknownExpert(expert)) }
        if counting.dossiers[dossier] == nil { refusals.append(.unknownDossier(dossier)) }
        guard refusals.isEmpty else { return refusals }
        for exclusion in counting.exclusions(expert: expert, dossier: dossier, stage: stage) {
            switch exclusion {
            case .notOnStage: refusals.append(.notOnStage(ExpertStage(expert, stage)))
            case let .conflict(conflict): refusals.append(.conflict(expert: expert, dossier: dossier, conflict))
            case .notOnPanel: refusals.append(.unknownExpert(expert))
            }
        }
        let sheet = ExpertStage(expert, stage)
        if signed.contains(sheet) { refusals.append(.signed(sheet)) }
        if let only = rechecking[sheet], !only.contains(dossier) { refusals.append(.rechecking(sheet, only: only.sorted())) }
        return refusals
    }

    /// An item of a stage as a dossier of `type` sees it (every item when the type is not known).
    public struct FormItem: Sendable {
        public let id: String
        /// Its place in the stage's form.
        public let index: Int
        public let max: Rational
    }

    /// The item, or why no score of it can be kept for a dossier of `type`.
    public func item(_ id: String, stage: StageID, type: PlatformType?) -> Result<FormItem, ScoreRefusal> {
        guard let rubricStage = rubric.stage(stage), let index = rubricStage.items.firstIndex(where: { $0.id == id }) else {
            return .failure(.unknownItem(item: id, stage: stage))
        }
        let item = rubricStage.items[index]
        if let type, !rubricStage.items(for: type).contains(where: { $0.id == id }) {
            return .failure(.itemNotApplicable(item: id, type: type))
        }
        return .success(FormItem(id: item.id, index: index, max: item.max))
    }

    /// Points from 0 to the item's maximum, in the rubric's steps.
    public func pointsRefusals(_ points: Rational, item: FormItem) -> [ScoreRefusal] {
        ScoreGate.pointsRefusal(points, max: item.max, item: item.id, rubric: rubric).map { [$0] } ?? []
    }

    /// The rule on points alone, for a screen to check as the expert types (the workspace
    /// checks it again when it saves).
    public static func pointsRefusal(_ points: Rational, max: Rational, item: String, rubric: Rubric) -> ScoreRefusal? {
        if points < .zero || points > max { return .outOfRange(points: points, max: max, item: item) }
        if !points.isMultiple(of: rubric.pointsStep) { return .offGrid(points: points, step: rubric.pointsStep) }
        return nil
    }

    /// At most `commentLimit` characters, and none that would hide or reorder text where it
    /// is shown or printed: control characters other than line breaks and tabs, and
    /// bidirectional overrides.
    public func commentRefusals(_ comment: String) -> [ScoreRefusal] {
        guard !comment.isEmpty else { return [] }
        var refusals: [ScoreRefusal] = []
        if let control = UntrustedText.firstForbidden(in: comment, .multiline) {
            refusals.append(.commentControl(control.value))
        }
        // Counting characters is slow; a comment of few bytes cannot be too long.
        if comment.utf8.count > ScoreGate.commentLimit {
            let characters = comment.count
            if characters > ScoreGate.commentLimit { refusals.append(.commentTooLong(characters: characters, limit: ScoreGate.commentLimit)) }
        }
        return refusals
    }

}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        String(repeating: pad, count: Swift.max(0, width - count)) + self
    }
}
