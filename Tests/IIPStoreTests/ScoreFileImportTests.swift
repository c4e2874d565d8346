import Foundation
import GRDB
import TestSupport
import XCTest
@testable import IIPCore
@testable import IIPStore

/// `importScoreFile` saves rows as they are read, a sheet at a time: whatever the order of
/// the rows, what it saves, the totals it keeps and what it refuses are those of the file.
final class ScoreFileImportTests: WorkspaceTestCase {
    /// `scores` as a score file in the order given (`ScoreRows.text` sorts).
    func file(_ scores: [ItemScore]) -> String {
        ([CSV.line(ScoreRows.header)] + scores.map {
            CSV.line([$0.expert, $0.dossier, $0.stage.rawValue, $0.item, $0.points?.description ?? "", $0.comment])
        }).joined(separator: "\n") + "\n"
    }


    func saved(_ ws: Workspace) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try ws.scores().map {
            ("\($0.expert)/\($0.dossier)/\($0.stage.rawValue)/\($0.item)", "\($0.points?.description ?? "-")|\($0.comment)")
        })
    }

    func testFilesInAnyOrderSaveTheirValuesAndKeepTheTotalsRight() throws {
        let ws = try makeWorkspace(experts: 6)
        var random = SeededRandom(seed: 8192)
        var expected: [String: String] = [:]
        for round in 1...4 {
            // Shuffled: a sheet's rows come apart and its sheet is opened again and again.
            var scores = randomScores(&random).shuffled(using: &random)
            // Some rows change only the comment (no points), which keeps the saved points.
            scores = scores.map { score in
                guard round > 1, Int.random(in: 0..<5, using: &random) == 0 else { return score }
                return ItemScore(expert: score.expert, dossier: score.dossier, stage: score.stage, item: score.item,
                                 points: nil, comment: "第\(round)轮意见")
            }
            for score in scores {
                let key = "\(score.expert)/\(score.dossier)/\(score.stage.rawValue)/\(score.item)"
                let points = score.points?.description ?? expected[key].map { String($0.split(separator: "|")[0]) } ?? "-"
                expected[key] = "\(points)|\(score.comment)"
            }
            let result = try ws.importScoreFile(file(scores), file: "round\(round).csv", actor: "import").get()
            XCTAssertEqual(result.rows, scores.count)
            XCTAssertEqual(try saved(ws), expected, "round \(round)")
            try assertSameStandings(ws, "after shuffled file \(round)")
        }
        XCTAssertEqual(try ws.auditEntries().filter { $0.action == "scores.import" }.count, 4)
        XCTAssertEqual(try ws.verifyAudit().problems, [], "every kept file still gives its hash, and the scores are the log's")
    }

    func testABadRowAfterGoodOnesSavesNothing() throws {
        let ws = try makeWorkspace(experts: 6)
        var random = SeededRandom(seed: 99)
        let good = randomScores(&random)
        _ = try ws.importScoreFile(file(good), file: "good.csv", actor: "import").get()
        let before = try saved(ws)
        let auditBefore = try ws.auditEntries().count
        // Every row changed, then one bad row at the very end: the rows before it were
        // already written when it is read.
        let changed = good.map { ItemScore(expert: $0.expert, dossier: $0.dossier, stage: $0.stage, item: $0.item,
                                           points: .zero, comment: "改") }
        let text = file(changed) + "E1,I1,written,basic.device,999,\n"
        guard case let .failure(refusal) = try ws.importScoreFile(text, file: "bad.csv", actor: "import") else {
            return XCTFail("a file with a bad row is refused")
        }
        XCTAssertEqual(refusal.rejections.map(\.line), [changed.count + 2])
        XCTAssertTrue(refusal.rejections[0].reason.contains("out of range"), refusal.rejections[0].reason)
        XCTAssertEqual(try saved(ws), before, "nothing of the refused file was kept")
        XCTAssertEqual(try ws.auditEntries().count, auditBefore)
        try assertSameStandings(ws, "after a refused file")
    }

    func testAnExpertTheWorkspaceDoesNotHaveIsRefusedAndForeignKeysComeBack() throws {
        // Foreign keys are not checked row by row during an import; the gate, built inside the
        // import's transaction from the workspace's own panel, refuses the stranger's row.
        let ws = try makeWorkspace(experts: 2)
        let text = "expert,dossier,stage,item,points,comment\nE1,I1,written,basic.device,5,\nE9,I1,written,basic.device,5,\n"
        guard case let .failure(refusal) = try ws.importScoreFile(text, file: "e9.csv", actor: "import") else {
            return XCTFail("a row of an expert not on the panel refuses the file")
        }
        XCTAssertEqual(refusal.rejections.map(\.line), [3])
        XCTAssertTrue(refusal.rejections[0].reason.contains("E9"), refusal.rejections[0].reason)
        XCTAssertEqual(try ws.scores().count, 0)
        XCTAssertEqual(try ws.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") }, true, "checked again after the import")
    }

    func testIDsAreStoredAsTheWorkspaceSpellsThem() throws {
        // "José" with é as one character in the panel, as "e" and an accent in the file:
        // the same to Swift, different bytes to SQLite.
        let ws = try makeWorkspace(experts: 2, firstExpertID: "Jos\u{E9}")
        let text = "expert,dossier,stage,item,points,comment\nJose\u{301},I1,written,basic.device,5,\n"
        XCTAssertEqual(try ws.importScoreFile(text, file: "a.csv", actor: "import").get().changed, 1)
        let stored = try ws.read { try String.fetchAll($0, sql: "SELECT expert FROM score") }
        XCTAssertEqual(stored.map { Array($0.utf8) }, [Array("Jos\u{E9}".utf8)], "the panel's spelling")
        XCTAssertEqual(try ws.scores(expert: "Jos\u{E9}").count, 1)
    }

    func testACommentWithANulCharacterIsRefused() throws {
        let ws = try makeWorkspace(experts: 1)
        let text = "expert,dossier,stage,item,points,comment\nE1,I1,written,basic.device,5,\"前\u{0}后\"\n"
        guard case let .failure(refusal) = try ws.importScoreFile(text, file: "a.csv", actor: "import") else {
            return XCTFail("refused")
        }
        XCTAssertEqual(refusal.rejections.map(\.line), [2])
        XCTAssertTrue(refusal.rejections[0].reason.contains("U+0000"), refusal.rejections[0].reason)
        XCTAssertEqual(try ws.scores().count, 0)
    }

    func testAKeptFileGivesBackItsText() {
        for text in ["", "expert,dossier\n", String(repeating: "E01,CN0001,written,basic.device,7.5,意见\n", count: 20_000)] {
            let kept = KeptFile(text)
            XCTAssertEqual(kept.sha256, ContentHash.sha256(text))
            XCTAssertEqual(kept.size, text.utf8.count)
            XCTAssertEqual(KeptFile.text(deflated: kept.deflated, size: kept.size), text)
            XCTAssertNil(KeptFile.text(deflated: kept.deflated, size: kept.size + 1), "a wrong size is damage")
        }
        XCTAssertLessThan(KeptFile(String(repeating: "E01,CN0001,written,basic.device,7.5,\n", count: 10_000)).deflated.count, 20_000)
        XCTAssertNil(KeptFile.text(deflated: Data([1, 2, 3, 4]), size: 10), "not zlib")
        let kept = KeptFile("expert,dossier\n")
        XCTAssertNil(KeptFile.text(deflated: kept.deflated, size: 1 << 40), "a size no file has is damage, not memory to take")
    }
}

/// A workspace made before scores were kept by key and score files compressed (schema v8)
/// is brought up to date when it is opened, losing nothing.
final class SchemaNineMigrationTests: WorkspaceTestCase {
    func ranking(_ groups: [RankedGroup]) -> String {
        groups.map { $0.entries.map { "\($0.rank) \($0.candidate.id) \($0.status) \(String(describing: $0.candidate.final)) \($0.candidate.flags)" }
            .joined(separator: "; ") }.joined(separator: " | ")
    }

    func testAVersionEightWorkspaceIsMigratedWithItsScoresAndFiles() throws {
        var random = SeededRandom(seed: 8)
        let scores = randomScores(&random)
        let text = ScoreRows.text(scores)
        var before: (scores: [String], ranking: String, totals: Int)
        do {
            let ws = try makeWorkspace(experts: 6)
            try importFile(ws, scores)
            let standings = try ws.standings(parsing: false)
            before = (try ws.scores().map { "\($0)" }, ranking(standings.groups),
                      try ws.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sheet_total") ?? 0 })
        }
        // Back to the tables of v8: rowid tables, and the file's text kept as it was.
        let queue = try DatabaseQueue(path: folder + "/ws/" + Workspace.databaseName)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE score_v8 ("expert" TEXT NOT NULL REFERENCES "expert"("id"), "dossier" TEXT NOT NULL REFERENCES "dossier"("id"),
                  "stage" TEXT NOT NULL, "item" TEXT NOT NULL, "points" TEXT, "comment" TEXT NOT NULL DEFAULT '',
                  "updated_at" TEXT NOT NULL, PRIMARY KEY ("expert", "dossier", "stage", "item"));
                INSERT INTO score_v8 SELECT * FROM score; DROP TABLE score; ALTER TABLE score_v8 RENAME TO score;
                CREATE TABLE sheet_total_v8 ("expert" TEXT NOT NULL, "dossier" TEXT NOT NULL, "stage" TEXT NOT NULL,
                  "total" TEXT NOT NULL, PRIMARY KEY ("expert", "dossier", "stage"));
                INSERT INTO sheet_total_v8 SELECT * FROM sheet_total; DROP TABLE sheet_total; ALTER TABLE sheet_total_v8 RENAME TO sheet_total;
                CREATE TABLE score_import_v8 ("sha256" TEXT PRIMARY KEY, "file" TEXT NOT NULL, "at" TEXT NOT NULL, "actor" TEXT NOT NULL,
                  "rows" INTEGER NOT NULL, "content" TEXT NOT NULL, "replaced" TEXT NOT NULL);
                INSERT INTO score_import_v8 SELECT sha256, file, at, actor, rows, ?, replaced FROM score_import;
                DROP TABLE score_import; ALTER TABLE score_import_v8 RENAME TO score_import;
                DELETE FROM grdb_migrations WHERE identifier = 'v9-score-by-key';
                """, arguments: [text])
        }
        try queue.close()
        let ws = try Workspace.open(folder + "/ws")
        let schema = try ws.read { try String.fetchOne($0, sql: "SELECT sql FROM sqlite_master WHERE name = 'score'") } ?? ""
        XCTAssertTrue(schema.contains("WITHOUT ROWID"), schema)
        XCTAssertEqual(try ws.scores().map { "\($0)" }, before.scores)
        XCTAssertEqual(ranking(try ws.standings(parsing: false).groups), before.ranking)
        XCTAssertEqual(try ws.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sheet_total") ?? 0 }, before.totals)
        XCTAssertEqual(try ws.verifyAudit().problems, [], "the kept file still gives the hash its audit entry names")
        XCTAssertEqual(try ws.read { try Int.fetchOne($0, sql: "SELECT size FROM score_import") }, text.utf8.count)
        try assertSameStandings(ws, "after the migration")
    }
}
