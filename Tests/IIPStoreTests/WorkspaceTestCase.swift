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

    func makeWorkspace(experts: Int = 1, firstExpertID: String = "E1") throws -> Workspace {
        let loader = DossierLoader(catalog: rubric.catalog)
        let dossiers = [
            loader.load(data: Data(DossierFixture.yaml(id: "I1").utf8), file: folder + "/I1.yaml"),
            loader.load(data: Data(DossierFixture.yaml(id: "C1", type: "cross", creditCode: DossierFixture.creditCodes[1]).utf8),
                        file: folder + "/C1.yaml"),
        ]
        let panel = Panel(chair: firstExpertID, experts: (1...experts).map {
            Expert(id: $0 == 1 ? firstExpertID : "E\($0)", name: $0 == 1 ? "甲" : "专家\($0)", affiliation: $0 == 1 ? "某大学" : "单位\($0)",
                   stages: StageID.allCases, conflicts: [])
        })
        return try Workspace.create(folder + "/ws", dossiers: dossiers, panel: panel, panelText: "format: iip-panel/1", rubric: rubric)
    }

    /// Imports `scores` as a score file, as `scores import` does.
    @discardableResult
    func importFile(_ ws: Workspace, _ scores: [ItemScore], name: String = "a.csv") throws -> Workspace.ImportResult {
        try ws.importScoreFile(ScoreRows.text(scores), file: name, actor: "import").get()
    }

    /// Random points on the grid for every applicable item, some items left out so that
    /// some sheets do not count.
    func randomScores(_ random: inout SeededRandom) -> [ItemScore] {
        var scores: [ItemScore] = []
        for (dossier, type) in [("I1", PlatformType.industry), ("C1", .cross)] {
            for expert in 1...6 {
                for stage in rubric.stages {
                    for item in stage.items(for: type) where Int.random(in: 0..<40, using: &random) > 0 {
                        let halves = Int.random(in: 0...Int(item.max.numerator * 2 / item.max.denominator), using: &random)
                        scores.append(ItemScore(expert: "E\(expert)", dossier: dossier, stage: stage.id, item: item.id,
                                                points: Rational(Int128(halves), 2), comment: ""))
                    }
                }
            }
        }
        return scores
    }

    func assertSameStandings(_ ws: Workspace, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let items = try ws.standings(parsing: true)
        let sheets = try ws.standings(parsing: false)
        for id in ["I1", "C1"] {
            let a = try XCTUnwrap(items.evaluations[id]), b = try XCTUnwrap(sheets.evaluations[id])
            XCTAssertEqual(a.final, b.final, "\(label): \(id) final", file: file, line: line)
            for stage in StageID.allCases {
                XCTAssertEqual(a.value(stage), b.value(stage), "\(label): \(id) \(stage)", file: file, line: line)
                XCTAssertEqual(a.stages[stage]?.sheets.map { [$0.expert, $0.score.description, "\($0.trimmed)", "\($0.deviates)"] },
                               b.stages[stage]?.sheets.map { [$0.expert, $0.score.description, "\($0.trimmed)", "\($0.deviates)"] },
                               "\(label): \(id) \(stage) sheets", file: file, line: line)
            }
        }
        XCTAssertEqual(items.groups.map { $0.entries.map { "\($0.rank) \($0.candidate.id) \($0.status) \($0.candidate.flags)" } },
                       sheets.groups.map { $0.entries.map { "\($0.rank) \($0.candidate.id) \($0.status) \($0.candidate.flags)" } },
                       label, file: file, line: line)
    }
}
