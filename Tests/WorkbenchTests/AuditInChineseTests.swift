import Foundation
@testable import IIPCore
import IIPStore
import TestSupport
import XCTest
@testable import Workbench

/// The chair's audit log on the panel screen in Chinese: every line the program wrote says
/// its words in Chinese (the log itself keeps its records, which its hashes cover); hashes,
/// ids and what people wrote stay as they are.
final class AuditInChineseTests: XCTestCase {
    func testEveryKindOfEntryIsShownInChinese() throws {
        let folder = DossierFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rubric = try Rubric.builtIn.get()
        let loader = DossierLoader(catalog: rubric.catalog)
        let dossiers = [loader.load(data: Data(DossierFixture.yaml(id: "I1").utf8), file: folder + "/I1.yaml")]
        let panel = Panel(chair: "E1", experts: [
            Expert(id: "E1", name: "甲", affiliation: "某大学", stages: StageID.allCases, conflicts: []),
            Expert(id: "E2", name: "乙", affiliation: "某研究院", stages: [.written, .defence], conflicts: []),
        ])
        let ws = try Workspace.create(folder + "/ws", dossiers: dossiers, panel: panel, panelText: "format: iip-panel/1", rubric: rubric)
        try ws.declare(expert: "E2", conflicts: [])
        try ws.save([ItemScore(expert: "E2", dossier: "I1", stage: .written, item: "basic.device", points: Rational(12), comment: "设备接入充分")],
                    actor: "E2")
        try ws.save([ItemScore(expert: "E2", dossier: "I1", stage: .written, item: "basic.device", points: nil, comment: "")], actor: "E2")
        try ws.setDissent(expert: "E2", stage: .written, text: "意见")
        try ws.addOverride(dossier: "I1", code: "C01", reason: "材料补正", actor: "chair")
        let lines = Strings(.zh).auditLines(AuditSummary(entries: try ws.auditEntries()))
        XCTAssertTrue(lines[0].hasPrefix("✓"), lines[0])
        let hex = try NSRegularExpression(pattern: #"\b[0-9a-f]{16,}\b|\d{4}-\d\d-\d\dT[\d:]+Z|\b[a-z_]+\.[a-z_]+\b"#)
        for line in lines {
            let text = hex.stringByReplacingMatches(in: line, range: NSRange(line.startIndex..., in: line), withTemplate: "")
            let words = text.split { !$0.isASCII || !$0.isLetter }.filter { $0.count >= 3 }
            XCTAssertEqual(words, [], line)
        }
        XCTAssertTrue(lines.contains { $0.contains("主任委员  添加专家  E2  姓名=乙 单位=某研究院 阶段=书面评审、专家答辩") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("评分  E2/I1/书面评审/basic.device  分数=12 评语=设备接入充分") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("分数=（清除） 评语=") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("不同意见  E2/书面评审  意见") }, lines.joined(separator: "\n"))
        // What a signing and an import record, said in Chinese with their figures kept.
        let strings = Strings(.zh)
        XCTAssertEqual(strings.auditValue("sheet.sign", "2026-12-01T10:00:00Z revision 2 key ab12 content cd34"),
                       "2026-12-01T10:00:00Z 第 2 版 密钥 ab12 内容 cd34")
        XCTAssertEqual(strings.auditValue("sheet.import", "sha256=ff revision=2 rows=14 key=ab signed=2026-12-01T10:00:00Z"),
                       "sha256=ff 版本=2 行数=14 密钥=ab 签署时间=2026-12-01T10:00:00Z")
        XCTAssertEqual(strings.auditValue("key.trust", "ab12 (chair) 纸质承诺书核对"), "ab12 （主任委员） 纸质承诺书核对")
        XCTAssertEqual(strings.auditValue("recheck", "correcting extreme score=49.5 reason=漏看附件"), "更正中 评分畸高畸低 分数=49.5 理由=漏看附件")
        XCTAssertEqual(strings.auditValue("recheck", "confirmed score=49.5 reason=有据"), "确认原分 分数=49.5 理由=有据")
        XCTAssertEqual(strings.auditValue("sheet.reopen", "recheck: correcting GD-1 (sum_error)"), "复核：更正 GD-1（分值汇总计算错误）")
        XCTAssertEqual(strings.auditValue("sheet.reopen", "recheck: confirming GD-1"), "复核：确认 GD-1 原分")
        XCTAssertEqual(Strings(.en).auditValue("sheet.sign", "t revision 2 key k content c"), "t revision 2 key k content c")
    }
}
