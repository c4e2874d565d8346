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
    public static func read(_ text: String, context: Context) -> Result<[ItemScore], Refusal> {
        var text = text
        var scores: [ItemScore] = []
        let rejections = text.withUTF8 { bytes in scan(bytes, context: context) { scores.append($0) } }
        return rejections.isEmpty ? .success(scores) : .failure(Refusal(rejections: rejections))
    }

    /// Checks every row of `bytes` (a score file's UTF-8) as it is read, and hands each good
    /// row to `accept` until the first bad one, so that a file of any size need not be held
    /// as rows. Returns every bad row: when there is one, the file is refused as a whole
    /// and what `accept` did with the rows before it must be undone.
    public static func scan(_ bytes: UnsafeBufferPointer<UInt8>, context: Context,
                            accept: (ItemScore) throws -> Void) rethrows -> [Rejection] {
        try scan(bytes, context: context) { score, _ in try accept(score) }
    }

    /// The same, with each good row a number that orders rows as a workspace stores them —
    /// by expert, dossier and stage (in the panel's order and the dossiers' id order) — to
    /// sort by without comparing text.
    public static func scan(_ bytes: UnsafeBufferPointer<UInt8>, context: Context,
                            acceptInStoredOrder accept: (ItemScore, UInt64) throws -> Void) rethrows -> [Rejection] {
        let checker = Checker(context, expectedRows: bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
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
    public static func score(_ fields: [String], context: Context) -> Result<ItemScore, RowProblem> {
        Checker(context).score(fields)
    }

    /// Checks one file's rows in order. What rows repeat is looked up once: experts and
    /// dossiers by id, the items of each stage and type, conflicts; and what a row shares
    /// with the row before (nearly always its expert, dossier and stage) is not looked up
    /// again. It remembers each accepted score's line, so a repeat names the first.
    ///
    /// An accepted score carries the ids as the panel, the dossiers and the rubric spell
    /// them: Swift finds "é" written as one character or as "e" and an accent the same, and
    /// the workspace must store the one spelling its tables have.
    final class Checker {
        let context: Context
        private let experts: [String: (index: Int, expert: Expert)]
        private let dossierIndex: [String: (index: Int, id: String)]
        /// Each stage's items by id, as a dossier of each platform type sees them, by
        /// `stage/type` (`stage/` when the type is not known): made as they are needed.
        private var forms: [String: [String: Item]] = [:]
        /// Each (expert, dossier) conflict found, by their places.
        private var conflicts: [Int: String?] = [:]
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
            var expert: (index: Int, expert: Expert)?
            var dossier: (index: Int, id: String, facts: DossierFacts)?
            var stage: StageID?
            /// The stage's items by id, as the dossier's platform type sees them.
            var items: [String: Item] = [:]
            /// Reasons found before the item is looked at, and after it.
            var before: [String] = []
            var after: [String] = []
        }

        /// An item of a stage: its place in the stage, its maximum, and whether it applies to the sheet's dossier.
        struct Item {
            let id: String
            let index: Int
            let max: Rational
            let applies: Bool
        }

        init(_ context: Context, expectedRows: Int = 0) {
            self.context = context
            experts = Dictionary(context.panel.experts.enumerated().map { ($1.id, ($0, $1)) }) { first, _ in first }
            dossierIndex = Dictionary(context.dossiers.keys.sorted().enumerated().map { ($1, ($0, $1)) }) { first, _ in first }
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
            let (expertID, dossierID, stageName, itemID, pointsText) =
                (trimmed(fields[0]), trimmed(fields[1]), trimmed(fields[2]), trimmed(fields[3]), trimmed(fields[4]))
            let sheet = self.sheet(expertID, dossierID, stageName)
            var reasons = sheet.before
            var max: Rational?
            var item: Item?
            if sheet.stage != nil {
                item = sheet.items[itemID]
                max = item?.max
                itemIndex = item?.index ?? 0
                if max == nil {
                    reasons.append("unknown item '\(itemID)' in stage \(stageName)")
                } else if let type = sheet.dossier?.facts.type, item?.applies == false {
                    reasons.append("item \(itemID) does not apply to a \(type.rawValue) platform")
                }
            }
            reasons += sheet.after
            // SQLite keeps it, but most readers of text stop at it: a comment would come back cut short.
            if fields[5].utf8.contains(0) { reasons.append("the comment contains a NUL character (U+0000)") }
            var points: Rational?
            if !pointsText.isEmpty {
                // Plain decimals (nearly every row) directly; full-width digits and the like through NumberText.
                points = Rational(decimal: pointsText) ?? NumberText.decimal(pointsText).flatMap { Rational($0) }
                if points == nil {
                    reasons.append("points '\(pointsText)' is not a number")
                } else if let value = points, let max {
                    if value < .zero || value > max {
                        reasons.append("points \(pointsText) out of range 0–\(max) for \(itemID)")
                    } else if !value.isMultiple(of: context.rubric.pointsStep) {
                        reasons.append("points \(pointsText) is not a multiple of \(context.rubric.pointsStep)")
                    }
                }
            }
            guard reasons.isEmpty, let stage = sheet.stage, let expert = sheet.expert, let dossier = sheet.dossier, let item else {
                return .failure(RowProblem(reason: reasons.joined(separator: "; ")))
            }
            return .success(ItemScore(expert: expert.expert.id, dossier: dossier.id, stage: stage, item: item.id,
                                      points: points, comment: SpreadsheetText.unescaped(fields[5])))
        }

        /// The row's expert, dossier and stage, checked; the previous row's when they are the same.
        private func sheet(_ expertID: String, _ dossierID: String, _ stageName: String) -> Sheet {
            if let previous, previous.expert == expertID, previous.dossier == dossierID, previous.stage == stageName {
                return previous.sheet
            }
            let sheet = Sheet()
            sheet.expert = experts[expertID]
            if sheet.expert == nil { sheet.before.append("unknown expert '\(expertID)'") }
            if let known = dossierIndex[dossierID], let facts = context.dossiers[known.id] { sheet.dossier = (known.index, known.id, facts) }
            if sheet.dossier == nil { sheet.before.append("unknown dossier '\(dossierID)'") }
            let stageID = StageID(rawValue: stageName)
            if stageID == nil { sheet.before.append("unknown stage '\(stageName)' (written, defence, site, test)") }
            if let stageID, let stage = context.rubric.stage(stageID) {
                sheet.stage = stageID
                sheet.items = form(stage, sheet.dossier?.facts.type)
                if let expert = sheet.expert, !expert.expert.stages.contains(stageID) {
                    sheet.after.append("expert \(expertID) is not on the panel for stage \(stageName)")
                }
                if context.signed.contains("\(expertID)/\(stageName)") {
                    sheet.after.append("the \(stageName) sheet of \(expertID) is signed and read-only (sheet reopen first)")
                }
            }
            if let expert = sheet.expert, let dossier = sheet.dossier, let conflict = conflict(expert, dossier, id: dossierID) {
                sheet.after.append("expert \(expertID) is in conflict with \(dossierID) (\(conflict))")
            }
            previous = (expertID, dossierID, stageName, sheet)
            return sheet
        }

        private func form(_ stage: RubricStage, _ type: PlatformType?) -> [String: Item] {
            let key = stage.id.rawValue + "/" + (type?.rawValue ?? "")
            if let known = forms[key] { return known }
            let applicable = type.map { Set(stage.items(for: $0).map(\.id)) }
            let form = Dictionary(stage.items.enumerated().map { index, item in
                (item.id, Item(id: item.id, index: index, max: item.max, applies: applicable?.contains(item.id) ?? true))
            }) { first, _ in first }
            forms[key] = form
            return form
        }

        private func conflict(_ expert: (index: Int, expert: Expert), _ dossier: (index: Int, id: String, facts: DossierFacts), id: String) -> String? {
            let key = expert.index << 32 | dossier.index
            if let known = conflicts[key] { return known }
            let found = expert.expert.conflict(applicant: dossier.facts.applicant, partners: dossier.facts.partners, id: id)
            conflicts[key] = found
            return found
        }
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
