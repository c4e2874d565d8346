/// What the ranking says of a dossier (SPEC §6); raw values are the contract's.
public enum SelectionStatus: String, Sendable, CaseIterable {
    case selected, tie
    case notSelected = "not_selected"
    case belowThreshold = "below_threshold"
    case incomplete, ineligible
}

/// What the ranking notes beside a dossier, for the chair to look at.
public enum RankFlag: Sendable, Equatable, CustomStringConvertible {
    /// An expert's stage score deviates from the panel's (偏离).
    case deviation(StageID, expert: String)
    /// The chair waived this compliance error.
    case override(code: String)
    /// The dossier's file changed after it was scored, and the chair has not accepted it.
    case dossierChanged

    /// As the ranking's JSON and CSV write it: `deviation:written:E03`, `override:E-QUOTA`,
    /// `dossier_changed`.
    public var description: String {
        switch self {
        case let .deviation(stage, expert): return "deviation:\(stage.rawValue):\(expert)"
        case let .override(code): return "override:\(code)"
        case .dossierChanged: return "dossier_changed"
        }
    }
}

/// A dossier as the ranking sees it.
public struct Candidate: Sendable, Equatable {
    public let id: String
    public let platform: String
    public let type: PlatformType
    public let stages: [StageID: Rational]
    public let final: Rational?
    /// False when an error of §5 stands that the chair has not overridden.
    public let eligible: Bool
    public let flags: [RankFlag]

    public init(id: String, platform: String, type: PlatformType, stages: [StageID: Rational],
                final: Rational?, eligible: Bool, flags: [RankFlag]) {
        self.id = id
        self.platform = platform
        self.type = type
        self.stages = stages
        self.final = final
        self.eligible = eligible
        self.flags = flags
    }

    /// What orders complete candidates: final, then written, then test, each rounded to
    /// 2 decimals, half away from zero.
    var sortKey: [Rational] {
        [final, stages[.written], stages[.test]].map { ($0 ?? .zero).rounded(places: 2) }
    }
}

public struct RankedEntry: Sendable, Equatable {
    /// Position in the group's order, from 1.
    public let rank: Int
    public let candidate: Candidate
    public let status: SelectionStatus
}

public struct RankedGroup: Sendable {
    public let group: SelectionGroup
    public let entries: [RankedEntry]
}

/// The ranking rules of SPEC §6 in one place: order, threshold, cap and ties at the cut.
public struct Selection: Sendable {
    public let rubric: Rubric

    public init(rubric: Rubric) {
        self.rubric = rubric
    }

    public func rank(_ candidates: [Candidate]) -> [RankedGroup] {
        Direction.allCases.compactMap { direction in
            guard let group = rubric.group(direction) else { return nil }
            return RankedGroup(group: group, entries: rank(candidates.filter { $0.type.direction == direction }, cap: group.cap))
        }
    }

    func rank(_ candidates: [Candidate], cap: Int) -> [RankedEntry] {
        // Each key rounded once, not at every comparison (a recount ranks thousands of times).
        let complete = candidates.filter { $0.eligible && $0.final != nil }.map { ($0, $0.sortKey) }.sorted { a, b in
            a.1 != b.1 ? a.1.lexicographicallyPrecedes(b.1, by: >) : a.0.id < b.0.id
        }
        let rest = candidates.filter { !($0.eligible && $0.final != nil) }.sorted { $0.id < $1.id }
        var entries: [RankedEntry] = []
        var start = 0
        while start < complete.count {
            // The run of candidates tied on all three rounded scores.
            var end = start + 1
            while end < complete.count, complete[end].1 == complete[start].1 { end += 1 }
            for (candidate, _) in complete[start..<end] {
                entries.append(RankedEntry(rank: entries.count + 1, candidate: candidate,
                                           status: status(of: candidate, above: start, tied: end - start, cap: cap)))
            }
            start = end
        }
        for candidate in rest {
            entries.append(RankedEntry(rank: entries.count + 1, candidate: candidate,
                                       status: candidate.eligible ? .incomplete : .ineligible))
        }
        return entries
    }

    /// `above` eligible complete candidates rank above a run of `tied` equal ones.
    private func status(of candidate: Candidate, above: Int, tied: Int, cap: Int) -> SelectionStatus {
        if let final = candidate.final, final.rounded(places: 2) < rubric.threshold { return .belowThreshold }
        if above + tied <= cap { return .selected }
        if above >= cap { return .notSelected }
        return .tie
    }
}
