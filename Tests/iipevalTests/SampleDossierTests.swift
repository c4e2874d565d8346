import TestSupport
import XCTest

/// The shipped sample set: validate reports exactly the problems SampleDossiers/README.md
/// documents, and init + import + rank runs end to end with both caps biting.
final class SampleDossierTests: XCTestCase {
    let samples = CommandRunner.repository + "/SampleDossiers"

    func testValidateReportsExactlyTheDocumentedProblems() throws {
        let outcome = CommandRunner.run(["validate", samples, "--format", "json"])
        XCTAssertEqual(outcome.code, 1, outcome.err)
        let json = try XCTUnwrap(CommandRunner.json(outcome.out) as? [String: Any])
        let dossiers = try XCTUnwrap(json["dossiers"] as? [[String: Any]])
        XCTAssertEqual(dossiers.count, 30, "panel.yaml beside the dossiers is not taken for one")
        var found: Set<String> = []
        for dossier in dossiers {
            for problem in dossier["problems"] as? [[String: Any]] ?? [] {
                found.insert("\(dossier["id"] as? String ?? "-") \(problem["code"] as? String ?? "-")")
            }
        }
        XCTAssertEqual(found, [
            "GD2018-006 W-CLAIM", "GD2018-007 W-LATE", "GD2018-008 E-CREDIT-CODE", "GD2018-009 W-LENGTH",
            "GD2018-009 W-EVIDENCE", "GD2018-021 E-QUOTA", "GD2018-022 E-QUOTA", "GD2018-023 E-QUOTA",
            "GD2018-022 E-ATTESTATION", "GD2018-023 E-AT-LEAST-ONE", "GD2018-024 E-DUP-LEAD", "GD2018-025 E-DUP-LEAD",
            "GD2018-026 E-NOT-GD",
        ])
    }

    func testSampleScoresRankWithBothCapsBiting() throws {
        let folder = DossierFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ws = folder + "/ws"
        XCTAssertEqual(CommandRunner.run(["init", ws, "--dossiers", samples, "--panel", samples + "/panel.yaml"]).code, 0)
        let imported = CommandRunner.run(["scores", "import", ws, samples + "/sample-scores.csv"])
        XCTAssertEqual(imported.code, 0, imported.err)
        let ranked = CommandRunner.run(["rank", ws, "--format", "json"])
        let json = try XCTUnwrap(CommandRunner.json(ranked.out) as? [String: Any])
        let groups = try XCTUnwrap(json["groups"] as? [[String: Any]])
        for (group, cap) in zip(groups, [5, 10]) {
            let statuses = (group["entries"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
            XCTAssertEqual(statuses.filter { $0 == "selected" }.count, cap)
            XCTAssertTrue(statuses.contains("not_selected"), "the cap bites")
        }
        XCTAssertTrue(ranked.out.contains("deviation:defence:E05"))
        XCTAssertTrue(ranked.out.contains("below_threshold"))
        // E07's sheets are empty for the demo user.
        XCTAssertEqual(CommandRunner.run(["scores", "export", ws, "--expert", "E07"]).out,
                       "expert,dossier,stage,item,points,comment\n")
    }
}
