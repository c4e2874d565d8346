import Foundation
import GRDB
import IIPCore

/// The kept score of every complete stage sheet (`sheet_total`), refreshed in the same
/// transaction as the scores it sums, by every path that writes scores.
struct SheetTotals {
    /// Which sheets: all of them, one expert's stage, or single sheets.
    enum Scope {
        case all
        case expertStage(expert: String, stage: StageID)
        case sheets(Set<SheetKey>)
    }

    struct SheetKey: Hashable {
        let expert: String
        let dossier: String
        let stage: StageID
    }

    private let db: Database
    private let rubric: Rubric
    /// Each stage's form per platform type, laid out as it is first needed.
    private var forms: [String: SheetForm] = [:]
    /// Platform types, read as sheets of each dossier come up.
    private var types: [String: PlatformType] = [:]
    /// Prepared once they are needed: a score file's import writes 100,000 totals.
    private var insertTotal: RawStatement?
    private var deleteTotal: RawStatement?

    init(_ db: Database, rubric: Rubric) {
        self.db = db
        self.rubric = rubric
    }

    /// Recomputes the totals of `scope` from the saved scores.
    mutating func refresh(_ scope: Scope) throws {
        try clear(scope)
        try store(points(of: scope))
    }

    /// Forgets the totals of `scope`.
    mutating func clear(_ scope: Scope) throws {
        switch scope {
        case .all:
            try db.execute(sql: "DELETE FROM sheet_total")
        case let .expertStage(expert, stage):
            try db.execute(sql: "DELETE FROM sheet_total WHERE expert = ? AND stage = ?", arguments: [expert, stage.rawValue])
        case let .sheets(keys):
            let delete = try deleteTotal ?? RawStatement(db, sql: "DELETE FROM sheet_total WHERE expert = ? AND dossier = ? AND stage = ?")
            deleteTotal = delete
            for key in keys { try delete.run([key.expert, key.dossier, key.stage.rawValue]) }
        }
    }

    /// Every sheet's points in `scope`, by item.
    private func points(of scope: Scope) throws -> [SheetKey: [String: Rational]] {
        let select = "SELECT expert, dossier, stage, item, points FROM score"
        var queries: [(String, StatementArguments)]
        switch scope {
        case .all: queries = [(select, [])]
        case let .expertStage(expert, stage): queries = [(select + " WHERE expert = ? AND stage = ?", [expert, stage.rawValue])]
        case let .sheets(keys):
            queries = keys.map { (select + " WHERE expert = ? AND dossier = ? AND stage = ?", [$0.expert, $0.dossier, $0.stage.rawValue]) }
        }
        var sheets: [SheetKey: [String: Rational]] = [:]
        for (sql, arguments) in queries {
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                guard let stage = StageID(rawValue: row[2]) else { continue }
                let key = SheetKey(expert: row[0], dossier: row[1], stage: stage)
                let text: String? = row[4]
                if let value = text.flatMap({ Rational(decimal: $0) }) { sheets[key, default: [:]][row[3]] = value }
            }
        }
        return sheets
    }

    /// Inserts the total of every complete sheet of `sheets`, whose totals are cleared;
    /// an incomplete one keeps none.
    mutating func store(_ sheets: [SheetKey: [String: Rational]]) throws {
        for (key, points) in sheets {
            try store(try form(of: key)?.score(byItem: points), for: key)
        }
    }

    /// Inserts `total` as the total of `key`'s sheet, whose total is cleared; nil (an
    /// incomplete sheet) keeps none.
    mutating func store(_ total: Rational?, for key: SheetKey) throws {
        guard let total else { return }
        let insert = try insertTotal ?? RawStatement(db, sql: "INSERT INTO sheet_total (expert, dossier, stage, total) VALUES (?, ?, ?, ?)")
        insertTotal = insert
        try insert.run([key.expert, key.dossier, key.stage.rawValue, total.fraction])
    }

    /// The form `key`'s sheet is scored on; nil when its dossier is not stored.
    mutating func form(of key: SheetKey) throws -> SheetForm? {
        guard let type = try type(of: key.dossier) else { return nil }
        let name = key.stage.rawValue + "/" + type.rawValue
        if let known = forms[name] { return known }
        let form = rubric.form(key.stage, type: type)
        forms[name] = form
        return form
    }

    private mutating func type(of dossier: String) throws -> PlatformType? {
        if let known = types[dossier] { return known }
        let type = try String.fetchOne(db, sql: "SELECT type FROM dossier WHERE id = ?", arguments: [dossier]).flatMap(PlatformType.init)
        types[dossier] = type
        return type
    }
}

extension Workspace {
    /// Every dossier's evaluation from the kept sheet scores (no comments): the ranking's.
    func evaluationsFromSheetTotals(_ rubric: Rubric, counting: SheetCounting, dossiers: [StoredDossier]) throws -> [String: DossierEvaluation] {
        var sheets: [String: [StageID: [(expert: String, score: Rational)]]] = [:]
        try read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT expert, dossier, stage, total FROM sheet_total")
            while let row = try rows.next() {
                guard let stage = StageID(rawValue: row[2]), let total = Rational(fraction: row[3]) else { continue }
                sheets[row[1], default: [:]][stage, default: []].append((row[0], total))
            }
        }
        let evaluation = Evaluation(rubric: rubric, counting: counting)
        var results: [String: DossierEvaluation] = [:]
        for dossier in dossiers {
            results[dossier.id] = evaluation.evaluate(id: dossier.id, type: dossier.type, sheets: sheets[dossier.id] ?? [:])
        }
        return results
    }
}
