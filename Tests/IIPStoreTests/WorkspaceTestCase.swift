import Foundation
import TestSupport
import XCTest
@testable import IIPCore
@testable import IIPStore

/// A fresh folder per test, and a workspace with an industry dossier (I1), a cross one (C1)
/// and a panel of `experts` experts on every stage, E1 the chair.
class WorkspaceTestCase: XCTestCase {
    let rubric = try! Rubric.builtIn.get()
    var folder = ""

    override func setUp() {
        folder = DossierFixture.temporaryFolder()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func makeWorkspace(experts: Int = 1) throws -> Workspace {
        let loader = DossierLoader(catalog: rubric.catalog)
        let dossiers = [
            loader.load(data: Data(DossierFixture.yaml(id: "I1").utf8), file: folder + "/I1.yaml"),
            loader.load(data: Data(DossierFixture.yaml(id: "C1", type: "cross", creditCode: DossierFixture.creditCodes[1]).utf8),
                        file: folder + "/C1.yaml"),
        ]
        let panel = Panel(chair: "E1", experts: (1...experts).map {
            Expert(id: "E\($0)", name: $0 == 1 ? "甲" : "专家\($0)", affiliation: $0 == 1 ? "某大学" : "单位\($0)",
                   stages: StageID.allCases, conflicts: [])
        })
        return try Workspace.create(folder + "/ws", dossiers: dossiers, panel: panel, panelText: "format: iip-panel/1", rubric: rubric)
    }
}
