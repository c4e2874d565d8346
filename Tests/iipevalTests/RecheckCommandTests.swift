import Foundation
import TestSupport
import XCTest
@testable import IIPCore

/// 复核 through the binary, laptop by laptop: a deviation is due once its stage is signed;
/// the expert confirms it (signed again at once) or corrects it (the stage reopens for that
/// dossier alone until signed again); the signed sheet carries the 复核 to the chair, whose
/// list, ranking JSON and documents say where each one stands.
final class RecheckCommandTests: LaptopsTestCase {
    override var dossierIDs: [String] { ["I1", "I2"] }
    override var panelStages: String { "[written]" }

    func fingerprint(_ expert: String) -> String { fingerprint(expert, on: expert) }

    /// The chair's workspace with both experts' sheets signed on their own laptops and imported.
    func signedRound() {
        for name in ["chair", "E1", "E2"] {
            initWorkspace(name)
        }
        for (expert, percent) in [("E1", 90), ("E2", 40)] {
            write(scoreFile(expert, percent: percent, dossiers: ["I1", "I2"]), to: expert + ".csv")
            XCTAssertEqual(run(["scores", "import", folder + "/" + expert, folder + "/\(expert).csv"], as: expert).code, 0)
            XCTAssertEqual(run(["sheet", "sign", folder + "/" + expert, "--expert", expert, "--stage", "written"], as: expert).code, 0)
            exportAndImport(expert, revision: 1)
        }
    }

    /// `expert`'s written sheet from their laptop's workspace into the chair's.
    func exportAndImport(_ expert: String, revision: Int, from workspace: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let sheet = folder + "/\(expert)-\(revision).iipsheet"
        XCTAssertEqual(run(["sheet", "export", workspace ?? folder + "/" + expert, "--expert", expert, "--stage", "written", "--out", sheet],
                           as: expert).code, 0, file: file, line: line)
        if revision == 1 {
            XCTAssertEqual(run(["key", "trust", folder + "/chair", "--expert", expert, "--fingerprint", fingerprint(expert),
                                "--reason", "与签字承诺书一致"]).code, 0, file: file, line: line)
        }
        let imported = run(["sheet", "import", folder + "/chair", sheet])
        XCTAssertEqual(imported.code, 0, imported.err, file: file, line: line)
    }

    /// The chair's 复核 list: (expert, dossier) → state.
    func states(_ workspace: String = "chair") throws -> [String: String] {
        let out = run(["recheck", "list", folder + "/" + workspace, "--format", "json"]).out
        let items = try XCTUnwrap((CommandRunner.json(out) as? [String: Any])?["rechecks"] as? [[String: Any]], out)
        return Dictionary(uniqueKeysWithValues: items.map { ("\($0["expert"]!)/\($0["dossier"]!)", $0["state"] as! String) })
    }

    /// A copy of the chair's merged workspace, handed to an expert for their 复核.
    func copyOfTheChairs(for expert: String) throws -> String {
        let copy = folder + "/copy-" + expert
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: folder + "/chair", toPath: copy)
        return copy
    }

    func testADeviationIsConfirmedOrCorrectedAndTheSheetCarriesIt() throws {
        // Scored, not signed: nothing is due yet. 90% and 40% are each more than 20% away from
        // the panel's 65%, on both dossiers.
        initWorkspace("unsigned")
        for (expert, percent) in [("E1", 90), ("E2", 40)] {
            write(scoreFile(expert, percent: percent, dossiers: ["I1", "I2"]), to: expert + ".csv")
            XCTAssertEqual(run(["scores", "import", folder + "/unsigned", folder + "/\(expert).csv"]).code, 0)
        }
        XCTAssertEqual(try states("unsigned"), [:], "nothing is due before a stage is signed")

        signedRound()
        XCTAssertEqual(try states(), ["E1/I1": "open", "E1/I2": "open", "E2/I1": "open", "E2/I2": "open"])
        let rank = run(["rank", folder + "/chair", "--format", "json"]).out
        XCTAssertTrue(rank.contains("\"rechecks\""), rank)
        XCTAssertTrue(rank.contains("\"state\": \"open\""), rank)

        // E1 confirms I1 on a copy of the chair's workspace: a reason is required, then the stage is signed again.
        let e1 = try copyOfTheChairs(for: "E1")
        let noReason = run(["recheck", "confirm", e1, "--expert", "E1", "--dossier", "I1", "--stage", "written", "--reason", " "], as: "E1")
        XCTAssertNotEqual(noReason.code, 0)
        XCTAssertTrue(noReason.err.contains("--reason"), noReason.err)
        let confirmed = run(["recheck", "confirm", e1, "--expert", "E1", "--dossier", "I1", "--stage", "written",
                             "--reason", "该平台设备接入规模经核实，评分有据"], as: "E1")
        XCTAssertEqual(confirmed.code, 0, confirmed.err)
        XCTAssertTrue(confirmed.out.contains("revision 2"), confirmed.out)
        // Not on the chair's laptop: E1's key is not there.
        let chairTries = run(["recheck", "confirm", folder + "/chair", "--expert", "E1", "--dossier", "I2", "--stage", "written", "--reason", "代签"])
        XCTAssertEqual(chairTries.code, 2, chairTries.err)
        XCTAssertTrue(chairTries.err.contains("no signing key of E1"), chairTries.err)
        exportAndImport("E1", revision: 2, from: e1)
        XCTAssertEqual(try states()["E1/I1"], "confirmed")
        XCTAssertEqual(try states()["E1/I2"], "open")

        // E2 corrects I1 as abnormally low: the stage reopens for I1 alone.
        let e2 = try copyOfTheChairs(for: "E2")
        XCTAssertEqual(run(["recheck", "correct", e2, "--expert", "E2", "--dossier", "I1", "--stage", "written", "--ground", "extreme",
                            "--reason", "漏看了附件中的设备清单"], as: "E2").code, 0)
        XCTAssertEqual(try states("copy-E2")["E2/I1"], "correcting")
        write(scoreFile("E2", percent: 80, dossiers: ["I2"]), to: "E2-I2.csv")
        let elsewhere = run(["scores", "import", e2, folder + "/E2-I2.csv"], as: "E2")
        XCTAssertEqual(elsewhere.code, 1, "only I1 may change: \(elsewhere.out)")
        XCTAssertTrue(elsewhere.err.contains("correction of I1 alone"), elsewhere.err)
        write(scoreFile("E2", percent: 70, dossiers: ["I1"]), to: "E2-I1.csv")
        XCTAssertEqual(run(["scores", "import", e2, folder + "/E2-I1.csv"], as: "E2").code, 0)
        XCTAssertEqual(run(["sheet", "sign", e2, "--expert", "E2", "--stage", "written"], as: "E2").code, 0)
        XCTAssertEqual(try states("copy-E2")["E2/I1"], "corrected")
        exportAndImport("E2", revision: 2, from: e2)
        let chair = try states()
        XCTAssertEqual(chair["E2/I1"], "corrected", "\(chair)")
        XCTAssertEqual(chair["E2/I2"], "open")
        let list = run(["recheck", folder + "/chair"]).out
        XCTAssertTrue(list.contains("corrected  I1 written E2") && list.contains("extreme") && list.contains("漏看了附件中的设备清单"), list)

        // The summary lists each 复核; E2's printed sheet carries theirs.
        XCTAssertEqual(run(["export", folder + "/chair", "--what", "summary", "--format", "csv", "--out", folder + "/summary.csv"]).code, 0)
        let summary = try String(contentsOfFile: folder + "/summary.csv", encoding: .utf8)
        XCTAssertTrue(summary.contains("偏离评分复核"), summary)
        XCTAssertTrue(summary.contains("已更正") && summary.contains("评分畸高畸低；漏看了附件中的设备清单"), summary)
        // E1's confirmed I1 no longer deviates once E2 corrected theirs: nothing is left to explain there.
        XCTAssertTrue(summary.contains("I2,书面评审,E1,89.70,64.70,待复核"), summary)
        XCTAssertFalse(summary.contains("I1,书面评审,E1"), summary)
        XCTAssertEqual(run(["export", folder + "/chair", "--what", "sheets", "--format", "json", "--out", folder + "/sheets"]).code, 0)
        let sheet = try String(contentsOfFile: folder + "/sheets/E2.json", encoding: .utf8)
        XCTAssertTrue(sheet.contains("偏离复核：I1 更正"), sheet)

        // The audit log has each step, by the expert.
        let audit = run(["audit", folder + "/copy-E2"]).out
        XCTAssertTrue(audit.contains("recheck") && audit.contains("correcting extreme"), audit)
    }

    /// The text of E1's sheet signed again with a confirmation of I1 ("有据"), made on a copy of
    /// the chair's workspace.
    func confirmedSheetOfE1() throws -> String {
        signedRound()
        let e1 = try copyOfTheChairs(for: "E1")
        XCTAssertEqual(run(["recheck", "confirm", e1, "--expert", "E1", "--dossier", "I1", "--stage", "written", "--reason", "有据"], as: "E1").code, 0)
        let sheet = folder + "/E1-2.iipsheet"
        XCTAssertEqual(run(["sheet", "export", e1, "--expert", "E1", "--stage", "written", "--out", sheet], as: "E1").code, 0)
        return try String(contentsOfFile: sheet, encoding: .utf8)
    }

    func testASheetWhose复核WasChangedIsTampered() throws {
        let text = try confirmedSheetOfE1()
        XCTAssertTrue(text.contains("\"rechecks\""), text)
        write(text.replacingOccurrences(of: "\"有据\"", with: "\"主任改写的理由\""), to: "E1-forged.iipsheet")
        let refused = run(["sheet", "import", folder + "/chair", folder + "/E1-forged.iipsheet"])
        XCTAssertEqual(refused.code, 1)
        XCTAssertTrue(refused.err.contains("tampered"), refused.err)
        XCTAssertEqual(try states()["E1/I1"], "open")
    }

    /// A confirmation holds for the score it confirmed: changed after a reopen, it is due again.
    func testAConfirmationDoesNotOutliveItsScore() throws {
        signedRound()
        let e1 = try copyOfTheChairs(for: "E1")
        XCTAssertEqual(run(["recheck", "confirm", e1, "--expert", "E1", "--dossier", "I1", "--stage", "written", "--reason", "有据"], as: "E1").code, 0)
        XCTAssertEqual(try states("copy-E1")["E1/I1"], "confirmed")
        let reopened = run(["sheet", "reopen", e1, "--expert", "E1", "--stage", "written", "--reason", "主任委员重新开启"])
        XCTAssertEqual(reopened.code, 0, reopened.err)
        write(scoreFile("E1", percent: 95, dossiers: ["I1"]), to: "E1-I1.csv")
        XCTAssertEqual(run(["scores", "import", e1, folder + "/E1-I1.csv"], as: "E1").code, 0)
        XCTAssertEqual(run(["sheet", "sign", e1, "--expert", "E1", "--stage", "written"], as: "E1").code, 0)
        XCTAssertEqual(try states("copy-E1")["E1/I1"], "open")
        let refused = run(["recheck", "correct", e1, "--expert", "E1", "--dossier", "I9", "--stage", "written", "--ground", "extreme"], as: "E1")
        XCTAssertEqual(refused.code, 2)
        XCTAssertTrue(refused.err.contains("no recheck is due"), refused.err)
    }

    /// Only the expert's own key reopens their signed sheet for a correction; a correction
    /// that changes nothing is none (the score is due again); a confirmation under another
    /// key than the one trusted for them is refused.
    func testACorrectionNeedsTheExpertsKeyAndAChange() throws {
        signedRound()
        let stranger = run(["recheck", "correct", folder + "/chair", "--expert", "E2", "--dossier", "I1", "--stage", "written",
                            "--ground", "extreme"])
        XCTAssertEqual(stranger.code, 2)
        XCTAssertTrue(stranger.err.contains("no signing key of E2"), stranger.err)
        XCTAssertEqual(try states()["E2/I1"], "open", "nothing was reopened")

        // On the chair's laptop a key made for E2 there is not the one trusted for E2.
        XCTAssertEqual(run(["key", "show", "--expert", "E2"]).code, 0)
        let forged = run(["recheck", "confirm", folder + "/chair", "--expert", "E2", "--dossier", "I1", "--stage", "written", "--reason", "代签"])
        XCTAssertEqual(forged.code, 2)
        XCTAssertTrue(forged.err.contains("not the one trusted"), forged.err)

        // E2 reopens I1 for a correction and signs again without changing it: due again.
        let e2 = try copyOfTheChairs(for: "E2")
        XCTAssertEqual(run(["recheck", "correct", e2, "--expert", "E2", "--dossier", "I1", "--stage", "written", "--ground", "sum_error"],
                           as: "E2").code, 0)
        XCTAssertEqual(run(["sheet", "sign", e2, "--expert", "E2", "--stage", "written"], as: "E2").code, 0)
        XCTAssertEqual(try states("copy-E2")["E2/I1"], "open")
    }

    /// A record read from a sheet must say exactly what was signed: a ground on a
    /// confirmation is refused, not dropped.
    func testARecheckWithAForgedGroundIsRefused() throws {
        let text = try confirmedSheetOfE1()
        write(text.replacingOccurrences(of: "\"ground\": null", with: "\"ground\": \"sum_error\""), to: "E1-ground.iipsheet")
        let refused = run(["sheet", "import", folder + "/chair", folder + "/E1-ground.iipsheet"])
        XCTAssertEqual(refused.code, 1)
        XCTAssertTrue(refused.err.contains("recheck is malformed"), refused.err)
    }
}
