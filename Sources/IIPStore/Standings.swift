import IIPCore

/// Everything the ranking and the documents need, computed from one reading of the
/// workspace: compliance with overrides applied, every panel score, and the ranking.
public struct Standings: Sendable {
    public let rubric: Rubric
    /// Whose sheets count: the panel with every declaration, and the dossiers' kept facts.
    public let counting: SheetCounting
    /// The stored dossiers, by id (their texts only when the standings parsed them).
    public let dossiers: [StoredDossier]
    public let reports: [String: ComplianceReport]
    public let overrides: [Override]
    public let evaluations: [String: DossierEvaluation]
    public let groups: [RankedGroup]
    /// Dossiers whose file changed after it was scored, not yet accepted by the chair.
    public let changed: Set<String>

    /// The errors of `id` the chair has not overridden.
    public func standingErrors(_ id: String) -> [Problem] {
        Standings.standingErrors(reports[id], overrides.filter { $0.dossier == id })
    }

    /// A stored dossier without a report (it no longer reads) counts as one E-PARSE error.
    static func standingErrors(_ report: ComplianceReport?, _ overrides: [Override]) -> [Problem] {
        guard let report else { return [Problem(.parse, "the stored dossier cannot be read")] }
        let waived = Set(overrides.map(\.code))
        return report.errors.filter { !waived.contains($0.code.rawValue) }
    }
}

extension Workspace {
    /// The standings. With `parsing` false the dossiers are not parsed: the reports hold
    /// the errors kept when the dossiers were stored and no dossier (what `rank` needs, fast).
    /// With `comments` false the evaluations come from the kept sheet totals and carry no
    /// comments — the same numbers without adding up every item.
    public func standings(parsing: Bool = true, comments: Bool = true) throws -> Standings {
        let rubric = try self.rubric()
        let counting = try self.counting()
        let stored = try dossiers(withSource: parsing)
        let overrides = try self.overrides()
        var byID: [String: ComplianceReport] = [:]
        if parsing {
            // compliance() reads the stored dossiers in order: pair them by position, not by the
            // id a report found, so a stored text that no longer parses is not mistaken for clean.
            for (dossier, report) in zip(stored, try compliance(of: stored)) where report.id == dossier.id { byID[dossier.id] = report }
        } else {
            let errors = try storedErrors()
            for dossier in stored {
                byID[dossier.id] = ComplianceReport(file: dossier.file, id: dossier.id, dossier: nil, problems: errors[dossier.id] ?? [])
            }
        }
        // With the comments every item is added up; the ranking's fast path reads the kept
        // sheet scores instead — the same values.
        let evaluations = comments
            ? Evaluation(rubric: rubric, counting: counting).evaluate(stored.map { ($0.id, $0.type) }, scores: try scores())
            : try evaluationsFromSheetTotals(rubric, counting: counting, dossiers: stored)
        let changed = try changedDossiers(of: stored)
        let candidates = stored.map { dossier -> Candidate in
            let evaluation = evaluations[dossier.id]
            var stages: [StageID: Rational] = [:]
            for stage in StageID.allCases { stages[stage] = evaluation?.value(stage) }
            var flags = (evaluation?.deviations ?? []).map { RankFlag.deviation($0.stage, expert: $0.sheet.expert) }
            flags += overrides.filter { $0.dossier == dossier.id }.map { RankFlag.override(code: $0.code) }
            if changed.contains(dossier.id) { flags.append(.dossierChanged) }
            return Candidate(id: dossier.id, platform: dossier.platform, type: dossier.type, stages: stages,
                             final: evaluation?.final,
                             eligible: Standings.standingErrors(byID[dossier.id], overrides.filter { $0.dossier == dossier.id }).isEmpty,
                             flags: flags)
        }
        return Standings(rubric: rubric, counting: counting, dossiers: stored, reports: byID, overrides: overrides, evaluations: evaluations,
                         groups: Selection(rubric: rubric).rank(candidates), changed: changed)
    }
}
