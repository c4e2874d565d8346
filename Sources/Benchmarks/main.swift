import Foundation
import IIPCore
import Terminal
import TestSupport
import Workbench

// `make bench`: how long the work an expert waits for takes with 1,000 dossiers and a
// panel of 7 experts with complete sheets — reading and checking the dossiers, scoring
// and ranking, and each key press of the workbench (update + view of a whole screen).

let count = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 1000
let rubric = try Rubric.builtIn.get()
let types = ["industry", "domain", "region", "cross"]

func measure(_ label: String, runs: Int = 1, _ body: () -> Void) {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<runs { body() }
    let perRun = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(runs) / 1_000_000
    print(DisplayWidth.pad(label, to: 54) + String(format: "%10.3f ms", perRun))
}

print("iipeval benchmark: \(count) dossiers, 7 experts, complete sheets (\(ProcessInfo.processInfo.processorCount) cores)")
let texts = (0..<count).map { n in
    DossierFixture.yaml(id: String(format: "B%05d", n), type: types[n % 4], creditCode: DossierFixture.creditCodes[n % 4],
                        applicant: "基准测试企业\(n)有限公司")
}
var loaded: [LoadedDossier] = []
measure("load \(count) dossiers (YAML → typed)") {
    let loader = DossierLoader(catalog: rubric.catalog)
    loaded = texts.enumerated().map { loader.load(data: Data($0.element.utf8), file: "b\($0.offset).yaml") }
}
var reports: [ComplianceReport] = []
measure("compliance check of the set") { reports = ComplianceCheck.run(loaded, catalog: rubric.catalog, checkEvidence: false) }

let experts = (1...7).map { Expert(id: "E\($0)", name: "专家\($0)", affiliation: "单位\($0)", stages: StageID.allCases, conflicts: []) }
var scores: [ItemScore] = []
for (n, report) in reports.enumerated() {
    guard let id = report.id, let type = report.dossier?.platform.type else { continue }
    for expert in experts.dropLast() {
        for stage in rubric.stages {
            for item in stage.items(for: type) {
                let points = item.max * Rational((n + Int(expert.id.dropFirst())!) % 7 + 3) / Rational(10)
                scores.append(ItemScore(expert: expert.id, dossier: id, stage: stage.id, item: item.id,
                                        points: (points / rubric.pointsStep).rounded(places: 0) * rubric.pointsStep, comment: ""))
            }
        }
    }
}
print("  \(scores.count) item scores")
var evaluations: [String: DossierEvaluation] = [:]
measure("evaluate every dossier (exact)") {
    evaluations = Evaluation(rubric: rubric).evaluate(reports.compactMap { r in r.id.map { ($0, r.dossier!.platform.type!) } }, scores: scores)
}
var groups: [RankedGroup] = []
measure("rank both groups") {
    let candidates = reports.compactMap { r -> Candidate? in
        guard let id = r.id, let e = evaluations[id] else { return nil }
        var stages: [StageID: Rational] = [:]
        for stage in StageID.allCases { stages[stage] = e.value(stage) }
        return Candidate(id: id, platform: r.dossier?.platform.name ?? "", type: e.type, stages: stages, final: e.final,
                         eligible: !r.hasErrors, flags: [])
    }
    groups = Selection(rubric: rubric).rank(candidates)
}
var data: WorkbenchData?
measure("workbench data (cohorts, my sheets)") {
    data = WorkbenchData(rubric: rubric, expert: experts[6], reports: reports, scores: scores, groups: groups)
}
var state = AppState(data: data!, language: .zh, width: 160, height: 50)
measure("key in the list: ↓ + whole screen", runs: 200) {
    _ = update(&state, .key(.down))
    _ = view(state)
}
_ = update(&state, .key(.char("s")))
_ = update(&state, .key(.char("s")))
measure("key in the list sorted by score: ↓ + screen", runs: 100) {
    _ = update(&state, .key(.down))
    _ = view(state)
}
_ = update(&state, .key(.enter))
measure("key in the review: ↓ + screen (evidence, percentiles)", runs: 200) {
    _ = update(&state, .key(.down))
    _ = view(state)
}
measure("type points and save (state side)", runs: 200) {
    for effect in update(&state, .key(.char("5"))) + update(&state, .key(.enter)) {
        if case let .save(score) = effect { _ = update(&state, .saved(score)) }
    }
    _ = view(state)
}
