import Foundation
import GRDB
import IIPCore

extension Workspace {
    /// The largest score file imported (and kept).
    public static let largestScoreFile = KeptFile.largest

    public struct ImportResult: Sendable, Equatable {
        public let rows: Int
        /// Rows that changed a saved value (new scores included).
        public let changed: Int
    }

    /// Checks and saves a score file (SPEC §7) in one transaction, each row as it is read,
    /// so that a national round's file is never held as rows. One bad row refuses the whole
    /// file: every bad row is returned and nothing is saved. A row without points keeps the
    /// saved ones and changes only the comment. The file's text is kept with the values it
    /// replaced, and one audit entry records the import by the file's SHA-256, so each
    /// number stays traceable without an entry per row. A file that changes nothing
    /// records nothing.
    public func importScoreFile(_ text: String, file: String, actor: String) throws -> Result<ImportResult, ScoreRows.Refusal> {
        var text = text
        var result = ImportResult(rows: 0, changed: 0)
        let rubric = try self.rubric()
        do {
            // Foreign keys are not checked row by row (a third of SQLite's work here): the
            // rows are checked against the panel and the dossiers, and `finish` checks every
            // expert and dossier they name once more, inside the transaction.
            try write(foreignKeysChecked: false) { db in
                // The gate as the workspace stands inside this transaction: nothing signed or
                // declared meanwhile by another process can slip past it.
                let gate = try Workspace.gate(db, rubric: rubric)
                let writer = try ScoreFileWriter(db, rubric: rubric, at: Workspace.now())
                // Read and checked on one core while saved on the other.
                // Once it has read the file, the reading core compresses it for keeping while
                // the other saves the last rows.
                let (rejections, kept) = try text.withUTF8 { bytes in
                    try Pipeline.run(batchSize: 8192, produce: { emit in
                        let rejections = try ScoreRows.scan(bytes, gate: gate, acceptInStoredOrder: { try emit(($0, $1)) })
                        return (rejections, rejections.isEmpty ? KeptFile(bytes) : nil)
                    }, arrange: { batch in
                        // By expert, dossier and stage, as the scores are stored: a file that
                        // comes dossier by dossier would otherwise add to 25 places of the
                        // table in turn, and one that mixes stages would open each sheet again
                        // and again. Ties by place in the file, so each sheet's rows keep its order.
                        let order = batch.indices.map { (batch[$0].1, $0) }.sorted { $0 < $1 }
                        batch = order.map { batch[$0.1] }
                    }, consume: { batch in for (score, _) in batch { try writer.save(score) } })
                }
                // Thrown, so that the rows saved before the first bad one are rolled back.
                guard rejections.isEmpty, let kept else { throw ScoreRows.Refusal(rejections: rejections) }
                result = try writer.finish(file: file, kept: kept, actor: actor)
            }
        } catch let refusal as ScoreRows.Refusal {
            return .failure(refusal)
        }
        return .success(result)
    }
}

/// Writes a score file's rows inside one transaction, a sheet (expert, dossier, stage) at
/// a time: rows of a file nearly always come sheet by sheet. A sheet's saved values are
/// read when its first row comes, only if it has any; its total is kept when it is done.
/// So what is held is one sheet, whatever the size of the file.
final class ScoreFileWriter {
    private let db: Database
    private let now: String
    private var totals: SheetTotals
    /// New scores, `rowsPerInsert` at a time (one statement for many rows costs SQLite much
    /// less than one for each), those left over one by one; and a change to a saved score.
    private static let rowsPerInsert = 128
    private let insertMany: RawStatement
    private let insert: RawStatement
    private let update: RawStatement
    private let savedOfSheet: RawStatement
    /// New scores not yet inserted, seven values each.
    private var pending: [String?] = []
    /// Every sheet with a saved score before this file.
    private var sheetsWithScores: Set<SheetTotals.SheetKey>
    private var sheet: OpenSheet?
    /// Every expert and dossier the rows name, checked against the workspace at the end.
    private var experts: Set<String> = []
    private var dossiers: Set<String> = []
    private var rows = 0
    private var changed = 0
    private var replaced = [CSV.line(ScoreRows.header)]

    private final class OpenSheet {
        let key: SheetTotals.SheetKey
        /// Whether scores of this sheet were saved before (and it may have a total).
        let hadScores: Bool
        /// The values saved before, by item.
        var saved: [String: (points: String?, comment: String)] = [:]
        /// The form its total is added up on, and every item's points as they now stand, by place.
        let form: SheetForm?
        var points: [Rational?]
        var changed = false

        init(_ key: SheetTotals.SheetKey, hadScores: Bool, form: SheetForm?) {
            self.key = key
            self.hadScores = hadScores
            self.form = form
            points = Array(repeating: nil, count: form?.count ?? 0)
        }

        func set(_ item: String, _ value: Rational?) {
            if let place = form?.index[item] { points[place] = value }
        }
    }

    init(_ db: Database, rubric: Rubric, at now: String) throws {
        self.db = db
        self.now = now
        totals = SheetTotals(db, rubric: rubric)
        let insertSQL = "INSERT INTO score (expert, dossier, stage, item, points, comment, updated_at) VALUES "
        let values = "(?, ?, ?, ?, ?, ?, ?)"
        insert = try RawStatement(db, sql: insertSQL + values)
        insertMany = try RawStatement(db, sql: insertSQL + Array(repeating: values, count: Self.rowsPerInsert).joined(separator: ", "))
        pending.reserveCapacity(7 * Self.rowsPerInsert)
        update = try RawStatement(db, sql: """
            UPDATE score SET points = ?5, comment = ?6, updated_at = ?7 WHERE expert = ?1 AND dossier = ?2 AND stage = ?3 AND item = ?4
            """)
        savedOfSheet = try RawStatement(db, sql: "SELECT item, points, comment FROM score WHERE expert = ? AND dossier = ? AND stage = ?")
        sheetsWithScores = []
        let keys = try Row.fetchCursor(db, sql: "SELECT DISTINCT expert, dossier, stage FROM score")
        while let row = try keys.next() {
            if let stage = StageID(rawValue: row[2]) { sheetsWithScores.insert(SheetTotals.SheetKey(expert: row[0], dossier: row[1], stage: stage)) }
        }
    }

    func save(_ score: ItemScore) throws {
        rows += 1
        let sheet: OpenSheet
        if let open = self.sheet, open.key.expert == score.expert, open.key.dossier == score.dossier, open.key.stage == score.stage {
            sheet = open
        } else {
            sheet = try self.open(SheetTotals.SheetKey(expert: score.expert, dossier: score.dossier, stage: score.stage))
        }
        let stage = score.stage.rawValue
        let old = sheet.saved.isEmpty ? nil : sheet.saved[score.item]
        // A row with a comment and no points changes the comment and keeps the saved points.
        let points = score.points?.description ?? old?.points
        if let old {
            guard old.points != points || old.comment != score.comment else { return }
            replaced.append(CSV.line([score.expert, score.dossier, stage, score.item, old.points ?? "", old.comment]))
            try update.run([score.expert, score.dossier, stage, score.item, points, score.comment, now])
        } else {
            pending.append(score.expert)
            pending.append(score.dossier)
            pending.append(stage)
            pending.append(score.item)
            pending.append(points)
            pending.append(score.comment)
            pending.append(now)
            if pending.count == 7 * Self.rowsPerInsert { try insertPending() }
        }
        sheet.set(score.item, score.points ?? points.flatMap { Rational(decimal: $0) })
        sheet.changed = true
        changed += 1
    }

    /// Closes the sheet before and opens `key`'s, with its saved values when it has any
    /// (saved before this file, or by rows of this file that came earlier).
    private func open(_ key: SheetTotals.SheetKey) throws -> OpenSheet {
        let previous = sheet?.key
        try close()
        // Consecutive sheets nearly always share their expert and dossier.
        if previous?.expert != key.expert { experts.insert(key.expert) }
        if previous?.dossier != key.dossier { dossiers.insert(key.dossier) }
        let opened = OpenSheet(key, hadScores: !sheetsWithScores.insert(key).inserted, form: try totals.form(of: key))
        if opened.hadScores {
            try insertPending()
            try savedOfSheet.rows([key.expert, key.dossier, key.stage.rawValue], columns: 3) { row in
                guard let item = row[0] else { return }
                opened.saved[item] = (row[1], row[2] ?? "")
                opened.set(item, row[1].flatMap { Rational(decimal: $0) })
            }
        }
        sheet = opened
        return opened
    }

    private func insertPending() throws {
        if pending.count == 7 * Self.rowsPerInsert {
            try insertMany.run(pending)
        } else {
            for start in stride(from: 0, to: pending.count, by: 7) { try insert.run(Array(pending[start..<start + 7])) }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Keeps the total of the sheet that was open, if it changed: only a sheet that had
    /// scores can have a total to replace.
    private func close() throws {
        guard let sheet else { return }
        self.sheet = nil
        guard sheet.changed else { return }
        if sheet.hadScores { try totals.clear(.sheets([sheet.key])) }
        try totals.store(sheet.form?.score(sheet.points), for: sheet.key)
    }

    /// Every expert and dossier the rows name is in the workspace: what SQLite's foreign
    /// keys would have checked row by row.
    /// Compared byte for byte, as SQLite compares them (Swift's equal strings may differ in bytes).
    private func checkNamed() throws {
        func bytes(_ ids: some Sequence<String>) -> Set<[UInt8]> { Set(ids.map { Array($0.utf8) }) }
        let knownExperts = bytes(try String.fetchAll(db, sql: "SELECT id FROM expert"))
        let knownDossiers = bytes(try String.fetchAll(db, sql: "SELECT id FROM dossier"))
        if let expert = experts.sorted().first(where: { !knownExperts.contains(Array($0.utf8)) }) {
            throw WorkspaceError("expert \(expert) is not on the workspace's panel; nothing was imported",
                                 chinese: "专家 \(expert) 不在本工作区的专家组中；未导入任何评分")
        }
        if let dossier = dossiers.sorted().first(where: { !knownDossiers.contains(Array($0.utf8)) }) {
            throw WorkspaceError("dossier \(dossier) is not in the workspace; nothing was imported",
                                 chinese: "本工作区没有申报材料 \(dossier)；未导入任何评分")
        }
    }

    /// Keeps the last totals, the file and the values it replaced, and the audit entry.
    func finish(file: String, kept: KeptFile, actor: String) throws -> Workspace.ImportResult {
        try close()
        try insertPending()
        try checkNamed()
        guard changed > 0 else { return Workspace.ImportResult(rows: rows, changed: 0) }
        let sha256 = kept.sha256
        let name = URL(fileURLWithPath: file).lastPathComponent
        try db.execute(sql: """
            INSERT OR REPLACE INTO score_import (sha256, file, at, actor, rows, content, size, replaced) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [sha256, name, now, actor, rows, kept.deflated, kept.size, replaced.joined(separator: "\n") + "\n"])
        try AuditLog.append(db, actor: actor, action: "scores.import", subject: name,
                            old: replaced.count > 1 ? "\(replaced.count - 1) saved values replaced (kept with the import)" : nil,
                            new: "sha256=\(sha256) rows=\(rows) changed=\(changed)", at: now)
        return Workspace.ImportResult(rows: rows, changed: changed)
    }
}

