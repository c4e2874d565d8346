import Foundation
import TestSupport
import TextWidth
import XCTest

/// Issue 12 in a real terminal on the sample round, as the chair, in both languages at 80×24
/// and 200×60: names sort by pinyin, Esc walks back from a review opened in the ranking, the
/// document shows no Markdown marks, and every frame fits the terminal.
final class WorkbenchTourTests: SampleRoundTerminalTestCase {
    func testTheChairsTourInBothLanguagesAtBothSizes() {
        let titles = ["zh": (list: "评审台 · 申报材料", ranking: "评审台 · 排名", review: "评审台 · 评分", document: "评审台 · 申报书", name: "排序: 名称",
                             panel: "评审台 · 专家组", prompt: "评分表文件夹", noSheets: "没有 .iipsheet 文件"),
                      "en": (list: "iipeval · Dossiers", ranking: "iipeval · Ranking", review: "iipeval · Review", document: "iipeval · Dossier",
                             name: "Sort: name", panel: "iipeval · Panel", prompt: "Folder of sheets", noSheets: "no .iipsheet files")]
        for (language, words) in titles.sorted(by: { $0.key > $1.key }) {
            for (width, height) in [(80, 24), (200, 60)] {
                let what = "\(language) \(width)×\(height)"
                // HOME here: the sheet-folder prompt expands ~ to it.
                let home = folder + "/home-\(language)-\(width)"
                XCTAssertNoThrow(try FileManager.default.createDirectory(atPath: home + "/sheets-in", withIntermediateDirectories: true))
                XCTAssertTrue(terminal.start("env HOME=\(home) \(CommandRunner.binary) open \(folder)/ws --expert E01 --lang \(language); sleep 30",
                                             width: width, height: height), "tmux runs")
                terminal.expect(words.list, what)
                // 宝讯 (bao), 禅工 (chan), 澄智 (cheng): by pinyin, not by code point.
                terminal.send(["s"])
                terminal.expect(words.name, what)
                // The pinyin keys come with the dossiers, read just after the first frame: the list re-sorts then.
                func firstIDs() -> [String] {
                    terminal.screen().split(separator: "\n").map(String.init).filter { $0.contains("GD2018-") }.prefix(3)
                        .compactMap { row in row.range(of: #"GD2018-\d{3}"#, options: .regularExpression).map { String(row[$0]) } }
                }
                for _ in 0..<50 where firstIDs().first != "GD2018-012" { usleep(100_000) }
                XCTAssertEqual(firstIDs(), ["GD2018-012", "GD2018-003", "GD2018-023"], "\(what):\n\(terminal.screen())")
                terminal.assertFits(width, height, what + " list")

                terminal.send(["r"])
                terminal.expect(words.ranking, what)
                terminal.send(["Enter"])
                terminal.expect(words.review, what)
                terminal.assertFits(width, height, what + " review")
                terminal.send(["o"])
                terminal.expect(words.document, what)
                XCTAssertFalse(terminal.screen().contains("**"), "\(what): Markdown marks shown:\n\(terminal.screen())")
                terminal.assertFits(width, height, what + " document")
                terminal.send(["Escape"])
                terminal.expect(words.review, what)
                terminal.send(["Escape"])
                terminal.expect(words.ranking, what)
                terminal.send(["Escape"])
                terminal.expect(words.list, what)

                // The panel's sheet-folder prompt: ~ and Tab complete a folder, Ctrl-U empties the line.
                terminal.send(["p"])
                terminal.expect(words.panel, what)
                terminal.send(["i"])
                terminal.expect(words.prompt, what)
                terminal.send(["~", "/", "s", "h", "Tab"])
                terminal.expect("~/sheets-in/", what + " Tab completes")
                terminal.send(["C-u"])
                for _ in 0..<30 where terminal.screen().contains("~/sheets-in/") { usleep(100_000) }
                XCTAssertFalse(terminal.screen().contains("~/sheets-in/"), "\(what): Ctrl-U empties the line:\n\(terminal.screen())")
                terminal.send(["~", "/", "s", "h", "Tab", "Enter"])
                terminal.expect(words.noSheets, what + " ~ is the home folder")
                terminal.assertFits(width, height, what + " panel")
                terminal.send(["Escape", "Escape"])
                terminal.expect(words.list, what)
                terminal.send(["q"])
                terminal.end()
            }
        }
    }
}
