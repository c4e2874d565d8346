import TestSupport
import XCTest
@testable import IIPCore

/// SPEC §9: names and short fields with control or bidirectional characters are E-FIELD;
/// free text keeps line breaks and tabs; every output can neutralise what remains.
final class UntrustedTextTests: XCTestCase {
    let loader = DossierLoader(catalog: try! Rubric.builtIn.get().catalog)

    /// The E-FIELD problems of the fixture with each `(line in the fixture, line instead)`.
    func fieldProblems(_ changes: [(String, String)]) -> [String: Problem] {
        let yaml = changes.reduce(DossierFixture.yaml()) { text, change in
            precondition(text.contains(change.0), "the fixture has \(change.0)")
            return text.replacingOccurrences(of: change.0, with: change.1)
        }
        let problems = loader.load(data: Data(yaml.utf8), file: "t.yaml").problems.filter { $0.code == .field }
        return Dictionary(problems.compactMap { problem in problem.field.map { ($0, problem) } }) { first, _ in first }
    }

    func testControlAndBidirectionalCharactersInNamesAreEFieldNamingThePath() throws {
        let problems = fieldProblems([
            ("  name: 佛山测试智能科技有限公司", "  name: 佛山测试\u{202E}司公限有"),
            ("  name: 测试家电工业互联网平台", "  name: \"测试\\e[31m平台\""),
            ("{name: 测试云计算有限公司,", "{name: \"测试\\u2066云\\u2069计算有限公司\","),
            ("  focus: 家电制造", "  focus: 家电\u{200F}制造"),
            ("  name: 佛山市经济和信息化局", "  name: \"佛山市经济\\x85和信息化局\""),
            ("mobile: \"13900000001\"", "mobile: \"139\\t00000001\""),
            ("credit_code: \"12345678-8\"", "credit_code: \"12345678-8\\u061C\""),
            ("  iaas_provider: 测试云", "  iaas_provider: \"测试云\\x7F\""),
        ])
        XCTAssertEqual(Set(problems.keys), ["applicant.name", "platform.name", "partners[0].name", "platform.focus", "recommender.name",
                                            "applicant.contact.mobile", "partners[1].credit_code", "platform.iaas_provider"])
        let name = try XCTUnwrap(problems["applicant.name"])
        XCTAssertTrue(name.message.contains("U+202E") && name.message.contains("bidirectional"), name.message)
        XCTAssertNotNil(name.line)
        XCTAssertFalse(name.message.contains("\u{202E}"), "the message does not carry the character itself")
        XCTAssertTrue(problems["platform.name"]?.message.contains("U+001B (a control character)") == true)
    }

    func testFreeTextKeepsLineBreaksAndTabsButNoOtherControl() {
        let allowed = fieldProblems([
            ("    佛山测试智能科技有限公司成立于2012年", "    第一段\t制表\n\n    佛山测试智能科技有限公司成立于2012年"),
            ("  roadmap: 下一步拓展开发者社区。", "  roadmap: |\n    第一行\n    \t第二行"),
        ])
        XCTAssertEqual(allowed.count, 0, "\(allowed)")
        let refused = fieldProblems([
            ("    佛山测试智能科技有限公司成立于2012年", "    佛山测试\u{202D}智能科技有限公司成立于2012年"),
            ("  summary: 面向家电制造的工业互联网平台。", "  summary: \"面向家电制造\\a的平台\""),
            ("  cases: 某家电企业设备综合效率提升12%。", "  cases: \"某家电企业\\r\\n设备\""),
        ])
        XCTAssertEqual(Set(refused.keys), ["applicant.profile", "platform.summary", "narrative.cases"])
    }

    func testPanelFileRefusesControlCharactersInNamesNamingLineAndField() {
        let text = "format: iip-panel/1\nchair: E1\nexperts:\n  - {id: E1, name: 甲, stages: [written]}\n"
            + "  - {id: E2, name: \"乙\\u202E\", affiliation: \"某\\x1b]0;x\\x07大学\", stages: [written]}\n"
        XCTAssertThrowsError(try Panel.parse(text, file: "panel.yaml")) { error in
            let lines = "\(error)".components(separatedBy: "\n")
            XCTAssertTrue(lines.contains { $0.contains("panel.yaml: line 5") && $0.contains("experts[1].name") && $0.contains("U+202E") }, "\(lines)")
            XCTAssertTrue(lines.contains { $0.contains("line 5") && $0.contains("experts[1].affiliation") && $0.contains("U+001B") }, "\(lines)")
        }
    }

    func testNeutralisedReplacesWhatTextOfItsKindMayNotHold() {
        XCTAssertEqual(UntrustedText.neutralised("平台\u{202E}名\u{1B}[2J\u{85}"), "平台\u{FFFD}名\u{FFFD}[2J\u{FFFD}")
        XCTAssertEqual(UntrustedText.neutralised("a\nb\tc"), "a\u{FFFD}b\u{FFFD}c", "one line: no line break")
        XCTAssertEqual(UntrustedText.neutralised("a\r\nb\rc\td\u{2067}", .multiline), "a\nb\nc\td\u{FFFD}")
        XCTAssertEqual(UntrustedText.neutralised("中文 · Ｅ０１ é"), "中文 · Ｅ０１ é", "everything else is kept")
    }
}
