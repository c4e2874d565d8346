import Foundation
import TestSupport
import XCTest

/// The real binary in a real terminal (tmux): open, navigate, score two items, quit,
/// reopen and see them (SPEC §8, §9).
final class WorkbenchEndToEndTests: TerminalTestCase {
    override var declared: Bool { false }

    func screen() -> String { terminal.screen() }

    func waitUntilGone(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        if !terminal.waitUntilGone(text) { XCTFail("the screen still shows \(text):\n\(screen())", file: file, line: line) }
    }

    func keys(_ keys: String...) {
        terminal.send(keys)
        usleep(150_000)
    }

    func openWorkbench() {
        XCTAssertTrue(terminal.start("\(CommandRunner.binary) open \(folder)/ws --expert E1; sleep 30"), "tmux runs")
        waitFor("评审台")
    }

    func testScoreTwoItemsQuitReopenAndSeeThem() {
        openWorkbench()
        // First opening: the pledge and conflict declaration, signed with Enter and confirmed with y.
        waitFor("诚信承诺与回避声明")
        keys("Enter")
        waitFor("签署后不能更改")
        keys("y")
        waitFor("评审台 · 申报材料")
        keys("Enter")
        waitFor("评分 · GD-A")
        keys("1", "2", ".", "5", "Enter")
        waitFor("已保存")
        keys("9", "Enter")
        waitFor("9/15")
        keys("q")
        waitUntilGone("评审台")  // the workbench has ended and given the terminal back
        terminal.end()

        openWorkbench()
        waitFor("评审台 · 申报材料")  // declared once: not asked again
        keys("Enter")
        waitFor("评分 · GD-A")
        let shown = screen()
        XCTAssertTrue(shown.contains("12.5/15"), shown)
        XCTAssertTrue(shown.contains("9/15"), shown)
        XCTAssertTrue(shown.contains("进度 2/"), shown)
        keys("q")

        let exported = CommandRunner.run(["scores", "export", folder + "/ws"]).out
        XCTAssertTrue(exported.contains("E1,GD-A,written,basic.device,12.5,"))
        XCTAssertTrue(exported.contains("E1,GD-A,written,basic.software,9,"))
        XCTAssertTrue(CommandRunner.run(["audit", folder + "/ws"]).out.contains("declare"))
    }
}
