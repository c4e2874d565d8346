import XCTest
@testable import IIPCore

/// SPEC §6: the rubric as data, and the refusal of rubrics that cannot score.
final class RubricTests: XCTestCase {
    var builtIn: Rubric { try! Rubric.builtIn.get() }

    func testBuiltInRubricMatchesTheSpec() throws {
        let rubric = try Rubric.builtIn.get()
        XCTAssertEqual(rubric.catalog.specs.count, 64)
        XCTAssertEqual(rubric.stages.map(\.id), [.written, .defence, .site, .test])
        XCTAssertEqual(rubric.stages.map(\.weight), [40, 25, 20, 15].map { Rational($0) })
        XCTAssertEqual(rubric.group(.cross)?.cap, 5)
        XCTAssertEqual(rubric.group(.specific)?.cap, 10)
        XCTAssertEqual(rubric.threshold, Rational(60))
        XCTAssertEqual(rubric.pointsStep, Rational(1, 2))
        let written = try XCTUnwrap(rubric.stage(.written))
        XCTAssertEqual(written.items(for: .industry).map(\.id).suffix(3), ["industry.devices", "industry.software", "industry.users"])
        XCTAssertEqual(written.sections(for: .cross).map(\.id), ["basic", "industry", "domain", "region", "cross"])
        XCTAssertEqual(written.sections(for: .domain).map(\.id), ["basic", "domain"])
        XCTAssertEqual(rubric.item("basic.device", in: .written)?.max, Rational(15))
        XCTAssertEqual(rubric.item("defence.technology", in: .defence)?.max, Rational(25))
        // Every indicator is evidence for exactly one written item.
        let shown = written.items.flatMap(\.indicators)
        XCTAssertEqual(Set(shown), Set(rubric.catalog.specs.map(\.id)))
        XCTAssertEqual(shown.count, 64)
        XCTAssertTrue(written.items.allSatisfy { !$0.requirement.isEmpty }, "every written item says what the 评价方法 asks")
    }

    func testSectionWeightsFollowPlatformType() throws {
        let written = try XCTUnwrap(builtIn.stage(.written))
        // Full marks in every section give 100 for every type.
        let full = Dictionary(uniqueKeysWithValues: written.items.map { ($0.id, $0.max) })
        for type in PlatformType.allCases { XCTAssertEqual(written.score(points: full, for: type), Rational(100)) }
        // Only the basic section full: 60 for specific types, 40 for cross.
        let basicOnly = Dictionary(uniqueKeysWithValues: written.sections[0].items.map { ($0.id, $0.max) })
        XCTAssertEqual(written.score(points: basicOnly, for: .industry), Rational(60))
        XCTAssertEqual(written.score(points: basicOnly, for: .cross), Rational(40))
    }

    func reject(_ transform: (String) -> String, mentioning words: [String], file: StaticString = #filePath, line: UInt = #line) {
        let text = transform(builtIn.sourceText)
        XCTAssertNotEqual(text, builtIn.sourceText, "the test's change applied", file: file, line: line)
        XCTAssertThrowsError(try Rubric.parse(text, file: "custom.yaml", catalog: builtIn.catalog), file: file, line: line) { error in
            let message = "\(error)"
            for word in words { XCTAssertTrue(message.contains(word), "\(message) should mention \(word)", file: file, line: line) }
            XCTAssertTrue(message.contains("custom.yaml"), file: file, line: line)
        }
    }

    func replaceFirst(_ text: String, _ pattern: String, _ replacement: String) -> String {
        guard let range = text.range(of: pattern, options: .regularExpression) else { return text }
        return text.replacingCharacters(in: range, with: replacement)
    }

    func testRefusesStageWeightsNotSummingTo100() {
        reject({ replaceFirst($0, "weight: 40", "weight: 45") }, mentioning: ["stage weights", "105"])
    }

    func testRefusesSectionWeightsNotSummingTo100() {
        reject({ replaceFirst($0, "basic: 60", "basic: 50") }, mentioning: ["section weights", "90"])
    }

    func testRefusesUnknownIndicatorID() {
        reject({ replaceFirst($0, "basic\\.device\\.connected([,\\]])", "basic.device.teleported$1") }, mentioning: ["basic.device.teleported"])
    }

    /// An item id is part of every score's name in the audit log (`expert/dossier/stage/item`).
    func testRefusesAnItemIDThatIsNotAPlainName() {
        reject({ replaceFirst($0, "- id: basic\\.device\n", "- id: basic/device\n") }, mentioning: ["basic/device", "letters, digits"])
    }

    func testRefusesItemWithoutMax() {
        reject({ replaceFirst($0, "max: 15\\b,?", "") }, mentioning: ["no max"])
    }

    func testRefusesSectionItemsNotSummingTo100() {
        reject({ replaceFirst($0, "max: 35\\b", "max: 36") }, mentioning: ["sum to 101"])
    }

    func testRefusesMaxOffTheStepGrid() {
        reject({ replaceFirst($0, "max: 15\\b", "max: 15.25") }, mentioning: ["multiple"])
    }

    /// Rubric numbers keep to hundredths, so exact sums and means cannot overflow.
    func testRefusesNumbersWithMoreThanTwoDecimals() {
        reject({ replaceFirst($0, "points_step: 0.5", "points_step: 0.001") }, mentioning: ["points_step", "2 decimals"])
    }

    func testRefusesChangedIndicatorCatalogue() {
        reject({ replaceFirst($0, "type: bool", "type: number") }, mentioning: ["indicators"])
    }

    func testRefusesBrokenYAML() {
        reject({ $0 + "\n  - [broken" }, mentioning: ["line"])
        XCTAssertThrowsError(try Rubric.parse("format: iip-rubric/9\n", file: "custom.yaml", catalog: builtIn.catalog))
    }

    func testACustomRubricWithoutCatalogueUsesTheBuiltIn() throws {
        // Drop the indicators block: a workspace rubric may leave it out.
        let text = builtIn.sourceText
        let start = try XCTUnwrap(text.range(of: "\nindicators:"))
        let end = try XCTUnwrap(text.range(of: "\nstages:"))
        var custom = text
        custom.removeSubrange(start.lowerBound..<end.lowerBound)
        custom = replaceFirst(custom, "cap: 10", "cap: 8")
        let rubric = try Rubric.parse(custom, file: "custom.yaml", catalog: builtIn.catalog)
        XCTAssertEqual(rubric.group(.specific)?.cap, 8)
        XCTAssertEqual(rubric.catalog.specs.count, 64)
    }
}
