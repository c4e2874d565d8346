import Crypto
import Foundation
import GRDB
import IIPCore

/// Signed sheets between laptops: the expert exports a signed stage, the chair imports it
/// after checking signature, key, rubric and dossier hashes, panel and conflicts (SPEC §9).
extension Workspace {
    public enum SheetImport: Sendable, Equatable {
        case imported(rows: Int)
        case alreadyImported
    }

    /// The expert's signed sheet of `stage`, signed with their key.
    public func exportSheet(expert id: String, stage: StageID, key: Curve25519.Signing.PrivateKey) throws -> SheetFile {
        guard let signed = try signOffs().first(where: { $0.expert == id && $0.stage == stage }) else {
            throw WorkspaceError("the \(stage.rawValue) sheet of \(id) is not signed; sign it first ('iipeval sheet sign')")
        }
        let content = try sheetContent(expert: id, stage: stage, signedAt: signed.at)
        return try SheetFile.signed(expert: id, stage: stage, signedAt: signed.at, rubricSHA256: content.rubricSHA256,
                                    dossiers: content.dossiers, rows: content.rows, dissent: content.dissent, key: key)
    }

    /// The stage sheet as it stands in this workspace, unsigned: the scores and comments,
    /// the hashes of the dossiers it covers, the rubric's hash and the dissent.
    public func sheetContent(expert id: String, stage: StageID, signedAt: String) throws -> SheetFile {
        try sheetContent(expert: id, stage: stage, signedAt: signedAt, standings: try standings(), stored: try dossiers())
    }

    /// The same from standings and stored dossiers the caller has already read (the sheets
    /// export builds every expert's sheets from one reading).
    public func sheetContent(expert id: String, stage: StageID, signedAt: String, standings: Standings,
                             stored: [StoredDossier]) throws -> SheetFile {
        guard let expert = try panel().expert(id) else { throw WorkspaceError("no expert \(id) on the panel") }
        let mine = try scores(expert: id, stage: stage)
        let covered = Set(try sheetsToSign(expert: expert, stage: stage, standings: standings, stored: stored, mine: mine).map(\.dossier))
        var hashes: [String: String] = [:]
        for dossier in stored where covered.contains(dossier.id) { hashes[dossier.id] = dossier.sha256 }
        let rows = mine.map { SheetFile.Row(dossier: $0.dossier, item: $0.item, points: $0.points, comment: $0.comment) }
        return SheetFile.unsignedSheet(expert: id, stage: stage, signedAt: signedAt, rubricSHA256: standings.rubric.sha256,
                                       dossiers: hashes, rows: rows, dissent: try dissent(expert: id, stage: stage))
    }

    /// The fingerprint of the key `expert`'s sheets are signed with: the one pinned when
    /// their first sheet was imported, else the key on this machine, else nil.
    public func keyFingerprint(expert: String) throws -> String? {
        let pinned = try read { db in
            try String.fetchOne(db, sql: "SELECT public_key FROM expert_key WHERE expert = ?", arguments: [expert])
        }
        if let pinned, let data = Data(base64Encoded: pinned) { return SheetFile.fingerprint(data) }
        return try ExpertKey.existing(expert: expert).map { SheetFile.fingerprint($0.publicKey.rawRepresentation) }
    }

    /// Verifies and merges a sheet read from a file whose bytes hash to `fileSHA256`.
    /// Throws `SheetFile.Refusal` with the reason when the sheet cannot be accepted.
    public func importSheet(_ sheet: SheetFile, fileSHA256: String) throws -> SheetImport {
        let panel = try self.panel()
        guard let expert = panel.expert(sheet.expert) else { throw SheetFile.Refusal(reason: "expert \(sheet.expert) is not on the panel") }
        guard expert.stages.contains(sheet.stage) else {
            throw SheetFile.Refusal(reason: "expert \(sheet.expert) is not on the panel for stage \(sheet.stage.rawValue)")
        }
        let rubric = try self.rubric()
        guard sheet.rubricSHA256 == rubric.sha256 else {
            throw SheetFile.Refusal(reason: "mismatched: scored with another rubric (\(sheet.rubricSHA256.prefix(12))…)")
        }
        let stored = Dictionary(uniqueKeysWithValues: try dossiers().map { ($0.id, $0) })
        for (id, hash) in sheet.dossiers.sorted(by: { $0.key < $1.key }) {
            guard let dossier = stored[id] else { throw SheetFile.Refusal(reason: "mismatched: dossier \(id) is not in this workspace") }
            guard dossier.sha256 == hash else { throw SheetFile.Refusal(reason: "mismatched: dossier \(id) differs from the one scored") }
        }
        // Conflicts from the unit names kept with the dossiers, as score files are checked.
        let facts = try scoreFacts()
        var conflicts: [String: String?] = [:]
        for row in sheet.rows {
            guard let dossier = stored[row.dossier], sheet.dossiers[row.dossier] != nil else {
                throw SheetFile.Refusal(reason: "mismatched: a score of \(row.dossier) without its dossier hash")
            }
            guard let item = rubric.item(row.item, in: sheet.stage),
                  rubric.stage(sheet.stage)?.items(for: dossier.type).contains(item) == true else {
                throw SheetFile.Refusal(reason: "mismatched: item \(row.item) does not apply to \(row.dossier)")
            }
            if conflicts[row.dossier] == nil {
                conflicts[row.dossier] = facts[row.dossier].flatMap {
                    expert.conflict(applicant: $0.applicant, partners: $0.partners, id: row.dossier)
                }
            }
            if let conflict = conflicts[row.dossier] ?? nil {
                throw SheetFile.Refusal(reason: "conflicted: \(sheet.expert) may not score \(row.dossier) (\(conflict))")
            }
        }
        let now = Workspace.now()
        var result = SheetImport.alreadyImported
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM sheet_import WHERE file_sha256 = ?", arguments: [fileSHA256]) == true {
                return
            }
            let key = sheet.publicKey.base64EncodedString()
            if let pinned = try String.fetchOne(db, sql: "SELECT public_key FROM expert_key WHERE expert = ?", arguments: [sheet.expert]) {
                guard pinned == key else {
                    throw SheetFile.Refusal(reason: "signed with a different key (\(sheet.fingerprint)) than \(sheet.expert)'s first sheet (\(SheetFile.fingerprint(Data(base64Encoded: pinned) ?? Data())))")
                }
            } else {
                try db.execute(sql: "INSERT INTO expert_key (expert, public_key) VALUES (?, ?)", arguments: [sheet.expert, key])
            }
            if let latest = try String.fetchOne(db, sql: "SELECT MAX(signed_at) FROM sheet_import WHERE expert = ? AND stage = ?",
                                                arguments: [sheet.expert, sheet.stage.rawValue]), latest >= sheet.signedAt {
                throw SheetFile.Refusal(reason: "superseded: a sheet signed \(latest) is already imported; this one was signed \(sheet.signedAt)")
            }
            try db.execute(sql: "DELETE FROM score WHERE expert = ? AND stage = ?", arguments: [sheet.expert, sheet.stage.rawValue])
            for row in sheet.rows {
                try db.execute(sql: """
                    INSERT INTO score (expert, dossier, stage, item, points, comment, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [sheet.expert, row.dossier, sheet.stage.rawValue, row.item, row.points?.description, row.comment, now])
            }
            var totals = SheetTotals(db, rubric: rubric)
            try totals.refresh(.expertStage(expert: sheet.expert, stage: sheet.stage))
            try Workspace.storeDissent(db, expert: sheet.expert, stage: sheet.stage, text: sheet.dissent, at: now,
                                       actor: panel.chair.isEmpty ? "chair" : panel.chair)
            try db.execute(sql: "INSERT OR REPLACE INTO signoff (expert, stage, signed_at) VALUES (?, ?, ?)",
                           arguments: [sheet.expert, sheet.stage.rawValue, sheet.signedAt])
            try db.execute(sql: "INSERT INTO sheet_import (file_sha256, expert, stage, signed_at, imported_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [fileSHA256, sheet.expert, sheet.stage.rawValue, sheet.signedAt, now])
            try AuditLog.append(db, actor: panel.chair.isEmpty ? "chair" : panel.chair, action: "sheet.import",
                                subject: "\(sheet.expert)/\(sheet.stage.rawValue)",
                                new: "\(sheet.rows.count) scores, signed \(sheet.signedAt), key \(sheet.fingerprint)", at: now)
            result = .imported(rows: sheet.rows.count)
        }
        return result
    }
}
