import TestSupport
import XCTest
@testable import IIPCore

/// SPEC §7 panel file and §9 conflicts of interest (回避).
final class PanelTests: XCTestCase {
    let dossier = DossierLoader(catalog: try! Rubric.builtIn.get().catalog)
        .load(data: Data(DossierFixture.yaml(id: "A", applicant: "佛山（南海）测试科技有限公司").utf8), file: "a.yaml").dossier!

    func expert(_ affiliation: String, conflicts: [String] = []) -> Expert {
        Expert(id: "E1", name: "甲", affiliation: affiliation, stages: StageID.allCases, conflicts: conflicts)
    }

    func testConflictByAffiliationFoldsWidthAndSpaces() {
        XCTAssertNotNil(expert("佛山(南海)测试科技有限公司").conflict(with: dossier, id: "A"), "half-width brackets")
        XCTAssertNotNil(expert("　佛山（南海）测试科技有限公司 ").conflict(with: dossier, id: "A"), "ideographic space")
        XCTAssertNotNil(expert("测试研究院").conflict(with: dossier, id: "A"), "a partner")
        XCTAssertNil(expert("佛山测试科技有限公司").conflict(with: dossier, id: "A"))
        XCTAssertNil(expert("").conflict(with: dossier, id: "A"))
        XCTAssertNotNil(expert("某大学", conflicts: ["A"]).conflict(with: dossier, id: "A"), "listed")
    }

    func testPanelFileErrorsNameTheLine() {
        XCTAssertThrowsError(try Panel.parse("format: iip-panel/1\nchair: E9\nexperts:\n  - {id: E1, name: 甲, stages: [written, oral]}\n",
                                             file: "panel.yaml")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("panel.yaml"))
            XCTAssertTrue(text.contains("oral"))
            XCTAssertTrue(text.contains("E9"))
        }
        XCTAssertThrowsError(try Panel.parse("format: iip-panel/1\nchair: E1\nexperts:\n  - {id: E1, name: 甲, stages: [written]}\n  - {id: E1, name: 乙, stages: [written]}\n",
                                             file: "panel.yaml")) { XCTAssertTrue("\($0)".contains("twice")) }
        XCTAssertNoThrow(try Panel.parse("format: iip-panel/1\nchair: E1\nexperts:\n  - {id: E1, name: 甲, affiliation: 某大学, stages: [written], conflicts: []}\n",
                                         file: "panel.yaml"))
    }
}
