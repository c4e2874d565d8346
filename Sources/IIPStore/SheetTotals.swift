import Foundation
import GRDB
import IIPCore

/// The kept score of every complete stage sheet (`sheet_total`), refreshed in the same
/// transaction as the scores it sums, by every path that writes scores.
enum SheetTotals {
    /// Which sheets to refresh: all of them, one expert's stage, or single sheets.
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

    /// Many single sheets are cheaper refreshed as a whole.
    static func scope(for scores: [ItemScore]) -> Scope {
        let keys = Set(scores.map { SheetKey(expert: $0.expert, dossier: $0.dossier, stage: $0.stage) })
        return keys.count > 200 ? .all : .sheets(keys)
    }

    static func refresh(_ db: Database, _ scope: Scope = .all) throws {
        // A workspace being made has no rubric yet, and no scores.
        guard let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'rubric'"), !text.isEmpty else { return }
        let rubric = try RubricCache.rubric(text, file: "workspace rubric")
        let evaluation = Evaluation(rubric: rubric)
        var types: [String: PlatformType] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, type FROM dossier") {
            types[row[0]] = PlatformType(rawValue: row[1])
        }
        switch scope {
        case .all:
            try db.execute(sql: "DELETE FROM sheet_total")
            try store(db, evaluation, types, sql: "SELECT expert, dossier, stage, item, points FROM score ORDER BY expert, dossier, stage")
        case let .expertStage(expert, stage):
            try db.execute(sql: "DELETE FROM sheet_total WHERE expert = ? AND stage = ?", arguments: [expert, stage.rawValue])
            try store(db, evaluation, types, sql: "SELECT expert, dossier, stage, item, points FROM score WHERE expert = ? AND stage = ? ORDER BY dossier",
                      arguments: [expert, stage.rawValue])
        case let .sheets(keys):
            for key in keys {
                let arguments: StatementArguments = [key.expert, key.dossier, key.stage.rawValue]
                try db.execute(sql: "DELETE FROM sheet_total WHERE expert = ? AND dossier = ? AND stage = ?", arguments: arguments)
                try store(db, evaluation, types, sql: "SELECT expert, dossier, stage, item, points FROM score WHERE expert = ? AND dossier = ? AND stage = ?",
                          arguments: arguments)
            }
        }
    }

    /// Replaces the kept totals of `sheets` from their points as given (all of each sheet's
    /// saved points): a sheet that is not complete keeps no total.
    static func replace(_ db: Database, _ sheets: [SheetKey: [String: Rational]]) throws {
        guard let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'rubric'"), !text.isEmpty else { return }
        let evaluation = Evaluation(rubric: try RubricCache.rubric(text, file: "workspace rubric"))
        var types: [String: PlatformType] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, type FROM dossier") { types[row[0]] = PlatformType(rawValue: row[1]) }
        let delete = try db.cachedStatement(sql: "DELETE FROM sheet_total WHERE expert = ? AND dossier = ? AND stage = ?")
        let insert = try db.cachedStatement(sql: "INSERT INTO sheet_total (expert, dossier, stage, total) VALUES (?, ?, ?, ?)")
        for (key, points) in sheets {
            try delete.execute(arguments: [key.expert, key.dossier, key.stage.rawValue])
            guard let type = types[key.dossier], let total = evaluation.sheetScore(key.stage, type: type, points: points) else { continue }
            try insert.execute(arguments: [key.expert, key.dossier, key.stage.rawValue, "\(total.numerator)/\(total.denominator)"])
        }
    }

    /// Sums the rows of `sql` (ordered so that each sheet's rows are together) sheet by sheet.
    private static func store(_ db: Database, _ evaluation: Evaluation, _ types: [String: PlatformType], sql: String,
                              arguments: StatementArguments = []) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO sheet_total (expert, dossier, stage, total) VALUES (?, ?, ?, ?)")
        var current: SheetKey?
        var points: [String: Rational] = [:]
        func flush() throws {
            guard let key = current, let type = types[key.dossier],
                  let total = evaluation.sheetScore(key.stage, type: type, points: points) else { return }
            try insert.execute(arguments: [key.expert, key.dossier, key.stage.rawValue, "\(total.numerator)/\(total.denominator)"])
        }
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            guard let stage = StageID(rawValue: row[2]) else { continue }
            let key = SheetKey(expert: row[0], dossier: row[1], stage: stage)
            if key != current {
                try flush()
                current = key
                points = [:]
            }
            let text: String? = row[4]
            if let value = text.flatMap({ Rational(decimal: $0) }) { points[row[3]] = value }
        }
        try flush()
    }
}

extension Workspace {
    /// Every dossier's evaluation from the kept sheet scores (no comments): the ranking's.
    func evaluationsFromSheetTotals(_ rubric: Rubric, dossiers: [StoredDossier]) throws -> [String: DossierEvaluation] {
        var sheets: [String: [StageID: [(expert: String, score: Rational)]]] = [:]
        try read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT expert, dossier, stage, total FROM sheet_total")
            while let row = try rows.next() {
                let total: String = row[3]
                let parts = total.split(separator: "/")
                guard let stage = StageID(rawValue: row[2]), parts.count == 2,
                      let numerator = Int128(String(parts[0])), let denominator = Int128(String(parts[1])), denominator != 0 else { continue }
                sheets[row[1], default: [:]][stage, default: []].append((row[0], Rational(numerator, denominator)))
            }
        }
        let evaluation = Evaluation(rubric: rubric)
        var results: [String: DossierEvaluation] = [:]
        for dossier in dossiers {
            results[dossier.id] = evaluation.evaluate(id: dossier.id, type: dossier.type, sheets: sheets[dossier.id] ?? [:])
        }
        return results
    }
}
