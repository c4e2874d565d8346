import Foundation
import TestSupport
import TextWidth
import XCTest

/// The rest of issue 12 in a real terminal, as the chair of the scored sample round, in both
/// languages at 80×24 and 200×60 (English also at 100×30): a search ends with Esc; an
/// ineligible dossier opens with its whole note; compare; the ranking's words and flags are
/// never cut; the export dialog writes the file; and the panel screen shows a stage signed by
/// another process while it is open.
final class ChairsSecondTourTests: SampleRoundTerminalTestCase {
    override var scored: Bool { true }

    struct Words {
        let list, search, review, note, compare, ranking, platform, notSelected, deviation, export, exported, panel, signed: String
    }

    let words: [String: Words] = [
        "zh": Words(list: "评审台 · 申报材料", search: "搜索: 026", review: "评审台 · 评分 · GD2018-026",
                    note: "该申报书未通过符合性审查（✗1）：其评分不计入结果，除非主任委员豁免该错误",
                    compare: "评审台 · 对比 · GD2018-001 GD2018-002", ranking: "评审台 · 排名", platform: "平台名称", notSelected: " 未入选 ",
                    deviation: "偏离", export: "导出文档", exported: "已导出", panel: "评审台 · 专家组", signed: "已签字"),
        "en": Words(list: "iipeval · Dossiers", search: "Search: 026", review: "iipeval · Review · GD2018-026",
                    note: "This dossier failed the compliance check (✗1): its scores do not count unless the chair waives the error",
                    compare: "iipeval · Compare · GD2018-001 GD2018-002", ranking: "iipeval · Ranking", platform: "Platform", notSelected: " not selected ",
                    deviation: "dev", export: "Export a document", exported: "Exported", panel: "iipeval · Panel", signed: "signed"),
    ]

    func testTheChairsSecondTourInBothLanguagesAtEverySize() throws {
        let sizes = ["zh": [(80, 24), (200, 60)], "en": [(80, 24), (100, 30), (200, 60)]]
        // Each visit, another process signs another expert's stage (complete in the sample scores).
        var signOffs = [("E02", "written"), ("E03", "written"), ("E05", "written"), ("E06", "written"), ("E02", "defence")].makeIterator()
        for language in ["zh", "en"] {
            for (width, height) in sizes[language]! {
                let w = try XCTUnwrap(words[language])
                let what = "\(language) \(width)×\(height)"
                XCTAssertTrue(terminal.start("\(CommandRunner.binary) open \(folder)/ws --expert E01 --lang \(language); sleep 60",
                                             width: width, height: height), "tmux runs")
                terminal.expect(w.list, what)

                // A search, then the ineligible dossier it finds, whose note is shown whole.
                terminal.send(["/", "0", "2", "6", "Enter"])
                terminal.expect(w.search, what + " search")
                terminal.send(["Enter"])
                terminal.expect(w.review, what + " ineligible dossier")
                terminal.expect(w.note, what + " the note, whole")
                terminal.assertFits(width, height, what + " ineligible note")
                // Esc goes back to the searched list, and Esc there ends the search.
                terminal.send(["Escape"])
                terminal.expect(w.search, what + " the search stays while it is used")
                terminal.send(["Escape"])
                for _ in 0..<30 where terminal.screen().contains(w.search) { usleep(100_000) }
                XCTAssertFalse(terminal.screen().contains(w.search), "\(what): Esc ends the search:\n\(terminal.screen())")
                terminal.expect("GD2018-001", what + " every dossier again")

                // Compare the first two.
                terminal.send(["Space", "Space", "v"])
                terminal.expect(w.compare, what + " compare")
                terminal.assertFits(width, height, what + " compare")
                terminal.send(["Escape"])
                terminal.expect(w.list, what)

                // The ranking: whole words, whole flags.
                terminal.send(["r"])
                terminal.expect(w.ranking, what)
                terminal.expect(w.notSelected, what + " the status whole")
                // From the top (the cursor starts on the dossier last opened) down to the first specific
                // platform (GD2018-012, flagged), below nine cross ones.
                terminal.send(["g"] + Array(repeating: "j", count: 9))
                usleep(300_000)
                let ranking = terminal.screen()
                let rows = ranking.split(separator: "\n").map(String.init)
                let titles = try XCTUnwrap(rows.first { $0.contains(w.platform) }, "\(what):\n\(ranking)")
                let platformColumn = DisplayWidth.of(String(titles[..<titles.range(of: w.platform)!.lowerBound]))
                let columns = rows.filter { $0.contains("GD2018-") }.map { before(platformColumn, $0) }
                XCTAssertFalse(columns.isEmpty, what)
                for row in columns {
                    XCTAssertNil(row.range(of: #"[A-Za-z]…"#, options: .regularExpression), "\(what): a word cut: \(row)")
                }
                let flagged = ranking.split(separator: "\n").first { $0.contains("GD2018-012") }.map(String.init) ?? ""
                XCTAssertTrue(flagged.hasSuffix("E05"), "\(what): the deviation flag whole: \(flagged)")
                XCTAssertTrue(flagged.contains(w.deviation), "\(what): \(flagged)")
                terminal.assertFits(width, height, what + " ranking")

                // The export dialog writes the ranking document; no stray mark in it.
                try? FileManager.default.removeItem(atPath: folder + "/ws/exports")
                terminal.send(["e"])
                terminal.expect(w.export, what + " export dialog")
                XCTAssertFalse(terminal.screen().contains("◆"), "\(what): a stray mark:\n\(terminal.screen())")
                terminal.assertFits(width, height, what + " export dialog")
                terminal.send(["Enter"])
                terminal.expect(w.exported, what + " exported")
                let written = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/ws/exports")) ?? []
                XCTAssertEqual(written.count, 1, "\(what): \(written)")

                // The panel screen shows a stage signed on the command line while it is open.
                terminal.send(["Escape"])
                terminal.expect(w.list, what)
                terminal.send(["p"])
                terminal.expect(w.panel, what)
                let (expert, stage) = try XCTUnwrap(signOffs.next())
                XCTAssertEqual(CommandRunner.run(["sheet", "sign", folder + "/ws", "--expert", expert, "--stage", stage],
                                                 environment: ["XDG_CONFIG_HOME": folder + "/keys-\(expert)"]).code, 0)
                func expertRow() -> String { terminal.screen().split(separator: "\n").first { $0.contains(expert + " ") }.map(String.init) ?? "" }
                for _ in 0..<50 where !expertRow().contains(w.signed) { usleep(100_000) }
                XCTAssertTrue(expertRow().contains(w.signed), "\(what): \(expert)'s \(stage) sign-off shown:\n\(terminal.screen())")
                terminal.assertFits(width, height, what + " panel")
                terminal.send(["q"])
                terminal.end()
            }
        }
    }

    /// A row up to a display column: on the ranking, what the program writes, not the
    /// applicants' names, which may be cut.
    private func before(_ column: Int, _ row: String) -> String {
        var width = 0
        return String(row.prefix { character in
            width += DisplayWidth.of(character)
            return width <= column
        })
    }
}
