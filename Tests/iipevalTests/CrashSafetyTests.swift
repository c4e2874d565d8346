import Foundation
import TestSupport
import XCTest
@testable import IIPCore

/// Issue 6: the workbench killed with SIGKILL at random moments while keys arrive. Every
/// score the screen showed as saved must be in the workspace, the audit chain must verify
/// and the database must pass SQLite's integrity check.
final class CrashSafetyTests: TerminalTestCase {
    let rubric = try! Rubric.builtIn.get()

    /// The saved points the review screen shows, by item name: lines like ` ✓ 工业设备管理  12/15│`.
    func shownPoints(_ screen: String) -> [String: String] {
        var shown: [String: String] = [:]
        for line in screen.split(separator: "\n") {
            let left = line.split(separator: "│").first.map(String.init) ?? ""
            let parts = left.split(separator: " ")
            guard parts.count >= 3, ["✓", "!"].contains(parts[0]), let score = parts.last, score.contains("/"),
                  let points = score.split(separator: "/").first, points != "—" else { continue }
            shown[parts[1...].dropLast().joined(separator: " ")] = String(points)
        }
        return shown
    }

    /// E1's written points by item, as stored now.
    func storedPoints() -> [String: String] {
        var stored: [String: String] = [:]
        let exported = CommandRunner.run(["scores", "export", folder + "/ws", "--expert", "E1", "--stage", "written"])
        for line in exported.out.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if fields.count >= 5 { stored[String(fields[3])] = String(fields[4]) }
        }
        return stored
    }

    /// Every value E1's written points took, in order, from the audit log.
    func savedHistory() -> [String: [String]] {
        var history: [String: [String]] = [:]
        for line in CommandRunner.run(["audit", folder + "/ws"]).out.split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count >= 6, fields[3] == "score.set", fields[4].hasPrefix("E1/GD-A/written/"),
                  let points = fields[5].components(separatedBy: "points=").last?.split(separator: " ").first else { continue }
            history[String(fields[4].dropFirst("E1/GD-A/written/".count)), default: []].append(String(points))
        }
        return history
    }

    /// The moments come from a seed: the same every run unless `IIPEVAL_CRASH_SEED` gives
    /// another (a failure names its seed, so it can be replayed exactly).
    func testKilledAtRandomMomentsLosesNothingShownAsSaved() throws {
        let seed = ProcessInfo.processInfo.environment["IIPEVAL_CRASH_SEED"].flatMap { UInt64($0) } ?? 20_181_122
        print("CrashSafetyTests: seed \(seed) (replay with IIPEVAL_CRASH_SEED=\(seed))")
        var random = SeededRandom(seed: seed)
        let items = try XCTUnwrap(rubric.stage(.written)).items(for: .industry)
        let names = Dictionary(uniqueKeysWithValues: items.map { ($0.name, $0.id) })
        var everShown = 0
        for round in 0..<6 {
            XCTAssertTrue(terminal.start("\(CommandRunner.binary) open \(folder)/ws --expert E1"), "tmux runs")
            guard terminal.waitFor("评审台 · 申报材料").found else { return XCTFail("round \(round): the list never showed\n\(terminal.screen())") }
            terminal.send(["Enter"])
            guard terminal.waitFor("评分 · GD-A").found else { return XCTFail("round \(round): the review never opened") }
            // A burst of points (every item's max is at least 4) with saves, sent at once.
            var burst: [String] = []
            for _ in 0..<8 {
                let half = Int.random(in: 0...8, using: &random)
                burst += Array(Rational(Int128(half), 2).description).map(String.init) + ["Enter"]
            }
            terminal.send(burst)
            usleep(UInt32.random(in: 0...400_000, using: &random))
            let screen = terminal.screen()
            CommandRunner.program(["pkill", "-KILL", "-f", "open \(folder)/ws"])
            terminal.end()

            let shown = shownPoints(screen)
            everShown += shown.count
            // A value shown may have been replaced by a later save before the kill: it must then
            // be in the audit trail, which is written in the same transaction as the score.
            let stored = storedPoints()
            let history = savedHistory()
            for (name, points) in shown {
                let id = try XCTUnwrap(names[name], "round \(round): unknown item \(name) on\n\(screen)")
                XCTAssertTrue(history[id]?.contains(points) == true,
                              "round \(round) (seed \(seed)): \(name) was shown saved as \(points) but was never stored\n\(screen)")
            }
            for (id, values) in history {
                XCTAssertEqual(stored[id], values.last, "round \(round) (seed \(seed)): \(id) is not its last saved value")
            }
            let audit = CommandRunner.run(["audit", folder + "/ws", "--verify"])
            XCTAssertEqual(audit.code, 0, "round \(round) (seed \(seed)): \(audit.out)\(audit.err)")
        }
        XCTAssertGreaterThan(everShown, 0, "some saves were shown before a kill")
        let check = CommandRunner.program(["python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])",
                                           folder + "/ws/workspace.sqlite"])
        XCTAssertEqual(check.out.trimmingCharacters(in: .whitespacesAndNewlines), "ok", check.err)
    }
}
