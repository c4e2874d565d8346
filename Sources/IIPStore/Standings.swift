import IIPCore

/// Everything the ranking and the documents need, computed from one reading of the
/// workspace: compliance with overrides applied, every panel score, and the ranking.
public struct Standings: Sendable {
    public let rubric: Rubric
    public let reports: [String: ComplianceReport]
    public let overrides: [Override]
    public let evaluations: [String: DossierEvaluation]
    public let groups: [RankedGroup]

    /// The errors of `id` the chair has not overridden.
    public func standingErrors(_ id: String) -> [Problem] {
        let waived = Set(overrides.filter { $0.dossier == id }.map(\.code))
        return (reports[id]?.errors ?? []).filter { !waived.contains($0.code.rawValue) }
    }
}

extension Workspace {
    public func standings() throws -> Standings {
        let rubric = try self.rubric()
        let stored = try dossiers()
        let reports = try compliance()
        let overrides = try self.overrides()
        var byID: [String: ComplianceReport] = [:]
        for report in reports { if let id = report.id { byID[id] = report } }
        let evaluations = Evaluation(rubric: rubric).evaluate(stored.map { ($0.id, $0.type) }, scores: try scores())
        let partial = Standings(rubric: rubric, reports: byID, overrides: overrides, evaluations: evaluations, groups: [])
        let candidates = stored.map { dossier -> Candidate in
            let evaluation = evaluations[dossier.id]
            var stages: [StageID: Rational] = [:]
            for stage in StageID.allCases { stages[stage] = evaluation?.value(stage) }
            var flags = (evaluation?.deviations ?? []).map { "deviation:\($0.stage.rawValue):\($0.sheet.expert)" }
            flags += overrides.filter { $0.dossier == dossier.id }.map { "override:\($0.code)" }
            return Candidate(id: dossier.id, platform: dossier.platform, type: dossier.type, stages: stages,
                             final: evaluation?.final, eligible: partial.standingErrors(dossier.id).isEmpty, flags: flags)
        }
        return Standings(rubric: rubric, reports: byID, overrides: overrides, evaluations: evaluations,
                         groups: Selection(rubric: rubric).rank(candidates))
    }
}
