import Crypto
import Foundation
import GRDB
import TestSupport
import XCTest
@testable import IIPCore
@testable import IIPStore

/// Issue 10, audit: `audit --verify` proves that the stored scores and kept totals are what
/// the log says, finds entries cut from its end, and a log rewritten with every later hash
/// recomputed, through the kept head, the backups and a head printed on paper (SPEC §9).
final class AuditVerifyTests: WorkspaceTestCase {
    /// A round with every kind of score write: single saves, a score file, a signed sheet.
    func makeRound() throws -> Workspace {
        let ws = try makeWorkspace(experts: 2)
        var random = SeededRandom(seed: 1_021)
        try importFile(ws, randomScores(&random).filter {
            ($0.expert == "E1" || $0.expert == "E2") && !($0.expert == "E1" && $0.dossier == "I1" && $0.stage == .written)
        })
        // E1's written sheet of I1, complete (so it has a kept total), with one item saved again.
        try ws.save(rubric.stage(.written)!.items(for: .industry).map {
            ItemScore(expert: "E1", dossier: "I1", stage: .written, item: $0.id, points: $0.max, comment: "")
        }, actor: "E1")
        try ws.save([ItemScore(expert: "E1", dossier: "I1", stage: .written, item: "basic.device", points: Rational(7), comment: "复核后")],
                     actor: "E1")
        let key = Curve25519.Signing.PrivateKey()
        try ws.trustKey(expert: "E2", fingerprint: KeyFingerprint(of: key), reason: "测试", actor: "E1")
        let rows = rubric.stages.first { $0.id == .site }!.items(for: .industry).map {
            SheetFile.Row(dossier: "I1", item: $0.id, points: $0.max, comment: "")
        } + rubric.stages.first { $0.id == .site }!.items(for: .cross).map { SheetFile.Row(dossier: "C1", item: $0.id, points: $0.max, comment: "") }
        var hashes: [String: String] = [:]
        for dossier in try ws.dossiers() { hashes[dossier.id] = dossier.sha256 }
        let sheet = try SheetFile.unsignedSheet(expert: "E2", stage: .site, signedAt: "2026-12-01T08:00:00Z", revision: 1,
                                                rubricSHA256: rubric.sha256, dossiers: hashes, rows: rows, dissent: "").signed(with: key)
        let data = Data(sheet.text.utf8)
        XCTAssertEqual(try ws.importSheet(try SheetFile.read(data), file: data), .imported(rows: rows.count))
        return ws
    }

    func testAnUntouchedWorkspaceIsProvenByItsLog() throws {
        let ws = try makeRound()
        let verdict = try ws.verifyAudit()
        XCTAssertEqual(verdict.problems, [])
        XCTAssertEqual(verdict.head, try ws.auditHead())
    }

    /// A score changed straight in the database: the chain still holds, the replay does not.
    func testADirectUpdateOfAScoreOrATotalIsFound() throws {
        let ws = try makeRound()
        try ws.db.write { try $0.execute(sql: "UPDATE score SET points = '15' WHERE expert = 'E1' AND dossier = 'I1' AND stage = 'written' AND item = 'basic.device'") }
        let problems = try ws.verifyAudit().problems
        XCTAssertTrue(problems.contains { $0.contains("E1/I1/written/basic.device is 15 with a comment in the workspace, but 7 with a comment by the audit log") }, "\(problems)")

        let other = try makeRoundIn("other")
        try other.db.write { try $0.execute(sql: "UPDATE sheet_total SET total = '9999/100' WHERE expert = 'E2' AND stage = 'site' AND dossier = 'I1'") }
        let totals = try other.verifyAudit().problems
        XCTAssertTrue(totals.contains { $0.contains("kept total of the sheet E2/I1/site is 99.99") }, "\(totals)")
    }

    func makeRoundIn(_ name: String) throws -> Workspace {
        let saved = folder
        folder = saved + "/" + name
        defer { folder = saved }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try makeRound()
    }

    /// The newest entries deleted: the kept head and SQLite's own counter still remember them;
    /// with those reset too, the backup and the printed head do.
    func testEntriesCutFromTheEndAreFound() throws {
        let ws = try makeRound()
        let printed = try ws.auditHead()
        try ws.backUp()
        try ws.save([ItemScore(expert: "E1", dossier: "I1", stage: .written, item: "basic.users", points: Rational(2), comment: "")], actor: "E1")
        let last = try ws.auditHead().entries
        try ws.db.write { try $0.execute(sql: "DELETE FROM audit WHERE seq >= ?", arguments: [last]) }
        XCTAssertTrue(try ws.verifyAudit().problems.contains { $0.contains("removed from its end") })

        // A careful attacker cuts back to before the backup and resets every counter kept with the log.
        try ws.db.write { db in
            try db.execute(sql: "DELETE FROM audit WHERE seq >= ?", arguments: [printed.entries])
            try db.execute(sql: "UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit'", arguments: [printed.entries - 1])
            try AuditLog.recordHead(db)
        }
        let problems = try ws.verifyAudit(anchors: [printed.anchor]).problems
        XCTAssertTrue(problems.contains { $0.contains("the backup") && $0.contains("removed from its end") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("the printed head \(printed.anchor)") }, "\(problems)")
    }

    /// An entry edited and every later hash recomputed: the chain holds, but not against the
    /// backup or the head printed on a document; and the replay finds the score it hid.
    func testALogRewrittenWithItsHashesIsFound() throws {
        let ws = try makeRound()
        let printed = try ws.auditHead()
        try ws.backUp()
        // Change E1's 7 into 15 both in the log and in the scores, then re-chain every entry.
        try ws.db.write { db in
            try db.execute(sql: "UPDATE score SET points = '15' WHERE expert = 'E1' AND dossier = 'I1' AND stage = 'written' AND item = 'basic.device'")
            try db.execute(sql: "UPDATE audit SET new = 'points=15 comment=复核后' WHERE action = 'score.set' AND subject = 'E1/I1/written/basic.device'")
            try rechain(db)
            try AuditLog.recordHead(db)
        }
        XCTAssertNil(AuditLog.firstBreak(try ws.auditEntries()), "the chain itself holds")
        let problems = try ws.verifyAudit(anchors: [printed.anchor]).problems
        XCTAssertTrue(problems.contains { $0.contains("differs from the backup") && $0.contains("rewritten") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("differs from the printed head") }, "\(problems)")
        // Without the backup and the anchor, the sheet total kept for E1 still gives it away.
        for backup in ws.backups() { try FileManager.default.removeItem(atPath: backup) }
        let alone = try ws.verifyAudit().problems
        XCTAssertTrue(alone.contains { $0.contains("kept total of the sheet E1/I1/written") }, "\(alone)")
    }

    /// What decides which sheets count and whose signature they carry is proven too: a
    /// trusted key, a declaration, an expert's stages or a sign-off changed behind the log's
    /// back is found.
    func testWhatDecidesCountingAndSignaturesIsProvenByTheLog() throws {
        let edits: [(String, String)] = [
            ("UPDATE trusted_key SET fingerprint = '00000000000000000000000000000000' WHERE expert = 'E2'", "the key trusted for E2"),
            ("INSERT INTO trusted_key VALUES ('E1', '11111111111111111111111111111111', 'chair', 'x', 'now')", "the key trusted for E1"),
            ("INSERT INTO declaration VALUES ('E1', 'now', '')", "declared by E1"),
            ("UPDATE expert SET stages = 'written' WHERE id = 'E2'", "expert E2 differs"),
            ("DELETE FROM signoff WHERE expert = 'E2'", "site sheet of E2"),
            ("UPDATE signoff SET revision = 7 WHERE expert = 'E2'", "revision 7"),
        ]
        for (index, (sql, words)) in edits.enumerated() {
            let ws = try makeRoundIn("edit\(index)")
            XCTAssertEqual(try ws.verifyAudit().problems, [], "intact before: \(sql)")
            try ws.db.write { try $0.execute(sql: sql) }
            let problems = try ws.verifyAudit().problems
            XCTAssertTrue(problems.contains { $0.contains(words) }, "\(sql): \(problems)")
        }
    }

    /// A workspace of the previous version (schema v9: keys pinned at first import, no
    /// revisions) opens, keeps its pinned key as trusted — audited, marked as not yet checked
    /// — and still proves itself.
    func testAWorkspaceOfThePreviousVersionIsUpdated() throws {
        let ws = try makeRound()
        let pinned = Curve25519.Signing.PrivateKey()
        let before = try ws.scores()
        try ws.db.write { db in
            try db.execute(sql: """
                CREATE TABLE expert_key (expert TEXT PRIMARY KEY REFERENCES expert(id), public_key TEXT NOT NULL);
                INSERT INTO expert_key VALUES ('E2', ?);
                DROP TABLE trusted_key; DROP TABLE sheet_signing;
                ALTER TABLE signoff DROP COLUMN revision; ALTER TABLE signoff DROP COLUMN origin;
                ALTER TABLE signoff DROP COLUMN fingerprint; ALTER TABLE signoff DROP COLUMN content_sha256;
                ALTER TABLE sheet_import DROP COLUMN revision; ALTER TABLE sheet_import DROP COLUMN content;
                DELETE FROM meta WHERE key = 'audit_head';
                DELETE FROM audit WHERE action = 'key.trust';
                UPDATE audit SET new = '24 scores, signed 2026-12-01T08:00:00Z, key 9f3a 1b2c 4d5e 6f70' WHERE action = 'sheet.import';
                DELETE FROM grdb_migrations WHERE identifier = 'v10-trust';
                """, arguments: [pinned.publicKey.rawRepresentation.base64EncodedString()])
            // The log as the previous version wrote it: re-chained after the entries it never had.
            try rechain(db)
            try db.execute(sql: "UPDATE sqlite_sequence SET seq = (SELECT MAX(seq) FROM audit) WHERE name = 'audit'")
        }
        let updated = try Workspace.open(ws.folder)
        XCTAssertEqual(try updated.scores(), before)
        let trusted = try XCTUnwrap(updated.trustedKey(expert: "E2"))
        XCTAssertEqual(trusted.fingerprint, KeyFingerprint(of: pinned))
        XCTAssertEqual(trusted.source, .firstImport)
        XCTAssertTrue(try updated.auditEntries().contains { $0.action == "key.trust" && $0.actor == "update" })
        XCTAssertEqual(try updated.signOffs().first { $0.expert == "E2" }?.proof(trusted: trusted), .pinnedKey)
        XCTAssertEqual(try updated.signOffs().first { $0.expert == "E2" }?.revision, 1)
        let verdict = try updated.verifyAudit()
        XCTAssertEqual(verdict.problems, [], "what the old log can prove, it proves")
        XCTAssertTrue(verdict.notes.contains { $0.contains("not provable") && $0.contains("E2/site") }, "\(verdict.notes)")
    }

    /// Every entry's hashes made anew after a change to the log, as an attacker would.
    func rechain(_ db: Database) throws {
        var previous = AuditLog.genesis
        for row in try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY seq") {
            let hash = AuditLog.entryHash(previous: previous, at: row["at"], actor: row["actor"], action: row["action"],
                                          subject: row["subject"], old: row["old"], new: row["new"])
            try db.execute(sql: "UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", arguments: [previous, hash, row["seq"]])
            previous = hash
        }
    }
}
