import Foundation
import GRDB
import IIPCore

/// What `audit --verify` proves (SPEC §9): the chain holds; no entry was cut from its end
/// (the kept head, SQLite's own counter, every backup and every head printed on paper that
/// the user gives); the kept score and sheet files are those the entries name; and every
/// stored score and every kept sheet total is what replaying the log gives.
public struct AuditVerdict: Sendable {
    public let head: AuditHead
    /// What does not hold, one line each; empty when the log proves the workspace.
    public let problems: [String]
    /// What was checked besides the chain (anchors, backups), and what could not be proven.
    public let notes: [String]

    public var intact: Bool { problems.isEmpty }
}

extension Workspace {
    /// Checks the audit log against itself, its anchors and the data it explains. `anchors`
    /// are heads as printed on documents (`entries:hash-prefix`).
    public func verifyAudit(anchors: [String] = []) throws -> AuditVerdict {
        let entries = try auditEntries()
        var problems: [String] = []
        var notes: [String] = []
        if let broken = AuditLog.firstBreak(entries) {
            problems.append("audit entry \(broken.entry.seq) (\(broken.entry.at) \(broken.entry.action) \(broken.entry.subject)) "
                            + "is broken: \(broken.reason)")
        }
        let head = entries.last.map { AuditHead(entries: $0.seq, hash: $0.hash) } ?? AuditHead(entries: 0, hash: AuditLog.genesis)
        problems += try endProblems(head)
        for anchor in anchors {
            guard let expected = AuditHead(text: anchor) else {
                problems.append("anchor '\(anchor)' is not a printed head (entries:hash, e.g. 120:9f3a1b2c4d5e6f70)")
                continue
            }
            problems += AuditCheck.compare(entries, with: expected, what: "the printed head \(anchor)")
            notes.append("anchor \(anchor) checked")
        }
        for backup in backups() {
            guard let backupHead = try? AuditCheck.head(ofBackup: backup) else {
                notes.append("\(backup): not readable, not compared")
                continue
            }
            problems += AuditCheck.compare(entries, with: backupHead, what: "the backup \((backup as NSString).lastPathComponent)")
        }
        if !backups().isEmpty { notes.append("\(backups().count) backups compared") }
        problems += try brokenScoreImports()
        if problems.isEmpty {
            let rubric = try self.rubric()
            let replay = try read { try AuditReplay.run($0, entries: entries, rubric: rubric) }
            problems += replay.problems
            notes += replay.notes
        }
        do {
            try checkIntegrity()
        } catch let damaged as WorkspaceError {
            problems.append(damaged.message)
        }
        return AuditVerdict(head: head, problems: problems, notes: notes)
    }

    /// Entries cut from the end leave the kept head and SQLite's counter of the log's rows
    /// behind them.
    private func endProblems(_ head: AuditHead) throws -> [String] {
        try read { db in
            var problems: [String] = []
            if let kept = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'audit_head'").flatMap(AuditHead.init(text:)),
               kept != head {
                problems.append("the log ends at entry \(head.entries), but it ended at entry \(kept.entries) (\(kept.hash.prefix(16))) "
                                + "when it was last written: entries were removed from its end or changed")
            }
            if let counted = try Int.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'audit'"), counted > head.entries {
                problems.append("the log ends at entry \(head.entries), but \(counted) entries were written: "
                                + "\(counted - head.entries) were removed from its end")
            }
            return problems
        }
    }
}

enum AuditCheck {
    /// The log must still hold `anchor`'s last entry, with that hash.
    static func compare(_ entries: [AuditEntry], with anchor: AuditHead, what: String) -> [String] {
        guard anchor.entries > 0 else { return [] }
        guard let entry = entries.first(where: { $0.seq == anchor.entries }) else {
            return ["\(what) has \(anchor.entries) entries, the log now \(entries.last?.seq ?? 0): entries were removed from its end"]
        }
        guard entry.hash.hasPrefix(anchor.hash) else {
            return ["entry \(anchor.entries) of the log differs from \(what): the log was rewritten since"]
        }
        return []
    }

    /// The head of the log in a backup, read without changing it.
    static func head(ofBackup path: String) throws -> AuditHead {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
                .map { AuditHead(entries: $0["seq"], hash: $0["hash"]) } ?? AuditHead(entries: 0, hash: AuditLog.genesis)
        }
    }
}

/// The scores as the audit log says they are: every score entry, score file and signed
/// sheet applied in order, then compared with the stored scores and kept totals.
struct AuditReplay {
    private struct Address: Hashable, Comparable {
        let expert: String
        let dossier: String
        let stage: StageID
        let item: String

        static func < (a: Address, b: Address) -> Bool {
            (a.expert, a.dossier, a.stage.rawValue, a.item) < (b.expert, b.dossier, b.stage.rawValue, b.item)
        }

        var text: String { "\(expert)/\(dossier)/\(stage.rawValue)/\(item)" }
    }

    private struct Value: Equatable {
        let points: Rational?
        let comment: String
    }

    private var scores: [Address: Value] = [:]
    /// Sheets imported before the workspace kept the file of each: not provable.
    private var unprovable: Set<ExpertStage> = []
    private(set) var problems: [String] = []
    private(set) var notes: [String] = []
    /// The stored spelling of each id (a file may spell an id in another Unicode form).
    private var spelling: [String: String] = [:]

    static func run(_ db: Database, entries: [AuditEntry], rubric: Rubric) throws -> AuditReplay {
        var replay = AuditReplay()
        for id in try String.fetchAll(db, sql: "SELECT id FROM expert UNION SELECT id FROM dossier") { replay.spelling[id] = id }
        for item in rubric.stages.flatMap(\.items) { replay.spelling[item.id] = item.id }
        for entry in entries { try replay.apply(entry, db) }
        try replay.compareScores(db)
        try replay.compareTotals(db, rubric: rubric)
        if !replay.unprovable.isEmpty {
            replay.notes.append("not provable from the log (sheets imported before iipeval kept them): "
                                + replay.unprovable.map(\.description).sorted().joined(separator: ", "))
        }
        return replay
    }

    private func id(_ text: String) -> String { spelling[text] ?? text }

    private mutating func apply(_ entry: AuditEntry, _ db: Database) throws {
        switch entry.action {
        case "score.set": applyScore(entry)
        case "scores.import": try applyScoreFile(entry, db)
        case "sheet.import": try applySheet(entry, db)
        default: break
        }
    }

    private mutating func applyScore(_ entry: AuditEntry) {
        let parts = entry.subject.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, let stage = StageID(rawValue: parts[2]), let new = entry.new, let value = AuditReplay.value(new) else {
            problems.append("audit entry \(entry.seq): a score entry that cannot be read (\(entry.subject))")
            return
        }
        scores[Address(expert: parts[0], dossier: parts[1], stage: stage, item: parts[3])] = value
    }

    /// `points=7.5 comment=…` (as `Workspace.auditValue` writes it): points never hold a space.
    private static func value(_ text: String) -> Value? {
        guard text.hasPrefix("points="), let split = text.range(of: " comment=") else { return nil }
        let points = String(text[text.index(text.startIndex, offsetBy: 7)..<split.lowerBound])
        let comment = String(text[split.upperBound...])
        if points.isEmpty { return Value(points: nil, comment: comment) }
        guard let value = Rational(decimal: points) else { return nil }
        return Value(points: value, comment: comment)
    }

    private static func field(_ name: String, of entry: AuditEntry) -> String? {
        entry.new?.split(separator: " ").first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
    }

    /// A score file's rows as its import applied them: a row without points keeps the points.
    private mutating func applyScoreFile(_ entry: AuditEntry, _ db: Database) throws {
        guard let sha256 = AuditReplay.field("sha256", of: entry),
              let row = try Row.fetchOne(db, sql: "SELECT content, size FROM score_import WHERE sha256 = ?", arguments: [sha256]),
              let text = (row["content"] as Data?).flatMap({ KeptFile.text(deflated: $0, size: row["size"]) }) else {
            problems.append("audit entry \(entry.seq): the imported score file is missing")
            return
        }
        for written in ScoreRows.writtenRows(text) {
            let address = Address(expert: id(written.expert), dossier: id(written.dossier), stage: written.stage, item: id(written.item))
            scores[address] = Value(points: written.points ?? scores[address]?.points, comment: written.comment)
        }
    }

    /// A signed sheet replaces every score of its expert's stage.
    private mutating func applySheet(_ entry: AuditEntry, _ db: Database) throws {
        let parts = entry.subject.split(separator: "/").map(String.init)
        guard parts.count == 2, let stage = StageID(rawValue: parts[1]) else {
            problems.append("audit entry \(entry.seq): a sheet import that cannot be read (\(entry.subject))")
            return
        }
        let target = ExpertStage(parts[0], stage)
        scores = scores.filter { $0.key.expert != target.expert || $0.key.stage != target.stage }
        guard let sha256 = AuditReplay.field("sha256", of: entry) else {
            unprovable.insert(target)
            return
        }
        guard let data = try Data.fetchOne(db, sql: "SELECT content FROM sheet_import WHERE file_sha256 = ?", arguments: [sha256]),
              ContentHash.sha256(data) == sha256, let sheet = try? SheetFile.read(data) else {
            problems.append("audit entry \(entry.seq): the imported sheet file \(sha256.prefix(12))… is missing or was changed")
            return
        }
        unprovable.remove(target)
        for row in sheet.rows {
            scores[Address(expert: target.expert, dossier: row.dossier, stage: stage, item: row.item)] =
                Value(points: row.points, comment: row.comment)
        }
    }

    /// The stored scores against the replayed ones; at most 20 differences are named.
    private mutating func compareScores(_ db: Database) throws {
        var stored: [Address: Value] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT expert, dossier, stage, item, points, comment FROM score")
        while let row = try rows.next() {
            guard let stage = StageID(rawValue: row[2]) else { continue }
            let points: String? = row[4]
            stored[Address(expert: row[0], dossier: row[1], stage: stage, item: row[3])] =
                Value(points: points.flatMap { Rational(decimal: $0) }, comment: row[5])
        }
        var differences: [String] = []
        for address in Set(stored.keys).union(scores.keys).sorted() where !unprovable.contains(ExpertStage(address.expert, address.stage)) {
            let kept = stored[address], logged = scores[address]
            guard kept != logged else { continue }
            func said(_ value: Value?) -> String {
                guard let value else { return "nothing" }
                return (value.points?.description ?? "no points") + (value.comment.isEmpty ? "" : " with a comment")
            }
            if kept?.points == logged?.points {
                differences.append("score \(address.text): its comment differs from the audit log's")
            } else {
                differences.append("score \(address.text) is \(said(kept)) in the workspace, but \(said(logged)) by the audit log")
            }
        }
        problems += differences.prefix(20)
        if differences.count > 20 { problems.append("… and \(differences.count - 20) more scores differ from the audit log") }
    }

    /// The kept sheet totals against those of the replayed scores.
    private mutating func compareTotals(_ db: Database, rubric: Rubric) throws {
        var types: [String: PlatformType] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, type FROM dossier") { types[row["id"]] = PlatformType(rawValue: row["type"]) }
        var sheets: [SheetTotals.SheetKey: [String: Rational]] = [:]
        for (address, value) in scores {
            let key = SheetTotals.SheetKey(expert: address.expert, dossier: address.dossier, stage: address.stage)
            if let points = value.points { sheets[key, default: [:]][address.item] = points }
        }
        var expected: [SheetTotals.SheetKey: Rational] = [:]
        for (key, points) in sheets {
            guard let type = types[key.dossier], let total = rubric.form(key.stage, type: type)?.score(byItem: points) else { continue }
            expected[key] = total
        }
        var kept: [SheetTotals.SheetKey: Rational] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT expert, dossier, stage, total FROM sheet_total") {
            guard let stage = StageID(rawValue: row["stage"]) else { continue }
            kept[SheetTotals.SheetKey(expert: row["expert"], dossier: row["dossier"], stage: stage)] = Rational(fraction: row["total"])
        }
        var differences: [String] = []
        for key in Set(kept.keys).union(expected.keys) where !unprovable.contains(ExpertStage(key.expert, key.stage)) {
            guard kept[key] != expected[key] else { continue }
            let name = "\(key.expert)/\(key.dossier)/\(key.stage.rawValue)"
            differences.append("the kept total of the sheet \(name) is \(kept[key]?.fixed(places: 2) ?? "missing"), "
                               + "but its scores by the audit log give \(expected[key]?.fixed(places: 2) ?? "no total (incomplete)")")
        }
        problems += differences.sorted().prefix(20)
        if differences.count > 20 { problems.append("… and \(differences.count - 20) more sheet totals differ") }
    }
}
