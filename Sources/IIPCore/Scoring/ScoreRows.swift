import Foundation

/// The score CSV of `scores import` / `scores export` (SPEC §7):
/// `expert,dossier,stage,item,points,comment`.
public enum ScoreRows {
    public static let header = ["expert", "dossier", "stage", "item", "points", "comment"]

    /// A row that cannot be accepted, by its line in the file.
    public struct Rejection: Error, Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// What a score must agree with: the rubric, the panel and the dossiers by id.
    /// What a row is checked against about its dossier: the platform type and the names
    /// a conflict of interest is found by.
    public struct DossierFacts: Sendable {
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

    public struct Context: Sendable {
        public let rubric: Rubric
        public let panel: Panel
        public let dossiers: [String: DossierFacts]
        /// Signed sheets, as `expert/stage`: read-only.
        public let signed: Set<String>

        public init(rubric: Rubric, panel: Panel, dossiers: [String: DossierFacts], signed: Set<String> = []) {
            self.rubric = rubric
            self.panel = panel
            self.dossiers = dossiers
            self.signed = signed
        }

        /// From parsed dossiers (tests, small sets).
        public init(rubric: Rubric, panel: Panel, dossiers: [String: Dossier], signed: Set<String> = []) {
            self.init(rubric: rubric, panel: panel, dossiers: dossiers.compactMapValues(DossierFacts.init), signed: signed)
        }
    }

    /// The lookups a file's rows repeat, made once per file: experts by id, the items of
    /// each stage for each platform type, and each (expert, dossier) conflict.
    final class Lookup {
        let context: Context
        let experts: [String: Expert]
        private var applicable: [String: Set<String>] = [:]
        /// Every item by stage and id (`written/basic.device`).
        let items: [String: RubricItem]
        private var conflicts: [String: String?] = [:]

        init(_ context: Context) {
            self.context = context
            experts = Dictionary(context.panel.experts.map { ($0.id, $0) }) { first, _ in first }
            items = Dictionary(context.rubric.stages.flatMap { stage in stage.items.map { (stage.id.rawValue + "/" + $0.id, $0) } }) { first, _ in first }
        }

        func applies(_ item: String, stage: RubricStage, type: PlatformType) -> Bool {
            let key = stage.id.rawValue + "/" + type.rawValue
            if let items = applicable[key] { return items.contains(item) }
            let items = Set(stage.items(for: type).map(\.id))
            applicable[key] = items
            return items.contains(item)
        }

        func conflict(_ expert: Expert, _ dossier: DossierFacts, id: String) -> String? {
            let key = expert.id + "|" + id
            if let known = conflicts[key] { return known }
            let found = expert.conflict(applicant: dossier.applicant, partners: dossier.partners, id: id)
            conflicts[key] = found
            return found
        }
    }

    /// Every bad row of a refused file.
    public struct Refusal: Error, Sendable, Equatable {
        public let rejections: [Rejection]
    }

    /// Why one row cannot be accepted: every reason, joined.
    public struct RowProblem: Error, Sendable, Equatable {
        public let reason: String
    }

    /// Every row of `text` as a score, or every bad row: one bad row refuses the whole file.
    public static func read(_ text: String, context: Context) -> Result<[ItemScore], Refusal> {
        let records: [CSV.Record]
        switch CSV.parse(text) {
        case let .failure(malformed): return .failure(Refusal(rejections: [Rejection(line: malformed.line, reason: malformed.message)]))
        case let .success(parsed): records = parsed
        }
        guard let first = records.first,
              first.fields.map({ $0.trimmingCharacters(in: .whitespaces) }) == header else {
            return .failure(Refusal(rejections: [Rejection(line: records.first?.line ?? 1,
                                       reason: "the first line must be the header \(header.joined(separator: ","))")]))
        }
        var scores: [ItemScore] = []
        scores.reserveCapacity(records.count)
        var rejections: [Rejection] = []
        // Keyed by the four short fields themselves: no joined string per row.
        struct RowKey: Hashable { let expert, dossier, item: String; let stage: StageID }
        var seen: [RowKey: Int] = [:]
        let lookup = Lookup(context)
        for record in records.dropFirst() {
            switch score(record.fields, lookup: lookup) {
            case let .failure(problem):
                rejections.append(Rejection(line: record.line, reason: problem.reason))
            case let .success(score):
                let key = RowKey(expert: score.expert, dossier: score.dossier, item: score.item, stage: score.stage)
                if let earlier = seen.updateValue(record.line, forKey: key) {
                    rejections.append(Rejection(line: record.line, reason: "repeats the score of line \(earlier)"))
                } else {
                    scores.append(score)
                }
            }
        }
        return rejections.isEmpty ? .success(scores) : .failure(Refusal(rejections: rejections))
    }

    /// One row checked against everything SPEC §7 names; the failure says every reason.
    public static func score(_ fields: [String], context: Context) -> Result<ItemScore, RowProblem> {
        score(fields, lookup: Lookup(context))
    }

    static func score(_ fields: [String], lookup: Lookup) -> Result<ItemScore, RowProblem> {
        let context = lookup.context
        guard fields.count == header.count else {
            return .failure(RowProblem(reason: "has \(fields.count) fields; expected \(header.count) (\(header.joined(separator: ",")))"))
        }
        let f = fields.map(trimmed)
        let (expertID, dossierID, stageName, itemID, pointsText) = (f[0], f[1], f[2], f[3], f[4])
        var reasons: [String] = []
        let expert = lookup.experts[expertID]
        if expert == nil { reasons.append("unknown expert '\(expertID)'") }
        let dossier = context.dossiers[dossierID]
        if dossier == nil { reasons.append("unknown dossier '\(dossierID)'") }
        let stageID = StageID(rawValue: stageName)
        if stageID == nil { reasons.append("unknown stage '\(stageName)' (written, defence, site, test)") }
        var item: RubricItem?
        if let stageID, let stage = context.rubric.stage(stageID) {
            item = lookup.items[stageName + "/" + itemID]
            if item == nil {
                reasons.append("unknown item '\(itemID)' in stage \(stageName)")
            } else if let type = dossier?.type, !lookup.applies(itemID, stage: stage, type: type) {
                reasons.append("item \(itemID) does not apply to a \(type.rawValue) platform")
            }
            if let expert, !expert.stages.contains(stageID) {
                reasons.append("expert \(expertID) is not on the panel for stage \(stageName)")
            }
            if context.signed.contains("\(expertID)/\(stageName)") {
                reasons.append("the \(stageName) sheet of \(expertID) is signed and read-only (sheet reopen first)")
            }
        }
        if let expert, let dossier, let conflict = lookup.conflict(expert, dossier, id: dossierID) {
            reasons.append("expert \(expertID) is in conflict with \(dossierID) (\(conflict))")
        }
        var points: Rational?
        if !pointsText.isEmpty {
            // Plain decimals (nearly every row) directly; full-width digits and the like through NumberText.
            points = Rational(decimal: pointsText) ?? NumberText.decimal(pointsText).flatMap { Rational($0) }
            if points == nil {
                reasons.append("points '\(pointsText)' is not a number")
            } else if let value = points, let item {
                if value < .zero || value > item.max {
                    reasons.append("points \(pointsText) out of range 0–\(item.max) for \(itemID)")
                } else if !value.isMultiple(of: context.rubric.pointsStep) {
                    reasons.append("points \(pointsText) is not a multiple of \(context.rubric.pointsStep)")
                }
            }
        }
        guard reasons.isEmpty, let stageID else { return .failure(RowProblem(reason: reasons.joined(separator: "; "))) }
        return .success(ItemScore(expert: expertID, dossier: dossierID, stage: stageID, item: itemID,
                                  points: points, comment: fields[5]))
    }

    /// `field` without spaces at the ends; most fields have none, and are returned as they are.
    static func trimmed(_ field: String) -> String {
        guard let first = field.utf8.first, let last = field.utf8.last else { return field }
        let plain = { (byte: UInt8) in byte != 0x20 && byte != 0x09 && byte < 0x80 }
        return plain(first) && plain(last) ? field : field.trimmingCharacters(in: .whitespaces)
    }

    /// Scores as CSV text in the import format, sorted by expert, dossier, stage and item.
    public static func text(_ scores: [ItemScore]) -> String {
        let sorted = scores.sorted {
            ($0.expert, $0.dossier, $0.stage.rawValue, $0.item) < ($1.expert, $1.dossier, $1.stage.rawValue, $1.item)
        }
        let lines = [CSV.line(header)] + sorted.map {
            CSV.line([$0.expert, $0.dossier, $0.stage.rawValue, $0.item, $0.points?.description ?? "", $0.comment])
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
