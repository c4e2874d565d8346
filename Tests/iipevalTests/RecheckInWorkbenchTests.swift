import Foundation
import TestSupport
import XCTest

/// 复核 from the workbench, in a real terminal: E05, whose defence score of GD2018-012 is far
/// below the panel's, signs the stage and is told the deviation is due; `R` on the dossier
/// confirms it with a reason (Chinese, 80×24) or reopens the stage to correct it (English,
/// 200×60), and the chair's panel screen shows where it stands.
final class RecheckInWorkbenchTests: SampleRoundTerminalTestCase {
    override var scored: Bool { true }

    func state(_ expert: String = "E05") -> String? {
        let out = CommandRunner.run(["recheck", "list", folder + "/ws", "--format", "json"]).out
        let items = (CommandRunner.json(out) as? [String: Any])?["rechecks"] as? [[String: Any]] ?? []
        return items.first { $0["expert"] as? String == expert && $0["dossier"] as? String == "GD2018-012" }?["state"] as? String
    }

    func openAsE05(_ language: String, _ width: Int, _ height: Int) {
        XCTAssertTrue(terminal.start("\(CommandRunner.binary) open \(folder)/ws --expert E05 --lang \(language); sleep 60",
                                     width: width, height: height), "tmux runs")
    }

    func testAnExpertConfirmsThenCorrectsADeviationAndTheChairSeesIt() throws {
        XCTAssertEqual(CommandRunner.run(["declare", folder + "/ws", "--expert", "E05"]).code, 0)
        // Chinese at 80×24: signing the defence names the deviation due; R, y and a reason confirm it.
        openAsE05("zh", 80, 24)
        terminal.expect("评审台 · 申报材料", "zh list")
        terminal.send(["2", "S"])
        terminal.expect("签署「专家答辩」", "zh sign asks")
        terminal.send(["y"])
        terminal.expect("有 1 项偏离需要复核：GD2018-012", "zh due after signing")
        terminal.send(["/", "0", "1", "2", "Enter", "Enter"])
        terminal.expect("偏离：本人 49.50 / 专家组 86.17 · 待复核", "zh the deviation on the review screen")
        terminal.send(["R"])
        terminal.expect("4 评分畸高畸低", "zh the grounds, whole")
        terminal.assertFits(80, 24, "zh 复核 question")
        terminal.send(["y"])
        terminal.expect("确认原分的理由", "zh the reason asked")
        terminal.send(["Enter"])
        XCTAssertEqual(state(), "open", "an empty reason confirms nothing")
        terminal.send(["-l", "现场演示与申报不符"])
        terminal.send(["Enter"])
        terminal.expect("已确认原分，本阶段已重新签字（第 2 版）", "zh confirmed")
        XCTAssertEqual(state(), "confirmed")
        terminal.send(["q"])
        terminal.end()

        // English at 200×60: R then 4 reopens the stage for GD2018-012 alone; new points, S, y end it.
        openAsE05("en", 200, 60)
        terminal.expect("iipeval · Dossiers", "en list")
        terminal.send(["2", "/", "0", "1", "2", "Enter", "Enter"])
        terminal.expect("Deviation: yours 49.50 / panel 86.17 · confirmed · R", "en the confirmed deviation")
        terminal.send(["R", "4"])
        terminal.expect("The stage is reopened to correct GD2018-012", "en correcting")
        XCTAssertEqual(state(), "correcting")
        terminal.send(["g", "1", "8", "Enter"])
        terminal.expect("57.50", "en the corrected total")
        terminal.send(["S"])
        terminal.expect("Sign Defence", "en sign asks")
        terminal.send(["y"])
        terminal.expect("Defence signed (revision 3)", "en signed again")
        XCTAssertEqual(state(), "corrected")
        terminal.send(["q"])
        terminal.end()

        // The chair's panel screen: the deviation with its state and ground.
        XCTAssertTrue(terminal.start("\(CommandRunner.binary) open \(folder)/ws --expert E01; sleep 60", width: 100, height: 30), "tmux runs")
        terminal.expect("评审台 · 申报材料", "chair list")
        terminal.send(["p"])
        terminal.expect("[已更正：评分畸高畸低]", "the chair sees the correction")
    }
}
