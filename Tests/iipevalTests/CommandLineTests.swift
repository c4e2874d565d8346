import IIPCore
import TestSupport
import XCTest

/// SPEC §5 and §7 through the built binary: exit codes, JSON shapes, messages.
final class CommandLineTests: XCTestCase {
    var folder = ""
    let rubric = try! Rubric.builtIn.get()

    override func setUp() {
        folder = DossierFixture.temporaryFolder()
        try? FileManager.default.createDirectory(atPath: folder + "/dossiers", withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func write(_ text: String, to name: String) {
        FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(text.utf8))
    }

    func run(_ arguments: String...) -> CommandRunner.Outcome { CommandRunner.run(arguments) }

    /// Two clean dossiers (an industry and a cross platform) and a panel of two experts.
    func makeWorkspace() {
        write(DossierFixture.yaml(id: "I1"), to: "dossiers/I1.yaml")
        write(DossierFixture.yaml(id: "C1", type: "cross", creditCode: DossierFixture.creditCodes[1]), to: "dossiers/C1.yaml")
        write("""
        format: iip-panel/1
        chair: E1
        experts:
          - {id: E1, name: 陈某, affiliation: 某大学, stages: [written, defence, site, test], conflicts: []}
          - {id: E2, name: 林某, affiliation: 某协会, stages: [written, defence, site, test], conflicts: []}
        """, to: "panel.yaml")
        let made = run("init", folder + "/ws", "--dossiers", folder + "/dossiers", "--panel", folder + "/panel.yaml")
        XCTAssertEqual(made.code, 0, made.err)
    }

    /// Rows giving every applicable item `percent`% of its max.
    func rows(expert: String, dossier: String, type: PlatformType, percent: Int) -> [String] {
        rubric.stages.flatMap { stage in
            stage.items(for: type).map { item in
                "\(expert),\(dossier),\(stage.id.rawValue),\(item.id),\((item.max * Rational(percent) / Rational(100)).description),"
            }
        }
    }

    // MARK: - validate

    func testValidateCleanFolderExitsZero() {
        write(DossierFixture.yaml(id: "A"), to: "dossiers/A.yaml")
        let outcome = run("validate", folder + "/dossiers")
        XCTAssertEqual(outcome.code, 0, outcome.err)
        XCTAssertTrue(outcome.out.contains("1 dossiers: 1 clean"))
    }

    func testValidateJSONShapeAndErrorExit() throws {
        write(DossierFixture.yaml(id: "A", creditCode: "91440604MA4UH3D21J"), to: "dossiers/A.yaml")
        write("this: [is not, closed", to: "dossiers/B.yaml")
        let outcome = run("validate", folder + "/dossiers", "--format", "json")
        XCTAssertEqual(outcome.code, 1)
        let json = try XCTUnwrap(CommandRunner.json(outcome.out) as? [String: Any])
        let dossiers = try XCTUnwrap(json["dossiers"] as? [[String: Any]])
        XCTAssertEqual(dossiers.count, 2)
        XCTAssertEqual(dossiers[0]["id"] as? String, "A")
        let problem = try XCTUnwrap((dossiers[0]["problems"] as? [[String: Any]])?.first)
        XCTAssertEqual(problem["code"] as? String, "E-CREDIT-CODE")
        XCTAssertEqual(problem["severity"] as? String, "error")
        XCTAssertEqual(problem["field"] as? String, "applicant.credit_code")
        XCTAssertNotNil(problem["message"] as? String)
        XCTAssertTrue(dossiers[1]["id"] is NSNull, "an unparseable file has id null")
        XCTAssertTrue((dossiers[1]["file"] as? String)?.hasSuffix("B.yaml") == true)
        XCTAssertEqual((dossiers[1]["problems"] as? [[String: Any]])?.first?["code"] as? String, "E-PARSE")
    }

    func testValidateCannotRunExitsTwo() {
        let missing = run("validate", folder + "/nowhere")
        XCTAssertEqual(missing.code, 2)
        XCTAssertTrue(missing.err.contains("nowhere"))
        XCTAssertEqual(run("validate").code, 2, "no path")
        XCTAssertEqual(run("validate", folder, "--format", "xml").code, 2, "bad option value")
        XCTAssertEqual(run("frobnicate").code, 2, "unknown command")
        XCTAssertEqual(run("validate", folder + "/dossiers").code, 2, "an empty folder holds no dossier")
    }

    func testNoStackTraceOnHostileFiles() {
        write("format: iip-dossier/1\nid: " + String(repeating: "[", count: 100_000), to: "dossiers/deep.yaml")
        FileManager.default.createFile(atPath: folder + "/dossiers/binary.yaml", contents: Data([0xFF, 0xFE, 0x00, 0x80]))
        let outcome = run("validate", folder + "/dossiers", "--format", "json")
        XCTAssertEqual(outcome.code, 1)
        XCTAssertEqual(outcome.out.components(separatedBy: "E-PARSE").count - 1, 2)
    }

    // MARK: - init, scores, rank

    func testInitRefusesUnparseableDossiersAndMakesNothing() {
        write(DossierFixture.yaml(id: "A"), to: "dossiers/A.yaml")
        write("format: iip-dossier/1\nid: [", to: "dossiers/B.yaml")
        let outcome = run("init", folder + "/ws", "--dossiers", folder + "/dossiers")
        XCTAssertEqual(outcome.code, 1)
        XCTAssertTrue(outcome.err.contains("B.yaml"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/ws"))
    }

    func testInitRefusesBadPanelAndExistingWorkspace() {
        write(DossierFixture.yaml(id: "A"), to: "dossiers/A.yaml")
        write("format: iip-panel/1\nchair: E9\nexperts:\n  - {id: E1, name: 甲, stages: [written, oral]}\n", to: "panel.yaml")
        let badPanel = run("init", folder + "/ws", "--dossiers", folder + "/dossiers", "--panel", folder + "/panel.yaml")
        XCTAssertEqual(badPanel.code, 2)
        XCTAssertTrue(badPanel.err.contains("oral"))
        XCTAssertTrue(badPanel.err.contains("E9"))
        XCTAssertEqual(run("init", folder + "/ws", "--dossiers", folder + "/dossiers").code, 0)
        XCTAssertEqual(run("init", folder + "/ws", "--dossiers", folder + "/dossiers").code, 2)
    }

    func testWorkspaceCarriesItsOwnRubric() throws {
        write(DossierFixture.yaml(id: "A"), to: "dossiers/A.yaml")
        write(rubric.sourceText.replacingOccurrences(of: "cap: 10", with: "cap: 8"), to: "rubric.yaml")
        XCTAssertEqual(run("init", folder + "/ws", "--dossiers", folder + "/dossiers", "--rubric", folder + "/rubric.yaml").code, 0)
        XCTAssertTrue(run("rank", folder + "/ws", "--format", "json").out.contains("\"cap\": 8"))

        write(rubric.sourceText.replacingOccurrences(of: "weight: 25", with: "weight: 30"), to: "bad-rubric.yaml")
        let refused = run("init", folder + "/ws2", "--dossiers", folder + "/dossiers", "--rubric", folder + "/bad-rubric.yaml")
        XCTAssertEqual(refused.code, 2)
        XCTAssertTrue(refused.err.contains("bad-rubric.yaml"))
        XCTAssertTrue(refused.err.contains("stage weights sum to 105"), refused.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/ws2"))
    }

    func testImportThenRankGivesExactScores() throws {
        makeWorkspace()
        // E1 gives full marks everywhere, E2 half marks: every stage 75, final 75.
        // I1 gets an extra 0.5 from E2 on defence.qa: defence (100 + 50.5)/2 = 75.25,
        // final 0.4·75 + 0.25·75.25 + 0.2·75 + 0.15·75 = 75.0625 → 75.06.
        var csv = ["expert,dossier,stage,item,points,comment"]
        csv += rows(expert: "E1", dossier: "I1", type: .industry, percent: 100)
        csv += rows(expert: "E2", dossier: "I1", type: .industry, percent: 50).map {
            $0.hasPrefix("E2,I1,defence,defence.qa,") ? "E2,I1,defence,defence.qa,8,答辩清楚" : $0
        }
        csv += rows(expert: "E1", dossier: "C1", type: .cross, percent: 100)
        csv += rows(expert: "E2", dossier: "C1", type: .cross, percent: 50)
        write(csv.joined(separator: "\n") + "\n", to: "scores.csv")
        let imported = run("scores", "import", folder + "/ws", folder + "/scores.csv")
        XCTAssertEqual(imported.code, 0, imported.err)

        let ranked = run("rank", folder + "/ws", "--format", "json")
        XCTAssertEqual(ranked.code, 0, ranked.err)
        XCTAssertTrue(ranked.out.contains("\"final\": 75.06"), "exact decimal text in the JSON")
        let json = try XCTUnwrap(CommandRunner.json(ranked.out) as? [String: Any])
        let groups = try XCTUnwrap(json["groups"] as? [[String: Any]])
        XCTAssertEqual(groups.map { $0["group"] as? String }, ["cross", "specific"])
        XCTAssertEqual(groups.map { $0["cap"] as? Int }, [5, 10])
        let specific = try XCTUnwrap((groups[1]["entries"] as? [[String: Any]])?.first)
        XCTAssertEqual(specific["rank"] as? Int, 1)
        XCTAssertEqual(specific["id"] as? String, "I1")
        XCTAssertEqual(specific["type"] as? String, "industry")
        XCTAssertEqual(specific["status"] as? String, "selected")
        XCTAssertEqual(specific["final"] as? Double, 75.06)
        let stages = try XCTUnwrap(specific["stages"] as? [String: Any])
        XCTAssertEqual(stages["written"] as? Double, 75)
        XCTAssertEqual(stages["defence"] as? Double, 75.25)
        // E1's 100 is 33% above the defence mean of 75.25: both experts deviate.
        XCTAssertEqual(specific["flags"] as? [String], ["deviation:written:E1", "deviation:written:E2", "deviation:defence:E1",
                                                         "deviation:defence:E2", "deviation:site:E1", "deviation:site:E2",
                                                         "deviation:test:E1", "deviation:test:E2"])
        let csvOut = run("rank", folder + "/ws", "--format", "csv")
        XCTAssertTrue(csvOut.out.contains("specific,1,I1,测试家电工业互联网平台,industry,75.06,75.00,75.25,75.00,75.00,selected"))
        XCTAssertTrue(run("rank", folder + "/ws").out.contains("75.06"))

        // Exported scores use the import format and import again as a no-op.
        let exported = run("scores", "export", folder + "/ws", "--expert", "E2", "--stage", "defence")
        XCTAssertEqual(exported.code, 0)
        XCTAssertTrue(exported.out.hasPrefix("expert,dossier,stage,item,points,comment\nE2,C1,defence,defence.cases,12.5,\n"))
        XCTAssertTrue(exported.out.contains("E2,I1,defence,defence.qa,8,答辩清楚\n"))
    }

    func testACommentOnlyRowKeepsSavedPoints() {
        makeWorkspace()
        write("expert,dossier,stage,item,points,comment\nE1,I1,written,basic.device,12,\n", to: "a.csv")
        XCTAssertEqual(run("scores", "import", folder + "/ws", folder + "/a.csv").code, 0)
        write("expert,dossier,stage,item,points,comment\nE1,I1,written,basic.device,,补充评语\n", to: "b.csv")
        XCTAssertEqual(run("scores", "import", folder + "/ws", folder + "/b.csv").code, 0)
        XCTAssertEqual(run("scores", "export", folder + "/ws").out,
                       "expert,dossier,stage,item,points,comment\nE1,I1,written,basic.device,12,补充评语\n")
    }

    func testImportWithABadRowWritesNothing() {
        makeWorkspace()
        var csv = ["expert,dossier,stage,item,points,comment"]
        csv += rows(expert: "E1", dossier: "I1", type: .industry, percent: 100)
        csv.append("E1,I1,written,basic.device,16,over the max")
        csv.append("E7,I1,written,basic.device,1,unknown expert")
        write(csv.joined(separator: "\n") + "\n", to: "scores.csv")
        let outcome = run("scores", "import", folder + "/ws", folder + "/scores.csv")
        XCTAssertEqual(outcome.code, 1)
        let lines = outcome.err.split(separator: "\n")
        XCTAssertTrue(lines[0].contains("scores.csv:\(csv.count - 1):"), String(lines[0]))
        XCTAssertTrue(lines[1].contains("scores.csv:\(csv.count):"))
        XCTAssertTrue(outcome.err.contains("nothing was imported"))
        XCTAssertEqual(run("scores", "export", folder + "/ws").out, "expert,dossier,stage,item,points,comment\n")
        XCTAssertEqual(run("scores", "import", folder + "/ws", folder + "/missing.csv").code, 2)
    }

    func testOverrideNeedsAnExistingErrorAndAReason() {
        write(DossierFixture.yaml(id: "I1").replacingOccurrences(of: "signed: true", with: "signed: false"), to: "dossiers/I1.yaml")
        XCTAssertEqual(run("init", folder + "/ws", "--dossiers", folder + "/dossiers").code, 0)
        XCTAssertTrue(run("rank", folder + "/ws").out.contains("ineligible"))
        XCTAssertEqual(run("override", folder + "/ws", "I1", "E-QUOTA", "--reason", "x").code, 2, "I1 has no E-QUOTA")
        XCTAssertEqual(run("override", folder + "/ws", "I9", "E-ATTESTATION", "--reason", "x").code, 2, "no such dossier")
        XCTAssertEqual(run("override", folder + "/ws", "I1", "W-LATE", "--reason", "x").code, 2, "warnings need no override")
        XCTAssertEqual(run("override", folder + "/ws", "I1", "E-ATTESTATION", "--reason", "  ").code, 2, "a reason is required")
        XCTAssertEqual(run("override", folder + "/ws", "I1", "E-ATTESTATION", "--reason", "原件已补签").code, 0)
        let ranked = run("rank", folder + "/ws", "--format", "json").out
        XCTAssertTrue(ranked.contains("\"incomplete\""))
        XCTAssertTrue(ranked.contains("override:E-ATTESTATION"))
    }

    func testSheetSignAndReopen() {
        makeWorkspace()
        let incomplete = run("sheet", "sign", folder + "/ws", "--expert", "E1", "--stage", "written")
        XCTAssertEqual(incomplete.code, 1)
        XCTAssertTrue(incomplete.err.contains("incomplete"))
        var csv = ["expert,dossier,stage,item,points,comment"]
        csv += rows(expert: "E1", dossier: "I1", type: .industry, percent: 100)
        csv += rows(expert: "E1", dossier: "C1", type: .cross, percent: 100)
        write(csv.joined(separator: "\n") + "\n", to: "scores.csv")
        XCTAssertEqual(run("scores", "import", folder + "/ws", folder + "/scores.csv").code, 0)
        XCTAssertEqual(run("sheet", "sign", folder + "/ws", "--expert", "E1", "--stage", "written").code, 0)
        write("expert,dossier,stage,item,points,comment\nE1,I1,written,basic.device,1,\n", to: "change.csv")
        let refused = run("scores", "import", folder + "/ws", folder + "/change.csv")
        XCTAssertEqual(refused.code, 1)
        XCTAssertTrue(refused.err.contains("change.csv:2:") && refused.err.contains("signed"))
        XCTAssertEqual(run("sheet", "reopen", folder + "/ws", "--expert", "E1", "--stage", "written", "--reason", " ").code, 2)
        XCTAssertEqual(run("sheet", "reopen", folder + "/ws", "--expert", "E1", "--stage", "written", "--reason", "复核").code, 0)
        XCTAssertEqual(run("scores", "import", folder + "/ws", folder + "/change.csv").code, 0)
        XCTAssertEqual(run("sheet", "sign", folder + "/ws", "--expert", "E9", "--stage", "written").code, 2)
    }

    /// Two laptops: the expert's key lives in their own config folder, the chair verifies.
    func testSheetExportAndImportBetweenTwoWorkspaces() throws {
        makeWorkspace()
        XCTAssertEqual(run("init", folder + "/chair", "--dossiers", folder + "/dossiers", "--panel", folder + "/panel.yaml").code, 0)
        var csv = ["expert,dossier,stage,item,points,comment"]
        csv += rows(expert: "E2", dossier: "I1", type: .industry, percent: 50)
        csv += rows(expert: "E2", dossier: "C1", type: .cross, percent: 50)
        write(csv.joined(separator: "\n") + "\n", to: "scores.csv")
        XCTAssertEqual(run("scores", "import", folder + "/ws", folder + "/scores.csv").code, 0)
        let home = ["XDG_CONFIG_HOME": folder + "/home-e2"]
        let unsigned = CommandRunner.run(["sheet", "export", folder + "/ws", "--expert", "E2", "--stage", "site", "--out", folder + "/x.iipsheet"], environment: home)
        XCTAssertEqual(unsigned.code, 2, "only a signed stage exports")
        // E2 signs on their own laptop, with their own key.
        XCTAssertEqual(CommandRunner.run(["sheet", "sign", folder + "/ws", "--expert", "E2", "--stage", "site"], environment: home).code, 0)
        let exported = CommandRunner.run(["sheet", "export", folder + "/ws", "--expert", "E2", "--stage", "site", "--out", folder + "/E2-site.iipsheet"],
                                         environment: home)
        XCTAssertEqual(exported.code, 0, exported.err)
        XCTAssertTrue(exported.out.contains("fingerprint"))
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/home-e2/iipeval/keys/E2.ed25519")[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/ws/E2.ed25519"))

        // The chair trusts no key of E2 yet: refused, with the fingerprint to compare.
        let shown = CommandRunner.run(["key", "show", "--expert", "E2"], environment: home)
        let fingerprint = try XCTUnwrap(shown.out.range(of: "ed25519:").map { String(shown.out[$0.lowerBound...]) })
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(fingerprint.hasPrefix("ed25519:"), shown.out)
        let unknown = run("sheet", "import", folder + "/chair", folder + "/E2-site.iipsheet")
        XCTAssertEqual(unknown.code, 1)
        XCTAssertTrue(unknown.err.contains("unknown key") && unknown.err.contains(fingerprint), unknown.err)
        XCTAssertEqual(run("key", "trust", folder + "/chair", "--expert", "E2", "--fingerprint", fingerprint, "--reason", " ").code, 2)
        XCTAssertEqual(run("key", "trust", folder + "/chair", "--expert", "E2", "--fingerprint", "ed25519:1234", "--reason", "x").code, 2)
        let trusted = run("key", "trust", folder + "/chair", "--expert", "E2", "--fingerprint", fingerprint, "--reason", "与签字承诺书一致")
        XCTAssertEqual(trusted.code, 0, trusted.err)
        let imported = run("sheet", "import", folder + "/chair", folder + "/E2-site.iipsheet")
        XCTAssertEqual(imported.code, 0, imported.err)
        XCTAssertEqual(run("scores", "export", folder + "/chair", "--expert", "E2").out,
                       run("scores", "export", folder + "/ws", "--expert", "E2", "--stage", "site").out)
        XCTAssertTrue(run("sheet", "import", folder + "/chair", folder + "/E2-site.iipsheet").out.contains("already imported"))
        let text = try String(contentsOfFile: folder + "/E2-site.iipsheet", encoding: .utf8)
        write(text.replacingOccurrences(of: "\"points\": \"20\"", with: "\"points\": \"21\""), to: "tampered.iipsheet")
        let tampered = run("sheet", "import", folder + "/chair", folder + "/tampered.iipsheet", folder + "/missing.iipsheet")
        XCTAssertEqual(tampered.code, 1)
        XCTAssertTrue(tampered.err.contains("tampered.iipsheet: refused: tampered"), tampered.err)
        XCTAssertTrue(tampered.err.contains("missing.iipsheet"))
    }

    func testDeclaredConflictsActLikeThePanelFiles() {
        makeWorkspace()
        XCTAssertEqual(run("declare", folder + "/ws", "--expert", "E1", "--conflict", "X9").code, 2, "unknown dossier")
        XCTAssertEqual(run("declare", folder + "/ws", "--expert", "E1", "--conflict", "I1").code, 0)
        write("expert,dossier,stage,item,points,comment\nE1,I1,written,basic.device,10,\nE1,C1,written,basic.device,10,\n", to: "s.csv")
        let refused = run("scores", "import", folder + "/ws", folder + "/s.csv")
        XCTAssertEqual(refused.code, 1)
        XCTAssertTrue(refused.err.contains("s.csv:2:") && refused.err.contains("conflict"), refused.err)
        XCTAssertFalse(refused.err.contains("s.csv:3:"))
        XCTAssertTrue(run("audit", folder + "/ws").out.contains("declare"))
    }

    /// SPEC §9: a dossier file changed after import is flagged until the chair accepts it.
    func testChangedDossierFileIsFlaggedUntilAccepted() {
        makeWorkspace()
        XCTAssertFalse(run("rank", folder + "/ws", "--format", "json").out.contains("dossier_changed"))
        XCTAssertEqual(run("accept", folder + "/ws", "I1", "--reason", "x").code, 2, "nothing changed yet")
        write(DossierFixture.yaml(id: "I1").replacingOccurrences(of: "8000", with: "8800"), to: "dossiers/I1.yaml")
        XCTAssertTrue(run("rank", folder + "/ws", "--format", "json").out.contains("dossier_changed"))
        XCTAssertEqual(run("accept", folder + "/ws", "I1", "--reason", "仅更正计划投资笔误").code, 0)
        XCTAssertFalse(run("rank", folder + "/ws", "--format", "json").out.contains("dossier_changed"))
        XCTAssertTrue(run("audit", folder + "/ws").out.contains("dossier.accept-change"))
    }

    func testExportRankingAndRoster() throws {
        makeWorkspace()
        let json = folder + "/ranking.json"
        XCTAssertEqual(run("export", folder + "/ws", "--what", "ranking", "--format", "json", "--out", json).code, 0)
        let exported = try XCTUnwrap(CommandRunner.json(try String(contentsOfFile: json, encoding: .utf8)) as? [String: Any])
        let ranked = try XCTUnwrap(CommandRunner.json(run("rank", folder + "/ws", "--format", "json").out) as? [String: Any])
        XCTAssertEqual(exported["groups"] as? NSArray, ranked["groups"] as? NSArray, "the ranking JSON's groups are rank --format json's")
        let audit = try XCTUnwrap(exported["audit"] as? [String: Any], "the export carries the audit log's head")
        let verified = run("audit", folder + "/ws", "--verify", "--anchor", "\(audit["entries"] ?? 0):\(audit["head"] ?? "")")
        XCTAssertEqual(verified.code, 0, verified.err)
        XCTAssertEqual(run("export", folder + "/ws", "--what", "ranking", "--format", "json", "--out", json).code, 2, "no overwrite")
        XCTAssertEqual(run("export", folder + "/ws", "--what", "ranking", "--format", "csv", "--out", json, "--force").code, 0)
        XCTAssertEqual(FileManager.default.contents(atPath: json)?.prefix(3).map { $0 }, [0xEF, 0xBB, 0xBF], "UTF-8 with BOM")
        XCTAssertEqual(run("export", folder + "/ws", "--what", "roster", "--format", "md", "--out", folder + "/roster.md").code, 0)
        XCTAssertTrue(try String(contentsOfFile: folder + "/roster.md", encoding: .utf8).contains("| 序号 | 平台名称 | 平台类型 | 牵头申报单位 | 联系人 | 联系方式(手机) | 联合申报单位 |"))
        XCTAssertEqual(run("export", folder + "/ws", "--what", "roster", "--format", "html", "--out", folder + "/no/such/dir/r.html").code, 2)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains("partial") }
        XCTAssertEqual(leftovers, [])
    }

    /// Changes the workspace database with Python's sqlite3, as someone bypassing iipeval would.
    func editBehindTheBack(_ sql: String, file: StaticString = #filePath, line: UInt = #line) {
        let edited = CommandRunner.program(["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()",
                                            folder + "/ws/workspace.sqlite", sql])
        XCTAssertEqual(edited.code, 0, edited.err, file: file, line: line)
    }

    func testAuditVerifyExitCodes() throws {
        makeWorkspace()
        let intact = run("audit", folder + "/ws", "--verify")
        XCTAssertEqual(intact.code, 0)
        XCTAssertTrue(intact.out.contains("intact"))
        XCTAssertTrue(run("audit", folder + "/ws").out.contains("dossier.import"))
        // Edit one entry behind iipeval's back.
        editBehindTheBack("UPDATE audit SET subject='X' WHERE seq=2")
        let broken = run("audit", folder + "/ws", "--verify")
        XCTAssertEqual(broken.code, 1)
        XCTAssertTrue(broken.err.contains("audit entry 2"), broken.err)
    }

    func testAnImportedScoreFileIsKeptAndItsChangeIsFound() throws {
        makeWorkspace()
        write("expert,dossier,stage,item,points,comment\nE1,I1,written,basic.device,12,\n", to: "a.csv")
        XCTAssertEqual(run("scores", "import", folder + "/ws", folder + "/a.csv").code, 0)
        XCTAssertTrue(run("audit", folder + "/ws").out.contains("scores.import"), "one entry names the file")
        XCTAssertEqual(run("audit", folder + "/ws", "--verify").code, 0)
        // The file is kept compressed: any change to its bytes no longer gives the imported text.
        editBehindTheBack("UPDATE score_import SET content = substr(content, 1, length(content) - 5) || x'0000000000'")
        let verified = run("audit", folder + "/ws", "--verify")
        XCTAssertEqual(verified.code, 1)
        XCTAssertTrue(verified.err.contains("was changed after it was imported"), verified.err)
    }

    func testCommandsOnAMissingWorkspaceExitTwo() {
        let outcome = run("rank", folder + "/none")
        XCTAssertEqual(outcome.code, 2)
        XCTAssertTrue(outcome.err.contains("not a workspace"))
        XCTAssertEqual(outcome.err.split(separator: "\n").count, 1, "one clear line")
    }
}
