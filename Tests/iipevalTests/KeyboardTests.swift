import Foundation
import TestSupport
import TextWidth
import XCTest

/// Issue 6, input at the keyboard: a held key, a long paste, a terminal resized again and
/// again, Ctrl-Z and `fg` from a shell — the workbench stays consistent and saves.
final class KeyboardTests: TerminalTestCase {
    /// The frame is laid out for `width`×`height`: the title on the first row, the key line
    /// on the last, and no row wider than the terminal (a frame drawn for another size would
    /// wrap, tear, or leave its key line elsewhere).
    func assertFits(width: Int, height: Int, file: StaticString = #filePath, line: UInt = #line) {
        let rows = terminal.screen().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let shown = rows.joined(separator: "\n")
        XCTAssertTrue(rows.first?.contains("评审台") == true, shown, file: file, line: line)
        let drawn = rows.prefix(height)
        XCTAssertEqual(drawn.count, height, shown, file: file, line: line)
        for row in drawn { XCTAssertLessThanOrEqual(DisplayWidth.of(row), width, row, file: file, line: line) }
        XCTAssertTrue(drawn.last?.contains("Enter") == true || drawn.last?.contains("q") == true,
                      "the key line is on the last row: \(shown)", file: file, line: line)
    }

    func testHeldKeysPasteResizeAndSuspendKeepTheWorkbenchConsistent() throws {
        XCTAssertTrue(terminal.start("env PS1='$ ' bash --norc --noprofile", width: 100, height: 30), "tmux runs")
        terminal.send(["\(CommandRunner.binary) open \(folder)/ws --expert E1", "Enter"])
        waitFor("评审台 · 申报材料")

        // A held key: hundreds of repeats at once; the cursor stays on the list.
        terminal.send(Array(repeating: "j", count: 300))
        terminal.send(Array(repeating: "k", count: 300))
        terminal.send(["Enter"])
        waitFor("评分 · GD-A")

        // A long paste into the comment (3,000 characters, Chinese and Latin), then saved: the
        // first 2,000 are kept, as many as the workspace keeps, and the editor said so.
        let pasted = String(repeating: "评语ab", count: 750)
        terminal.send(["c"])
        terminal.tmux(["send-keys", "-t", terminal.name, "-l", pasted])
        terminal.send(["Enter"])
        waitFor("已保存")

        // Resized again and again, ending at 120×40: the frame follows.
        for (width, height) in [(90, 26), (130, 45), (80, 24), (110, 35), (120, 40)] {
            terminal.tmux(["resize-window", "-t", terminal.name, "-x", String(width), "-y", String(height)])
        }
        // The last size's frame, once the workbench has drawn it (a paste may still be handled).
        for _ in 0..<50 where terminal.screen().split(separator: "\n", omittingEmptySubsequences: false).count < 40
            || !(terminal.screen().split(separator: "\n", omittingEmptySubsequences: false).prefix(40).last?.contains("Enter") ?? false) {
            usleep(100_000)
        }
        assertFits(width: 120, height: 40)
        waitFor("评分 · GD-A")

        // Ctrl-Z gives the shell back; fg brings the workbench back whole.
        terminal.send(["C-z"])
        waitFor("Stopped")
        terminal.send(["fg", "Enter"])
        waitFor("评分 · GD-A")
        terminal.send(["1", "2", "Enter"])
        waitFor("12/15")
        terminal.send(["q"])
        waitFor("$ ")

        let exported = CommandRunner.run(["scores", "export", folder + "/ws"]).out
        XCTAssertTrue(exported.contains("E1,GD-A,written,basic.device,12,"), exported)
        let kept = String(pasted.prefix(2000))
        XCTAssertTrue(exported.contains("," + kept + "\n"), "the paste is kept up to the comment's limit")
        XCTAssertEqual(CommandRunner.run(["audit", folder + "/ws", "--verify"]).code, 0)
    }

    func testANonUTF8LocaleStillShowsChinese() {
        XCTAssertTrue(terminal.start("env LANG=C LC_ALL=C \(CommandRunner.binary) open \(folder)/ws --expert E1"), "tmux runs")
        waitFor("评审台 · 申报材料")
        waitFor("测试家电工业互联网平台")
    }
}
