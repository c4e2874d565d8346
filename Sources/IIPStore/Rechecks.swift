import Crypto
import Foundation
import GRDB
import IIPCore

/// 复核: after signing a stage, an expert confirms or corrects each of their stage scores
/// that deviates from the panel's. A confirmation is signed again at once (a new revision
/// of the sheet, carrying it); a correction reopens the sheet for that dossier alone, and
/// the signing that ends it carries it.
extension Workspace {
    public func rechecks() throws -> [Recheck] {
        try read { try Workspace.rechecks($0) }
    }

    /// The records, of one expert's stage or of all.
    static func rechecks(_ db: Database, of sheet: ExpertStage? = nil) throws -> [Recheck] {
        var sql = "SELECT * FROM recheck"
        var arguments: StatementArguments = []
        if let sheet {
            sql += " WHERE expert = ? AND stage = ?"
            arguments = [sheet.expert, sheet.stage.rawValue]
        }
        return try Row.fetchAll(db, sql: sql + " ORDER BY dossier, stage, expert", arguments: arguments).compactMap(recheck)
    }

    /// A record as the `recheck` table keeps it; nil for a row this version cannot read.
    private static func recheck(_ row: Row) -> Recheck? {
        guard let stage = StageID(rawValue: row["stage"]), let outcome = Recheck.Outcome(code: row["outcome"], ground: row["ground"]),
              let score = Rational(fraction: row["score"]) else { return nil }
        return Recheck(expert: row["expert"], dossier: row["dossier"], stage: stage, outcome: outcome, reason: row["reason"],
                       score: score, at: row["at"])
    }

    /// Sheets reopened for a correction, with the dossiers that may change in them.
    static func rechecking(_ db: Database) throws -> [ExpertStage: Set<String>] {
        var open: [ExpertStage: Set<String>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT expert, dossier, stage FROM recheck WHERE outcome = 'correcting'") {
            guard let stage = StageID(rawValue: row["stage"]) else { continue }
            open[ExpertStage(row["expert"], stage), default: []].insert(row["dossier"])
        }
        return open
    }

    /// Every deviation of a signed stage and every 复核 recorded, with its state; from
    /// `standings` when the caller has them already.
    public func recheckItems(in standings: Standings? = nil) throws -> [RecheckItem] {
        let standings = try standings ?? self.standings(parsing: false, comments: false)
        let (signed, records) = try read { db in (try Workspace.signedSheets(db), try Workspace.rechecks(db)) }
        return RecheckBook.items(evaluations: standings.evaluations, signed: signed, records: records)
    }

    /// The 复核 due for `expert`'s score of `dossier` in `stage`: refused unless the stage is
    /// signed and the score deviates now.
    private func dueRecheck(expert: String, dossier: String, stage: StageID) throws -> RecheckItem {
        let items = try recheckItems().filter { $0.expert == expert && $0.dossier == dossier && $0.stage == stage }
        guard let item = items.first, item.state == .open || item.state == .confirmed, item.score != nil else {
            throw WorkspaceError("no recheck is due for \(expert)'s \(stage.rawValue) score of \(dossier): "
                                 + "only a score that deviates from the panel's, in a signed stage, is rechecked",
                                 chinese: "\(expert) 对 \(dossier) 的\(stage.chineseName)评分无需复核：只有已签字阶段中偏离专家组得分的评分需要复核")
        }
        return item
    }

    static func recheckReasonProblem(_ reason: String, required: Bool) -> Bilingual? {
        let reason = UntrustedText.lineBreaksNormalised(reason)
        if required, reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return Bilingual("a confirmation needs a written reason", chinese: "确认原分须写明理由")
        }
        if let forbidden = UntrustedText.firstForbidden(in: reason, .multiline) {
            let character = UntrustedText.describe(forbidden)
            return Bilingual("the reason contains \(character.english)", chinese: "理由含 \(character.chinese)")
        }
        if reason.count > Recheck.reasonLimit {
            return Bilingual("the reason has \(reason.count) characters; at most \(Recheck.reasonLimit)",
                             chinese: "理由共 \(reason.count) 字，最多 \(Recheck.reasonLimit) 字")
        }
        return nil
    }

    /// The expert confirms their deviating score with `reason`; their stage is signed again
    /// with `key` (this machine's key for them), the new revision carrying the confirmation.
    @discardableResult
    public func confirmRecheck(expert: String, dossier: String, stage: StageID, reason: String,
                               key: Curve25519.Signing.PrivateKey) throws -> SignOff {
        if let problem = Workspace.recheckReasonProblem(reason, required: true) {
            throw WorkspaceError("the recheck was not recorded: \(problem.english)", chinese: "复核未记录：\(problem.chinese)")
        }
        let due = try dueRecheck(expert: expert, dossier: dossier, stage: stage)
        let now = Workspace.now()
        let rubric = try self.rubric()
        var signing: SignOff?
        try write { db in
            try Workspace.checkRecheck(db, due, key: key)
            try Workspace.reopenForRecheck(db, expert: expert, stage: stage, why: "recheck: confirming \(dossier)", at: now)
            try Workspace.storeRecheck(db, Recheck(expert: expert, dossier: dossier, stage: stage, outcome: .confirmed,
                                                   reason: UntrustedText.lineBreaksNormalised(reason), score: due.score!, at: now))
            signing = try Workspace.sign(db, rubric: rubric, expert: expert, stage: stage, key: key, at: now)
        }
        guard let signing else { throw WorkspaceError("\(expert): the \(stage.rawValue) sheet was not signed", chinese: "\(expert)：\(stage.chineseName)评分表未签字") }
        return signing
    }

    /// The expert corrects their deviating score on `ground`: their stage sheet reopens for
    /// `dossier` alone, until they sign it again. Their key must be on this machine, as for
    /// every change of a signed sheet of theirs.
    public func correctRecheck(expert: String, dossier: String, stage: StageID, ground: RecheckGround, reason: String,
                               key: Curve25519.Signing.PrivateKey) throws {
        if let problem = Workspace.recheckReasonProblem(reason, required: false) {
            throw WorkspaceError("the recheck was not recorded: \(problem.english)", chinese: "复核未记录：\(problem.chinese)")
        }
        let due = try dueRecheck(expert: expert, dossier: dossier, stage: stage)
        let now = Workspace.now()
        try write { db in
            try Workspace.checkRecheck(db, due, key: key)
            try Workspace.reopenForRecheck(db, expert: expert, stage: stage, why: "recheck: correcting \(dossier) (\(ground.rawValue))", at: now)
            try Workspace.storeRecheck(db, Recheck(expert: expert, dossier: dossier, stage: stage, outcome: .correcting(ground),
                                                   reason: UntrustedText.lineBreaksNormalised(reason), score: due.score!, at: now))
        }
    }

    /// Inside the 复核's transaction: the key is the expert's (the one trusted for them here,
    /// when one is), and the score is still the one found due (another process may have
    /// imported a newer sheet since).
    private static func checkRecheck(_ db: Database, _ due: RecheckItem, key: Curve25519.Signing.PrivateKey) throws {
        if let trusted = try TrustedKeys.trusted(db, expert: due.expert), trusted.fingerprint != KeyFingerprint(of: key) {
            throw WorkspaceError("this machine's key for \(due.expert) is not the one trusted for them here (\(trusted.fingerprint)): "
                                 + "a recheck is made on the expert's own laptop",
                                 chinese: "本机 \(due.expert) 的密钥不是本工作区信任的该专家密钥（\(trusted.fingerprint)）：复核须在专家本人的电脑上进行")
        }
        let total = try String.fetchOne(db, sql: "SELECT total FROM sheet_total WHERE expert = ? AND dossier = ? AND stage = ?",
                                        arguments: [due.expert, due.dossier, due.stage.rawValue]).flatMap { Rational(fraction: $0) }
        guard total == due.score else {
            throw WorkspaceError("\(due.expert)'s \(due.stage.rawValue) score of \(due.dossier) changed meanwhile; look at it again",
                                 chinese: "\(due.expert) 对 \(due.dossier) 的\(due.stage.chineseName)评分已被更改，请重新查看")
        }
    }

    /// Lifts the expert's signature for a 复核 (audited as a reopen by the expert).
    private static func reopenForRecheck(_ db: Database, expert: String, stage: StageID, why: String, at: String) throws {
        guard let signed = try Row.fetchOne(db, sql: "SELECT signed_at, revision FROM signoff WHERE expert = ? AND stage = ?",
                                            arguments: [expert, stage.rawValue]) else {
            throw WorkspaceError("the \(stage.rawValue) sheet of \(expert) is not signed: a recheck follows the signing",
                                 chinese: "\(expert) 的\(stage.chineseName)评分表未签字：复核在签字之后进行")
        }
        try db.execute(sql: "DELETE FROM signoff WHERE expert = ? AND stage = ?", arguments: [expert, stage.rawValue])
        try AuditLog.append(db, actor: expert, action: "sheet.reopen", subject: "\(expert)/\(stage.rawValue)",
                            old: "signed \(signed["signed_at"] as String) revision \(signed["revision"] as Int)", new: why, at: at)
    }

    /// Writes a record and its audit entry inside the caller's transaction.
    static func storeRecheck(_ db: Database, _ recheck: Recheck, actor: String? = nil, at auditAt: String? = nil) throws {
        let arguments: StatementArguments = [recheck.expert, recheck.dossier, recheck.stage.rawValue]
        let old = try Row.fetchOne(db, sql: "SELECT * FROM recheck WHERE expert = ? AND dossier = ? AND stage = ?", arguments: arguments)
            .flatMap(Workspace.recheck)
        try db.execute(sql: "INSERT OR REPLACE INTO recheck (expert, dossier, stage, outcome, ground, reason, score, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: arguments + [recheck.outcome.code, recheck.outcome.ground?.rawValue, recheck.reason,
                                               recheck.score.fraction, recheck.at])
        try AuditLog.append(db, actor: actor ?? recheck.expert, action: "recheck", subject: recheck.auditSubject,
                            old: old?.auditText, new: recheck.auditText, at: auditAt ?? recheck.at)
    }

    /// At a signing: each correction under way in the sheet ends, with the score it ended at.
    /// One that changed nothing is no correction: the score is due again (confirmed with a
    /// reason, or corrected).
    static func endCorrections(_ db: Database, of sheet: ExpertStage, at: String) throws {
        for record in try rechecks(db, of: sheet) {
            guard case let .correcting(ground) = record.outcome else { continue }
            let total = try String.fetchOne(db, sql: "SELECT total FROM sheet_total WHERE expert = ? AND dossier = ? AND stage = ?",
                                            arguments: [record.expert, record.dossier, record.stage.rawValue]).flatMap { Rational(fraction: $0) }
            guard let total, total != record.score else {
                try deleteRecheck(db, record, actor: record.expert, at: at)
                continue
            }
            try storeRecheck(db, Recheck(expert: record.expert, dossier: record.dossier, stage: record.stage, outcome: .corrected(ground),
                                         reason: record.reason, score: total, at: at))
        }
    }

    /// Takes a record away, audited.
    private static func deleteRecheck(_ db: Database, _ record: Recheck, actor: String, at: String) throws {
        try db.execute(sql: "DELETE FROM recheck WHERE expert = ? AND dossier = ? AND stage = ?",
                       arguments: [record.expert, record.dossier, record.stage.rawValue])
        try AuditLog.append(db, actor: actor, action: "recheck", subject: record.auditSubject, old: record.auditText, new: nil, at: at)
    }

    /// At a signed sheet's import: the expert's 复核 records of the stage become the sheet's.
    static func replaceRechecks(_ db: Database, of sheet: ExpertStage, with records: [Recheck], actor: String, at: String) throws {
        let kept = try rechecks(db, of: sheet)
        for record in kept where !records.contains(where: { $0.dossier == record.dossier }) {
            try deleteRecheck(db, record, actor: actor, at: at)
        }
        for record in records where !kept.contains(record) { try storeRecheck(db, record, actor: actor, at: at) }
    }
}

extension Recheck {
    /// `E05/GD2018-012/defence`, as the audit log names a record.
    var auditSubject: String { "\(expert)/\(dossier)/\(stage.rawValue)" }

    /// `correcting extreme score=49.5 reason=…`, as the audit log keeps a record (its Chinese
    /// reading is `AuditEntry.chinese(action: "recheck", …)`).
    var auditText: String {
        "\(outcome.code)\(outcome.ground.map { " \($0.rawValue)" } ?? "") score=\(score.description) reason=\(reason)"
    }
}
