import Foundation
import TestSupport
import XCTest
@testable import IIPCore

/// The analytics: agreement statistics against published and independently computed values,
/// every recount by the ranking's own rules, and the stability figures on rounds built to
/// have a known answer.
final class AnalysisTests: XCTestCase {
    let rubric = try! Rubric.builtIn.get()

    // MARK: - Agreement

    /// Shrout & Fleiss (1979), table 2: 6 targets, 4 judges; their ICC(2,1) is .29. The
    /// figures to 15 places and W were computed once with numpy/scipy.
    func testAgreementOnShroutAndFleisssTable() throws {
        let table: [[Double]] = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
        XCTAssertEqual(try XCTUnwrap(Agreement.iccA1(table)), 0.2897637795275591, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(Agreement.kendallW(table)), 0.8870370370370371, accuracy: 1e-12)
        // Ties in every column: the tie correction matters.
        let tied: [[Double]] = [[1, 1, 2], [2, 2, 2], [3, 3, 1], [3, 4, 1], [5, 5, 5]]
        XCTAssertEqual(try XCTUnwrap(Agreement.iccA1(tied)), 0.6778523489932887, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(Agreement.kendallW(tied)), 0.6023391812865497, accuracy: 1e-12)
        // Perfect agreement, and nothing to say with one row or one rater.
        XCTAssertEqual(try XCTUnwrap(Agreement.kendallW([[1, 1], [2, 2], [3, 3]])), 1, accuracy: 1e-12)
        XCTAssertNil(Agreement.iccA1([[1, 2, 3]]))
        XCTAssertNil(Agreement.kendallW([[1], [2]]))
    }

    // MARK: - Recounts follow the rules

    /// Built from sheet scores: the whole panel recounted gives the ranking the evaluation and
    /// the selection give — the same finals, the same statuses — on random rounds.
    func testTheWholePanelRecountedIsTheOfficialRanking() {
        var random = SeededRandom(seed: 42)
        for round in 0..<20 {
            let experts = (1...Int.random(in: 3...9, using: &random)).map { "E\($0)" }
            let panel = Panel(chair: "E1", experts: experts.map { Expert(id: $0, name: $0, affiliation: "单位\($0)", stages: StageID.allCases, conflicts: []) })
            let dossiers = (0..<Int.random(in: 5...30, using: &random)).map { n in
                Recount.Dossier(id: "D\(n)", platform: "平台\(n)", type: [.industry, .cross, .domain][n % 3], eligible: n % 7 != 3)
            }
            var sheets: [StageID: [String: [(expert: String, score: Rational)]]] = [:]
            for stage in StageID.allCases {
                for dossier in dossiers {
                    // Whole halves, and for the written review the weighted sums' 0.005 steps; some experts skip.
                    sheets[stage, default: [:]][dossier.id] = experts.filter { _ in Int.random(in: 0..<6, using: &random) > 0 }.map { expert in
                        (expert, Rational(Int128(Int.random(in: 8000...20000, using: &random)), stage == .written ? 200 : 2) / Rational(2))
                    }
                }
            }
            let recount = Recount(rubric: rubric, dossiers: dossiers, experts: Dictionary(uniqueKeysWithValues: StageID.allCases.map { ($0, experts) }),
                                  sheets: sheets)
            let evaluation = Evaluation(rubric: rubric, counting: SheetCounting(panel: panel, dossiers: [:]))
            let candidates = dossiers.map { dossier -> Candidate in
                let evaluated = evaluation.evaluate(id: dossier.id, type: dossier.type, sheets: sheets.mapValues { $0[dossier.id] ?? [] })
                return Candidate(id: dossier.id, platform: dossier.platform, type: dossier.type,
                                 stages: Dictionary(uniqueKeysWithValues: StageID.allCases.compactMap { s in evaluated.value(s).map { (s, $0) } }),
                                 final: evaluated.final, eligible: dossier.eligible, flags: [])
            }
            let official = Selection(rubric: rubric).rank(candidates)
            let recounted = recount.rank(recount.wholePanel)
            XCTAssertEqual(recounted.map { $0.entries.map { "\($0.candidate.id) \($0.status) \($0.candidate.final?.description ?? "-")" } },
                           official.map { $0.entries.map { "\($0.candidate.id) \($0.status) \($0.candidate.final?.description ?? "-")" } },
                           "round \(round)")
            // The recounts that ask only which are selected skip the ineligible dossiers' scores: the same selection.
            let drawn = recount.wholePanel.mapValues { $0.map { _ in Int.random(in: 0...2, using: &random) } }
            XCTAssertEqual(recount.selected(drawn),
                           Set(recount.rank(drawn).flatMap(\.entries).filter { $0.status == .selected }.map(\.candidate.id)), "round \(round)")
        }
    }

    // MARK: - Stability on rounds with a known answer

    /// Eleven industry platforms for ten places, three experts on every stage. E1 marks D0
    /// down to 60 where the others give 75: with E1, D0 (70) is the eleventh; without E1 it
    /// is 75 and D1 (71) drops out. Without E2 or E3, D0 stays out.
    func roundHangingOnOneExpert() -> Recount {
        let experts = ["E1", "E2", "E3"]
        let dossiers = (0...10).map { Recount.Dossier(id: "D\($0)", platform: "平台\($0)", type: .industry, eligible: true) }
        var sheets: [StageID: [String: [(expert: String, score: Rational)]]] = [:]
        for stage in StageID.allCases {
            for (n, dossier) in dossiers.enumerated() {
                sheets[stage, default: [:]][dossier.id] = experts.map { expert in
                    (expert, n == 0 ? Rational(expert == "E1" ? 60 : 75) : Rational(70 + n))
                }
            }
        }
        return Recount(rubric: rubric, dossiers: dossiers, experts: Dictionary(uniqueKeysWithValues: StageID.allCases.map { ($0, experts) }),
                       sheets: sheets)
    }

    func testLeavingOneExpertOutNamesTheExpertAPlaceHangsOn() throws {
        let analysis = Analysis(roundHangingOnOneExpert(), resamples: 0)
        let entries = try XCTUnwrap(analysis.groups.first { $0.group.direction == .specific }).entries
        let byID = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })
        XCTAssertEqual(byID["D0"]?.status, .notSelected)
        XCTAssertEqual(byID["D0"]?.looFlips, ["E1"])
        XCTAssertEqual(byID["D1"]?.looFlips, ["E1"])
        XCTAssertEqual(byID["D5"]?.looFlips, [])
        // Margins: D0 (70) to the last selected, D1 (71); D1 to the first below, D0.
        XCTAssertEqual(byID["D0"]?.margin, Rational(-1))
        XCTAssertEqual(byID["D1"]?.margin, Rational(1))
        XCTAssertEqual(byID["D10"]?.margin, Rational(10))
        // E1 marks 20 points below the panel's 70 on D0 in every stage: 20/3 below on the mean… of one sheet of 11.
        let e1 = try XCTUnwrap(analysis.experts.first { $0.expert == "E1" && $0.stage == .written })
        XCTAssertEqual(e1.sheets, 11)
        XCTAssertEqual(e1.leniency, Rational(60 - 70, 11))
    }

    func testTheBootstrapIsRepeatableAndSeesTheFragilePlaces() throws {
        let recount = roundHangingOnOneExpert()
        let a = Analysis(recount, resamples: 400, seed: 3), b = Analysis(recount, resamples: 400, seed: 3)
        let shares = { (analysis: Analysis) in analysis.groups.flatMap(\.entries).map { "\($0.id) \($0.pSelected)" } }
        XCTAssertEqual(shares(a), shares(b), "the same seed, the same figures")
        let byID = Dictionary(uniqueKeysWithValues: a.groups.flatMap(\.entries).map { ($0.id, $0.pSelected) })
        // D10 is selected by every panel; D0 and D1 share the last place as E1 is drawn or not.
        XCTAssertEqual(byID["D10"], Rational(1))
        let d0 = try XCTUnwrap(byID["D0"]), d1 = try XCTUnwrap(byID["D1"])
        XCTAssertGreaterThan(d0, Rational(1, 10))
        XCTAssertLessThan(d1, Rational(9, 10))
        // The tenth place goes to one of them, or to neither when they tie.
        XCTAssertLessThanOrEqual(d0 + d1, Rational(1))
        XCTAssertEqual(byID["D2"], Rational(1))
    }

    /// Moving weight between stages changes the selection when two dossiers at the cut are
    /// strong in different stages.
    func testMovingStageWeightShowsWhatItChanges() throws {
        let experts = ["E1", "E2", "E3"]
        let dossiers = (0...10).map { Recount.Dossier(id: "D\($0)", platform: "平台\($0)", type: .industry, eligible: true) }
        var sheets: [StageID: [String: [(expert: String, score: Rational)]]] = [:]
        for stage in StageID.allCases {
            for (n, dossier) in dossiers.enumerated() {
                // D0 is strong in the test and weak in the written review; D1 the other way round; the rest far above.
                let score: Rational = n == 0 ? (stage == .test ? 100 : stage == .written ? 60 : 70)
                    : n == 1 ? (stage == .written ? 72 : 70) : Rational(80 + n)
                sheets[stage, default: [:]][dossier.id] = experts.map { ($0, score) }
            }
        }
        let recount = Recount(rubric: rubric, dossiers: dossiers, experts: Dictionary(uniqueKeysWithValues: StageID.allCases.map { ($0, experts) }),
                              sheets: sheets)
        let analysis = Analysis(recount, resamples: 0)
        let shifts = Dictionary(uniqueKeysWithValues: analysis.weights.map { ("\($0.from.rawValue)→\($0.to.rawValue)", $0) })
        XCTAssertEqual(analysis.weights.count, 12, "every ordered pair of stages")
        // D1 70.80 against D0 70.50 at the rubric's weights; 5 points from written to test: D1 70.70, D0 72.50.
        XCTAssertEqual(shifts["written→test"]?.changed, ["D0", "D1"])
        XCTAssertEqual(shifts["test→written"]?.changed, [])
        XCTAssertEqual(shifts["written→test"]?.weights[.written], Rational(35))
        XCTAssertEqual(shifts["written→test"]?.weights[.test], Rational(20))
    }
}
