import IIPCore

extension Standings {
    /// The round laid out for recounts: each dossier as the ranking sees it, the experts
    /// of each stage as the panel file lists them, and the counted sheets.
    public var recount: Recount {
        let dossiers = self.dossiers.map {
            Recount.Dossier(id: $0.id, platform: $0.platform, type: $0.type, eligible: standingErrors($0.id).isEmpty)
        }
        var experts: [StageID: [String]] = [:]
        for stage in StageID.allCases { experts[stage] = counting.panel.experts.filter { $0.stages.contains(stage) }.map(\.id) }
        var sheets: [StageID: [String: [(expert: String, score: Rational)]]] = [:]
        for (id, evaluation) in evaluations {
            for (stage, panel) in evaluation.stages {
                sheets[stage, default: [:]][id] = panel.sheets.map { ($0.expert, $0.score) }
            }
        }
        return Recount(rubric: rubric, dossiers: dossiers, experts: experts, sheets: sheets)
    }
}
