import Crypto
import GRDB
import TestSupport
import XCTest
@testable import IIPCore
@testable import IIPStore

/// SPEC §7 and §9: the workspace keeps dossiers, panel, rubric, scores and overrides, in
/// WAL mode, one transaction per write, with a hash-chained audit log.
final class WorkspaceTests: WorkspaceTestCase {
    func testCreateStoresEverythingAndReopens() throws {
        _ = try makeWorkspace()
        let ws = try Workspace.open(folder + "/ws")
        XCTAssertEqual(try ws.dossiers().map(\.id), ["C1", "I1"])
        XCTAssertEqual(try ws.dossiers().first?.type, .cross)
        XCTAssertEqual(try ws.panel().experts.map(\.id), ["E1"])
        XCTAssertEqual(try ws.panel().chair, "E1")
        XCTAssertEqual(try ws.rubric().sha256, rubric.sha256)
        XCTAssertEqual(try ws.compliance().map(\.problems.count), [0, 0])
        let mode = try ws.db.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(mode, "wal")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder + "/ws").filter { $0.contains("creating") }
        XCTAssertEqual(leftovers, [])
    }

    func testCreateRefusesAnExistingWorkspace() throws {
        _ = try makeWorkspace()
        XCTAssertThrowsError(try makeWorkspace()) { XCTAssertTrue("\($0)".contains("already")) }
    }

    func testOpenRefusesAFolderWithoutWorkspace() {
        XCTAssertThrowsError(try Workspace.open(folder)) { XCTAssertTrue("\($0)".contains("not a workspace")) }
        FileManager.default.createFile(atPath: folder + "/workspace.sqlite", contents: Data("not sqlite at all".utf8))
        XCTAssertThrowsError(try Workspace.open(folder)) { XCTAssertTrue("\($0)".contains("workspace.sqlite")) }
    }

    func testAForeignSQLiteFileIsNeitherOpenedNorChanged() throws {
        let path = folder + "/workspace.sqlite"
        let other = try DatabaseQueue(path: path)
        try other.write { try $0.execute(sql: "CREATE TABLE notes (text TEXT)") }
        try other.close()
        XCTAssertThrowsError(try Workspace.open(folder)) { XCTAssertTrue("\($0)".contains("not an iipeval workspace")) }
        let tables = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        XCTAssertEqual(tables, ["notes"])
    }

    func testAStoredDossierThatNoLongerReadsIsIneligible() throws {
        let ws = try makeWorkspace()
        try ws.db.write { try $0.execute(sql: "UPDATE dossier SET source = '::: not yaml' WHERE id = 'I1'") }
        let standings = try ws.standings()
        let entry = standings.groups.flatMap(\.entries).first { $0.candidate.id == "I1" }
        XCTAssertEqual(entry?.status, .ineligible)
        XCTAssertEqual(standings.standingErrors("I1").map(\.code), [.parse])
    }

    func testScoresAreSavedReplacedAndAudited() throws {
        let ws = try makeWorkspace()
        let first = ItemScore(expert: "E1", dossier: "I1", stage: .written, item: "basic.device", points: Rational(12), comment: "好")
        try ws.save([first], actor: "E1")
        try ws.save([first], actor: "E1")  // unchanged: no new audit entry
        let second = ItemScore(expert: "E1", dossier: "I1", stage: .written, item: "basic.device", points: Rational(25, 2), comment: "更好")
        try ws.save([second], actor: "E1")
        XCTAssertEqual(try ws.scores(), [second])
        XCTAssertEqual(try ws.scores(expert: "E2"), [])
        XCTAssertEqual(try ws.scores(stage: .defence), [])
        let entries = try ws.db.read { try Row.fetchAll($0, sql: "SELECT * FROM audit WHERE action = 'score.set' ORDER BY seq") }
        XCTAssertEqual(entries.count, 2)
        XCTAssertEqual(entries[1]["old"] as String?, "points=12 comment=好")
        XCTAssertEqual(entries[1]["new"] as String?, "points=12.5 comment=更好")
    }

    /// An entry's hash, worked out here without the code under test: SHA-256 of every
    /// field as `length:text` (UTF-8 bytes), a missing one as NUL, after the previous hash.
    func independentHash(_ fields: [String?]) -> String {
        let text = fields.map { field -> String in
            let value = field ?? "\u{0}"
            return "\(value.utf8.count):\(value)"
        }.joined()
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A fixed vector, worked out once with Python's hashlib, pins the entry format.
    func testAnEntrysHashIsTheDocumentedOne() {
        XCTAssertEqual(AuditLog.entryHash(previous: AuditLog.genesis, at: "2026-12-01T08:00:00Z", actor: "E1", action: "score.set",
                                          subject: "E1/I1/written/basic.device", old: nil, new: "points=12 comment=好"),
                       "2483d2ec1fff94b82fb79a86f987306c060ee5249b8abff15f39529e44101134")
    }

    func testAuditEntriesFormAHashChain() throws {
        let ws = try makeWorkspace()
        try ws.addOverride(dossier: "I1", code: "E-QUOTA", reason: "经主任会议同意", actor: "E1")
        let rows = try ws.db.read { try Row.fetchAll($0, sql: "SELECT * FROM audit ORDER BY seq") }
        XCTAssertGreaterThan(rows.count, 3)
        var previous = AuditLog.genesis
        for row in rows {
            XCTAssertEqual(row["prev_hash"] as String, previous)
            let hash = independentHash([previous, row["at"], row["actor"], row["action"], row["subject"], row["old"], row["new"]])
            XCTAssertEqual(row["hash"] as String, hash)
            previous = hash
        }
    }

    /// `audit --verify` finds an edited, a deleted and a reordered entry.
    func testAuditVerificationFindsTheFirstBrokenEntry() throws {
        let ws = try makeWorkspace()
        for points in [10, 11, 12] {
            try ws.save([ItemScore(expert: "E1", dossier: "I1", stage: .written, item: "basic.device", points: Rational(points), comment: "")],
                        actor: "E1")
        }
        let entries = try ws.auditEntries()
        XCTAssertNil(AuditLog.firstBreak(entries))
        let last = entries.count - 1

        var edited = entries
        let e = edited[last - 1]
        edited[last - 1] = AuditEntry(seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject,
                                      old: e.old, new: "points=15 comment=", prevHash: e.prevHash, hash: e.hash)
        XCTAssertEqual(AuditLog.firstBreak(edited)?.entry.seq, e.seq)

        var deleted = entries
        deleted.remove(at: last - 1)
        XCTAssertEqual(AuditLog.firstBreak(deleted)?.entry.seq, entries[last].seq)

        var reordered = entries
        reordered.swapAt(last - 1, last)
        XCTAssertEqual(AuditLog.firstBreak(reordered)?.entry.seq, entries[last].seq)

        // The same through the database itself.
        try ws.db.write { try $0.execute(sql: "DELETE FROM audit WHERE seq = ?", arguments: [entries[1].seq]) }
        XCTAssertEqual(AuditLog.firstBreak(try ws.auditEntries())?.entry.seq, entries[2].seq)
    }

    /// SPEC §7 sheet sign / reopen: only complete sheets sign; signed sheets are read-only.
    func testSignOffNeedsCompleteSheetsAndMakesThemReadOnly() throws {
        let ws = try makeWorkspace()
        let key = Curve25519.Signing.PrivateKey()
        XCTAssertThrowsError(try ws.sign(expert: "E1", stage: .written, key: key)) { XCTAssertTrue("\($0)".contains("I1 0/14"), "\($0)") }
        for (dossier, type) in [("I1", PlatformType.industry), ("C1", .cross)] {
            let scores = rubric.stage(.written)!.items(for: type).map {
                ItemScore(expert: "E1", dossier: dossier, stage: .written, item: $0.id, points: $0.max, comment: "")
            }
            try ws.save(scores, actor: "E1")
        }
        try ws.sign(expert: "E1", stage: .written, key: key)
        XCTAssertEqual(try ws.signOffs().map(\.stage), [.written])
        let change = ItemScore(expert: "E1", dossier: "I1", stage: .written, item: "basic.device", points: Rational(1), comment: "")
        XCTAssertThrowsError(try ws.save([change], actor: "E1")) { XCTAssertTrue("\($0)".contains("read-only")) }
        // Other stages stay open.
        try ws.save([ItemScore(expert: "E1", dossier: "I1", stage: .defence, item: "defence.qa", points: Rational(10), comment: "")], actor: "E1")
        try ws.reopen(expert: "E1", stage: .written, reason: "补充评语", actor: "E1")
        try ws.save([change], actor: "E1")
        let actions = try ws.auditEntries().map(\.action)
        XCTAssertTrue(actions.contains("sheet.sign") && actions.contains("sheet.reopen"))
        XCTAssertEqual(try ws.auditEntries().last { $0.action == "sheet.reopen" }?.new, "补充评语")
        XCTAssertThrowsError(try ws.reopen(expert: "E1", stage: .written, reason: "again", actor: "E1"))
    }

    /// Two experts' sessions on one workspace (two connections, writing at once) neither
    /// lose a score nor break the audit chain: writers wait for each other.
    func testConcurrentSessionsDoNotCorruptTheWorkspace() throws {
        _ = try makeWorkspace()
        let first = try Workspace.open(folder + "/ws")
        let second = try Workspace.open(folder + "/ws")
        let items = rubric.stage(.written)!.items(for: .industry)
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2) { session in
            let ws = session == 0 ? first : second
            for (index, item) in items.enumerated() {
                let score = ItemScore(expert: "E1", dossier: session == 0 ? "I1" : "C1", stage: .written, item: item.id,
                                      points: Rational(index % 5), comment: "第\(index)项")
                do { try ws.save([score], actor: "E1") } catch { failures.add("\(error)") }
            }
        }
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(try first.scores().count, items.count * 2)
        XCTAssertNil(AuditLog.firstBreak(try second.auditEntries()))
    }

    func testABatchWithABadRowWritesNothing() throws {
        let ws = try makeWorkspace()
        let good = ItemScore(expert: "E1", dossier: "I1", stage: .written, item: "basic.device", points: Rational(12), comment: "")
        let bad = ItemScore(expert: "E1", dossier: "NOPE", stage: .written, item: "basic.device", points: Rational(12), comment: "")
        XCTAssertThrowsError(try ws.save([good, bad], actor: "E1"))
        XCTAssertEqual(try ws.scores(), [], "the transaction rolled back")
    }

    func testOverridesMakeADossierEligibleAgain() throws {
        let loader = DossierLoader(catalog: rubric.catalog)
        let late = DossierFixture.yaml(id: "I1").replacingOccurrences(of: "signed: true", with: "signed: false")
        let ws = try Workspace.create(folder + "/ws", dossiers: [loader.load(data: Data(late.utf8), file: folder + "/I1.yaml")],
                                      panel: nil, panelText: nil, rubric: rubric)
        XCTAssertEqual(try ws.standings().standingErrors("I1").map(\.code), [.attestation])
        XCTAssertEqual(try ws.standings().groups[1].entries.first?.status, .ineligible)
        try ws.addOverride(dossier: "I1", code: "E-ATTESTATION", reason: "原件已补签", actor: "chair")
        let standings = try ws.standings()
        XCTAssertEqual(standings.standingErrors("I1"), [])
        XCTAssertEqual(standings.groups[1].entries.first?.status, .incomplete)
        XCTAssertEqual(standings.groups[1].entries.first?.candidate.flags, [.override(code: "E-ATTESTATION")])
    }

    func testTheListingSaysWhatTheParsedDossiersSay() throws {
        let ws = try makeWorkspace(experts: 2)
        let reports = Dictionary(uniqueKeysWithValues: try ws.compliance().map { ($0.id ?? "", $0) })
        let listing = try ws.listing(try ws.standings(parsing: false))
        XCTAssertEqual(listing.map(\.id), ["C1", "I1"])
        for listed in listing {
            let report = try XCTUnwrap(reports[listed.id]), dossier = try XCTUnwrap(report.dossier)
            XCTAssertEqual(listed.type, dossier.platform.type)
            XCTAssertEqual(listed.platform, dossier.platform.name)
            XCTAssertEqual(listed.applicant, dossier.applicant.name)
            XCTAssertEqual(listed.partners, dossier.partners.compactMap(\.name))
            XCTAssertEqual(listed.errors, report.errors.count, listed.id)
        }
    }

    func testAScoreOfAConflictedDossierIsNeverKept() throws {
        let ws = try makeWorkspace(experts: 2)
        try ws.declare(expert: "E2", conflicts: ["I1"])
        let conflicted = ItemScore(expert: "E2", dossier: "I1", stage: .written, item: "basic.device", points: Rational(5), comment: "")
        XCTAssertThrowsError(try ws.save([conflicted], actor: "E2")) { error in
            XCTAssertTrue("\(error)".contains("conflict with I1"), "\(error)")
        }
        XCTAssertEqual(try ws.scores().count, 0)
        let allowed = ItemScore(expert: "E2", dossier: "C1", stage: .written, item: "basic.device", points: Rational(5), comment: "")
        XCTAssertNoThrow(try ws.save([allowed], actor: "E2"))
        XCTAssertEqual(try ws.scores().count, 1)
    }
}

/// Errors collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ failure: String) { lock.lock(); list.append(failure); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
