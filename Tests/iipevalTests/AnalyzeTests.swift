import Foundation
import TestSupport
import XCTest

/// `iipeval analyze` on the sample round (with E07's sheets, so that every expert scored):
/// its agreement and leniency figures equal an independent computation (numpy/scipy and
/// exact fractions, committed in Tests/Fixtures/analysis), its margins follow from the
/// ranking, the same seed gives the same figures, and the outputs are whole.
final class AnalyzeTests: XCTestCase {
    var folder = ""
    var ws: String { folder + "/ws" }
    let fixtures = CommandRunner.repository + "/Tests/Fixtures/analysis"

    override func setUpWithError() throws {
        folder = DossierFixture.temporaryFolder()
        let samples = CommandRunner.repository + "/SampleDossiers"
        XCTAssertEqual(CommandRunner.run(["init", ws, "--dossiers", samples, "--panel", samples + "/panel.yaml"]).code, 0)
        XCTAssertEqual(CommandRunner.run(["scores", "import", ws, samples + "/sample-scores.csv"]).code, 0)
        XCTAssertEqual(CommandRunner.run(["scores", "import", ws, fixtures + "/E07-scores.csv"]).code, 0)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let run = CommandRunner.run(["analyze", ws, "--format", "json"] + arguments)
        XCTAssertEqual(run.code, 0, run.err)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
    }

    func testTheFiguresMatchAnIndependentComputation() throws {
        let analysis = try json(["--resamples", "0"])
        let expected = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixtures + "/expected.json"))) as? [String: Any])
        let stages = try XCTUnwrap(analysis["stages"] as? [[String: Any]])
        for want in try XCTUnwrap(expected["stages"] as? [[String: Any]]) {
            let stage = try XCTUnwrap(stages.first { $0["stage"] as? String == want["stage"] as? String })
            XCTAssertEqual(stage["dossiers"] as? Int, want["dossiers"] as? Int)
            XCTAssertEqual(stage["experts"] as? Int, 7)
            for key in ["icc_a1", "kendall_w"] {
                let got = try XCTUnwrap(stage[key] as? Double), exact = try XCTUnwrap(want[key] as? Double)
                XCTAssertEqual(got, (exact * 1000).rounded() / 1000, accuracy: 1e-9, "\(key) of \(want["stage"]!)")
            }
        }
        let experts = try XCTUnwrap(analysis["experts"] as? [[String: Any]])
        for want in try XCTUnwrap(expected["experts"] as? [[String: Any]]) {
            let row = try XCTUnwrap(experts.first { $0["expert"] as? String == want["expert"] as? String && $0["stage"] as? String == want["stage"] as? String })
            XCTAssertEqual(row["sheets"] as? Int, want["sheets"] as? Int)
            let leniency = try XCTUnwrap(row["leniency"] as? Double), text = try XCTUnwrap(want["leniency"] as? String)
            XCTAssertEqual(String(format: "%.2f", leniency), text, "\(want["expert"]!) \(want["stage"]!)")
        }
    }

    func testMarginsAreMeasuredFromTheCutOfTheRanking() throws {
        let analysis = try json(["--resamples", "0"])
        let rank = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(CommandRunner.run(["rank", ws, "--format", "json"]).out.utf8)) as? [String: Any])
        let rankGroups = try XCTUnwrap(rank["groups"] as? [[String: Any]])
        for group in try XCTUnwrap(analysis["groups"] as? [[String: Any]]) {
            let entries = try XCTUnwrap(group["entries"] as? [[String: Any]])
            let ranked = try XCTUnwrap(rankGroups.first { $0["group"] as? String == group["group"] as? String }?["entries"] as? [[String: Any]])
            XCTAssertEqual(entries.map { $0["id"] as? String }, ranked.map { $0["id"] as? String }, "the ranking's order")
            XCTAssertEqual(entries.map { $0["status"] as? String }, ranked.map { $0["status"] as? String }, "the official statuses")
            let finals = ranked.map { $0["final"] as? Double }
            let lastSelected = try XCTUnwrap(ranked.lastIndex { $0["status"] as? String == "selected" })
            let firstBelow = ranked.indices.first { $0 > lastSelected && finals[$0] != nil }
            for (index, entry) in entries.enumerated() {
                guard let final = finals[index] else {
                    XCTAssertTrue(entry["margin"] is NSNull, "no final, no margin")
                    continue
                }
                let cut = index <= lastSelected ? firstBelow.flatMap { finals[$0] } : finals[lastSelected]
                XCTAssertEqual(try XCTUnwrap(entry["margin"] as? Double), final - cut!, accuracy: 0.011, "\(entry["id"]!)")
            }
        }
    }

    func testTheSameSeedGivesTheSameFiguresAndTheCertainPlacesAreCertain() throws {
        let first = CommandRunner.run(["analyze", ws, "--format", "json", "--resamples", "300", "--seed", "7"])
        let again = CommandRunner.run(["analyze", ws, "--format", "json", "--resamples", "300", "--seed", "7"])
        XCTAssertEqual(first.out, again.out)
        let analysis = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(first.out.utf8)) as? [String: Any])
        XCTAssertEqual(analysis["resamples"] as? Int, 300)
        for group in try XCTUnwrap(analysis["groups"] as? [[String: Any]]) {
            for entry in try XCTUnwrap(group["entries"] as? [[String: Any]]) {
                let p = try XCTUnwrap(entry["p_selected"] as? Double)
                XCTAssertTrue((0...1).contains(p))
                // Never selected whatever the panel: ineligible, or below the threshold by far.
                if ["ineligible", "incomplete"].contains(entry["status"] as? String) { XCTAssertEqual(p, 0, "\(entry["id"]!)") }
                // Selected by more than 10 points: every panel drawn from these experts keeps it.
                if let margin = entry["margin"] as? Double, margin > 10, entry["status"] as? String == "selected" {
                    XCTAssertGreaterThan(p, 0.9, "\(entry["id"]!)")
                }
            }
        }
        let other = CommandRunner.run(["analyze", ws, "--format", "json", "--resamples", "300", "--seed", "8"])
        XCTAssertEqual(other.code, 0)
    }

    /// The signed list says how solid each place is: the same p_selected as `analyze` with
    /// its defaults, and the experts whose removal flips it.
    func testTheRankingDocumentCarriesTheStabilityOfEachPlace() throws {
        let analysis = try XCTUnwrap(CommandRunner.json(CommandRunner.run(["analyze", ws, "--format", "json"]).out) as? [String: Any])
        XCTAssertEqual(CommandRunner.run(["export", ws, "--what", "ranking", "--format", "csv", "--out", folder + "/ranking.csv"]).code, 0)
        let rows = try String(contentsOfFile: folder + "/ranking.csv", encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        let columns = try XCTUnwrap(rows.first { $0.hasPrefix("名次,") }).split(separator: ",").map(String.init)
        let column = try XCTUnwrap(columns.firstIndex(of: "稳定性"), "\(columns)")
        var checked = 0
        for group in try XCTUnwrap(analysis["groups"] as? [[String: Any]]) {
            for entry in try XCTUnwrap(group["entries"] as? [[String: Any]]) {
                let id = try XCTUnwrap(entry["id"] as? String)
                let row = try XCTUnwrap(rows.first { $0.contains("," + id + ",") }).split(separator: ",", omittingEmptySubsequences: false)
                let shown = String(row[column])
                guard entry["status"] as? String != "ineligible" else {
                    XCTAssertEqual(shown, "—", id)
                    continue
                }
                let p = try XCTUnwrap(entry["p_selected"] as? Double)
                let flips = entry["loo_flips"] as? [String] ?? []
                XCTAssertTrue(shown.hasPrefix("\(Int((p * 100).rounded()))%"), "\(id): \(shown) for \(p)")
                XCTAssertEqual(shown.contains("去掉"), !flips.isEmpty, "\(id): \(shown)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 23)
    }

    func testTextHtmlAndTheOutFile() throws {
        let text = CommandRunner.run(["analyze", ws, "--resamples", "50"])
        XCTAssertEqual(text.code, 0, text.err)
        XCTAssertTrue(text.out.contains("---- cut ----") && text.out.contains("ICC(A,1)"), text.out)
        let out = folder + "/analysis.html"
        XCTAssertEqual(CommandRunner.run(["analyze", ws, "--format", "html", "--resamples", "50", "--out", out]).code, 0)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(html.contains("<svg") && html.contains("分数线") && html.contains("审计日志：共"), "charts, the cut and the audit head")
        XCTAssertFalse(html.lowercased().contains("<script"), "no script")
        XCTAssertFalse(html.contains("http://") && html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"), "nothing fetched")
        // An existing file is kept unless --force; a folder never replaced.
        XCTAssertEqual(CommandRunner.run(["analyze", ws, "--format", "html", "--resamples", "0", "--out", out]).code, 2)
        XCTAssertEqual(CommandRunner.run(["analyze", ws, "--format", "html", "--resamples", "0", "--out", out, "--force"]).code, 0)
        XCTAssertEqual(CommandRunner.run(["analyze", ws, "--resamples", "0", "--out", folder, "--force"]).code, 2)
        XCTAssertEqual(CommandRunner.run(["analyze", ws, "--resamples", "-1"]).code, 2, "a bad option: could not run")
        XCTAssertEqual(CommandRunner.run(["analyze", folder + "/nothing"]).code, 2)
    }
}
