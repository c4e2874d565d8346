import Foundation
import IIPCore
import IIPIntake
import Terminal
import TestSupport

// `make bench`: a national-scale round, generated the same every time — 1,000 dossiers,
// 25 experts, all four stages complete (about 730,000 scores) — and the real (release)
// binary timed on it: init, scores import (against sqlite3's own .import of the same CSV),
// rank, the workbench's first frame and its keypress-to-frame latency while scoring
// (measured inside the program, IIPEVAL_TRACE), intake of the same dossiers as filled
// 申报书 (.docx, made once by the template writer), and peak memory. Medians of several runs.

// `Benchmarks [dossiers] [--keep]`: --keep leaves the generated round in its folder, to
// look into with a profiler.
let arguments = Array(CommandLine.arguments.dropFirst())
let dossierCount = Int(arguments.first ?? "") ?? 1000
let keep = arguments.contains("--keep")
let expertCount = 25
let runs = 5
let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("iipeval").path
let rubric = try Rubric.builtIn.get()
let folder = NSTemporaryDirectory() + "iipeval-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

/// Ends the benchmark: the round's folder (half a gigabyte) goes unless kept.
func finish(_ status: Int32) -> Never {
    if keep { print("the round is kept in \(folder)") } else { try? FileManager.default.removeItem(atPath: folder) }
    exit(status)
}

// MARK: - the round

/// `partial` with its last character replaced by the check character the compliance check
/// expects (it names it when the one given is wrong).
func withCheckCharacter(_ partial: String) -> String {
    guard case let .wrongCheck(expected) = CreditCode.verify(partial) else { return partial }
    return String(partial.dropLast()) + String(expected)
}

/// A valid 统一社会信用代码 for applicant `n`, its 组织机构代码 part valid too.
func creditCode(_ n: Int) -> String {
    let organisation = withCheckCharacter(String(10_000_000 + n) + "0")
    return withCheckCharacter("91440100" + organisation + "0")
}

let cities = ["广州", "深圳", "珠海", "汕头", "佛山", "韶关", "河源", "梅州", "惠州", "汕尾", "东莞", "中山", "江门", "阳江",
              "湛江", "茂名", "肇庆", "清远", "潮州", "揭阳", "云浮"]
let types: [(String, PlatformType)] = [("industry", .industry), ("domain", .domain), ("region", .region), ("cross", .cross)]
try FileManager.default.createDirectory(atPath: folder + "/dossiers", withIntermediateDirectories: true)
for n in 0..<dossierCount {
    let text = DossierFixture.yaml(id: String(format: "CN%04d", n), type: types[n % 4].0, creditCode: creditCode(n),
                                   city: cities[n % cities.count], applicant: "国家级基准企业\(n)有限公司")
    try text.write(toFile: folder + "/dossiers/\(n).yaml", atomically: false, encoding: .utf8)
}
var panel = "format: iip-panel/1\nchair: E01\nexperts:\n"
for e in 1...expertCount {
    panel += "  - {id: \(String(format: "E%02d", e)), name: 专家\(e), affiliation: 评审单位\(e), stages: [written, defence, site, test], conflicts: []}\n"
}
try panel.write(toFile: folder + "/panel.yaml", atomically: false, encoding: .utf8)
// Written as it is made, a dossier at a time, so that this process stays small: a child's
// peak memory as the kernel reports it includes the parent's at the time of the spawn.
FileManager.default.createFile(atPath: folder + "/scores.csv", contents: nil)
let csvFile = FileHandle(forWritingAtPath: folder + "/scores.csv")!
csvFile.write(Data("expert,dossier,stage,item,points,comment\n".utf8))
var scoreCount = 0
for n in 0..<dossierCount {
    let type = types[n % 4].1
    var lines = ""
    for e in 1...expertCount {
        for stage in rubric.stages {
            for (index, item) in stage.items(for: type).enumerated() {
                // Between 30% and 100% of the maximum, on the 0.5 grid, varying by dossier, expert and item.
                let fraction = Rational(Int128(30 + (n * 7 + e * 13 + index * 5) % 71), 100)
                let points = (item.max * fraction / rubric.pointsStep).rounded(places: 0) * rubric.pointsStep
                lines += "\(String(format: "E%02d", e)),\(String(format: "CN%04d", n)),\(stage.id.rawValue),\(item.id),\(points.description),\n"
                scoreCount += 1
            }
        }
    }
    csvFile.write(Data(lines.utf8))
}
try csvFile.close()

// MARK: - measuring

struct Measured {
    let seconds: Double
    let peakKB: Int
}

func run(_ command: [String], environment: [String: String]? = nil) -> Measured {
    // Every timed run starts with the disk idle: the files the steps before wrote (hundreds
    // of megabytes) would otherwise still be going out to it while this one waits on fsync.
    sync()
    let start = DispatchTime.now().uptimeNanoseconds
    guard let outcome = try? ChildProcess.capture(command, environment: environment, timeout: 600), outcome.status <= 1 else {
        print("failed: \(command.joined(separator: " "))")
        finish(2)
    }
    return Measured(seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, peakKB: outcome.peakResidentKB)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

struct Row {
    let step: String
    let value: String
    let target: String
    let peakMB: String
    let met: Bool?
}

var rows: [Row] = []
func mb(_ kb: Int) -> String { String(format: "%.0f MB", Double(kb) / 1024) }

print("iipeval benchmark: \(dossierCount) dossiers, \(expertCount) experts, 4 stages complete: \(scoreCount) scores; "
      + "\(ProcessInfo.processInfo.processorCount) cores; medians of \(runs) runs")

// init
var initRuns: [Measured] = []
for attempt in 0..<runs {
    let ws = folder + "/init-\(attempt)"
    initRuns.append(run([binary, "init", ws, "--dossiers", folder + "/dossiers", "--panel", folder + "/panel.yaml"]))
}
rows.append(Row(step: "init (\(dossierCount) dossiers)", value: String(format: "%.2f s", median(initRuns.map(\.seconds))), target: "—",
                peakMB: mb(initRuns.map(\.peakKB).max()!), met: nil))

// scores import, each into a fresh copy of the same new workspace, and sqlite3's own .import
var importRuns: [Measured] = []
var sqliteRuns: [Measured] = []
for attempt in 0..<runs {
    let ws = folder + "/import-\(attempt)"
    try FileManager.default.copyItem(atPath: folder + "/init-0", toPath: ws)
    importRuns.append(run([binary, "scores", "import", ws, folder + "/scores.csv"]))
    sqliteRuns.append(run(["sqlite3", folder + "/sqlite-\(attempt).db", ".import --csv \(folder)/scores.csv score"]))
}
let importSeconds = median(importRuns.map(\.seconds))
let sqliteSeconds = median(sqliteRuns.map(\.seconds))
rows.append(Row(step: "sqlite3 .import of the same CSV", value: String(format: "%.2f s", sqliteSeconds), target: "—",
                peakMB: mb(sqliteRuns.map(\.peakKB).max()!), met: nil))
rows.append(Row(step: "scores import (\(scoreCount) rows)",
                value: String(format: "%.2f s (%.1f×)", importSeconds, importSeconds / sqliteSeconds),
                target: "≤ 3× sqlite3", peakMB: mb(importRuns.map(\.peakKB).max()!), met: importSeconds <= 3 * sqliteSeconds))

// rank
let ranked = folder + "/import-0"
var rankRuns: [Measured] = []
// The imports' writes reach the disk first, as before the workbench's runs: rank reads every dossier file.
sync()
for _ in 0..<runs { rankRuns.append(run([binary, "rank", ranked, "--format", "json"])) }
let rankSeconds = median(rankRuns.map(\.seconds))
rows.append(Row(step: "rank", value: String(format: "%.3f s", rankSeconds), target: "< 0.25 s",
                peakMB: mb(rankRuns.map(\.peakKB).max()!), met: rankSeconds < 0.25))

// analyze: 2,000 bootstrap panels and every other figure, on both cores
var analyzeRuns: [Measured] = []
for _ in 0..<runs { analyzeRuns.append(run([binary, "analyze", ranked, "--format", "json", "--resamples", "2000"])) }
let analyzeSeconds = median(analyzeRuns.map(\.seconds))
rows.append(Row(step: "analyze (2,000 resamples)", value: String(format: "%.2f s", analyzeSeconds), target: "< 5 s",
                peakMB: mb(analyzeRuns.map(\.peakKB).max()!), met: analyzeSeconds < 5))

// the workbench in a terminal: first frame, then 1,000 keys while scoring
_ = run([binary, "declare", ranked, "--expert", "E25"])
var firstFrames: [Double] = []
var keyP99s: [Double] = []
var keyP50s: [Double] = []
var keyMaxes: [Double] = []
var workbenchPeakKB = 0
for attempt in 0..<runs {
    let terminal = TmuxSession(name: "iipeval-bench-\(getpid())-\(attempt)")
    let trace = folder + "/trace-\(attempt).txt"
    sync()
    guard terminal.start("IIPEVAL_TRACE=\(trace) \(binary) open \(ranked) --expert E25", width: 120, height: 40),
          terminal.waitFor("评审台 · 申报材料", seconds: 60).found else {
        print("the workbench did not start in tmux")
        finish(2)
    }
    terminal.send(["Enter"])
    _ = terminal.waitFor("评分 · CN0000")
    // 1,000 keys while scoring: a digit, then Enter to save (a committed transaction each).
    for _ in 0..<10 {
        terminal.send(Array(repeating: ["5", "Enter"], count: 50).flatMap { $0 })
        usleep(200_000)
    }
    // Points still typed (a 5 where an item allows 4) are asked about before leaving: y drops them.
    terminal.send(["Escape", "y"])
    terminal.send(["q"])
    for _ in 0..<600 where !FileManager.default.fileExists(atPath: trace) { usleep(100_000) }
    terminal.end()
    let lines = ((try? String(contentsOfFile: trace, encoding: .utf8)) ?? "").split(separator: "\n")
    let keys = lines.filter { $0.hasPrefix("key_ms ") }.compactMap { Double($0.dropFirst(7)) }
    guard keys.count >= 1000, let first = lines.first(where: { $0.hasPrefix("first_frame_ms ") }).flatMap({ Double($0.dropFirst(15)) }) else {
        print("the workbench's trace is incomplete (\(keys.count) keys)")
        finish(2)
    }
    firstFrames.append(first / 1000)
    keyP99s.append(percentile(keys, 0.99))
    keyP50s.append(percentile(keys, 0.50))
    keyMaxes.append(keys.max() ?? 0)
    workbenchPeakKB = max(workbenchPeakKB, lines.first { $0.hasPrefix("peak_rss_kb ") }.flatMap { Int($0.dropFirst(12)) } ?? 0)
}
let firstFrame = median(firstFrames)
rows.append(Row(step: "workbench: start to first frame", value: String(format: "%.3f s", firstFrame), target: "< 0.5 s",
                peakMB: mb(workbenchPeakKB), met: firstFrame < 0.5))
let keyP99 = median(keyP99s)
// The slowest key is the first Enter: it opens a dossier, and waits for the dossiers to be read.
rows.append(Row(step: "workbench: key to frame p50/p99/max (1,000 keys)",
                value: String(format: "%.2f / %.2f / %.0f ms", median(keyP50s), keyP99, median(keyMaxes)), target: "p99 < 10 ms",
                peakMB: "", met: keyP99 < 10))
// the chair's analytics screen: `a` shows it at once (key to frame), the figures follow from
// the background (2,000 bootstrap panels)
_ = run([binary, "declare", ranked, "--expert", "E01"])
var analyticsKeys: [Double] = []
var analyticsReady: [Double] = []
for attempt in 0..<runs {
    let terminal = TmuxSession(name: "iipeval-bench-a-\(getpid())-\(attempt)")
    let trace = folder + "/trace-a-\(attempt).txt"
    guard terminal.start("IIPEVAL_TRACE=\(trace) \(binary) open \(ranked) --expert E01", width: 120, height: 40),
          terminal.waitFor("评审台 · 申报材料", seconds: 60).found else {
        print("the chair's workbench did not start in tmux")
        finish(2)
    }
    terminal.send(["a"])
    guard terminal.waitFor("跨行业", seconds: 60).found else {
        print("the analytics screen showed no figures")
        finish(2)
    }
    terminal.send(["q"])
    for _ in 0..<600 where !FileManager.default.fileExists(atPath: trace) { usleep(100_000) }
    terminal.end()
    let lines = ((try? String(contentsOfFile: trace, encoding: .utf8)) ?? "").split(separator: "\n")
    guard let key = lines.first(where: { $0.hasPrefix("key_ms ") }).flatMap({ Double($0.dropFirst(7)) }),
          let ready = lines.first(where: { $0.hasPrefix("analysis_ready_ms ") }).flatMap({ Double($0.dropFirst(18)) }) else {
        print("the analytics trace is incomplete")
        finish(2)
    }
    analyticsKeys.append(key)
    analyticsReady.append(ready)
}
let analyticsOpen = median(analyticsKeys) / 1000
rows.append(Row(step: "analytics screen: a to frame (figures after)",
                value: String(format: "%.3f s (%.2f s)", analyticsOpen, median(analyticsReady) / 1000), target: "< 0.5 s",
                peakMB: "", met: analyticsOpen < 0.5))

// intake: the round's dossiers as filled Word forms, read back to YAML
try FileManager.default.createDirectory(atPath: folder + "/forms", withIntermediateDirectories: true)
let loader = DossierLoader(catalog: rubric.catalog)
for n in 0..<dossierCount {
    guard let dossier = loader.load(path: folder + "/dossiers/\(n).yaml").dossier else {
        print("dossier \(n) of the round does not load")
        finish(2)
    }
    try FormTemplate.filled(dossier).write(to: URL(fileURLWithPath: folder + "/forms/\(dossier.id ?? "?").docx"))
}
var intakeRuns: [Measured] = []
for attempt in 0..<runs {
    intakeRuns.append(run([binary, "intake", folder + "/forms", "--out", folder + "/intake-\(attempt)"]))
}
let intakeSeconds = median(intakeRuns.map(\.seconds))
rows.append(Row(step: "intake (\(dossierCount) filled .docx to YAML)", value: String(format: "%.2f s", intakeSeconds), target: "< 20 s",
                peakMB: mb(intakeRuns.map(\.peakKB).max()!), met: intakeSeconds < 20))

let peak = ([workbenchPeakKB] + (initRuns + importRuns + rankRuns + analyzeRuns + intakeRuns).map(\.peakKB)).max()!
rows.append(Row(step: "peak memory of any iipeval process", value: mb(peak), target: "< 200 MB", peakMB: "", met: peak < 200 * 1024))

// MARK: - the table

let widths = [50, 20, 14, 10]
func line(_ cells: [String]) -> String {
    zip(cells, widths).map { DisplayWidth.pad($0, to: $1) }.joined(separator: " | ")
}
print(line(["step", "median", "target", "peak mem"]) + " | met")
print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "-|-") + "-|----")
for row in rows {
    print(line([row.step, row.value, row.target, row.peakMB]) + " | " + (row.met.map { $0 ? "yes" : "NO" } ?? ""))
}
finish(rows.contains { $0.met == false } ? 1 : 0)
