/// The counted sheets of a round, laid out to be counted again and again with other panels
/// (an expert left out, experts drawn at random) or other stage weights — by the one set of
/// rules: the trimming rule, the final-score formula and the ranking of `Selection`.
///
/// Each stage's sheet scores are kept as integers over one common denominator, so that a
/// recount adds integers and makes one exact fraction per stage score: thousands of
/// recounts of a national round take seconds, and give exactly what the rules give.
public struct Recount: Sendable {
    /// A dossier as the ranking sees it, without its scores.
    public struct Dossier: Sendable {
        public let id: String
        public let platform: String
        public let type: PlatformType
        public let eligible: Bool

        public init(id: String, platform: String, type: PlatformType, eligible: Bool) {
            self.id = id
            self.platform = platform
            self.type = type
            self.eligible = eligible
        }
    }

    /// One stage: its experts, and per dossier the counted sheets as (expert's place, score × denominator).
    struct Stage: Sendable {
        let id: StageID
        let experts: [String]
        let denominator: Int128
        let sheets: [[(expert: Int, scaled: Int64)]]
    }

    public let rubric: Rubric
    public let dossiers: [Dossier]
    let stages: [Stage]

    /// From the counted sheets of each dossier and stage (`sheets[stage][dossier id]`) and the
    /// experts who sit on each stage (`experts[stage]`).
    public init(rubric: Rubric, dossiers: [Dossier], experts: [StageID: [String]],
                sheets: [StageID: [String: [(expert: String, score: Rational)]]]) {
        self.rubric = rubric
        self.dossiers = dossiers
        stages = rubric.stages.map { stage in
            let names = experts[stage.id] ?? []
            let place = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let bySheet = sheets[stage.id] ?? [:]
            let denominator = bySheet.values.joined().reduce(Int128(1)) { lcm($0, $1.score.denominator) }
            let scaled = dossiers.map { dossier in
                (bySheet[dossier.id] ?? []).compactMap { sheet -> (Int, Int64)? in
                    guard let expert = place[sheet.expert] else { return nil }
                    return (expert, Int64(sheet.score.numerator * (denominator / sheet.score.denominator)))
                }
            }
            return Stage(id: stage.id, experts: names, denominator: denominator, sheets: scaled)
        }
    }

    /// The experts of each stage, in order: what a panel's `multiplicity` counts.
    public var experts: [StageID: [String]] {
        Dictionary(uniqueKeysWithValues: stages.map { ($0.id, $0.experts) })
    }

    /// A panel: per stage, how many times each expert's sheets count (0 to leave them out,
    /// 2 when drawn twice), by their place in `experts`.
    public typealias Panel = [StageID: [Int]]

    /// The panel as it sat: every expert once.
    public var wholePanel: Panel {
        Dictionary(uniqueKeysWithValues: stages.map { ($0.id, Array(repeating: 1, count: $0.experts.count)) })
    }

    /// The ranking this panel and these stage weights give, by the rules of the round.
    public func rank(_ panel: Panel, weights: [StageID: Rational]? = nil) -> [RankedGroup] {
        rank(panel, weights: weights, scoringIneligible: true)
    }

    /// The same; without `scoringIneligible` an ineligible dossier's scores are not counted
    /// (its place is the same, and only the selection is asked for).
    func rank(_ panel: Panel, weights: [StageID: Rational]?, scoringIneligible: Bool) -> [RankedGroup] {
        var scratch: [(value: Int64, times: Int)] = []
        let candidates = dossiers.indices.map { index -> Candidate in
            let dossier = dossiers[index]
            // An ineligible dossier is ranked as such whatever its scores.
            guard dossier.eligible || scoringIneligible else {
                return Candidate(id: dossier.id, platform: dossier.platform, type: dossier.type, stages: [:], final: nil, eligible: false, flags: [])
            }
            var values: [StageID: Rational] = [:]
            for stage in stages {
                values[stage.id] = stageScore(stage, dossier: index, times: panel[stage.id] ?? [], &scratch)
            }
            return Candidate(id: dossier.id, platform: dossier.platform, type: dossier.type, stages: values,
                             final: rubric.finalScore(values, weights: weights), eligible: dossier.eligible, flags: [])
        }
        return Selection(rubric: rubric).rank(candidates)
    }

    /// The ids of the dossiers this panel and these weights select.
    public func selected(_ panel: Panel, weights: [StageID: Rational]? = nil) -> Set<String> {
        Set(rank(panel, weights: weights, scoringIneligible: false).flatMap(\.entries).filter { $0.status == .selected }.map(\.candidate.id))
    }

    /// The panel's stage score of one dossier as the panel sat.
    func panelScore(_ stage: Stage, dossier: Int) -> Rational? {
        var scratch: [(value: Int64, times: Int)] = []
        return stageScore(stage, dossier: dossier, times: Array(repeating: 1, count: stage.experts.count), &scratch)
    }

    /// The panel's stage score of one dossier: the mean of its counted sheets, each as many
    /// times as its expert sits, less the ones the trimming rule drops; nil without a sheet.
    private func stageScore(_ stage: Stage, dossier: Int, times: [Int], _ scratch: inout [(value: Int64, times: Int)]) -> Rational? {
        scratch.removeAll(keepingCapacity: true)
        var count = 0
        var sum: Int64 = 0
        for sheet in stage.sheets[dossier] {
            let n = sheet.expert < times.count ? times[sheet.expert] : 0
            guard n > 0 else { continue }
            scratch.append((sheet.scaled, n))
            count += n
            sum += sheet.scaled * Int64(n)
        }
        guard count > 0 else { return nil }
        let dropped = rubric.trim.dropped(of: count)
        sum -= Recount.takeEnd(&scratch, dropping: dropped.lowest, highest: false)
        sum -= Recount.takeEnd(&scratch, dropping: dropped.highest, highest: true)
        let kept = count - dropped.lowest - dropped.highest
        return Rational(Int128(sum), Int128(kept) * stage.denominator)
    }

    /// The sum of the `dropping` lowest (or highest) values, each value there `times` times,
    /// taken out of `values` (so that the other end does not take them again). A scan per
    /// value dropped rather than a sort: a rule drops one or two of a handful, and this runs
    /// for every dossier, stage and resample.
    private static func takeEnd(_ values: inout [(value: Int64, times: Int)], dropping: Int, highest: Bool) -> Int64 {
        var left = dropping
        var sum: Int64 = 0
        while left > 0 {
            var best = -1
            for index in values.indices where values[index].times > 0 {
                if best < 0 || (highest ? values[index].value > values[best].value : values[index].value < values[best].value) { best = index }
            }
            guard best >= 0 else { break }
            let taken = min(left, values[best].times)
            sum += values[best].value * Int64(taken)
            values[best].times -= taken
            left -= taken
        }
        return sum
    }
}

private func gcd(_ a: Int128, _ b: Int128) -> Int128 {
    var (x, y) = (a.magnitude, b.magnitude)
    while y != 0 { (x, y) = (y, x % y) }
    return Int128(x)
}

private func lcm(_ a: Int128, _ b: Int128) -> Int128 {
    a / gcd(a, b) * b
}
