import Foundation
import TestSupport
import TextWidth
import XCTest

/// Issue 12 in a real terminal, in both languages at 80×24 and 200×60: an expert who has not
/// signed sees their own score column, is told why the ranking waits, is told which sheets
/// signing needs, reads the whole help, and every frame fits the terminal.
final class LanguagesAndSizesTests: TerminalTestCase {
    override var moreExperts: [String] { ["- {id: E2, name: 林某, affiliation: 某研究院, stages: [written], conflicts: []}"] }

    struct Words {
        let myScore, rankingWaits, incomplete, help, quitHelp: String
    }

    let words: [String: Words] = [
        "zh": Words(myScore: "我的分", rankingWaits: "签署本人全部评审阶段后", incomplete: "份评分表未完成", help: "帮助 · 按键", quitHelp: "退出"),
        "en": Words(myScore: "Mine", rankingWaits: "once you have signed every stage", incomplete: "incomplete sheets", help: "Help · keys",
                    quitHelp: "quit"),
    ]

    func testAnExpertBeforeSigningInBothLanguagesAtBothSizes() throws {
        XCTAssertEqual(CommandRunner.run(["declare", folder + "/ws", "--expert", "E2"]).code, 0)
        for language in ["zh", "en"] {
            for (width, height) in [(80, 24), (200, 60)] {
                let w = try XCTUnwrap(words[language])
                let what = "\(language) \(width)×\(height)"
                XCTAssertTrue(terminal.start("env XDG_CONFIG_HOME=\(folder)/home \(CommandRunner.binary) open \(folder)/ws --expert E2 --lang \(language); sleep 30",
                                             width: width, height: height), "tmux runs")
                waitFor(w.myScore)
                terminal.assertFits(width, height, what + " list")
                terminal.send(["r"])
                waitFor(w.rankingWaits)
                terminal.send(["S"])
                waitFor(w.incomplete)
                terminal.assertFits(width, height, what + " review")
                terminal.send(["?"])
                waitFor(w.help)
                XCTAssertTrue(terminal.screen().contains(w.quitHelp), "\(what): the whole table:\n\(terminal.screen())")
                terminal.assertFits(width, height, what + " help")
                terminal.send(["Escape", "q"])
                terminal.end()
            }
        }
    }
}
