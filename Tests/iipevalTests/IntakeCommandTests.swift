import Foundation
import TestSupport
import XCTest

/// Issue 11: `iipeval intake` and `iipeval template` from the command line, and `init` /
/// `validate` taking the 申报书 as received.
final class IntakeCommandTests: XCTestCase {
    static let fixtures = CommandRunner.repository + "/Tests/Fixtures/intake"
    static let samples = CommandRunner.repository + "/SampleDossiers"
    var folder = ""

    override func setUp() {
        folder = DossierFixture.temporaryFolder()
    }

    func fixture(_ name: String) -> String { Self.fixtures + "/" + name }

    func files(in path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    // MARK: - intake

    /// The forms are written as their dossiers; the messy one's report names what is missing
    /// and the value it did not understand, with its raw text; exit 1 for it.
    func testFormsAreWrittenAsDossiersAndTheReportSaysWhatIsMissing() throws {
        let forms = ["FX-001.docx", "FX-002.docx", "FX-006.docx"].map(fixture)
        let run = CommandRunner.run(["intake"] + forms + ["--out", folder + "/out"])
        XCTAssertEqual(run.code, 1, run.out + run.err)
        XCTAssertEqual(files(in: folder + "/out"), ["FX-001.yaml", "FX-002.yaml", "FX-006.yaml"])
        XCTAssert(run.out.contains("缺少 申报日期（submitted）"), run.out)
        XCTAssert(run.out.contains("未能识别 可管理的工业设备数量（个）（indicators.basic.device.manageable）：「约50余万台」"), run.out)
        XCTAssert(run.out.contains("3 个文件：2 个完整读取，1 个有缺项或未能识别的值，0 个无法读取"), run.out)
        // What was not read is not in the file: validate names it.
        let yaml = try String(contentsOfFile: folder + "/out/FX-006.yaml", encoding: .utf8)
        XCTAssertFalse(yaml.contains("basic.device.manageable"))
        let validate = CommandRunner.run(["validate", folder + "/out/FX-006.yaml"])
        XCTAssert(validate.out.contains("W-MISSING") && validate.out.contains("indicators.basic.device.manageable"), validate.out)
        // Every fixture but FX-006 validates clean, its evidence found beside its form.
        let clean = CommandRunner.run(["validate", folder + "/out/FX-001.yaml", folder + "/out/FX-002.yaml"])
        XCTAssertEqual(clean.code, 0, clean.out)
        XCTAssert(clean.out.contains("2 dossiers: 2 clean"), clean.out)
    }

    func testTheJSONReportHasEveryFieldReadDerivedMissingAndNotUnderstood() throws {
        let run = CommandRunner.run(["intake", fixture("FX-006.docx"), "--out", folder + "/out", "--format", "json"])
        XCTAssertEqual(run.code, 1, run.err)
        let json = try XCTUnwrap(CommandRunner.json(run.out) as? [String: Any])
        XCTAssertEqual(json["written"] as? Bool, true)
        let file = try XCTUnwrap((json["files"] as? [[String: Any]])?.first)
        XCTAssertEqual(file["id"] as? String, "FX-006")
        XCTAssertEqual(file["status"] as? String, "incomplete")
        XCTAssertEqual(file["yaml"] as? String, folder + "/out/FX-006.yaml")
        let read = try XCTUnwrap(file["read"] as? [String])
        XCTAssert(read.contains("applicant.credit_code") && read.contains("indicators.basic.users.active"), "\(read)")
        let missing = try XCTUnwrap(file["missing"] as? [[String: String]])
        XCTAssert(missing.contains { $0["field"] == "submitted" && $0["label"] == "申报日期" }, "\(missing)")
        let unclear = try XCTUnwrap(file["not_understood"] as? [[String: String]])
        XCTAssertEqual(unclear.map { $0["field"] }, ["indicators.basic.device.manageable"])
        XCTAssertEqual(unclear.first?["text"], "约50余万台")
        let derived = try XCTUnwrap(file["derived"] as? [[String: String]])
        XCTAssert(derived.contains { $0["field"] == "recommender.kind" && $0["value"] == "central" && $0["source"] == "recommender_name" }, "\(derived)")
        XCTAssert(derived.contains { $0["field"] == "attestation.signed" && $0["value"] == "false" && $0["source"] == "attestation_date" }, "\(derived)")
    }

    func testTheReportInEnglish() {
        let run = CommandRunner.run(["intake", fixture("FX-006.docx"), "--out", folder + "/out", "--lang", "en"])
        XCTAssertEqual(run.code, 1)
        XCTAssert(run.out.contains("missing 申报日期 (submitted)"), run.out)
        XCTAssert(run.out.contains("not understood 可管理的工业设备数量（个） (indicators.basic.device.manageable): “约50余万台”"), run.out)
        XCTAssert(run.out.contains("derived recommender.kind = central: no Guangdong city"), run.out)
    }

    func testAFormReadCompletelyExitsZero() {
        let run = CommandRunner.run(["intake", fixture("FX-001.docx"), "--out", folder + "/out"])
        XCTAssertEqual(run.code, 0, run.out + run.err)
        XCTAssertEqual(run.err, "")
    }

    /// Each hostile file: one clear line naming it, exit 2, and nothing written — not even
    /// the good form given with it.
    func testHostileFilesAreRefusedAndNothingIsWritten() throws {
        for (name, data) in try HostileDocx.all() {
            let path = folder + "/" + name + ".docx"
            try data.write(to: URL(fileURLWithPath: path))
            let run = CommandRunner.run(["intake", path, fixture("FX-001.docx"), "--out", folder + "/out-" + name])
            XCTAssertEqual(run.code, 2, name)
            let lines = run.err.split(separator: "\n")
            XCTAssertEqual(lines.count, 2, "\(name): \(run.err)")
            XCTAssert(lines.first?.hasPrefix("iipeval: \(path)  无法读取：") ?? false, "\(name): \(run.err)")
            XCTAssertEqual(lines.last, "iipeval: 有文件无法读取，未写入任何文件；请修复或移出上述文件后重新运行", name)
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out-" + name), name)
        }
    }

    func testADossierAlreadyThereIsReplacedOnlyWithForce() throws {
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        try "kept".write(toFile: folder + "/out/FX-001.yaml", atomically: true, encoding: .utf8)
        let refused = CommandRunner.run(["intake", fixture("FX-001.docx"), "--out", folder + "/out"])
        XCTAssertEqual(refused.code, 2)
        XCTAssert(refused.err.contains("FX-001.yaml 已存在；加 --force 替换它"), refused.err)
        let english = CommandRunner.run(["intake", fixture("FX-001.docx"), "--out", folder + "/out", "--lang", "en"])
        XCTAssert(english.err.contains("FX-001.yaml exists; add --force"), english.err)
        XCTAssertEqual(try String(contentsOfFile: folder + "/out/FX-001.yaml", encoding: .utf8), "kept")
        let forced = CommandRunner.run(["intake", fixture("FX-001.docx"), "--out", folder + "/out", "--force"])
        XCTAssertEqual(forced.code, 0, forced.err)
        XCTAssert(try String(contentsOfFile: folder + "/out/FX-001.yaml", encoding: .utf8).hasPrefix("format: iip-dossier/1"))
    }

    func testAnOutputThatIsAFileIsRefused() throws {
        try "x".write(toFile: folder + "/out", atomically: true, encoding: .utf8)
        let run = CommandRunner.run(["intake", fixture("FX-001.docx"), "--out", folder + "/out"])
        XCTAssertEqual(run.code, 2)
        XCTAssert(run.err.contains("是文件；请给出文件夹"), run.err)
    }

    /// A file name that is not an id takes --prefix and the next free number, in name order.
    func testFilesWhoseNameIsNotAnIDAreNumberedWithThePrefix() throws {
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: true)
        for name in ["乙公司申报书", "甲公司申报书", "GD2026-001"] {
            try FileManager.default.copyItem(atPath: fixture("FX-001.docx"), toPath: folder + "/in/" + name + ".docx")
            try FileManager.default.copyItem(atPath: fixture("FX-001"), toPath: folder + "/in/" + name)
        }
        let refused = CommandRunner.run(["intake", folder + "/in", "--out", folder + "/out"])
        XCTAssertEqual(refused.code, 2)
        XCTAssert(refused.err.contains("文件名不是申报材料编号") && refused.err.contains("--prefix"), refused.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out"))
        let run = CommandRunner.run(["intake", folder + "/in", "--out", folder + "/out", "--prefix", "GD2026-", "--format", "json"])
        XCTAssertEqual(run.code, 0, run.err)
        let ids = ((CommandRunner.json(run.out) as? [String: Any])?["files"] as? [[String: Any]])?.compactMap { file in
            (file["file"] as? String).map { (($0 as NSString).lastPathComponent, file["id"] as? String ?? "") }
        }
        XCTAssertEqual(ids?.map(\.0), ["GD2026-001.docx", "乙公司申报书.docx", "甲公司申报书.docx"])
        // 乙 (U+4E59) sorts before 甲 (U+7532); 001 is taken by the file named so.
        XCTAssertEqual(ids?.map(\.1), ["GD2026-001", "GD2026-002", "GD2026-003"])
        XCTAssertEqual(files(in: folder + "/out"), ["GD2026-001.yaml", "GD2026-002.yaml", "GD2026-003.yaml"])
        let bad = CommandRunner.run(["intake", folder + "/in", "--out", folder + "/out2", "--prefix", "GD 2026/"])
        XCTAssertEqual(bad.code, 2)
        XCTAssert(bad.err.contains("--prefix GD 2026/"), bad.err)
    }

    func testTwoFilesGivingTheSameIDAreRefused() throws {
        try FileManager.default.createDirectory(atPath: folder + "/a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/b", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture("FX-001.docx"), toPath: folder + "/a/X-1.docx")
        try FileManager.default.copyItem(atPath: fixture("FX-002.docx"), toPath: folder + "/b/X-1.docx")
        let run = CommandRunner.run(["intake", folder + "/a", folder + "/b", "--out", folder + "/out"])
        XCTAssertEqual(run.code, 2)
        XCTAssert(run.err.contains("X-1"), run.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out"))
    }

    /// Without LibreOffice a .odt is reported with the package to install.
    func testAConvertedFormatWithoutLibreOfficeNamesThePackage() {
        let run = CommandRunner.run(["intake", fixture("FX-007.odt"), "--out", folder + "/out"], environment: ["PATH": folder])
        XCTAssertEqual(run.code, 2)
        XCTAssert(run.err.contains("libreoffice-writer-nogui"), run.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out"))
    }

    /// With LibreOffice, the .odt copy of FX-003 reads as FX-003 (its own id and evidence).
    func testAnODTFormIsConvertedByLibreOffice() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/soffice") else {
            print("SKIPPED testAnODTFormIsConvertedByLibreOffice: soffice is not installed (apt-get install libreoffice-writer-nogui)")
            return
        }
        let run = CommandRunner.run(["intake", fixture("FX-007.odt"), fixture("FX-003.docx"), "--out", folder + "/out"])
        XCTAssertEqual(run.code, 0, run.out + run.err)
        let odt = try String(contentsOfFile: folder + "/out/FX-007.yaml", encoding: .utf8)
        let docx = try String(contentsOfFile: folder + "/out/FX-003.yaml", encoding: .utf8)
        XCTAssertEqual(odt.replacingOccurrences(of: "FX-007", with: "FX-003"), docx)
    }

    /// A Word 97–2003 file, and the same file named .docx (as people rename them): both converted.
    func testAWord97FileIsConvertedEvenUnderADocxName() throws {
        guard let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            print("SKIPPED testAWord97FileIsConvertedEvenUnderADocxName: soffice is not installed (apt-get install libreoffice-writer-nogui)")
            return
        }
        let made = CommandRunner.program([soffice, "-env:UserInstallation=file://\(folder)/profile", "--headless", "--convert-to", "doc",
                                          "--outdir", folder + "/doc", fixture("FX-001.docx")])
        XCTAssertEqual(made.code, 0, made.err)
        try FileManager.default.copyItem(atPath: folder + "/doc/FX-001.doc", toPath: folder + "/doc/FX-101.docx")
        try FileManager.default.moveItem(atPath: folder + "/doc/FX-001.doc", toPath: folder + "/doc/FX-100.doc")
        let run = CommandRunner.run(["intake", folder + "/doc/FX-100.doc", folder + "/doc/FX-101.docx", fixture("FX-001.docx"), "--out", folder + "/out"])
        // LibreOffice's .doc export flattens FX-001's evidence table into one line of text:
        // intake says so for both converted files, and leaves the evidence out.
        XCTAssertEqual(run.code, 1, run.out + run.err)
        XCTAssertEqual(run.out.components(separatedBy: "未能识别 八、其他说明材料（evidence）：「序号材料名称文件名1平台企业用户服务合同汇总表").count - 1, 2, run.out)
        let original = try String(contentsOfFile: folder + "/out/FX-001.yaml", encoding: .utf8)
        func withoutEvidence(_ yaml: String) -> String {
            var inEvidence = false
            return yaml.split(separator: "\n").filter { line in
                if !line.hasPrefix(" ") { inEvidence = line == "evidence:" }
                return !inEvidence
            }.joined(separator: "\n")
        }
        for id in ["FX-100", "FX-101"] {
            let converted = try String(contentsOfFile: folder + "/out/\(id).yaml", encoding: .utf8)
            XCTAssertEqual(withoutEvidence(converted.replacingOccurrences(of: id, with: "FX-001")), withoutEvidence(original), id)
        }
    }

    // MARK: - template

    func testTheBlankFormAndAFilledOneAreWordFilesIntakeReads() throws {
        let blank = CommandRunner.run(["template", "--out", folder + "/申报书.docx"])
        XCTAssertEqual(blank.code, 0, blank.err)
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/申报书.docx"))
        XCTAssert(data.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let again = CommandRunner.run(["template", "--out", folder + "/申报书.docx"])
        XCTAssertEqual(again.code, 2)
        XCTAssert(again.err.contains("已存在；加 --force 替换它"), again.err)

        let filled = CommandRunner.run(["template", "--from", Self.samples + "/GD2018-001.yaml", "--out", folder + "/GD2018-001.docx"])
        XCTAssertEqual(filled.code, 0, filled.err)
        // Delivered as an applicant delivers it: the evidence in the folder named like the form.
        try FileManager.default.copyItem(atPath: Self.samples + "/evidence/GD2018-001", toPath: folder + "/GD2018-001")
        let read = CommandRunner.run(["intake", folder + "/GD2018-001.docx", "--out", folder + "/out", "--format", "json"])
        let status = ((CommandRunner.json(read.out) as? [String: Any])?["files"] as? [[String: Any]])?.first?["status"] as? String
        XCTAssertEqual(status, "complete", read.out)
    }

    // MARK: - init and validate on the forms as received

    /// The 30 sample dossiers as filled forms with their evidence folders: `validate` gives
    /// the YAML's verdicts, `init` makes a workspace that ranks them as the YAML's does, and
    /// a form changed after init is flagged as changed.
    func testInitAndValidateTakeAFolderOfFormsWithTheYAMLsVerdicts() throws {
        let forms = folder + "/forms"
        try FileManager.default.createDirectory(atPath: forms, withIntermediateDirectories: true)
        let ids = files(in: Self.samples).filter { $0.hasPrefix("GD2018-") && $0.hasSuffix(".yaml") }.map { ($0 as NSString).deletingPathExtension }
        XCTAssertEqual(ids.count, 30)
        for id in ids {
            let made = CommandRunner.run(["template", "--from", Self.samples + "/\(id).yaml", "--out", forms + "/\(id).docx"])
            XCTAssertEqual(made.code, 0, made.err)
            if FileManager.default.fileExists(atPath: Self.samples + "/evidence/" + id) {
                try FileManager.default.copyItem(atPath: Self.samples + "/evidence/" + id, toPath: forms + "/" + id)
            }
        }
        func verdicts(_ path: String) -> [String: [String]] {
            let json = CommandRunner.json(CommandRunner.run(["validate", path, "--format", "json"]).out) as? [String: Any]
            var result: [String: [String]] = [:]
            for dossier in json?["dossiers"] as? [[String: Any]] ?? [] {
                result[dossier["id"] as? String ?? "?"] = (dossier["problems"] as? [[String: Any]] ?? []).map {
                    "\($0["code"] ?? "") \($0["field"] ?? "")"
                }.sorted()
            }
            return result
        }
        let fromYAML = verdicts(Self.samples)
        XCTAssertEqual(fromYAML.count, 30)
        XCTAssertEqual(verdicts(forms), fromYAML)

        let panel = Self.samples + "/panel.yaml"
        let fromForms = CommandRunner.run(["init", folder + "/ws-forms", "--dossiers", forms, "--panel", panel])
        XCTAssertEqual(fromForms.code, 0, fromForms.err)
        XCTAssert(fromForms.out.contains("30 申报书 read by intake"), fromForms.out)
        XCTAssert(fromForms.out.contains("workspace \(folder)/ws-forms: 30 dossiers"), fromForms.out)
        XCTAssertEqual(CommandRunner.run(["init", folder + "/ws-yaml", "--dossiers", Self.samples, "--panel", panel]).code, 0)
        func ranking(_ ws: String) -> String {
            CommandRunner.run(["rank", ws, "--format", "json"]).out
        }
        XCTAssertEqual(ranking(folder + "/ws-forms"), ranking(folder + "/ws-yaml"))
        XCTAssertFalse(ranking(folder + "/ws-forms").contains("dossier_changed"))

        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: forms + "/GD2018-001.docx"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("x".utf8))
        try handle.close()
        XCTAssert(ranking(folder + "/ws-forms").contains("dossier_changed"), "a changed form is flagged")
    }

    /// A form beside the YAML intake made of it is not a second dossier.
    func testAFormBesideItsYAMLIsNotTakenTwice() throws {
        let run = CommandRunner.run(["intake", fixture("FX-001.docx"), "--out", folder])
        XCTAssertEqual(run.code, 0, run.err)
        try FileManager.default.copyItem(atPath: fixture("FX-001.docx"), toPath: folder + "/FX-001.docx")
        let validate = CommandRunner.run(["validate", folder])
        XCTAssert(validate.out.contains("1 dossiers"), validate.out)
    }
}
