import Foundation
import TestSupport
import XCTest
@testable import IIPCore
@testable import IIPExport
@testable import IIPStore

/// SPEC §9 files, as the workbench's export dialog meets them: the exporter says when a
/// file is there (the dialog then asks before replacing it) and refuses a folder outright.
final class ExporterPlaceTests: XCTestCase {
    /// A workspace in `folder/ws` with one dossier and one expert.
    func exporter(in folder: String) throws -> Exporter {
        let rubric = try Rubric.builtIn.get()
        let dossier = DossierLoader(catalog: rubric.catalog).load(data: Data(DossierFixture.yaml(id: "I1").utf8), file: folder + "/I1.yaml")
        let panel = Panel(chair: "E1", experts: [Expert(id: "E1", name: "甲", affiliation: "某大学", stages: StageID.allCases, conflicts: [])])
        return Exporter(workspace: try Workspace.create(folder + "/ws", dossiers: [dossier], panel: panel,
                                                        panelText: "format: iip-panel/1", rubric: rubric))
    }

    func failure(_ body: () throws -> Void) -> AtomicFile.Failure? {
        do { try body() } catch let failure as AtomicFile.Failure { return failure } catch { XCTFail("\(error)") }
        return nil
    }

    func testAFileThereAsksForConfirmationAndAFolderIsRefused() throws {
        let folder = DossierFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let exporter = try exporter(in: folder)
        let file = folder + "/推荐名单.html"
        try exporter.export(.ranking, format: .html, to: file)
        XCTAssertEqual(failure { try exporter.export(.ranking, format: .html, to: file) }?.kind, .exists, "the dialog asks")
        XCTAssertNoThrow(try exporter.export(.ranking, format: .html, to: file, force: true), "confirmed, it is replaced")
        for format in ExportFormat.allCases {
            let refused = failure { try exporter.export(.roster, format: format, to: folder + "/ws", force: true) }
            XCTAssertEqual(refused?.kind, .refused, "\(format): the workspace folder is never replaced")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/ws/workspace.sqlite"))
        let sheets = folder + "/专家评分表-html"
        XCTAssertEqual(try exporter.export(.sheets, format: .html, to: sheets), [sheets + "/E1.html"])
        XCTAssertEqual(failure { try exporter.export(.sheets, format: .html, to: sheets) }?.kind, .exists)
    }
}
