import Foundation
import TestSupport
import XCTest
@testable import IIPCore

/// The formats reference (docs/formats.md) lists every field the dossier loader accepts,
/// and no field it does not: the loader's own list (every field it asks a file for, over
/// the sample dossiers, which between them use every part of the format) against the
/// paths the reference's dossier table gives.
final class FormatsReferenceTests: XCTestCase {
    /// The fields the loader asks for, with the indicator ids and narrative parts (open-ended
    /// keys) as the reference writes them.
    func loaderFields() throws -> Set<String> {
        let samples = CommandRunner.repository + "/SampleDossiers"
        let loader = DossierLoader(catalog: try Rubric.builtIn.get().catalog)
        var fields: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: samples) where name.hasSuffix(".yaml") && name != "panel.yaml" {
            fields.formUnion(loader.load(path: samples + "/" + name).fieldsRead)
        }
        let named = Set(fields.map { $0.hasPrefix("indicators.") ? "indicators.<指标 id>" : $0 })
        // The fields themselves, not the mappings and lists that hold them.
        return named.filter { field in !named.contains { $0.hasPrefix(field + ".") || $0.hasPrefix(field + "[]") } }
    }

    /// Paths in the first column of the table under the heading `## 申报材料文件`.
    func documentedFields() throws -> Set<String> {
        let text = try String(contentsOfFile: CommandRunner.repository + "/docs/formats.md", encoding: .utf8)
        let section = try XCTUnwrap(text.components(separatedBy: "\n## ").first { $0.hasPrefix("申报材料文件") })
        return Set(section.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `"), let end = line.dropFirst(3).firstIndex(of: "`") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 3)..<end])
        })
    }

    func testTheReferenceListsEveryDossierFieldTheLoaderAccepts() throws {
        let loader = try loaderFields()
        let documented = try documentedFields()
        XCTAssertGreaterThan(loader.count, 60)
        XCTAssertEqual(loader.subtracting(documented).sorted(), [], "read by the loader, missing from docs/formats.md")
        XCTAssertEqual(documented.subtracting(loader).sorted(), [], "in docs/formats.md, never read by the loader")
    }
}
