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

    /// Every bad row of a refused file.
    public struct Refusal: Error, Sendable, Equatable {
        public let rejections: [Rejection]

        public init(rejections: [Rejection]) {
            self.rejections = rejections
        }
    }

    /// Why one row cannot be accepted: every reason, joined.
    public struct RowProblem: Error, Sendable, Equatable {
        public let reason: String
    }

    /// Every row of `text` as a score, or every bad row: one bad row refuses the whole file.
    public static func read(_ text: String, gate: ScoreGate) -> Result<[ItemScore], Refusal> {
        var text = text
        var scores: [ItemScore] = []
        let rejections = text.withUTF8 { bytes in scan(bytes, gate: gate) { scores.append($0) } }
        return rejections.isEmpty ? .success(scores) : .failure(Refusal(rejections: rejections))
    }

    /// Checks every row of `bytes` (a score file's UTF-8) as it is read, and hands each good
    /// row to `accept` until the first bad one, so that a file of any size need not be held
    /// as rows. Returns every bad row: when there is one, the file is refused as a whole
    /// and what `accept` did with the rows before it must be undone.
    public static func scan(_ bytes: UnsafeBufferPointer<UInt8>, gate: ScoreGate,
                            accept: (ItemScore) throws -> Void) rethrows -> [Rejection] {
        try scan(bytes, gate: gate) { score, _ in try accept(score) }
    }

    /// The same, with each good row a number that orders rows as a workspace stores them —
    /// by expert, dossier and stage (in the panel's order and the dossiers' id order) — to
    /// sort by without comparing text.
    public static func scan(_ bytes: UnsafeBufferPointer<UInt8>, gate: ScoreGate,
                            acceptInStoredOrder accept: (ItemScore, UInt64) throws -> Void) rethrows -> [Rejection] {
        let checker = Checker(gate, expectedRows: bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
        var rejections: [Rejection] = []
        var header: Bool?
        let malformed = try CSV.forEachRecord(in: bytes) { line, fields in
            guard let headerIsRight = header else {
                header = fields.map { $0.trimmingCharacters(in: .whitespaces) } == ScoreRows.header
                if header == false { rejections.append(badHeader(line: line)) }
                return
            }
            guard headerIsRight else { return }
            switch checker.check(fields, line: line) {
            case let .failure(rejection): rejections.append(rejection)
            case let .success(score): if rejections.isEmpty { try accept(score, checker.storedOrder) }
            }
        }
        if let malformed { return [Rejection(line: malformed.line, reason: malformed.message)] }
        return header == nil ? [badHeader(line: 1)] : rejections
    }

    private static func badHeader(line: Int) -> Rejection {
        Rejection(line: line, reason: "the first line must be the header \(header.joined(separator: ","))")
    }

    /// One row checked against everything SPEC §7 names; the failure says every reason.
    public static func score(_ fields: [String], gate: ScoreGate) -> Result<ItemScore, RowProblem> {
        Checker(gate).score(fields)
    }

    /// Checks one file's rows in order, through the workspace's one gate (`ScoreGate`).
    /// What rows repeat is looked up once: experts and dossiers by id, the items of each
    /// stage and type; and what a row shares with the row before (nearly always its expert,
    /// dossier and stage) is not checked again. It remembers each accepted score's line, so
    /// a repeat names the first.
    ///
    /// An accepted score carries the ids as the panel, the dossiers and the rubric spell
    /// them: Swift finds "é" written as one character or as "e" and an accent the same, and
    /// the workspace must store the one spelling its tables have.
    final class Checker {
        let gate: ScoreGate
        private let experts: [String: (index: Int, id: String)]
        private let dossierIndex: [String: (index: Int, id: String)]
        /// Each stage's items by id, as a dossier of each platform type sees them, by
        /// `stage/type` (`stage/` when the type is not known): made as they are needed.
        private var forms: [String: [String: Result<ScoreGate.FormItem, ScoreRefusal>]] = [:]
        /// The line of each accepted score, by its place.
        private var seen: [Place: Int32] = [:]
        private var previous: (expert: String, dossier: String, stage: String, sheet: Sheet)?
        /// The place in its stage of the item of the row `score` last checked.
        private var itemIndex = 0
        /// Where the row `check` last accepted comes in the stored order (see `scan`).
        private(set) var storedOrder: UInt64 = 0

        /// A score's place in the round: expert, dossier, stage and item by their places.
        private struct Place: Hashable {
            let expert: Int32
            let dossier: Int32
            let item: Int32
            let stage: StageID
        }

        /// What a row's expert, dossier and stage alone decide; shared by the rows of a sheet.
        final class Sheet {
            var expert: (index: Int, id: String)?
            var dossier: (index: Int, id: String, type: PlatformType)?
            var stage: StageID?
            /// The stage's items by id, as the dossier's platform type sees them.
            var items: [String: Result<ScoreGate.FormItem, ScoreRefusal>] = [:]
            /// What the row's fields say that no gate can (an unknown stage name), and the
            /// gate's reasons for the whole sheet.
            var reasons: [String] = []
        }

        init(_ gate: ScoreGate, expectedRows: Int = 0) {
            self.gate = gate
            experts = Dictionary(gate.counting.panel.experts.enumerated().map { ($1.id, ($0, $1.id)) }) { first, _ in first }
            dossierIndex = Dictionary(gate.counting.dossiers.keys.sorted().enumerated().map { ($1, ($0, $1)) }) { first, _ in first }
            seen.reserveCapacity(expectedRows)
        }

        /// `fields` checked, and not a repeat of an accepted row.
        func check(_ fields: [String], line: Int) -> Result<ItemScore, Rejection> {
            switch score(fields) {
            case let .failure(problem):
                return .failure(Rejection(line: line, reason: problem.reason))
            case let .success(score):
                guard let previous, let expert = previous.sheet.expert, let dossier = previous.sheet.dossier else { return .success(score) }
                let place = Place(expert: Int32(clamping: expert.index), dossier: Int32(clamping: dossier.index),
                                  item: Int32(clamping: itemIndex), stage: score.stage)
                if let earlier = seen.updateValue(Int32(clamping: line), forKey: place) {
                    return .failure(Rejection(line: line, reason: "repeats the score of line \(earlier)"))
                }
                storedOrder = UInt64(UInt32(clamping: expert.index)) << 36 | UInt64(UInt32(clamping: dossier.index)) << 4
                    | UInt64(StageID.allCases.firstIndex(of: score.stage) ?? 0)
                return .success(score)
            }
        }

        func score(_ fields: [String]) -> Result<ItemScore, RowProblem> {
            guard fields.count == header.count else {
                return .failure(RowProblem(reason: "has \(fields.count) fields; expected \(header.count) (\(header.joined(separator: ",")))"))
            }
            let raw = Written(fields)
            let (expertID, dossierID, stageName, itemID, pointsText, comment) =
                (raw.expert, raw.dossier, raw.stage, raw.item, raw.pointsText, raw.comment)
            let sheet = self.sheet(expertID, dossierID, stageName)
            var reasons = sheet.reasons
            var item: ScoreGate.FormItem?
            if sheet.stage != nil {
                switch sheet.items[itemID] ?? .failure(.unknownItem(item: itemID, stage: sheet.stage ?? .written)) {
                case let .success(found):
                    item = found
                    itemIndex = found.index
                case let .failure(refusal):
                    reasons.append(refusal.description)
                    itemIndex = 0
                }
            }
            let points = raw.points
            if !pointsText.isEmpty {
                if points == nil {
                    reasons.append("points '\(pointsText)' is not a number")
                } else if let value = points, let item {
                    reasons += gate.pointsRefusals(value, item: item).map(\.description)
                }
            }
            reasons += gate.commentRefusals(comment).map(\.description)
            guard reasons.isEmpty, let stage = sheet.stage, let expert = sheet.expert, let dossier = sheet.dossier, let item else {
                return .failure(RowProblem(reason: reasons.joined(separator: "; ")))
            }
            return .success(ItemScore(expert: expert.id, dossier: dossier.id, stage: stage, item: item.id, points: points, comment: comment))
        }

        /// The row's expert, dossier and stage, checked; the previous row's when they are the same.
        private func sheet(_ expertID: String, _ dossierID: String, _ stageName: String) -> Sheet {
            if let previous, previous.expert == expertID, previous.dossier == dossierID, previous.stage == stageName {
                return previous.sheet
            }
            let sheet = Sheet()
            sheet.expert = experts[expertID]
            if let known = dossierIndex[dossierID], let facts = gate.counting.dossiers[known.id] {
                sheet.dossier = (known.index, known.id, facts.type)
            }
            let stageID = StageID(rawValue: stageName)
            if let stageID, gate.rubric.stage(stageID) != nil {
                sheet.stage = stageID
                sheet.items = form(stageID, sheet.dossier?.type)
            } else {
                sheet.reasons.append("unknown stage '\(stageName)' (written, defence, site, test)")
            }
            // The gate says what the sheet's expert, dossier and stage decide — with the
            // spellings the workspace has, when it has them.
            sheet.reasons += gate.sheetRefusals(expert: sheet.expert?.id ?? expertID, dossier: sheet.dossier?.id ?? dossierID,
                                                stage: stageID ?? .written).filter { refusal in
                // Without a known stage only what the expert and dossier decide is said.
                if stageID != nil { return true }
                switch refusal {
                case .unknownExpert, .unknownDossier, .conflict: return true
                default: return false
                }
            }.map(\.description)
            previous = (expertID, dossierID, stageName, sheet)
            return sheet
        }

        private func form(_ stage: StageID, _ type: PlatformType?) -> [String: Result<ScoreGate.FormItem, ScoreRefusal>] {
            let key = stage.rawValue + "/" + (type?.rawValue ?? "")
            if let known = forms[key] { return known }
            let items = gate.rubric.stage(stage)?.items ?? []
            let form = Dictionary(items.map { ($0.id, gate.item($0.id, stage: stage, type: type)) }) { first, _ in first }
            forms[key] = form
            return form
        }
    }

    /// A row's six fields as written, before any check: read the same way by the checker
    /// and by the audit log's replay of a kept score file.
    struct Written {
        let expert: String
        let dossier: String
        let stage: String
        let item: String
        let pointsText: String
        /// Nil when empty or not a number.
        let points: Rational?
        let comment: String

        /// From exactly six fields.
        init(_ fields: [String]) {
            (expert, dossier, stage, item, pointsText) =
                (trimmed(fields[0]), trimmed(fields[1]), trimmed(fields[2]), trimmed(fields[3]), trimmed(fields[4]))
            // Plain decimals (nearly every row) directly; full-width digits and the like through NumberText.
            points = pointsText.isEmpty ? nil : Rational(decimal: pointsText) ?? NumberText.decimal(pointsText).flatMap { Rational($0) }
            // Without the `'` that `text` puts before a comment a spreadsheet would take for a formula.
            // and with its line breaks as every path keeps them.
            comment = UntrustedText.lineBreaksNormalised(SpreadsheetText.unescaped(fields[5]))
        }
    }

    /// Every row of a score file as written, unchecked (the file was checked when it was
    /// imported): what the audit log's replay reads a kept file with.
    public static func writtenRows(_ text: String) -> [(expert: String, dossier: String, stage: StageID, item: String,
                                                         points: Rational?, comment: String)] {
        var rows: [(expert: String, dossier: String, stage: StageID, item: String, points: Rational?, comment: String)] = []
        guard case let .success(records) = CSV.parse(text) else { return [] }
        for record in records.dropFirst() where record.fields.count == header.count {
            let row = Written(record.fields)
            guard let stage = StageID(rawValue: row.stage) else { continue }
            rows.append((row.expert, row.dossier, stage, row.item, row.points, row.comment))
        }
        return rows
    }

    /// `field` without spaces at the ends, nor the `'` that `text` puts before an id that begins
    /// with `-`; most fields have neither, and are returned as they are.
    static func trimmed(_ field: String) -> String {
        guard let first = field.utf8.first, let last = field.utf8.last else { return field }
        let plain = { (byte: UInt8) in byte != 0x20 && byte != 0x09 && byte != 0x27 && byte < 0x80 }
        return plain(first) && plain(last) ? field : SpreadsheetText.unescaped(field.trimmingCharacters(in: .whitespaces))
    }

    /// Scores as CSV text in the import format, sorted by expert, dossier, stage and item.
    public static func text(_ scores: [ItemScore]) -> String {
        let sorted = scores.sorted {
            ($0.expert, $0.dossier, $0.stage.rawValue, $0.item) < ($1.expert, $1.dossier, $1.stage.rawValue, $1.item)
        }
        let lines = [CSV.line(header)] + sorted.map {
            CSV.line([$0.expert, $0.dossier, $0.stage.rawValue, $0.item, $0.points?.description ?? "", $0.comment].map(SpreadsheetText.escaped))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
