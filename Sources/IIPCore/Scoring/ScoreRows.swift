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
    public struct Context: Sendable {
        public let rubric: Rubric
        public let panel: Panel
        public let dossiers: [String: Dossier]
        /// Signed sheets, as `expert/stage`: read-only.
        public let signed: Set<String>

        public init(rubric: Rubric, panel: Panel, dossiers: [String: Dossier], signed: Set<String> = []) {
            self.rubric = rubric
            self.panel = panel
            self.dossiers = dossiers
            self.signed = signed
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
        var rejections: [Rejection] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            switch score(record.fields, context: context) {
            case let .failure(problem):
                rejections.append(Rejection(line: record.line, reason: problem.reason))
            case let .success(score):
                let key = [score.expert, score.dossier, score.stage.rawValue, score.item].joined(separator: "|")
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
        guard fields.count == header.count else {
            return .failure(RowProblem(reason: "has \(fields.count) fields; expected \(header.count) (\(header.joined(separator: ",")))"))
        }
        let f = fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let (expertID, dossierID, stageName, itemID, pointsText) = (f[0], f[1], f[2], f[3], f[4])
        var reasons: [String] = []
        let expert = context.panel.expert(expertID)
        if expert == nil { reasons.append("unknown expert '\(expertID)'") }
        let dossier = context.dossiers[dossierID]
        if dossier == nil { reasons.append("unknown dossier '\(dossierID)'") }
        let stageID = StageID(rawValue: stageName)
        if stageID == nil { reasons.append("unknown stage '\(stageName)' (written, defence, site, test)") }
        var item: RubricItem?
        if let stageID, let stage = context.rubric.stage(stageID) {
            item = stage.items.first { $0.id == itemID }
            if item == nil {
                reasons.append("unknown item '\(itemID)' in stage \(stageName)")
            } else if let type = dossier?.platform.type, !stage.items(for: type).contains(where: { $0.id == itemID }) {
                reasons.append("item \(itemID) does not apply to a \(type.rawValue) platform")
            }
            if let expert, !expert.stages.contains(stageID) {
                reasons.append("expert \(expertID) is not on the panel for stage \(stageName)")
            }
            if context.signed.contains("\(expertID)/\(stageName)") {
                reasons.append("the \(stageName) sheet of \(expertID) is signed and read-only (sheet reopen first)")
            }
        }
        if let expert, let dossier, let conflict = expert.conflict(with: dossier, id: dossierID) {
            reasons.append("expert \(expertID) is in conflict with \(dossierID) (\(conflict))")
        }
        var points: Rational?
        if !pointsText.isEmpty {
            points = NumberText.decimal(pointsText).flatMap { Rational($0) }
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
