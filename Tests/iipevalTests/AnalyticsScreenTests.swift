import Foundation
import TestSupport
import XCTest

/// The chair's analytics screen (`a`) in a real terminal on the scored sample round, in both
/// languages at 80×24 and 200×60: it opens at once, the figures arrive from the background,
/// the bars, the cut line and the leniency strips fit and match `analyze`; an expert who is
/// not the chair is told it is the chair's.
final class AnalyticsScreenTests: SampleRoundTerminalTestCase {
    override var scored: Bool { true }

    func testTheChairSeesTheStabilityFiguresInBothLanguagesAtBothSizes() throws {
        let analysis = try XCTUnwrap(CommandRunner.json(CommandRunner.run(["analyze", folder + "/ws", "--format", "json"]).out) as? [String: Any])
        let entries = (analysis["groups"] as? [[String: Any]] ?? []).flatMap { $0["entries"] as? [[String: Any]] ?? [] }
        let cut = try XCTUnwrap(entries.first { $0["id"] as? String == "GD2018-028" })
        let margin = String(format: "%.2f", try XCTUnwrap(cut["margin"] as? Double))
        let words = ["zh": (title: "评审台 · 结果稳定性", cut: "入选线", agreement: "评分一致性", harsh: "◀ 偏严"),
                     "en": (title: "iipeval · Stability", cut: "cut", agreement: "Agreement", harsh: "◀ harsh")]
        for language in ["zh", "en"] {
            for (width, height) in [(80, 24), (200, 60)] {
                let w = try XCTUnwrap(words[language])
                let what = "\(language) \(width)×\(height)"
                XCTAssertTrue(terminal.start("\(CommandRunner.binary) open \(folder)/ws --expert E01 --lang \(language); sleep 60",
                                             width: width, height: height), "tmux runs")
                terminal.send(["a"])
                terminal.expect(w.title, what)
                // GD2018-001 is selected in every bootstrap panel: a full bar; GD2018-028, first below the line, its margin.
                terminal.expect("GD2018-001  ████████████████████████ 100%", what + " a full bar")
                terminal.expect("──── \(w.cut)", what + " the cut line")
                terminal.assertFits(width, height, what + " stability")
                terminal.send(Array(repeating: "j", count: 12))
                terminal.expect("GD2018-028", what + " scrolled to the first below the line")
                let row = terminal.screen().split(separator: "\n").first { $0.contains("GD2018-028") }.map(String.init) ?? ""
                XCTAssertTrue(row.contains(" \(margin)"), "\(what): the margin of analyze (\(margin)): \(row)")
                terminal.send(["G"])
                terminal.expect(w.harsh, what + " leniency strips")
                terminal.expect(w.agreement, what + " agreement")
                let strips = terminal.screen().split(separator: "\n").filter { $0.hasPrefix(" E0") && $0.contains("│") || $0.contains("·") && $0.hasPrefix(" E0") }
                XCTAssertEqual(strips.count, 7, "\(what): one strip per expert\n\(terminal.screen())")
                terminal.assertFits(width, height, what + " leniency")
                terminal.send(["q"])
                terminal.end()
            }
        }
        // Not the chair's: said, and the screen is not opened.
        XCTAssertEqual(CommandRunner.run(["declare", folder + "/ws", "--expert", "E02"]).code, 0)
        XCTAssertTrue(terminal.start("\(CommandRunner.binary) open \(folder)/ws --expert E02; sleep 60", width: 100, height: 30), "tmux runs")
        terminal.expect("评审台 · 申报材料", "E02's list")
        terminal.send(["a"])
        terminal.expect("仅主任委员可查看", "only the chair")
    }
}
