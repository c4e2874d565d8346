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
        return leaves(fields) { $0.hasPrefix("indicators.") ? "indicators.<指标 id>" : $0 }
    }

    /// Paths in the first column of the table under the heading `## <section>`.
    func documentedFields(_ section: String) throws -> Set<String> {
        let text = try String(contentsOfFile: CommandRunner.repository + "/docs/formats.md", encoding: .utf8)
        let part = try XCTUnwrap(text.components(separatedBy: "\n## ").first { $0.hasPrefix(section) }, section)
        return Set(part.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `"), let end = line.dropFirst(3).firstIndex(of: "`") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 3)..<end])
        })
    }

    /// The fields themselves, not the mappings and lists that hold them; list positions and
    /// the open-ended keys of a mapping written as the reference writes them.
    func leaves(_ fields: Set<String>, named: (String) -> String = { $0 }) -> Set<String> {
        let all = Set(fields.map { named($0.replacingOccurrences(of: #"\[\d+\]"#, with: "[]", options: .regularExpression)) })
        return all.filter { field in !all.contains { $0.hasPrefix(field + ".") || $0.hasPrefix(field + "[]") } }
    }

    func assertListed(_ loader: Set<String>, in section: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let documented = try documentedFields(section)
        XCTAssertEqual(loader.subtracting(documented).sorted(), [], "read by the loader, missing from docs/formats.md (\(section))",
                       file: file, line: line)
        XCTAssertEqual(documented.subtracting(loader).sorted(), [], "in docs/formats.md (\(section)), never read by the loader",
                       file: file, line: line)
    }

    func testThePanelAndRubricFilesAreListedFieldByField() throws {
        // The sample panel, and one line with the optional key.
        let panel = try String(contentsOfFile: CommandRunner.repository + "/SampleDossiers/panel.yaml", encoding: .utf8)
            + "  - {id: E99, name: 某, affiliation: 某, stages: [written], conflicts: [], key: \"ed25519:" + String(repeating: "ab", count: 16) + "\"}\n"
        let panelFields = leaves(Panel.fieldsRead(panel))
        XCTAssertTrue(panelFields.contains("experts[].key"), "\(panelFields)")
        try assertListed(panelFields, in: "专家组名单文件")
        let rubric = try String(contentsOfFile: CommandRunner.repository + "/Sources/IIPCore/Resources/rubric.yaml", encoding: .utf8)
        let rubricFields = leaves(Rubric.fieldsRead(rubric)) { field in
            field.replacingOccurrences(of: #"section_weights\.[a-z]+(\.[a-z]+)?$"#, with: "section_weights.<类型>.<部分>", options: .regularExpression)
        }
        XCTAssertGreaterThan(rubricFields.count, 30)
        try assertListed(rubricFields, in: "评分规则文件")
    }

    func testTheReferenceListsEveryDossierFieldTheLoaderAccepts() throws {
        let loader = try loaderFields()
        XCTAssertGreaterThan(loader.count, 60)
        try assertListed(loader, in: "申报材料文件")
    }
}

