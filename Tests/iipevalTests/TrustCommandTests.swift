import Foundation
import TestSupport
import XCTest
@testable import IIPCore

/// Issue 10 through the binary: keys and signatures, names that become paths, the audit
/// log's anchors — each attack refused with one clear line and exit 1 or 2, nothing lost.
final class TrustCommandTests: LaptopsTestCase {
    // MARK: - Names that become paths

    func testAnExpertIDThatIsAPathIsRefusedBeforeAnyFileIsMade() throws {
        initWorkspace("ws")
        let attempts: [[String]] = [
            ["key", "show", "--expert", "../../x"],
            ["sheet", "sign", folder + "/ws", "--expert", "../../x", "--stage", "written"],
            ["sheet", "export", folder + "/ws", "--expert", "../x", "--stage", "written", "--out", folder + "/x.iipsheet"],
            ["declare", folder + "/ws", "--expert", "a/b"],
        ]
        for arguments in attempts {
            let outcome = run(arguments)
            XCTAssertEqual(outcome.code, 2, "\(arguments)")
            XCTAssertTrue(outcome.err.contains("is not an expert id"), outcome.err)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/home-chair/x.ed25519"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/x.ed25519"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/home-chair/iipeval/x.ed25519"))
    }

    func testAKeyOthersCanReadIsWarnedAbout() throws {
        let made = run(["key", "show", "--expert", "E2"], as: "e2")
        XCTAssertEqual(made.code, 0)
        XCTAssertFalse(made.err.contains("warning"), made.err)
        let path = folder + "/home-e2/iipeval/keys/E2.ed25519"
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int, 0o600)
        XCTAssertEqual(chmod(path, 0o644), 0)
        let shown = run(["key", "show", "--expert", "E2"], as: "e2")
        XCTAssertEqual(shown.code, 0)
        XCTAssertTrue(shown.err.contains("warning") && shown.err.contains("chmod 600"), shown.err)
    }

    // MARK: - Keys

    /// The panel file names E2's key: a stranger's sheet for E2 is refused with its
    /// fingerprint, and cannot lock the real E2 out; E2's own sheet goes in.
    func testAStrangersKeyCannotSignForAnExpert() throws {
        let real = fingerprint("E2", on: "e2")
        let panel = try String(contentsOfFile: folder + "/panel.yaml", encoding: .utf8)
            .replacingOccurrences(of: "affiliation: 某协会, stages: [written, defence, site, test], conflicts: []}",
                                  with: "affiliation: 某协会, stages: [written, defence, site, test], conflicts: [], key: \"\(real)\"}")
        write(panel, to: "panel.yaml")
        initWorkspace("chair")
        for (home, name) in [("e2", "laptop"), ("stranger", "forgery")] {
            initWorkspace(name)
            write(scoreFile("E2", percent: home == "e2" ? 80 : 10), to: "\(name).csv")
            XCTAssertEqual(run(["scores", "import", folder + "/" + name, folder + "/\(name).csv"], as: home).code, 0)
            XCTAssertEqual(run(["sheet", "sign", folder + "/" + name, "--expert", "E2", "--stage", "written"], as: home).code, 0)
            XCTAssertEqual(run(["sheet", "export", folder + "/" + name, "--expert", "E2", "--stage", "written",
                                "--out", folder + "/\(name).iipsheet"], as: home).code, 0)
        }
        let forged = run(["sheet", "import", folder + "/chair", folder + "/forgery.iipsheet"])
        XCTAssertEqual(forged.code, 1)
        XCTAssertEqual(forged.err.split(separator: "\n").count, 1, "one line: \(forged.err)")
        XCTAssertTrue(forged.err.contains("unknown key") && forged.err.contains(fingerprint("E2", on: "stranger")), forged.err)
        let genuine = run(["sheet", "import", folder + "/chair", folder + "/laptop.iipsheet"])
        XCTAssertEqual(genuine.code, 0, genuine.err)
        XCTAssertEqual(run(["scores", "export", folder + "/chair", "--expert", "E2"]).out,
                       run(["scores", "export", folder + "/laptop", "--expert", "E2"]).out, "E2's own sheet is what the chair has")
    }

    /// The chair reopens E2's imported sheet, changes it and signs it here: the documents
    /// say that this signature is not E2's; E2's own stays the only one that counts as theirs.
    func testTheChairCannotSignForAnExpert() throws {
        initWorkspace("laptop")
        initWorkspace("chair")
        write(scoreFile("E2", percent: 80), to: "e2.csv")
        XCTAssertEqual(run(["scores", "import", folder + "/laptop", folder + "/e2.csv"], as: "e2").code, 0)
        XCTAssertEqual(run(["sheet", "sign", folder + "/laptop", "--expert", "E2", "--stage", "written"], as: "e2").code, 0)
        XCTAssertEqual(run(["sheet", "export", folder + "/laptop", "--expert", "E2", "--stage", "written", "--out", folder + "/e2.iipsheet"],
                           as: "e2").code, 0)
        XCTAssertEqual(run(["key", "trust", folder + "/chair", "--expert", "E2", "--fingerprint", fingerprint("E2", on: "e2"),
                            "--reason", "与签字承诺书一致"]).code, 0)
        XCTAssertEqual(run(["sheet", "import", folder + "/chair", folder + "/e2.iipsheet"]).code, 0)
        XCTAssertEqual(run(["export", folder + "/chair", "--what", "sheets", "--format", "json", "--out", folder + "/before"]).code, 0)
        let before = try String(contentsOfFile: folder + "/before/E2.json", encoding: .utf8)
        XCTAssertTrue(before.contains("专家本人密钥签名的评分表文件"), before)

        XCTAssertEqual(run(["sheet", "reopen", folder + "/chair", "--expert", "E2", "--stage", "written", "--reason", "主任修改"]).code, 0)
        write(scoreFile("E2", percent: 20), to: "chair.csv")
        XCTAssertEqual(run(["scores", "import", folder + "/chair", folder + "/chair.csv"]).code, 0)
        let signed = run(["sheet", "sign", folder + "/chair", "--expert", "E2", "--stage", "written"])
        XCTAssertEqual(signed.code, 0)
        XCTAssertTrue(signed.out.contains("NOT the key trusted for E2"), signed.out)
        XCTAssertEqual(run(["export", folder + "/chair", "--what", "sheets", "--format", "json", "--out", folder + "/after"]).code, 0)
        let after = try String(contentsOfFile: folder + "/after/E2.json", encoding: .utf8)
        XCTAssertTrue(after.contains("不能证明为专家本人签署"), after)
        XCTAssertFalse(after.contains("以专家本人受信任的密钥签署"))
        XCTAssertEqual(run(["export", folder + "/chair", "--what", "summary", "--format", "csv", "--out", folder + "/summary.csv"]).code, 0)
        let summary = try String(contentsOfFile: folder + "/summary.csv", encoding: .utf8)
        XCTAssertTrue(summary.contains("第2版 非专家密钥签署（本工作区）"), summary)
        // The chair's re-signed sheet cannot pass as E2's anywhere else either.
        let out = run(["sheet", "export", folder + "/chair", "--expert", "E2", "--stage", "written", "--out", folder + "/fake.iipsheet"])
        XCTAssertEqual(out.code, 0)
        initWorkspace("third")
        XCTAssertEqual(run(["key", "trust", folder + "/third", "--expert", "E2", "--fingerprint", fingerprint("E2", on: "e2"),
                            "--reason", "与签字承诺书一致"]).code, 0)
        let refused = run(["sheet", "import", folder + "/third", folder + "/fake.iipsheet"])
        XCTAssertEqual(refused.code, 1)
        XCTAssertTrue(refused.err.contains("unknown key"), refused.err)
    }

    // MARK: - Audit

    func testAuditVerifyFindsAScoreChangedBehindItsBackAndChecksPrintedHeads() throws {
        initWorkspace("ws")
        write(scoreFile("E1", percent: 50), to: "s.csv")
        XCTAssertEqual(run(["scores", "import", folder + "/ws", folder + "/s.csv"]).code, 0)
        XCTAssertEqual(run(["export", folder + "/ws", "--what", "ranking", "--format", "md", "--out", folder + "/r.md"]).code, 0)
        let printed = try String(contentsOfFile: folder + "/r.md", encoding: .utf8)
        let anchor = try XCTUnwrap(printed.range(of: "--anchor ").map { printed[$0.upperBound...].prefix { !$0.isWhitespace && $0 != "）" } })
        XCTAssertEqual(run(["audit", folder + "/ws", "--verify", "--anchor", String(anchor)]).code, 0)
        XCTAssertEqual(run(["audit", folder + "/ws", "--verify", "--anchor", "1:0000000000000000"]).code, 1, "a head the log never had")
        let edited = CommandRunner.program(["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()",
                                            folder + "/ws/workspace.sqlite",
                                            "UPDATE score SET points='15' WHERE expert='E1' AND item='basic.device'"])
        XCTAssertEqual(edited.code, 0, edited.err)
        let verify = run(["audit", folder + "/ws", "--verify"])
        XCTAssertEqual(verify.code, 1)
        XCTAssertTrue(verify.err.contains("E1/I1/written/basic.device is 15 in the workspace"), verify.err)
    }
}
