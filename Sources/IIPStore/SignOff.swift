import Crypto
import Foundation
import GRDB
import IIPCore

/// An expert's signature under one stage: their sheets of that stage are read-only until
/// a reopen, which the audit log records with its reason (SPEC §9).
public struct SignOff: Sendable, Equatable {
    /// Where a stage was signed.
    public enum Origin: String, Sendable {
        /// In this workspace (`sheet sign`, the workbench), with this machine's key for the expert.
        case here
        /// In a signed sheet file made on the expert's laptop and imported here.
        case sheetFile = "sheet"
    }

    public let expert: String
    public let stage: StageID
    public let at: String
    /// 1 for the first signing of the stage, then one more for each signing after a reopen.
    public let revision: Int
    public let origin: Origin
    /// The key the sheet was signed with; nil for a signing made before keys were recorded.
    public let fingerprint: KeyFingerprint?
    /// `SheetFile.contentSHA256` of what was signed.
    public let contentSHA256: String?
    /// The expert's pledge as the signed sheet carries it.
    public var pledge: SheetFile.Pledge? = nil

    public var sheet: ExpertStage { ExpertStage(expert, stage) }

    /// How far this signing is the expert's own, given the key trusted for them here.
    public enum Proof: Sendable, Equatable {
        /// Their signed sheet file, verified on import under the key the chair trusted then.
        case sheetFile
        /// Signed here with the key trusted for them.
        case trustedKeyHere
        /// Under a key only pinned at a first import by an earlier iipeval: not yet confirmed.
        case pinnedKey
        /// Signed here with another key, or with none recorded: nothing proves it is theirs.
        case none
    }

    public func proof(trusted: TrustedKey?) -> Proof {
        let pinned = trusted?.source == .firstImport && trusted?.fingerprint == fingerprint
        switch origin {
        case .sheetFile: return fingerprint == nil || pinned ? .pinnedKey : .sheetFile
        case .here:
            guard let fingerprint, fingerprint == trusted?.fingerprint else { return .none }
            return pinned ? .pinnedKey : .trustedKeyHere
        }
    }
}

extension SignOff {
    /// A pledge as the signoff table keeps it: the time, a tab, the conflicts comma-separated.
    static func stored(_ pledge: SheetFile.Pledge) -> String {
        pledge.at + "\t" + pledge.conflicts.joined(separator: ",")
    }

    static func pledge(stored text: String) -> SheetFile.Pledge? {
        let parts = text.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        return SheetFile.Pledge(at: String(parts[0]), conflicts: parts[1].split(separator: ",").map(String.init))
    }
}

extension Workspace {
    /// The signed sheets: what score writes are checked against (read-only).
    static func signedSheets(_ db: Database) throws -> Set<ExpertStage> {
        Set(try Row.fetchAll(db, sql: "SELECT expert, stage FROM signoff").compactMap { row in
            StageID(rawValue: row["stage"]).map { ExpertStage(row["expert"], $0) }
        })
    }

    public func signOffs() throws -> [SignOff] {
        try read { try Workspace.signOffs($0) }
    }

    static func signOffs(_ db: Database) throws -> [SignOff] {
        try Row.fetchAll(db, sql: "SELECT * FROM signoff ORDER BY expert, stage").compactMap { row in
            guard let stage = StageID(rawValue: row["stage"]) else { return nil }
            var signing = SignOff(expert: row["expert"], stage: stage, at: row["signed_at"], revision: row["revision"],
                                  origin: SignOff.Origin(rawValue: row["origin"]) ?? .here,
                                  fingerprint: (row["fingerprint"] as String?).flatMap(KeyFingerprint.init),
                                  contentSHA256: row["content_sha256"])
            signing.pledge = (row["pledge"] as String?).flatMap(SignOff.pledge(stored:))
            return signing
        }
    }

    /// The dossiers whose sheet `expert` must complete in `stage` before signing — every
    /// dossier without an error the chair has not waived whose sheet would count — with
    /// (scored, applicable) counts.
    public func sheetsToSign(expert: String, stage: StageID) throws -> [(dossier: String, done: Int, of: Int)] {
        let rubric = try self.rubric()
        return try read { db in
            try Workspace.sheetsToSign(db, rubric: rubric, counting: try Workspace.counting(db), expert: expert, stage: stage,
                                       points: try Workspace.scoredItems(db, expert: expert, stage: stage))
        }
    }

    /// The same inside the caller's reading, with the items that have points per dossier.
    static func sheetsToSign(_ db: Database, rubric: Rubric, counting: SheetCounting, expert: String, stage: StageID,
                             points: [String: Set<String>]) throws -> [(dossier: String, done: Int, of: Int)] {
        let ineligible = try ineligibleDossiers(db)
        return counting.dossiers.keys.sorted().compactMap { id in
            guard !ineligible.contains(id), counting.counts(expert: expert, dossier: id, stage: stage),
                  let type = counting.dossiers[id]?.type else { return nil }
            let items = rubric.stage(stage)?.items(for: type) ?? []
            let scored = points[id] ?? []
            return (id, items.filter { scored.contains($0.id) }.count, items.count)
        }
    }

    /// The items with points of each of `expert`'s sheets in `stage`, by dossier.
    static func scoredItems(_ db: Database, expert: String, stage: StageID) throws -> [String: Set<String>] {
        var points: [String: Set<String>] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT dossier, item FROM score WHERE expert = ? AND stage = ? AND points IS NOT NULL",
                                       arguments: [expert, stage.rawValue])
        while let row = try rows.next() { points[row[0], default: []].insert(row[1]) }
        return points
    }

    /// Dossiers with a compliance error the chair has not waived, from the errors kept with them.
    static func ineligibleDossiers(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: """
            SELECT DISTINCT dossier FROM dossier_error
            WHERE NOT EXISTS (SELECT 1 FROM override WHERE override.dossier = dossier_error.dossier AND override.code = dossier_error.code)
            """))
    }

    /// Signs `expert`'s sheets of `stage` with `key` (the expert's key on this machine);
    /// refused while one is incomplete. Returns the signing.
    @discardableResult
    public func sign(expert id: String, stage: StageID, key: Curve25519.Signing.PrivateKey) throws -> SignOff {
        let rubric = try self.rubric()
        let now = Workspace.now()
        var signed: SignOff?
        try write { db in signed = try Workspace.sign(db, rubric: rubric, expert: id, stage: stage, key: key, at: now) }
        guard let signed else { throw WorkspaceError("\(id): the \(stage.rawValue) sheet was not signed", chinese: "\(id)：\(stage.chineseName)评分表未签字") }
        return signed
    }

    /// The same inside the caller's transaction. A 复核 correction under way in the sheet ends
    /// here, and the signed content carries it.
    static func sign(_ db: Database, rubric: Rubric, expert id: String, stage: StageID, key: Curve25519.Signing.PrivateKey,
                     at now: String) throws -> SignOff {
        let counting = try Workspace.counting(db)
        guard let expert = counting.panel.expert(id) else { throw WorkspaceError.noExpert(id) }
        guard expert.stages.contains(stage) else { throw WorkspaceError("\(id) is not on the panel for stage \(stage.rawValue)",
                                                                               chinese: "\(id) 不在\(stage.chineseName)专家组中") }
        if let signed = try Int.fetchOne(db, sql: "SELECT revision FROM signoff WHERE expert = ? AND stage = ?", arguments: [id, stage.rawValue]) {
            throw WorkspaceError("the \(stage.rawValue) sheet of \(id) is already signed (revision \(signed)); "
                                 + "a new signing needs a reopen first ('iipeval sheet reopen', with the reason)",
                                 chinese: "\(id) 的\(stage.chineseName)评分表已签字（第 \(signed) 版）；重新签署须先由主任委员重新开启（iipeval sheet reopen，写明理由）")
        }
        let incomplete = try Workspace.sheetsToSign(db, rubric: rubric, counting: counting, expert: id, stage: stage,
                                                    points: try Workspace.scoredItems(db, expert: id, stage: stage))
            .filter { $0.done < $0.of }
        guard incomplete.isEmpty else { throw SheetIncomplete(expert: id, stage: stage, incomplete: incomplete) }
        try Workspace.endCorrections(db, of: ExpertStage(id, stage), at: now)
        let revision = try Workspace.lastRevision(db, ExpertStage(id, stage)) + 1
        let content = try Workspace.sheetContent(db, rubric: rubric, counting: counting, expert: id, stage: stage,
                                                 signedAt: now, revision: revision)
        let fingerprint = KeyFingerprint(of: key)
        var signing = SignOff(expert: id, stage: stage, at: now, revision: revision, origin: .here, fingerprint: fingerprint,
                              contentSHA256: content.contentSHA256)
        signing.pledge = content.pledge
        try Workspace.record(db, signing)
        try AuditLog.append(db, actor: id, action: "sheet.sign", subject: "\(id)/\(stage.rawValue)",
                            new: "\(now) revision \(revision) key \(fingerprint.hex) content \(content.contentSHA256)", at: now)
        return signing
    }

    /// The last revision of `sheet` signed here or imported, 0 when none — of any key, or
    /// of `key` alone.
    static func lastRevision(_ db: Database, _ sheet: ExpertStage, key: KeyFingerprint? = nil) throws -> Int {
        var sql = "SELECT MAX(revision) FROM sheet_signing WHERE expert = ? AND stage = ?"
        var arguments: StatementArguments = [sheet.expert, sheet.stage.rawValue]
        if let key {
            sql += " AND fingerprint = ?"
            arguments += [key.hex]
        }
        return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
    }

    /// Puts `signing` in force for its stage and keeps it in the stage's history.
    static func record(_ db: Database, _ signing: SignOff) throws {
        let values: StatementArguments = [signing.expert, signing.stage.rawValue, signing.at, signing.revision, signing.origin.rawValue,
                                          signing.fingerprint?.hex]
        try db.execute(sql: """
            INSERT OR REPLACE INTO signoff (expert, stage, signed_at, revision, origin, fingerprint, content_sha256, pledge)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: values + [signing.contentSHA256, signing.pledge.map(SignOff.stored)])
        try db.execute(sql: "INSERT INTO sheet_signing (expert, stage, at, revision, origin, fingerprint) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: values)
    }

    /// Makes a signed sheet editable again; the reason is kept in the audit log.
    public func reopen(expert id: String, stage: StageID, reason: String, actor: String) throws {
        let now = Workspace.now()
        try write { db in
            guard let signed = try Row.fetchOne(db, sql: "SELECT signed_at, revision FROM signoff WHERE expert = ? AND stage = ?",
                                                arguments: [id, stage.rawValue]) else {
                throw WorkspaceError("the \(stage.rawValue) sheet of \(id) is not signed", chinese: "\(id) 的\(stage.chineseName)评分表未签字")
            }
            try db.execute(sql: "DELETE FROM signoff WHERE expert = ? AND stage = ?", arguments: [id, stage.rawValue])
            try AuditLog.append(db, actor: actor, action: "sheet.reopen", subject: "\(id)/\(stage.rawValue)",
                                old: "signed \(signed["signed_at"] as String) revision \(signed["revision"] as Int)", new: reason, at: now)
        }
    }
}

/// One expert's sheets of one stage: how many are complete, and whether they are signed.
public struct SheetProgress: Sendable, Equatable {
    public let expert: String
    public let stage: StageID
    public let complete: Int
    public let required: Int
    public let signed: Bool
}

extension Workspace {
    /// Every expert × stage of the panel, from one reading of the workspace, without
    /// parsing a dossier.
    public func panelProgress() throws -> [SheetProgress] {
        let rubric = try self.rubric()
        return try read { db in
            let counting = try Workspace.counting(db)
            let signed = try Workspace.signedSheets(db)
            var scored: [ExpertStage: [String: Set<String>]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT expert, stage, dossier, item FROM score WHERE points IS NOT NULL")
            while let row = try rows.next() {
                guard let stage = StageID(rawValue: row[1]) else { continue }
                scored[ExpertStage(row[0], stage), default: [:]][row[2], default: []].insert(row[3])
            }
            return try counting.panel.experts.flatMap { expert in
                try expert.stages.map { stage in
                    let sheet = ExpertStage(expert.id, stage)
                    let sheets = try Workspace.sheetsToSign(db, rubric: rubric, counting: counting, expert: expert.id, stage: stage,
                                                            points: scored[sheet] ?? [:])
                    return SheetProgress(expert: expert.id, stage: stage, complete: sheets.filter { $0.done == $0.of }.count,
                                         required: sheets.count, signed: signed.contains(sheet))
                }
            }
        }
    }
}

/// Signing was refused because sheets are incomplete: the work found errors (exit 1).
public struct SheetIncomplete: Error, Sendable, CustomStringConvertible {
    public let expert: String
    public let stage: StageID
    /// Each incomplete sheet's dossier with (scored, applicable) items, by id.
    public let incomplete: [(dossier: String, done: Int, of: Int)]

    public var description: String {
        "\(expert) cannot sign \(stage.rawValue): \(SheetIncomplete.list(incomplete))"
    }

    public var message: String { description }

    /// `3 sheets are incomplete (I1 0/14, …)`: the first five, by dossier.
    static func list(_ incomplete: [(dossier: String, done: Int, of: Int)]) -> String {
        let named = incomplete.prefix(5).map { "\($0.dossier) \($0.done)/\($0.of)" }.joined(separator: ", ")
        return "\(incomplete.count) sheets are incomplete (\(named)\(incomplete.count > 5 ? ", …" : ""))"
    }
}
