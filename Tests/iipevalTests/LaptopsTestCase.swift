import Foundation
import TestSupport
import XCTest
@testable import IIPCore

/// A round played through the binary on several laptops: industry dossiers, a panel of E1
/// (the chair) and E2, and a folder of keys per laptop.
class LaptopsTestCase: XCTestCase {
    var folder = ""
    let rubric = try! Rubric.builtIn.get()
    /// The dossiers of the round.
    var dossierIDs: [String] { ["I1"] }
    /// The stages both experts sit on, as the panel file writes them.
    var panelStages: String { "[written, defence, site, test]" }

    override func setUp() {
        folder = DossierFixture.temporaryFolder()
        try? FileManager.default.createDirectory(atPath: folder + "/dossiers", withIntermediateDirectories: true)
        for id in dossierIDs { write(DossierFixture.yaml(id: id), to: "dossiers/\(id).yaml") }
        write("""
        format: iip-panel/1
        chair: E1
        experts:
          - {id: E1, name: 陈某, affiliation: 某大学, stages: \(panelStages), conflicts: []}
          - {id: E2, name: 林某, affiliation: 某协会, stages: \(panelStages), conflicts: []}
        """, to: "panel.yaml")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func write(_ text: String, to name: String) {
        FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(text.utf8))
    }

    /// `name`'s keys live in a folder of their own: one laptop each.
    func laptop(_ name: String) -> [String: String] { ["XDG_CONFIG_HOME": folder + "/home-" + name] }

    @discardableResult
    func run(_ arguments: [String], as home: String = "chair") -> CommandRunner.Outcome {
        CommandRunner.run(arguments, environment: laptop(home))
    }

    func initWorkspace(_ name: String) {
        XCTAssertEqual(run(["init", folder + "/" + name, "--dossiers", folder + "/dossiers", "--panel", folder + "/panel.yaml"]).code, 0)
    }

    func fingerprint(_ expert: String, on home: String) -> String {
        let out = run(["key", "show", "--expert", expert], as: home).out
        return (out.range(of: "ed25519:").map { String(out[$0.lowerBound...]) } ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `expert`'s complete written sheets of `dossiers` at `percent`%.
    func scoreFile(_ expert: String, percent: Int, dossiers: [String] = ["I1"]) -> String {
        let rows = dossiers.flatMap { dossier in
            rubric.stage(.written)!.items(for: .industry).map { item in
                "\(expert),\(dossier),written,\(item.id),\(((item.max * Rational(percent) / Rational(100) / rubric.pointsStep).rounded(places: 0) * rubric.pointsStep).description),"
            }
        }
        return (["expert,dossier,stage,item,points,comment"] + rows).joined(separator: "\n") + "\n"
    }
}
