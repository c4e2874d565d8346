import Foundation
import GRDB
import IIPCore

/// What `audit --verify` proves (SPEC §9): the chain holds; no entry was cut from its end
/// (the kept head, SQLite's own counter, every backup and every head printed on paper that
/// the user gives); the kept score and sheet files are those the entries name; and what the
/// workspace holds is what replaying the log gives — every score and kept sheet total, and
/// what decides which sheets count and whose signature they carry: the panel's experts,
/// their declared conflicts, the trusted keys and the sign-offs.
public struct AuditVerdict: Sendable {
    public let head: AuditHead
    /// What does not hold, one line each; empty when the log proves the workspace.
    public let problems: [String]
    /// What was checked besides the chain (anchors, backups), and what could not be proven.
    public let notes: [String]

    public var intact: Bool { problems.isEmpty }
}

extension Workspace {
    /// Checks the audit log against itself, its anchors and the data it explains, all in one
    /// reading of the workspace (another program may be writing it meanwhile). `anchors`
    /// are heads as printed on documents (`entries:hash-prefix`).
    public func verifyAudit(anchors: [String] = []) throws -> AuditVerdict {
        let rubric = try self.rubric()
        let backupHeads = backups().map { path in (name: (path as NSString).lastPathComponent, head: try? AuditCheck.head(ofBackup: path)) }
        var verdict = try read { db in try AuditCheck.verify(db, rubric: rubric, anchors: anchors, backups: backupHeads) }
        do {
            try checkIntegrity()
        } catch let damaged as WorkspaceError {
            verdict = AuditVerdict(head: verdict.head, problems: verdict.problems + [damaged.message], notes: verdict.notes)
        }
        return verdict
    }
}

enum AuditCheck {
    static func verify(_ db: Database, rubric: Rubric, anchors: [String], backups: [(name: String, head: AuditHead?)]) throws -> AuditVerdict {
        let entries = try AuditLog.entries(db)
        var problems: [String] = []
        var notes: [String] = []
        if let broken = AuditLog.firstBreak(entries) {
            problems.append("audit entry \(broken.entry.seq) (\(broken.entry.at) \(broken.entry.action) \(broken.entry.subject)) "
                            + "is broken: \(broken.reason)")
        }
        let head = entries.last.map { AuditHead(entries: $0.seq, hash: $0.hash) } ?? AuditHead(entries: 0, hash: AuditLog.genesis)
        problems += try endProblems(db, head)
        for anchor in anchors {
            guard let expected = AuditHead(text: anchor) else {
                problems.append("anchor '\(anchor)' is not a printed head (entries:hash, e.g. 120:9f3a1b2c4d5e6f70)")
                continue
            }
            problems += compare(entries, with: expected, what: "the printed head \(anchor)")
            notes.append("anchor \(anchor) checked")
        }
        for backup in backups {
            guard let backupHead = backup.head else {
                notes.append("\(backup.name): not readable, not compared")
                continue
            }
            problems += compare(entries, with: backupHead, what: "the backup \(backup.name)")
        }
        if !backups.isEmpty { notes.append("\(backups.count) backups compared") }
        problems += try keptFileProblems(db, entries)
        if problems.isEmpty {
            let replay = try AuditReplay.run(db, entries: entries, rubric: rubric)
            problems += replay.problems
            notes += replay.notes
        }
        return AuditVerdict(head: head, problems: problems, notes: notes)
    }

    /// Entries cut from the end leave the kept head and SQLite's counter of the log's rows
    /// behind them.
    static func endProblems(_ db: Database, _ head: AuditHead) throws -> [String] {
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
        return try queue.read { try AuditLog.head($0) }
    }

    /// Score and sheet files whose kept bytes no longer match the SHA-256 their audit entry
    /// names (or that are missing): the numbers they brought can then no longer be traced.
    static func keptFileProblems(_ db: Database, _ entries: [AuditEntry]) throws -> [String] {
        var problems: [String] = []
        for entry in entries {
            guard let sha256 = entry.field("sha256") else { continue }
            // nil: no such file kept; an empty text: kept, but it no longer reads (changed).
            let kept: Data?
            switch entry.action {
            case "scores.import":
                kept = try Row.fetchOne(db, sql: "SELECT content, size FROM score_import WHERE sha256 = ?", arguments: [sha256]).map { row in
                    Data(((row["content"] as Data?).flatMap { KeptFile.text(deflated: $0, size: row["size"]) } ?? "").utf8)
                }
            case "sheet.import":
                kept = try Row.fetchOne(db, sql: "SELECT content FROM sheet_import WHERE file_sha256 = ?", arguments: [sha256])
                    .map { ($0["content"] as Data?) ?? Data() }
            default: continue
            }
            guard let kept else {
                problems.append("audit entry \(entry.seq): the imported file \(sha256.prefix(12))… is missing from the workspace")
                continue
            }
            if ContentHash.sha256(kept) != sha256 {
                problems.append("audit entry \(entry.seq): the kept file \(sha256.prefix(12))… was changed after it was imported")
            }
        }
        return problems
    }
}

/// An expert as the panel file gave them: what `expert.add` entries record, and what the
/// replay compares the `expert` table with.
struct ExpertRecord: Equatable {
    let name: String
    let affiliation: String
    let stages: String
    let conflicts: String

    init(_ expert: Expert) {
        name = expert.name
        affiliation = expert.affiliation
        stages = expert.stages.map(\.rawValue).joined(separator: ",")
        conflicts = expert.conflicts.joined(separator: ",")
    }

    init(row: Row) {
        name = row["name"]
        affiliation = row["affiliation"]
        stages = row["stages"]
        conflicts = row["conflicts"]
    }

    /// A JSON object, so that no text in a name can be taken for another field.
    var auditText: String {
        JSONValue.object([("name", .string(name)), ("affiliation", .string(affiliation)), ("stages", .string(stages)),
                          ("conflicts", .string(conflicts))]).text()
    }

    /// From an entry's text; nil for an entry of an iipeval that recorded the name alone.
    init?(auditText: String) {
        guard auditText.hasPrefix("{"),
              let object = try? JSONSerialization.jsonObject(with: Data(auditText.utf8)) as? [String: String],
              let name = object["name"], let affiliation = object["affiliation"], let stages = object["stages"],
              let conflicts = object["conflicts"] else { return nil }
        (self.name, self.affiliation, self.stages, self.conflicts) = (name, affiliation, stages, conflicts)
    }
}

/// The workspace as the audit log says it is: every entry applied in order, then compared
/// with what is stored.
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

    /// A sign-off as its entries say it: the revision and key when the entry records them.
    private struct Signing: Equatable {
        let revision: Int?
        let key: String?
    }

    private var scores: [Address: Value] = [:]
    private var experts: [String: ExpertRecord] = [:]
    /// Experts whose `expert.add` entry recorded the name alone (an earlier iipeval).
    private var expertNames: [String: String] = [:]
    private var declared: [String: Set<String>] = [:]
    private var trusted: [String: String] = [:]
    private var signings: [ExpertStage: Signing] = [:]
    /// Sheets imported before the workspace kept the file of each: not provable.
    private var unprovable: Set<ExpertStage> = []
    private(set) var problems: [String] = []
    private(set) var notes: [String] = []
    /// The stored spelling of each id (a file may spell an id in another Unicode form).
    private var spelling: [String: String] = [:]
    /// The dossiers' kept facts, to know which sheets a signed sheet left in place (回避).
    private var facts: [String: DossierFacts] = [:]

    static func run(_ db: Database, entries: [AuditEntry], rubric: Rubric) throws -> AuditReplay {
        var replay = AuditReplay()
        for id in try String.fetchAll(db, sql: "SELECT id FROM expert UNION SELECT id FROM dossier") { replay.spelling[id] = id }
        for item in rubric.stages.flatMap(\.items) { replay.spelling[item.id] = item.id }
        replay.facts = try KeptFacts.facts(db)
        for entry in entries { try replay.apply(entry, db) }
        try replay.compareScores(db)
        try replay.compareTotals(db, rubric: rubric)
        try replay.compareExperts(db)
        try replay.compareDeclarations(db)
        try replay.compareTrustedKeys(db)
        try replay.compareSignOffs(db)
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
        case "expert.add":
            if let record = entry.new.flatMap(ExpertRecord.init(auditText:)) { experts[entry.subject] = record } else {
                expertNames[entry.subject] = entry.new ?? ""
            }
        case "declare":
            declared[entry.subject] = Set(AuditReplay.declaredConflicts(entry.new ?? ""))
        case "key.trust":
            if let fingerprint = entry.new?.split(separator: " ").first { trusted[entry.subject] = String(fingerprint) }
        case "sheet.sign":
            if let sheet = AuditReplay.sheet(entry.subject) {
                signings[sheet] = Signing(revision: entry.word(after: "revision").flatMap { Int($0) }, key: entry.word(after: "key"))
            }
        case "sheet.reopen":
            if let sheet = AuditReplay.sheet(entry.subject) { signings[sheet] = nil }
        default: break
        }
    }

    private static func sheet(_ subject: String) -> ExpertStage? {
        let parts = subject.split(separator: "/").map(String.init)
        guard parts.count == 2, let stage = StageID(rawValue: parts[1]) else { return nil }
        return ExpertStage(parts[0], stage)
    }

    private mutating func applyScore(_ entry: AuditEntry) {
        // The item is the rest of the subject: ids of experts, dossiers and stages hold no '/'.
        let parts = entry.subject.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, let stage = StageID(rawValue: parts[2]), let new = entry.new, let value = AuditReplay.value(new) else {
            problems.append("audit entry \(entry.seq): a score entry that cannot be read (\(entry.subject))")
            return
        }
        scores[Address(expert: parts[0], dossier: parts[1], stage: stage, item: parts[3])] = value
    }

    /// `points=7.5 comment=…` (as `Workspace.auditValue` writes it): points never hold a space.
    private static func value(_ text: String) -> Value? {
        guard let (points, comment) = scoreFields(text) else { return nil }
        if points.isEmpty { return Value(points: nil, comment: comment) }
        guard let value = Rational(decimal: points) else { return nil }
        return Value(points: value, comment: comment)
    }

    /// A `score.set` record's points (as written, empty when cleared) and comment, as
    /// `Workspace.auditValue` writes them.
    static func scoreFields(_ text: String) -> (points: String, comment: String)? {
        guard text.hasPrefix("points="), let split = text.range(of: " comment=") else { return nil }
        return (String(text[text.index(text.startIndex, offsetBy: 7)..<split.lowerBound]), String(text[split.upperBound...]))
    }

    /// The conflicts a `declare` record lists: "pledge signed; conflicts: a,b" or "…: none".
    static func declaredConflicts(_ text: String) -> [String] {
        let list = text.components(separatedBy: "conflicts: ").last ?? ""
        return list == "none" ? [] : list.split(separator: ",").map(String.init)
    }

    /// A score file's rows as its import applied them: a row without points keeps the points.
    private mutating func applyScoreFile(_ entry: AuditEntry, _ db: Database) throws {
        guard let sha256 = entry.field("sha256"),
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

    /// A signed sheet replaces its expert's sheets of the stage — but for those of dossiers
    /// the expert was then in conflict with, which stay.
    private mutating func applySheet(_ entry: AuditEntry, _ db: Database) throws {
        guard let target = AuditReplay.sheet(entry.subject) else {
            problems.append("audit entry \(entry.seq): a sheet import that cannot be read (\(entry.subject))")
            return
        }
        let conflicted = conflicts(of: target.expert)
        scores = scores.filter { $0.key.expert != target.expert || $0.key.stage != target.stage || conflicted.contains($0.key.dossier) }
        guard let sha256 = entry.field("sha256") else {
            // An entry of an iipeval that kept no sheet files.
            unprovable.insert(target)
            signings[target] = Signing(revision: nil, key: nil)
            return
        }
        guard let data = try Data.fetchOne(db, sql: "SELECT content FROM sheet_import WHERE file_sha256 = ?", arguments: [sha256]),
              ContentHash.sha256(data) == sha256, let sheet = try? SheetFile.read(data) else {
            problems.append("audit entry \(entry.seq): the imported sheet file \(sha256.prefix(12))… is missing or was changed")
            return
        }
        unprovable.remove(target)
        signings[target] = Signing(revision: sheet.revision, key: sheet.fingerprint.hex)
        for row in sheet.rows {
            scores[Address(expert: target.expert, dossier: row.dossier, stage: target.stage, item: row.item)] =
                Value(points: row.points, comment: UntrustedText.lineBreaksNormalised(row.comment))
        }
    }

    /// The dossiers `expert` is in conflict with as the log stands so far: the panel file's,
    /// their affiliation's, and every declaration before.
    private func conflicts(of expert: String) -> Set<String> {
        guard let record = experts[expert] else { return declared[expert] ?? [] }
        let listed = record.conflicts.split(separator: ",").map(String.init) + Array(declared[expert] ?? [])
        let panelExpert = Expert(id: expert, name: record.name, affiliation: record.affiliation, stages: [], conflicts: listed)
        return Set(facts.compactMap { id, dossier in panelExpert.conflict(with: dossier, id: id) == nil ? nil : id }).union(listed)
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
        report(differences, "scores differ from the audit log")
    }

    private mutating func report(_ differences: [String], _ what: String) {
        problems += differences.prefix(20)
        if differences.count > 20 { problems.append("… and \(differences.count - 20) more \(what)") }
    }

    /// The kept sheet totals against those of the replayed scores.
    private mutating func compareTotals(_ db: Database, rubric: Rubric) throws {
        var sheets: [SheetTotals.SheetKey: [String: Rational]] = [:]
        for (address, value) in scores {
            let key = SheetTotals.SheetKey(expert: address.expert, dossier: address.dossier, stage: address.stage)
            if let points = value.points { sheets[key, default: [:]][address.item] = points }
        }
        var expected: [SheetTotals.SheetKey: Rational] = [:]
        for (key, points) in sheets {
            guard let type = facts[key.dossier]?.type, let total = rubric.form(key.stage, type: type)?.score(byItem: points) else { continue }
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
        report(differences.sorted(), "sheet totals differ")
    }

    /// The panel's experts as their entries recorded them: who sits on which stage, with
    /// which affiliation and listed conflicts.
    private mutating func compareExperts(_ db: Database) throws {
        var stored: [String: Row] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM expert") { stored[row["id"]] = row }
        for id in Set(stored.keys).union(experts.keys).union(expertNames.keys).sorted() {
            guard let row = stored[id] else {
                problems.append("expert \(id) is in the audit log but not on the workspace's panel")
                continue
            }
            if let record = experts[id] {
                if ExpertRecord(row: row) != record {
                    problems.append("expert \(id) differs from the panel the audit log recorded (name, affiliation, stages or conflicts)")
                }
            } else if let name = expertNames[id] {
                if (row["name"] as String) != name { problems.append("expert \(id)'s name differs from the audit log's") }
            } else {
                problems.append("expert \(id) is on the panel, but no audit entry added them")
            }
        }
    }

    private mutating func compareDeclarations(_ db: Database) throws {
        var stored: [String: Set<String>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT expert, conflicts FROM declaration") {
            stored[row["expert"]] = Set((row["conflicts"] as String).split(separator: ",").map(String.init))
        }
        for expert in Set(stored.keys).union(declared.keys).sorted() where stored[expert] != declared[expert] {
            problems.append("the conflicts declared by \(expert) differ from the audit log's declarations")
        }
    }

    private mutating func compareTrustedKeys(_ db: Database) throws {
        var stored: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT expert, fingerprint FROM trusted_key") { stored[row["expert"]] = row["fingerprint"] }
        for expert in Set(stored.keys).union(trusted.keys).sorted() where stored[expert] != trusted[expert] {
            problems.append("the key trusted for \(expert) is \(stored[expert] ?? "none") in the workspace, "
                            + "but \(trusted[expert] ?? "none") by the audit log")
        }
    }

    /// Which stages are signed, and (where the entries recorded them) their revision and key.
    private mutating func compareSignOffs(_ db: Database) throws {
        var stored: [ExpertStage: Signing] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT expert, stage, revision, fingerprint FROM signoff") {
            guard let stage = StageID(rawValue: row["stage"]) else { continue }
            stored[ExpertStage(row["expert"], stage)] = Signing(revision: row["revision"], key: row["fingerprint"])
        }
        for sheet in Set(stored.keys).union(signings.keys).sorted(by: { $0.description < $1.description }) {
            guard let kept = stored[sheet], let logged = signings[sheet] else {
                problems.append("the \(sheet.stage.rawValue) sheet of \(sheet.expert) is \(stored[sheet] == nil ? "not " : "")signed "
                                + "in the workspace, but \(signings[sheet] == nil ? "not " : "")signed by the audit log")
                continue
            }
            if let revision = logged.revision, revision != kept.revision {
                problems.append("the \(sheet) signing is revision \(kept.revision ?? 0) in the workspace, but \(revision) by the audit log")
            }
            if let key = logged.key, key != kept.key {
                problems.append("the \(sheet) signing names another key in the workspace than in the audit log")
            }
        }
    }
}
