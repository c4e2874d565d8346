import IIPCore
import TestSupport
import XCTest

/// SPEC §9 through the built binary: text from dossiers, panel files and score files is
/// untrusted — refused where it cannot be a name, never a formula or a control sequence
/// where it is shown — and a score file of any size is answered in lines one can read.
extension CommandLineTests {
    /// A workspace of one industry dossier, I1, whose platform is named `platform` (YAML
    /// text), and a panel of one expert, E1, on every stage.
    func makeWorkspace(platform: String) {
        write(DossierFixture.yaml(id: "I1").replacingOccurrences(of: "name: 测试家电工业互联网平台", with: "name: " + platform),
              to: "dossiers/I1.yaml")
        write("""
        format: iip-panel/1
        chair: E1
        experts:
          - {id: E1, name: 陈某, affiliation: 某大学, stages: [written, defence, site, test], conflicts: []}
        """, to: "panel.yaml")
        let made = run("init", folder + "/ws", "--dossiers", folder + "/dossiers", "--panel", folder + "/panel.yaml")
        XCTAssertEqual(made.code, 0, made.err)
    }

    // MARK: - formulas

    func testRankCSVPrefixesAPlatformNameThatIsAFormula() throws {
        makeWorkspace(platform: #"'=HYPERLINK("http://x","点此")'"#)
        let ranked = run("rank", folder + "/ws", "--format", "csv")
        XCTAssertEqual(ranked.code, 0, ranked.err)
        let records = try CSV.parse(ranked.out).get()
        let row = try XCTUnwrap(records.first { $0.fields.count > 3 && $0.fields[2] == "I1" })
        XCTAssertEqual(row.fields[3], #"'=HYPERLINK("http://x","点此")"#)
    }

    /// What `scores export` writes, `scores import` reads back as it was: every comment
    /// byte for byte, prefixed in the file where a spreadsheet would run it.
    func testScoresExportAndImportRoundTripCommentsExactly() {
        makeWorkspace()
        let comments = [#"=HYPERLINK("x")"#, "'=x", "'", "-5分", "@SUM(A1)", "\t制表符开头", "line1\nline2", "+1", "-3"]
        let items = rubric.stage(.written)?.items(for: .industry).map(\.id) ?? []
        let scores = comments.enumerated().map { index, comment in
            ItemScore(expert: "E1", dossier: "I1", stage: .written, item: items[index], points: Rational(1), comment: comment)
        }
        let file = ScoreRows.text(scores)
        XCTAssertTrue(file.contains(",'@SUM(A1)\n") && file.contains(",''=x\n") && file.contains(",''\n"), file)
        write(file, to: "scores.csv")
        let imported = run("scores", "import", folder + "/ws", folder + "/scores.csv")
        XCTAssertEqual(imported.code, 0, imported.err)
        let exported = run("scores", "export", folder + "/ws")
        XCTAssertEqual(Array(exported.out.utf8), Array(file.utf8), "the export is the file imported, byte for byte")
        let verified = run("audit", folder + "/ws", "--verify")
        XCTAssertEqual(verified.code, 0, "the kept file agrees with the scores saved: \(verified.err)")
    }

    // MARK: - names

    func testValidateReportsABidirectionalOverrideInANameAsEField() throws {
        write(DossierFixture.yaml(id: "A").replacingOccurrences(of: "name: 测试家电工业互联网平台", with: "name: 测试\u{202E}台平"),
              to: "dossiers/A.yaml")
        let outcome = run("validate", folder + "/dossiers", "--format", "json")
        XCTAssertEqual(outcome.code, 1)
        let json = try XCTUnwrap(CommandRunner.json(outcome.out) as? [String: Any])
        let problems = try XCTUnwrap((json["dossiers"] as? [[String: Any]])?.first?["problems"] as? [[String: Any]])
        XCTAssertEqual(problems.map { $0["code"] as? String }, ["E-FIELD"])
        XCTAssertEqual(problems.first?["field"] as? String, "platform.name")
    }

    // MARK: - what is shown

    /// Text that reached a workspace before names were checked (or a score file's fields)
    /// shows as �, never acting on the terminal: the ranking, validate's report, errors.
    func testTextOutputsNeutraliseControlAndBidirectionalCharacters() {
        makeWorkspace(platform: "\"测\\u202E试\\e[2J平台\"")
        let acting: (String) -> Bool = { text in text.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{1B}" } }
        let ranked = run("rank", folder + "/ws")
        XCTAssertEqual(ranked.code, 0, ranked.err)
        XCTAssertTrue(ranked.out.contains("测\u{FFFD}试\u{FFFD}[2J平台"), ranked.out)
        XCTAssertFalse(acting(ranked.out))
        XCTAssertFalse(acting(run("rank", folder + "/ws", "--format", "csv").out))
        XCTAssertEqual(run("override", folder + "/ws", "I1", "E-FIELD", "--reason", "同意\u{202E}\u{1B}[2J").code, 0)
        let audit = run("audit", folder + "/ws")
        XCTAssertTrue(audit.out.contains("同意\u{FFFD}\u{FFFD}[2J"), audit.out)
        XCTAssertFalse(acting(audit.out))
        try? FileManager.default.createDirectory(atPath: folder + "/v", withIntermediateDirectories: true)
        write(DossierFixture.yaml(id: "V1").replacingOccurrences(of: "city: 佛山", with: "city: \"佛\\u202E山\\e[2J\""), to: "v/V1.yaml")
        let validated = run("validate", folder + "/v")
        XCTAssertEqual(validated.code, 1)
        XCTAssertTrue(validated.out.contains("recommender.city"), validated.out)
        XCTAssertFalse(acting(validated.out), validated.out)
        write("expert,dossier,stage,item,points,comment\n\"E\u{202E}9\nnext\",I1,written,basic.device,1,\n", to: "bad.csv")
        let refused = run("scores", "import", folder + "/ws", folder + "/bad.csv")
        XCTAssertEqual(refused.code, 1)
        XCTAssertFalse(acting(refused.err), refused.err)
        XCTAssertTrue(refused.err.split(separator: "\n").allSatisfy { $0.hasPrefix("iipeval: ") }, "every line is an error line: \(refused.err)")
    }

    // MARK: - many bad rows

    /// A file of many bad rows names the first 100 and counts the rest in one line.
    func testAFileOfManyBadRowsListsTheFirstHundredAndCountsTheRest() {
        makeWorkspace()
        let bad = (1...2_500).map { "E9,I1,written,basic.device,\($0 % 10),第\($0)行" }
        write((["expert,dossier,stage,item,points,comment"] + bad).joined(separator: "\n") + "\n", to: "many.csv")
        let outcome = run("scores", "import", folder + "/ws", folder + "/many.csv")
        XCTAssertEqual(outcome.code, 1)
        let lines = outcome.err.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 102, lines.suffix(3).joined(separator: "\n"))
        XCTAssertTrue(lines[0].hasSuffix("many.csv:2: unknown expert 'E9'"), lines[0])
        XCTAssertTrue(lines[99].contains("many.csv:101:"), lines[99])
        XCTAssertTrue(lines[100].hasSuffix("many.csv: 2400 more bad rows not listed"), lines[100])
        XCTAssertEqual(lines[101], "iipeval: nothing was imported: 2500 bad rows")
    }
}
