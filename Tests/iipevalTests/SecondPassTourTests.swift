import Foundation
import TestSupport
import TextWidth
import XCTest

/// Issue 12's findings, each tried in a real terminal as an expert new to the workbench, in
/// both languages at 80×24 and 200×60: the pledge has its help and asks before it signs;
/// g/G and Ctrl-L work; points typed are asked about before the screen is left; a saved score
/// is cleared after asking; the review's right pane scrolls; the help names the review's own
/// keys; the dissent editor opens on a template naming the stage; the list's own total
/// follows each save; every frame fits.
final class SecondPassTourTests: XCTestCase {
    var folder = ""
    let terminal = TmuxSession()

    override func setUpWithError() throws {
        folder = DossierFixture.temporaryFolder()
    }

    override func tearDown() {
        terminal.end()
        try? FileManager.default.removeItem(atPath: folder)
    }

    struct Words {
        let pledgeHelp, pledgeAsk, list, review, dropAsk, clearAsk, cleared, moreBelow, help, mine, stage: String
    }

    let words: [String: Words] = [
        "zh": Words(pledgeHelp: "帮助 · 按键", pledgeAsk: "签署诚信承诺（", list: "评审台 · 申报材料", review: "评审台 · 评分", dropAsk: "尚未保存",
                    clearAsk: "已保存的分数", cleared: "已清除分数", moreBelow: "下面还有", help: "帮助 · 按键", mine: "我的分", stage: "书面评审"),
        "en": Words(pledgeHelp: "Help · keys", pledgeAsk: "Sign the pledge (", list: "iipeval · Dossiers", review: "iipeval · Review",
                    dropAsk: "are not saved", clearAsk: "Clear the saved points", cleared: "Points cleared", moreBelow: "more lines below",
                    help: "Help · keys", mine: "Mine", stage: "Written review"),
    ]

    func testAnExpertsEveningInBothLanguagesAtBothSizes() throws {
        for language in ["zh", "en"] {
            for (width, height) in [(80, 24), (200, 60)] {
                let w = try XCTUnwrap(words[language])
                let what = "\(language) \(width)×\(height)"
                let round = folder + "/\(language)-\(width)"
                XCTAssertEqual(try CommandRunner.makeOneDossierWorkspace(in: round, moreExperts: [
                    "- {id: E2, name: 林某, affiliation: 某研究院, stages: [written], conflicts: []}",
                ]).code, 0)
                let templates = round + "/templates"
                try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
                XCTAssertTrue(terminal.start("env XDG_CONFIG_HOME=\(round)/home EDITOR='cp -t \(templates)' \(CommandRunner.binary) open \(round)/ws "
                                             + "--expert E2 --lang \(language); sleep 30", width: width, height: height), "tmux runs")
                // The pledge: ? shows its keys, PgDn does no harm, Enter asks before it signs.
                terminal.send(["?"])
                terminal.expect(w.pledgeHelp, what + " pledge help")
                terminal.assertFits(width, height, what + " pledge help")
                terminal.send(["Escape", "NPage", "Enter"])
                terminal.expect(w.pledgeAsk, what + " pledge asks")
                terminal.send(["y"])
                terminal.expect(w.list, what + " list")
                terminal.expect(w.mine, what + " their own column")
                // G, g and Ctrl-L: the list stays whole.
                terminal.send(["G", "g", "C-l"])
                terminal.expect(w.list, what + " after Ctrl-L")
                terminal.assertFits(width, height, what + " list")

                // Points typed, then Esc: asked; Enter saves them and goes back.
                terminal.send(["Enter"])
                terminal.expect(w.review + " · GD-A", what + " review")
                // The Chinese text of the first item is longer than the pane at 80×24 (the English fits).
                if height == 24, language == "zh" {
                    terminal.expect(w.moreBelow, what + " the right pane says what is below")
                    let before = terminal.screen()
                    terminal.send(["NPage"])
                    for _ in 0..<30 where terminal.screen() == before { usleep(100_000) }
                    XCTAssertNotEqual(terminal.screen(), before, "\(what): PgDn scrolls the right pane")
                }
                terminal.send(["7", "Escape"])
                terminal.expect(w.dropAsk, what + " asked about typed points")
                terminal.send(["Enter"])
                terminal.expect(w.mine, what + " back on the list after saving")
                // The list's own total follows the save at once (the written score so far).
                let listed = terminal.screen()
                XCTAssertTrue(listed.contains("4.20"), "\(what): the running total, 60% of the basic section's 7 points:\n\(listed)")

                // Delete on the saved score: asked, then cleared.
                terminal.send(["Enter"])
                terminal.expect(w.review + " · GD-A", what + " review again")
                terminal.send(["k", "Delete"])
                terminal.expect(w.clearAsk, what + " asked before clearing")
                terminal.send(["y"])
                terminal.expect(w.cleared, what + " cleared")

                // The help names the review's keys: Tab moves between the panes.
                terminal.send(["?"])
                terminal.expect(w.help, what + " help")
                let help = terminal.screen()
                XCTAssertTrue(help.contains("Tab"), "\(what):\n\(help)")
                XCTAssertFalse(help.contains("Tab 1–4"), "\(what): the keys of another screen:\n\(help)")
                terminal.assertFits(width, height, what + " help")
                terminal.send(["Escape"])

                // D: the editor opens on a template that names the stage.
                terminal.send(["D"])
                var copied: [String] = []
                for _ in 0..<50 where copied.isEmpty {
                    usleep(100_000)
                    copied = (try? FileManager.default.contentsOfDirectory(atPath: templates)) ?? []
                }
                let template = copied.first.flatMap { try? String(contentsOfFile: templates + "/" + $0, encoding: .utf8) } ?? ""
                XCTAssertTrue(template.contains(w.stage) && template.hasPrefix("#"), "\(what): \(template)")
                terminal.expect(w.review + " · GD-A", what + " back from the editor")
                terminal.assertFits(width, height, what + " review")
                terminal.send(["Escape", "q"])
                terminal.end()
            }
        }
    }
}
