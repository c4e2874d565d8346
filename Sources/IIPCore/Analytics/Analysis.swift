import Foundation

/// How far the result can be trusted: for each dossier its distance to the cut, the experts
/// whose absence would flip it, and how often a panel drawn from the same experts selects it;
/// per stage how far the experts agree; per expert how lenient they score; and what other
/// stage weights would change. Every recount applies the rules of the round (`Recount`);
/// nothing here changes an official score.
public struct Analysis: Sendable {
    public struct Entry: Sendable, Equatable {
        public let id: String
        public let platform: String
        public let status: SelectionStatus
        public let final: Rational?
        /// The final minus the cut score of its group; nil without a final or a cut.
        public let margin: Rational?
        /// The share of bootstrap panels that select it (0 without resamples).
        public let pSelected: Rational
        /// The experts whose removal from the whole panel moves it across the line.
        public let looFlips: [String]
    }

    public struct Group: Sendable {
        public let group: SelectionGroup
        public let entries: [Entry]
    }

    public struct StageAgreement: Sendable, Equatable {
        public let stage: StageID
        /// The dossiers with a counted sheet from every expert of the stage.
        public let dossiers: Int
        public let experts: Int
        public let iccA1: Double?
        public let kendallW: Double?
    }

    public struct Leniency: Sendable, Equatable {
        public let expert: String
        public let stage: StageID
        public let sheets: Int
        /// The mean of the expert's score minus the panel's, over their counted sheets.
        public let leniency: Rational?
    }

    public struct WeightShift: Sendable, Equatable {
        public let from: StageID
        public let to: StageID
        public let weights: [StageID: Rational]
        public let changed: [String]
    }

    public let groups: [Group]
    public let stages: [StageAgreement]
    public let experts: [Leniency]
    public let weights: [WeightShift]
    public let resamples: Int
    public let seed: UInt64

    public static let defaultResamples = 2000
    public static let defaultSeed: UInt64 = 1
    /// The weight moved between two stages to see what it changes, in percent points.
    public static let weightStep = Rational(5)

    public init(_ recount: Recount, resamples: Int = defaultResamples, seed: UInt64 = defaultSeed) {
        let official = recount.rank(recount.wholePanel)
        let selected = Set(official.flatMap(\.entries).filter { $0.status == .selected }.map(\.candidate.id))
        let flips = Analysis.leaveOneOut(recount, selected: selected)
        let counts = Analysis.bootstrap(recount, resamples: resamples, seed: seed)
        groups = official.map { group in
            let cut = Analysis.cuts(group.entries)
            return Group(group: group.group, entries: group.entries.map { entry in
                let final = entry.candidate.final
                let line = entry.status == .selected ? cut.firstBelow : cut.lastSelected
                return Entry(id: entry.candidate.id, platform: entry.candidate.platform, status: entry.status, final: final,
                             margin: final.flatMap { final in line.map { final - $0 } },
                             pSelected: resamples > 0 ? Rational(Int128(counts[entry.candidate.id] ?? 0), Int128(resamples)) : .zero,
                             looFlips: flips[entry.candidate.id] ?? [])
            })
        }
        stages = Analysis.agreement(recount)
        experts = Analysis.leniency(recount)
        weights = Analysis.weightShifts(recount, selected: selected)
        self.resamples = resamples
        self.seed = seed
    }

    /// The finals the cut lies between: the last selected, and the first complete eligible
    /// dossier below it.
    static func cuts(_ entries: [RankedEntry]) -> (lastSelected: Rational?, firstBelow: Rational?) {
        guard let last = entries.lastIndex(where: { $0.status == .selected }) else { return (nil, nil) }
        let below = entries[(last + 1)...].first { $0.candidate.eligible && $0.candidate.final != nil }
        return (entries[last].candidate.final, below?.candidate.final)
    }

    /// For each dossier, the experts whose removal from every stage they sit on changes
    /// whether it is selected.
    static func leaveOneOut(_ recount: Recount, selected: Set<String>) -> [String: [String]] {
        let experts = recount.experts
        let everyone = Set(experts.values.joined()).sorted()
        let outcomes = everyone.concurrentMap { expert -> (String, Set<String>) in
            var panel = recount.wholePanel
            for (stage, names) in experts {
                for (place, name) in names.enumerated() where name == expert { panel[stage]?[place] = 0 }
            }
            return (expert, recount.selected(panel).symmetricDifference(selected))
        }
        var flips: [String: [String]] = [:]
        for (expert, changed) in outcomes {
            for id in changed { flips[id, default: []].append(expert) }
        }
        return flips
    }

    /// How many of `resamples` bootstrap panels select each dossier: each panel draws, per
    /// stage, as many experts as sit on it, with replacement. Resample `i` draws from its own
    /// generator seeded by `seed` and `i`, so the counts do not depend on how the work is shared.
    static func bootstrap(_ recount: Recount, resamples: Int, seed: UInt64) -> [String: Int] {
        guard resamples > 0 else { return [:] }
        // The stages in the rubric's order, never a dictionary's: the draws must fall the same way every run.
        let experts = recount.stages.map { ($0.id, $0.experts) }
        let workers = max(1, min(resamples, ProcessInfo.processInfo.activeProcessorCount * 2))
        let shares = Array(0..<workers).concurrentMap { worker -> [String: Int] in
            var counts: [String: Int] = [:]
            for index in stride(from: worker, to: resamples, by: workers) {
                var random = SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(index + 1))
                var panel: Recount.Panel = [:]
                for (stage, names) in experts {
                    var times = Array(repeating: 0, count: names.count)
                    for _ in names.indices { times[random.below(names.count)] += 1 }
                    panel[stage] = times
                }
                for id in recount.selected(panel) { counts[id, default: 0] += 1 }
            }
            return counts
        }
        return shares.reduce(into: [:]) { total, share in total.merge(share, uniquingKeysWith: +) }
    }

    /// ICC(A,1) and Kendall's W per stage over the dossiers every expert of the stage has a
    /// counted sheet of, eligible or not, on the experts' exact stage scores.
    static func agreement(_ recount: Recount) -> [StageAgreement] {
        recount.stages.map { stage in
            let k = stage.experts.count
            let rows: [[Double]] = stage.sheets.compactMap { sheets in
                var row = Array(repeating: Double.nan, count: k)
                for sheet in sheets { row[sheet.expert] = Double(sheet.scaled) / Double(stage.denominator) }
                return row.contains { $0.isNaN } ? nil : row
            }
            return StageAgreement(stage: stage.id, dossiers: rows.count, experts: k,
                                  iccA1: Agreement.iccA1(rows), kendallW: Agreement.kendallW(rows))
        }
    }

    /// Per expert and stage: the mean of their score minus the panel's stage score over the
    /// dossiers they have a counted sheet of (every dossier, eligible or not).
    static func leniency(_ recount: Recount) -> [Leniency] {
        recount.stages.flatMap { stage -> [Leniency] in
            var sums = Array(repeating: Rational.zero, count: stage.experts.count)
            var counts = Array(repeating: 0, count: stage.experts.count)
            for (index, sheets) in stage.sheets.enumerated() {
                guard let panel = recount.panelScore(stage, dossier: index) else { continue }
                for sheet in sheets {
                    sums[sheet.expert] = sums[sheet.expert] + Rational(Int128(sheet.scaled), stage.denominator) - panel
                    counts[sheet.expert] += 1
                }
            }
            return stage.experts.indices.map { place in
                Leniency(expert: stage.experts[place], stage: stage.id, sheets: counts[place],
                         leniency: counts[place] > 0 ? sums[place] / Rational(counts[place]) : nil)
            }
        }
    }

    /// For each ordered pair of stages, `weightStep` points of weight moved from the first to
    /// the second (as much as there is), and the dossiers whose selection that changes.
    static func weightShifts(_ recount: Recount, selected: Set<String>) -> [WeightShift] {
        let base = recount.rubric.stageWeights
        let pairs = recount.rubric.stages.flatMap { from in recount.rubric.stages.filter { $0.id != from.id }.map { (from.id, $0.id) } }
        return pairs.concurrentMap { from, to in
            var weights = base
            let moved = min(weightStep, weights[from] ?? .zero)
            weights[from] = (weights[from] ?? .zero) - moved
            weights[to] = (weights[to] ?? .zero) + moved
            let changed = recount.selected(recount.wholePanel, weights: weights).symmetricDifference(selected).sorted()
            return WeightShift(from: from, to: to, weights: weights, changed: changed)
        }
    }
}

/// A small, fast generator that gives the same numbers for the same seed everywhere
/// (Steele, Lea & Flood's SplitMix64): the bootstrap's draws, and the tests' random rounds.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound, each equally likely but for a bias below 2⁻⁵⁸ (Lemire's
    /// multiply-and-shift).
    mutating func below(_ bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }
}
