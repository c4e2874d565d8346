import Foundation

/// 有效行业 / 领域 / 区域 counts recomputed from a cross platform's breakdown tables, with
/// the thresholds of the form's notes (SPEC §4, end).
public enum EffectiveCounts {
    public static let deviceThreshold: Decimal = 10_000
    public static let coverageThreshold: Decimal = 10
    public static let countThreshold: Decimal = 50

    /// The recomputed value for each claimed `cross.*` count, keyed by indicator id.
    public static func recompute(_ breakdowns: Breakdowns, sector: Sector?) -> [String: Int] {
        let industries = breakdowns.industries
        func countsForDevices(_ row: Breakdowns.Industry) -> Bool {
            if row.coveragePct >= coverageThreshold { return true }
            switch sector {
            case .discrete: return row.devices >= deviceThreshold
            case .process: return row.sensorPoints >= deviceThreshold
            case .mixed, nil: return row.devices >= deviceThreshold || row.sensorPoints >= deviceThreshold
            }
        }
        return [
            "cross.industries.devices": industries.filter(countsForDevices).count,
            "cross.industries.models": industries.filter { $0.models >= countThreshold }.count,
            "cross.industries.apps": industries.filter { $0.apps >= countThreshold }.count,
            "cross.industries.enterprises": industries.filter {
                $0.enterprises >= countThreshold || $0.coveragePct >= coverageThreshold
            }.count,
            "cross.domains.apps": breakdowns.domains.filter { $0.apps >= countThreshold }.count,
            "cross.domains.integrated": breakdowns.domains.filter(\.integrated).count,
            "cross.regions.entities": breakdowns.regions.filter(\.entity).count,
            "cross.regions.enterprises": breakdowns.regions.filter { $0.enterprises >= countThreshold }.count,
        ]
    }
}
