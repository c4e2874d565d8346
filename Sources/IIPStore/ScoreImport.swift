import Foundation
import GRDB
import IIPCore

extension Workspace {
    public struct ImportResult: Sendable, Equatable {
        public let rows: Int
        /// Rows that changed a saved value (new scores included).
        public let changed: Int
    }

    /// Saves the checked rows of a score file in one transaction (a row without points
    /// keeps the saved ones and changes only the comment). The file's text is kept
    /// with the values it replaced, and one audit entry records the import by the file's
    /// SHA-256, so each number stays traceable without an entry per row. A file that
    /// changes nothing records nothing.
    public func importScores(_ scores: [ItemScore], file: String, content: String, actor: String) throws -> ImportResult {
        let now = Workspace.now()
        let sha256 = ContentHash.sha256(content)
        var changed = 0
        let rubric = try self.rubric()
        try write { db in
            let signed = Set(try Row.fetchAll(db, sql: "SELECT expert, stage FROM signoff").map { "\($0[0] as String)/\($0[1] as String)" })
            var saved: [ScoreKey: (points: String?, comment: String)] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT expert, dossier, stage, item, points, comment FROM score")
            while let row = try rows.next() {
                guard let stage = StageID(rawValue: row[2]) else { continue }
                saved[ScoreKey(expert: row[0], dossier: row[1], stage: stage, item: row[3])] = (row[4], row[5])
            }
            // The sheets this file touches, with their saved points, so that their totals are
            // summed here rather than read back.
            let touched = Set(scores.map { SheetTotals.SheetKey(expert: $0.expert, dossier: $0.dossier, stage: $0.stage) })
            var sheets: [SheetTotals.SheetKey: [String: Rational]] = [:]
            for (key, value) in saved where touched.contains(key.sheet) {
                if let points = value.points.flatMap({ Rational(decimal: $0) }) { sheets[key.sheet, default: [:]][key.item] = points }
            }
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO score (expert, dossier, stage, item, points, comment, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (expert, dossier, stage, item) DO UPDATE SET
                  points = excluded.points, comment = excluded.comment, updated_at = excluded.updated_at
                """)
            var replaced = [CSV.line(ScoreRows.header)]
            for score in scores {
                let stage = score.stage.rawValue
                if signed.contains("\(score.expert)/\(stage)") {
                    throw WorkspaceError("the \(stage) sheet of \(score.expert) is signed and read-only; reopen it first")
                }
                let key = ScoreKey(expert: score.expert, dossier: score.dossier, stage: score.stage, item: score.item)
                // A row with a comment and no points changes the comment and keeps the saved points.
                let points = score.points?.description ?? saved[key]?.points
                if let old = saved[key] {
                    guard old.points != points || old.comment != score.comment else { continue }
                    replaced.append(CSV.line([score.expert, score.dossier, stage, score.item, old.points ?? "", old.comment]))
                }
                try upsert.execute(arguments: [score.expert, score.dossier, stage, score.item, points, score.comment, now])
                sheets[key.sheet, default: [:]][score.item] = points.flatMap { Rational(decimal: $0) }
                changed += 1
            }
            guard changed > 0 else { return }
            var totals = SheetTotals(db, rubric: rubric)
            try totals.replace(sheets)
            let name = URL(fileURLWithPath: file).lastPathComponent
            try db.execute(sql: """
                INSERT OR REPLACE INTO score_import (sha256, file, at, actor, rows, content, replaced) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [sha256, name, now, actor, scores.count, content, replaced.joined(separator: "\n") + "\n"])
            try AuditLog.append(db, actor: actor, action: "scores.import", subject: name,
                                old: replaced.count > 1 ? "\(replaced.count - 1) saved values replaced (kept with the import)" : nil,
                                new: "sha256=\(sha256) rows=\(scores.count) changed=\(changed)", at: now)
        }
        return ImportResult(rows: scores.count, changed: changed)
    }
}

/// A score's place in the `score` table: its primary key.
struct ScoreKey: Hashable {
    let expert: String
    let dossier: String
    let stage: StageID
    let item: String

    var sheet: SheetTotals.SheetKey { SheetTotals.SheetKey(expert: expert, dossier: dossier, stage: stage) }
}

extension Workspace {
    /// Score files whose kept text no longer matches the SHA-256 their audit entry names
    /// (or that are missing): the import's numbers can then no longer be traced.
    public func brokenScoreImports() throws -> [String] {
        let named = try auditEntries().filter { $0.action == "scores.import" }.compactMap { entry -> (Int, String)? in
            guard let field = entry.new?.split(separator: " ").first(where: { $0.hasPrefix("sha256=") }) else { return nil }
            return (entry.seq, String(field.dropFirst("sha256=".count)))
        }
        return try read { db in
            try named.compactMap { seq, sha256 in
                guard let content = try String.fetchOne(db, sql: "SELECT content FROM score_import WHERE sha256 = ?", arguments: [sha256]) else {
                    return "audit entry \(seq): the imported score file \(sha256.prefix(12))… is missing from the workspace"
                }
                return ContentHash.sha256(content) == sha256 ? nil
                    : "audit entry \(seq): the kept score file \(sha256.prefix(12))… was changed after it was imported"
            }
        }
    }
}
