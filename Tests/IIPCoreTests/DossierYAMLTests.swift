import TestSupport
import XCTest
@testable import IIPCore

/// The dossier format written back (what intake writes): every sample dossier, written and
/// read again, is the same dossier, field by field.
final class DossierYAMLTests: XCTestCase {
    let loader = DossierLoader(catalog: try! Rubric.builtIn.get().catalog)

    func testEverySampleDossierReadsBackTheSame() throws {
        let folder = CommandRunner.repository + "/SampleDossiers"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("GD2018-") && $0.hasSuffix(".yaml") }.sorted()
        XCTAssertEqual(files.count, 30)
        for name in files {
            let original = loader.load(path: folder + "/" + name)
            let dossier = try XCTUnwrap(original.dossier, name)
            let text = DossierYAML.text(dossier)
            let again = loader.load(data: Data(text.utf8), file: folder + "/" + name)
            XCTAssertEqual(again.problems.map(\.code), original.problems.map(\.code), "\(name): \(again.problems.map(\.message))")
            guard again.dossier == dossier else {
                try text.write(toFile: NSTemporaryDirectory() + name + ".written.yaml", atomically: true, encoding: .utf8)
                return XCTFail("\(name) reads back otherwise (written to the temporary folder)")
            }
        }
    }

    func testTextThatLooksLikeSyntaxStaysText() throws {
        var dossier = try XCTUnwrap(loader.load(data: Data(DossierFixture.yaml(id: "T-1").utf8), file: "t.yaml").dossier)
        dossier.applicant.name = "#1 公司: \"引号\" [列表] {映射} - 破折号"
        dossier.applicant.profile = "  以空格开头\n第二行\n\n空行之后\n"
        dossier.platform.summary = "true"
        let again = loader.load(data: Data(DossierYAML.text(dossier).utf8), file: "t.yaml").dossier
        XCTAssertEqual(again?.applicant.name, dossier.applicant.name)
        XCTAssertEqual(again?.applicant.profile, "以空格开头\n第二行\n\n空行之后", "as the loader keeps text: without spaces at its ends")
        XCTAssertEqual(again?.platform.summary, "true")
    }
}
