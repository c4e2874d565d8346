import Foundation
import TestSupport
import XCTest

/// The pledge (诚信承诺与回避声明) made on the expert's laptop travels inside their signed
/// sheet: the chair's printed sheets say when it was signed, and a conflict declared there
/// is known at the chair's, so the sheet without that dossier is whole. A pledge declared
/// again later does not change what was signed.
final class PledgeTravelsTests: LaptopsTestCase {
    override var dossierIDs: [String] { ["I1", "I2"] }
    override var panelStages: String { "[written]" }

    func testThePledgeMadeOnTheLaptopReachesTheChair() throws {
        initWorkspace("laptop")
        initWorkspace("chair")
        XCTAssertEqual(run(["declare", folder + "/laptop", "--expert", "E2", "--conflict", "I2"], as: "e2").code, 0)
        write(scoreFile("E2", percent: 70), to: "e2.csv")
        XCTAssertEqual(run(["scores", "import", folder + "/laptop", folder + "/e2.csv"], as: "e2").code, 0)
        XCTAssertEqual(run(["sheet", "sign", folder + "/laptop", "--expert", "E2", "--stage", "written"], as: "e2").code, 0)
        // Declared again afterwards: the signed sheet keeps the pledge it was signed with.
        XCTAssertEqual(run(["declare", folder + "/laptop", "--expert", "E2"], as: "e2").code, 0)
        let sheet = folder + "/e2.iipsheet"
        let exported = run(["sheet", "export", folder + "/laptop", "--expert", "E2", "--stage", "written", "--out", sheet], as: "e2")
        XCTAssertEqual(exported.code, 0, exported.err)
        let text = try String(contentsOfFile: sheet, encoding: .utf8)
        XCTAssertTrue(text.contains("\"pledge\"") && text.contains("\"I2\""), text)

        XCTAssertEqual(run(["key", "trust", folder + "/chair", "--expert", "E2", "--fingerprint", fingerprint("E2", on: "e2"),
                            "--reason", "与纸质承诺书一致"]).code, 0)
        let imported = run(["sheet", "import", folder + "/chair", sheet])
        XCTAssertEqual(imported.code, 0, "the conflict with I2 is known at the chair's: \(imported.err)")
        XCTAssertEqual(run(["export", folder + "/chair", "--what", "sheets", "--format", "json", "--out", folder + "/printed"]).code, 0)
        let printed = try String(contentsOfFile: folder + "/printed/E2.json", encoding: .utf8)
        XCTAssertTrue(printed.contains("诚信承诺与回避声明：已于") && printed.contains("回避：I2"), printed)
        XCTAssertTrue(run(["audit", folder + "/chair"]).out.contains("pledge signed; conflicts: I2"))

        // A pledge naming a dossier the chair's workspace does not have is refused, not half taken.
        write(text.replacingOccurrences(of: "\"I2\"\n", with: "\"I9\"\n"), to: "forged.iipsheet")
        XCTAssertEqual(run(["sheet", "import", folder + "/chair", folder + "/forged.iipsheet"]).code, 1)
    }
}
