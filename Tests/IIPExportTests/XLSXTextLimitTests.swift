import Foundation
import TestSupport
import XCTest
@testable import IIPCore
@testable import IIPExport

/// SPEC §10 and issue 10: no document drops text silently. Excel keeps at most 32,767
/// characters in a cell, and libxlsxwriter leaves a longer text out; the workbook cuts it
/// with a note saying so and where the whole text is.
final class XLSXTextLimitTests: XCTestCase {
    /// The workbook's strings (shared or inline) and its row heights, read back by Python's
    /// zipfile and ElementTree.
    func readBack(_ path: String) throws -> (strings: [String], heights: [Double]) {
        let script = """
        import json, sys, zipfile, xml.etree.ElementTree as ET
        z = zipfile.ZipFile(sys.argv[1])
        ns = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
        strings, heights = [], []
        for name in z.namelist():
            if name == 'xl/sharedStrings.xml' or name.startswith('xl/worksheets/sheet'):
                root = ET.fromstring(z.read(name))
                strings += [''.join(t.text or '' for t in si.iter(ns + 't')) for si in root.iter(ns + 'si')]
                strings += [''.join(t.text or '' for t in s.iter(ns + 't')) for s in root.iter(ns + 'is')]
                heights += [float(r.get('ht')) for r in root.iter(ns + 'row') if r.get('ht')]
        print(json.dumps({'strings': strings, 'heights': heights}))
        """
        let outcome = CommandRunner.program(["python3", "-c", script, path])
        XCTAssertEqual(outcome.code, 0, outcome.err)
        let json = try XCTUnwrap(CommandRunner.json(outcome.out) as? [String: Any])
        return (try XCTUnwrap(json["strings"] as? [String]), try XCTUnwrap(json["heights"] as? [Double]))
    }

    func testATextLongerThanACellIsCutWithAVisibleNoteNeverDropped() throws {
        let folder = DossierFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 40,000 characters, some of them two UTF-16 units (as Excel counts them).
        let comment = String(repeating: "评语很长。", count: 7_990) + String(repeating: "😀", count: 50)
        XCTAssertEqual(comment.count, 40_000)
        let dissent = String(repeating: "不同意见", count: 10_000)
        let document = Document(title: "专家评分表", tables: [
            Table(caption: "GD2018-001", columns: ["评分项", "得分", "评语"],
                  rows: [[.text("basic.device"), .score(Rational(12)), .text(comment)], [.text("basic.users"), .score(Rational(8)), .text("简\u{202E}短")]]),
        ], closing: ["不同意见及理由：" + dissent])
        let path = folder + "/sheets.xlsx"
        try XLSXWriter.write([Booklet(name: "E01", documents: [document])], to: path)
        let (strings, heights) = try readBack(path)
        XCTAssertTrue(strings.contains("简\u{FFFD}短"), "the short cells are there, a bidirectional control shown as �")
        let cut = try XCTUnwrap(strings.first { $0.hasPrefix("评语很长。") }, "the long comment is not dropped")
        XCTAssertTrue(cut.hasSuffix("…（已截断，全文共 40000 字，见 CSV/HTML 版）"), String(cut.suffix(40)))
        XCTAssertLessThanOrEqual(cut.utf16.count, 32_767)
        XCTAssertGreaterThan(cut.utf16.count, 32_700, "cut at the limit, not before")
        let closing = try XCTUnwrap(strings.first { $0.hasPrefix("不同意见及理由：") }, "a long merged line too")
        XCTAssertTrue(closing.hasSuffix("…（已截断，全文共 40008 字，见 CSV/HTML 版）"))
        XCTAssertLessThanOrEqual(heights.max() ?? 0, 409, "no row taller than Excel allows")
    }
}
