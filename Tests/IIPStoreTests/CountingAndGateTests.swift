import Crypto
import Foundation
import GRDB
import TestSupport
import XCTest
@testable import IIPCore
@testable import IIPStore

/// Issue 10, wrong results: one definition of the sheets that count (SPEC §6) and one gate
/// for every score (SPEC §9), the same on every path — a save, a score file, a signed sheet.
final class CountingAndGateTests: WorkspaceTestCase {
    /// Every applicable item of `dossier` in `stage` at `percent`% of its max (on the grid).
    func sheet(_ expert: String, _ dossier: String, _ stage: StageID = .written, type: PlatformType = .industry,
               percent: Int) -> [ItemScore] {
        rubric.stage(stage)!.items(for: type).map {
            ItemScore(expert: expert, dossier: dossier, stage: stage, item: $0.id,
                      points: ($0.max * Rational(percent) / Rational(100) / rubric.pointsStep).rounded(places: 0) * rubric.pointsStep,
                      comment: "")
        }
    }

    // MARK: - Who counts

    /// A 回避 declared after scoring: the sheet is kept, marked, and never counted — not in
    /// the ranking (from items or from kept totals), the others' means, or the signed sheet.
    func testALateConflictDeclarationTakesTheSheetOutOfEveryCount() throws {
        let ws = try makeWorkspace(experts: 3)
        try importFile(ws, sheet("E1", "I1", percent: 80) + sheet("E2", "I1", percent: 20) + sheet("E3", "I1", percent: 60))
        let before = try ws.standings(parsing: false, comments: false).evaluations["I1"]?.value(.written)
        XCTAssertEqual(before?.rounded(places: 0), Rational(53), "all three count before")
        try ws.declare(expert: "E2", conflicts: ["I1"])
        for (parsing, comments) in [(true, true), (false, false), (false, true)] {
            let written = try XCTUnwrap(ws.standings(parsing: parsing, comments: comments).evaluations["I1"]?.stages[.written])
            XCTAssertEqual(written.sheets.map(\.expert), ["E1", "E3"], "parsing \(parsing), comments \(comments)")
            XCTAssertEqual(written.excluded.map(\.expert), ["E2"])
            XCTAssertEqual(written.excluded.first?.reason, .conflict(.listed))
            XCTAssertEqual(written.value?.rounded(places: 0), Rational(70))
        }
        XCTAssertEqual(try ws.scores(expert: "E2").count, sheet("E2", "I1", percent: 20).count, "the sheet itself is kept")
        // The workbench's means leave it out, as does the expert's signed sheet.
        let means = try ws.othersMeanPoints(excluding: "E1").filter { $0.dossier == "I1" && $0.stage == .written }
        XCTAssertFalse(means.isEmpty)
        for mean in means {
            let e3 = sheet("E3", "I1", percent: 60).first { $0.item == mean.item }?.points
            XCTAssertEqual(mean.mean, e3, "E2's points are no longer in the mean of \(mean.item)")
        }
        let content = try ws.sheetContent(expert: "E2", stage: .written, signedAt: "", revision: 1)
        XCTAssertFalse(content.rows.contains { $0.dossier == "I1" })
        XCTAssertNil(content.dossiers["I1"])
        XCTAssertFalse(try ws.sheetsToSign(expert: "E2", stage: .written).contains { $0.dossier == "I1" }, "nothing to complete there")
        // And E2 can no longer change it.
        XCTAssertThrowsError(try ws.save(sheet("E2", "I1", percent: 30).prefix(1).map { $0 }, actor: "E2")) { error in
            guard case .conflict(expert: "E2", dossier: "I1", .listed)? = error as? ScoreRefusal else { return XCTFail("\(error)") }
        }
    }

    /// An expert not on the panel for a stage never counts there, and cannot score it.
    func testAnExpertNotOnAStageNeitherScoresNorCountsThere() throws {
        let loader = DossierLoader(catalog: rubric.catalog)
        let dossiers = [loader.load(data: Data(DossierFixture.yaml(id: "I1").utf8), file: folder + "/I1.yaml")]
        let panel = Panel(chair: "E1", experts: [
            Expert(id: "E1", name: "甲", affiliation: "", stages: StageID.allCases, conflicts: []),
            Expert(id: "E2", name: "乙", affiliation: "", stages: [.written], conflicts: []),
        ])
        let ws = try Workspace.create(folder + "/ws", dossiers: dossiers, panel: panel, panelText: nil, rubric: rubric)
        let defence = sheet("E2", "I1", .defence, percent: 10)
        XCTAssertThrowsError(try ws.save(defence, actor: "E2")) { XCTAssertEqual($0 as? ScoreRefusal, .notOnStage(ExpertStage("E2", .defence))) }
        guard case let .failure(refusal) = try ws.importScoreFile(ScoreRows.text(defence), file: "d.csv", actor: "import") else {
            return XCTFail("refused")
        }
        XCTAssertTrue(refusal.rejections.allSatisfy { $0.reason.contains("not on the panel for stage defence") })
        // A sheet that got in before the panel changed (written straight into the database)
        // is kept aside, not counted.
        try ws.db.write { db in
            for score in defence {
                try db.execute(sql: "INSERT INTO score (expert, dossier, stage, item, points, comment, updated_at) VALUES (?, ?, ?, ?, ?, '', 'x')",
                               arguments: [score.expert, score.dossier, score.stage.rawValue, score.item, score.points?.description])
            }
            var totals = SheetTotals(db, rubric: rubric)
            try totals.refresh(.all)
        }
        try ws.save(sheet("E1", "I1", .defence, percent: 90), actor: "E1")
        for comments in [true, false] {
            let stage = try XCTUnwrap(ws.standings(parsing: false, comments: comments).evaluations["I1"]?.stages[.defence])
            XCTAssertEqual(stage.sheets.map(\.expert), ["E1"])
            XCTAssertEqual(stage.excluded.map(\.reason), [.notOnStage])
        }
    }

    // MARK: - One gate

    /// Bad scores and the refusal every path gives them: the same rules, from the same gate.
    func testEveryPathRefusesTheSameScores() throws {
        let ws = try makeWorkspace(experts: 2)
        let key = Curve25519.Signing.PrivateKey()
        try ws.trustKey(expert: "E2", fingerprint: KeyFingerprint(of: key), reason: "测试", actor: "E1")
        let good = sheet("E2", "I1", percent: 50) + sheet("E2", "C1", type: .cross, percent: 50)
        func with(_ item: String, points: Rational?, comment: String = "", dossier: String = "I1") -> [ItemScore] {
            good.map { $0.dossier == dossier && $0.item == item
                ? ItemScore(expert: "E2", dossier: dossier, stage: .written, item: item, points: points, comment: comment) : $0 }
        }
        let cases: [(String, [ItemScore], (ScoreRefusal) -> Bool)] = [
            ("999", with("basic.device", points: Rational(999)), { if case .outOfRange = $0 { return true } else { return false } }),
            ("−50", with("basic.device", points: Rational(-50)), { if case .outOfRange = $0 { return true } else { return false } }),
            ("3.14159", with("basic.device", points: Rational(decimal: "3.14159")), { if case .offGrid = $0 { return true } else { return false } }),
            ("a long comment", with("basic.device", points: Rational(5), comment: String(repeating: "评", count: 2001)),
             { $0 == .commentTooLong(characters: 2001, limit: 2000) }),
            ("a bidi override", with("basic.device", points: Rational(5), comment: "好\u{202E}差"), { $0 == .commentControl(0x202E) }),
            ("an escape", with("basic.device", points: Rational(5), comment: "a\u{1B}[2Jb"), { $0 == .commentControl(0x1B) }),
            ("an item of another type", good + [ItemScore(expert: "E2", dossier: "I1", stage: .written, item: "cross.industries",
                                                           points: Rational(5), comment: "")],
             { if case .itemNotApplicable = $0 { return true } else { return false } }),
        ]
        for (name, scores, expected) in cases {
            let bad = scores.first { !ws.gateRefusals($0).isEmpty }
            XCTAssertNotNil(bad, name)
            // The workbench's save.
            XCTAssertThrowsError(try ws.save(scores, actor: "E2"), name) { error in
                XCTAssertTrue((error as? ScoreRefusal).map(expected) == true, "\(name): \(error)")
            }
            // A score file.
            guard case let .failure(refusal) = try ws.importScoreFile(ScoreRows.text(scores), file: "x.csv", actor: "import") else {
                return XCTFail("\(name): the score file is refused")
            }
            XCTAssertEqual(refusal.rejections.count, 1, name)
            // A signed sheet.
            let file = try signedSheet(scores, in: ws, key: key)
            XCTAssertThrowsError(try ws.importSheet(try SheetFile.read(file), file: file), name) { error in
                XCTAssertEqual((error as? SheetFile.Refusal)?.kind, .invalid, "\(name): \(error)")
            }
            XCTAssertEqual(try ws.scores(), [], "\(name): nothing was written on any path")
        }
        // The good sheet passes every path.
        let file = try signedSheet(good, in: ws, key: key)
        XCTAssertEqual(try ws.importSheet(try SheetFile.read(file), file: file), .imported(rows: good.count))
    }

    /// A signed sheet file with E2's rows of `ws`'s dossiers, signed by `key`.
    func signedSheet(_ scores: [ItemScore], in ws: Workspace, key: Curve25519.Signing.PrivateKey, revision: Int = 1) throws -> Data {
        let rows = scores.map { SheetFile.Row(dossier: $0.dossier, item: $0.item, points: $0.points, comment: $0.comment) }
        var hashes: [String: String] = [:]
        for dossier in try ws.dossiers() where rows.contains(where: { $0.dossier == dossier.id }) { hashes[dossier.id] = dossier.sha256 }
        let sheet = try SheetFile.unsignedSheet(expert: "E2", stage: .written, signedAt: "2026-12-01T08:00:00Z", revision: revision,
                                                rubricSHA256: rubric.sha256, dossiers: hashes, rows: rows, dissent: "").signed(with: key)
        return Data(sheet.text.utf8)
    }

    /// Line breaks come as every writer makes them (CR LF from Windows, a lone CR); every
    /// path keeps them as LF, so a comment never turns into a control character later.
    func testCommentLineBreaksAreKeptAsLineFeedsOnEveryPath() throws {
        let ws = try makeWorkspace(experts: 1)
        let typed = ItemScore(expert: "E1", dossier: "I1", stage: .written, item: "basic.device", points: Rational(5), comment: "第一行\r\n第二行\r第三行")
        try ws.save([typed], actor: "E1")
        XCTAssertEqual(try ws.scores().first?.comment, "第一行\n第二行\n第三行")
        let file = "expert,dossier,stage,item,points,comment\r\nE1,I1,written,basic.users,3,\"甲\r\n乙\"\r\n"
        XCTAssertEqual(try ws.importScoreFile(file, file: "crlf.csv", actor: "import").get().rows, 1)
        XCTAssertEqual(try ws.scores().first { $0.item == "basic.users" }?.comment, "甲\n乙")
        XCTAssertEqual(try ws.verifyAudit().problems, [], "the log replays to the same")
    }

    /// An empty, an incomplete and a repeating signed sheet are refused, each with its
    /// reason; nothing is written and the stage is not marked signed.
    func testSignedSheetsMustBeWhole() throws {
        let ws = try makeWorkspace(experts: 2)
        let key = Curve25519.Signing.PrivateKey()
        try ws.trustKey(expert: "E2", fingerprint: KeyFingerprint(of: key), reason: "测试", actor: "E1")
        let complete = sheet("E2", "I1", percent: 50) + sheet("E2", "C1", type: .cross, percent: 50)
        let cases: [(String, [ItemScore], SheetFile.Refusal.Kind, String)] = [
            ("empty", [], .incomplete, "no scores"),
            ("incomplete", Array(complete.dropLast()), .incomplete, "C1"),
            ("repeated", complete + [complete[0]], .invalid, "twice"),
        ]
        for (name, scores, kind, words) in cases {
            let file = try signedSheet(scores, in: ws, key: key)
            XCTAssertThrowsError(try ws.importSheet(try SheetFile.read(file), file: file), name) { error in
                XCTAssertEqual((error as? SheetFile.Refusal)?.kind, kind, "\(name): \(error)")
                XCTAssertTrue("\(error)".contains(words), "\(name): \(error)")
            }
        }
        XCTAssertEqual(try ws.scores(), [])
        XCTAssertEqual(try ws.signOffs(), [])
    }

    /// The sheets of a dossier an expert declared a conflict with stay when their next signed
    /// sheet (which leaves that dossier out) arrives — kept, never counted — and the log
    /// replays to the same.
    func testASheetFileLeavesTheKeptConflictSheetsInPlace() throws {
        let ws = try makeWorkspace(experts: 2)
        let key = Curve25519.Signing.PrivateKey()
        try ws.trustKey(expert: "E2", fingerprint: KeyFingerprint(of: key), reason: "测试", actor: "E1")
        let first = try signedSheet(sheet("E2", "I1", percent: 50) + sheet("E2", "C1", type: .cross, percent: 50), in: ws, key: key)
        XCTAssertEqual(try ws.importSheet(try SheetFile.read(first), file: first), .imported(rows: 38))
        try ws.declare(expert: "E2", conflicts: ["C1"])
        try ws.declare(expert: "E2", conflicts: [])
        XCTAssertEqual(try ws.declaration(expert: "E2")?.conflicts, ["C1"], "a declared conflict is never withdrawn")
        let second = try signedSheet(sheet("E2", "I1", percent: 60), in: ws, key: key, revision: 2)
        XCTAssertEqual(try ws.importSheet(try SheetFile.read(second), file: second), .imported(rows: 14))
        XCTAssertEqual(try ws.scores(expert: "E2").filter { $0.dossier == "C1" }.count, 24, "C1's sheet is kept")
        XCTAssertEqual(try ws.standings().evaluations["C1"]?.stages[.written]?.excluded.map(\.expert), ["E2"])
        XCTAssertEqual(try ws.verifyAudit().problems, [])
    }

    /// Scores of an ineligible dossier are kept (the chair may waive its error later): a
    /// signed sheet carries that dossier's hash with its rows, so the chair can import it.
    func testASheetCoversTheIneligibleDossiersItHasRowsFor() throws {
        let loader = DossierLoader(catalog: rubric.catalog)
        let late = DossierFixture.yaml(id: "X1", creditCode: DossierFixture.creditCodes[2]).replacingOccurrences(of: "signed: true", with: "signed: false")
        let texts = [DossierFixture.yaml(id: "I1"), late]
        let key = Curve25519.Signing.PrivateKey()
        func make(_ name: String) throws -> Workspace {
            let panel = Panel(chair: "E1", experts: [Expert(id: "E1", name: "甲", affiliation: "", stages: StageID.allCases, conflicts: [],
                                                            key: KeyFingerprint(of: key))])
            return try Workspace.create(folder + "/" + name, dossiers: texts.enumerated().map { loader.load(data: Data($1.utf8), file: folder + "/\($0).yaml") },
                                        panel: panel, panelText: nil, rubric: rubric)
        }
        let laptop = try make("laptop"), chair = try make("chair")
        XCTAssertEqual(try laptop.standings().standingErrors("X1").map(\.code), [.attestation])
        try laptop.save(sheet("E1", "I1", percent: 70) + sheet("E1", "X1", percent: 40).prefix(3), actor: "E1")
        try laptop.sign(expert: "E1", stage: .written, key: key)
        let sheetFile = try laptop.exportSheet(expert: "E1", stage: .written, key: key)
        XCTAssertNotNil(sheetFile.dossiers["X1"], "the ineligible dossier's hash comes with its rows")
        let data = Data(sheetFile.text.utf8)
        XCTAssertEqual(try chair.importSheet(try SheetFile.read(data), file: data), .imported(rows: sheetFile.rows.count))
        XCTAssertEqual(try chair.scores(expert: "E1").filter { $0.dossier == "X1" }.count, 3)
    }

    // MARK: - Never overwrite what was not seen

    /// A value changed by another process since the screen showed it is never overwritten:
    /// the save is refused with what the item holds now, and nothing changes.
    func testASaveNeverOverwritesAValueChangedSinceItWasShown() throws {
        let ws = try makeWorkspace(experts: 1)
        let shown = ShownScore.nothing
        try importFile(ws, [ItemScore(expert: "E1", dossier: "I1", stage: .written, item: "basic.device", points: Rational(9), comment: "导入的评语")])
        let typed = ItemScore(expert: "E1", dossier: "I1", stage: .written, item: "basic.device", points: Rational(12), comment: "")
        XCTAssertThrowsError(try ws.save([typed], actor: "E1", shown: [shown])) { error in
            XCTAssertEqual((error as? ScoreChangedElsewhere)?.now, ShownScore(points: Rational(9), comment: "导入的评语"))
        }
        XCTAssertEqual(try ws.scores().first?.comment, "导入的评语", "the comment is not lost")
        // Against what it holds now, the save goes through.
        try ws.save([typed], actor: "E1", shown: [ShownScore(points: Rational(9), comment: "导入的评语")])
        XCTAssertEqual(try ws.scores().first?.points, Rational(12))
    }

    /// A commit by another connection (another process) is noticed; the workspace's own are not.
    func testChangesByAnotherProcessAreNoticed() throws {
        let ws = try makeWorkspace(experts: 1)
        let other = try Workspace.open(ws.folder)
        XCTAssertFalse(try ws.changedElsewhere(), "the first look only takes note")
        try ws.save([ItemScore(expert: "E1", dossier: "I1", stage: .written, item: "basic.device", points: Rational(3), comment: "")], actor: "E1")
        XCTAssertFalse(try ws.changedElsewhere(), "its own save is no change from elsewhere")
        try other.save([ItemScore(expert: "E1", dossier: "I1", stage: .written, item: "basic.users", points: Rational(3), comment: "")], actor: "E1")
        XCTAssertTrue(try ws.changedElsewhere())
        XCTAssertFalse(try ws.changedElsewhere(), "said once")
    }

    /// A long read (the session's backup, a background read) never holds up a save.
    func testAReadInProgressDoesNotHoldUpASave() throws {
        let ws = try makeWorkspace(experts: 1)
        let reading = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? ws.read { db -> Int in
                reading.signal()
                release.wait()
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM score") ?? 0
            }
            finished.signal()
        }
        reading.wait()
        let saved = expectation(description: "the save completes while the read is open")
        Thread.detachNewThread {
            try? ws.save([ItemScore(expert: "E1", dossier: "I1", stage: .written, item: "basic.device", points: Rational(3), comment: "")], actor: "E1")
            saved.fulfill()
        }
        wait(for: [saved], timeout: 30)
        release.signal()
        finished.wait()
        XCTAssertEqual(try ws.scores().count, 1)
    }
}

extension Workspace {
    /// The gate's reasons for one score, as the workspace stands (for tests).
    func gateRefusals(_ score: ItemScore) -> [ScoreRefusal] {
        (try? gate().refusals(score)) ?? []
    }
}
