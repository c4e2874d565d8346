import Foundation
import TestSupport
import XCTest
@testable import IIPCore

/// Issue 12: an expert (not the chair) scores a whole sheet, signs the stage and exports their
/// own sheet without leaving the workbench — seeing only their own work until they sign.
final class SignInWorkbenchTests: TerminalTestCase {
    override var moreExperts: [String] { ["- {id: E2, name: 林某, affiliation: 某研究院, stages: [written], conflicts: []}"] }

    func testAnExpertScoresSignsAndExportsTheirOwnSheetInTheWorkbench() throws {
        XCTAssertEqual(CommandRunner.run(["declare", folder + "/ws", "--expert", "E2"]).code, 0)
        XCTAssertTrue(terminal.start("env XDG_CONFIG_HOME=\(folder)/home \(CommandRunner.binary) open \(folder)/ws --expert E2; sleep 30"),
                      "tmux runs")
        waitFor("评审台 · 申报材料")
        XCTAssertTrue(terminal.screen().contains("我的分"), terminal.screen())
        terminal.send(["r"])
        waitFor("签署本人全部评审阶段后")

        // The whole written sheet of an industry platform: Enter, then points and Enter per item.
        let items = try Rubric.builtIn.get().stage(.written)!.items(for: .industry)
        var keys = ["Enter"]
        for _ in items { keys += ["1", "Enter"] }
        keys.append("Escape")
        terminal.send(["Enter"])
        waitFor("评分 · GD-A")
        for _ in items { terminal.send(["1", "Enter"]) }
        waitFor("进度 \(items.count)/\(items.count)")
        terminal.send(["Escape"])
        waitFor("评审台 · 申报材料")
        XCTAssertLessThanOrEqual(keys.count, 45, "a 14-item sheet from the list and back")

        // S: asked once, then signed; the panel's results may show now.
        terminal.send(["S"])
        waitFor("1 份评分表将锁定")
        terminal.send(["y"])
        waitFor("已签署「书面评审」")
        terminal.send(["r"])
        waitFor("评审台 · 排名")
        terminal.send(["Escape", "e"])
        waitFor("导出文档")
        terminal.send(["Enter"])
        waitFor("已导出")
        terminal.send(["q"])

        let exported = try FileManager.default.contentsOfDirectory(atPath: folder + "/ws/exports/专家评分表-html")
        XCTAssertEqual(exported, ["E2.html"], "their own sheet only")
        XCTAssertTrue(CommandRunner.run(["audit", folder + "/ws"]).out.contains("sheet.sign"))
    }
}
