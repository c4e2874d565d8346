import Foundation
import TestSupport
import XCTest
@testable import IIPCore
@testable import IIPIntake

/// Issue 11: every sample dossier written into the 申报书 by our template writer and read
/// back by intake is the same dossier, field by field.
final class RoundTripTests: XCTestCase {
    let loader = DossierLoader(catalog: try! Rubric.builtIn.get().catalog)
    static let samples = CommandRunner.repository + "/SampleDossiers"

    /// The dossier as the form can carry it: what intake derives (recommender kind, sector,
    /// the legal-person and Guangdong flags) is derived again from what the form shows.
    func testEverySampleDossierComesBackFromItsForm() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.samples).filter { $0.hasPrefix("GD2018-") && $0.hasSuffix(".yaml") }.sorted()
        XCTAssertEqual(files.count, 30)
        for name in files {
            let original = try XCTUnwrap(loader.load(path: Self.samples + "/" + name).dossier, name)
            let form = try FormTemplate.filled(original)
            let id = (name as NSString).deletingPathExtension
            let result = try Intake.read(form, file: id + ".docx", id: id, evidenceFolder: Self.samples + "/evidence/" + id, relativeTo: Self.samples)
            try compare(result.dossier, original, name)
            // GD2018-009 lists an audit report it did not deliver (its sample is there to show W-EVIDENCE).
            let undelivered = name == "GD2018-009.yaml" ? [IntakeReport.Unclear(field: "evidence", label: "文件名", text: "audit-report-2017.pdf",
                                                                                    reason: .fileNotDelivered)] : []
            XCTAssertEqual(result.report.notUnderstood, undelivered, name)
        }
    }

    /// Text that needs escaping in XML or in YAML comes back as it was.
    func testTextThatNeedsEscapingComesBack() throws {
        var original = try XCTUnwrap(loader.load(path: Self.samples + "/GD2018-001.yaml").dossier)
        original.applicant.name = "“引号”\"quoted\" \\反斜杠 #井号: 冒号 <尖括号> & 和 'single' 🏭有限公司"
        original.platform.summary = "第一行 - 列表？\n第二行: {不是映射} [不是序列]\n%百分号 @at `反引号`"
        original.partners[0].name = "- 以短横开头的公司"
        let yaml = DossierYAML.text(original)
        let reloaded = try XCTUnwrap(loader.load(data: Data(yaml.utf8), file: "x.yaml").dossier, yaml)
        try compare(reloaded, original, "the YAML")
        let form = try FormTemplate.filled(original)
        let result = try Intake.read(form, file: "GD2018-001.docx", id: "GD2018-001", evidenceFolder: Self.samples + "/evidence/GD2018-001",
                                     relativeTo: Self.samples)
        try compare(result.dossier, original, "the form")
    }

    func compare(_ read: Dossier, _ original: Dossier, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let a = Mirror.fields(of: Self.inFormOrder(read)), b = Mirror.fields(of: Self.inFormOrder(original))
        for key in Set(a.keys).union(b.keys).sorted() where a[key] != b[key] {
            XCTFail("\(name): \(key): \(Self.difference(a[key], b[key]))", file: file, line: line)
        }
    }
}

extension RoundTripTests {
    /// A form's check boxes carry no order: roles and ticked options are compared in the
    /// order the form prints them.
    static func inFormOrder(_ dossier: Dossier) -> Dossier {
        var d = dossier
        let catalog = try! Rubric.builtIn.get().catalog
        for index in d.partners.indices {
            d.partners[index].roles.sort { Partner.Role.allCases.firstIndex(of: $0)! < Partner.Role.allCases.firstIndex(of: $1)! }
        }
        for (id, value) in d.indicators {
            guard case let .set(options) = value, let printed = catalog[id]?.allowedValues else { continue }
            d.indicators[id] = .set(options.sorted { (printed.firstIndex(of: $0) ?? .max) < (printed.firstIndex(of: $1) ?? .max) })
        }
        return d
    }

    /// Where two values part, with a little of each around that place.
    static func difference(_ read: String?, _ expected: String?) -> String {
        guard let read, let expected else { return "read \(read ?? "nothing"), expected \(expected ?? "nothing")" }
        let a = Array(read), b = Array(expected)
        let at = zip(a, b).prefix { $0 == $1 }.count
        func around(_ text: [Character]) -> String { String(text[max(0, at - 12)..<min(text.count, at + 12)]).debugDescription }
        return "read \(around(a)), expected \(around(b)) (character \(at))"
    }
}

extension Mirror {
    /// Every leaf of a value as `path: description`, to say which field differs.
    static func fields(of value: Any, prefix: String = "") -> [String: String] {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let child = mirror.children.first else { return [prefix: "nil"] }
            return fields(of: child.value, prefix: prefix)
        }
        if mirror.displayStyle == .dictionary {
            var result: [String: String] = [:]
            for child in mirror.children {
                let pair = Mirror(reflecting: child.value).children.map(\.value)
                guard pair.count == 2 else { continue }
                result.merge(fields(of: pair[1], prefix: prefix + "[\(pair[0])]")) { a, _ in a }
            }
            return result
        }
        guard !mirror.children.isEmpty, mirror.displayStyle == .struct || mirror.displayStyle == .collection || mirror.displayStyle == .enum else {
            return [prefix: "\(value)"]
        }
        var result: [String: String] = [:]
        for (index, child) in mirror.children.enumerated() {
            let key = child.label ?? "[\(index)]"
            result.merge(fields(of: child.value, prefix: prefix.isEmpty ? key : prefix + "." + key)) { a, _ in a }
        }
        return result
    }
}
