import Foundation
import TestSupport
import XCTest
@testable import IIPCore

/// Issue 10: the workbench notices what other processes write to its workspace — a score
/// file imported, a stage signed on the command line — and every screen shows it, while
/// nothing it did not show is ever overwritten.
final class ExternalChangeTests: TerminalTestCase {
    func testTheChairSeesImportsAndSignOffsMadeOnTheCommandLine() throws {
        XCTAssertTrue(terminal.start("env XDG_CONFIG_HOME=\(folder)/home \(CommandRunner.binary) open \(folder)/ws --expert E1; sleep 30"),
                      "tmux runs")
        waitFor("评审台 · 申报材料")
        terminal.send(["p"])
        waitFor("评分进度")
        XCTAssertTrue(terminal.screen().contains("0/1"), terminal.screen())

        // Another process imports E1's whole written sheet and signs the stage.
        let rubric = try Rubric.builtIn.get()
        let rows = rubric.stage(.written)!.items(for: .industry).map { "E1,GD-A,written,\($0.id),\($0.max.description),来自文件" }
        let csv = (["expert,dossier,stage,item,points,comment"] + rows).joined(separator: "\n") + "\n"
        FileManager.default.createFile(atPath: folder + "/s.csv", contents: Data(csv.utf8))
        XCTAssertEqual(CommandRunner.run(["scores", "import", folder + "/ws", folder + "/s.csv"]).code, 0)
        XCTAssertEqual(CommandRunner.run(["sheet", "sign", folder + "/ws", "--expert", "E1", "--stage", "written"],
                                         environment: ["XDG_CONFIG_HOME": folder + "/home"]).code, 0)
        waitFor("1/1 已签字")

        // The list and the review show the imported points, and the stage is read-only.
        terminal.send(["Escape"])
        waitFor("评审台 · 申报材料")
        terminal.send(["Enter"])
        waitFor("评分 · GD-A")
        waitFor("15/15")
        terminal.send(["3"])
        waitFor("本阶段已签字")
        terminal.send(["q"])
        let exported = CommandRunner.run(["scores", "export", folder + "/ws", "--expert", "E1"]).out
        XCTAssertTrue(exported.contains("E1,GD-A,written,basic.device,15,来自文件"), exported)
    }
}
