import Foundation
import IIPCore

/// `iipeval analyze --format json`: the figures with the contract's names, rounded as it
/// says (3 decimals; margins and leniency 2).
public enum AnalysisJSON {
    public static func value(_ analysis: Analysis) -> JSONValue {
        .object([
            ("groups", .array(analysis.groups.map { group in
                .object([
                    ("group", .string(group.group.direction.rawValue)),
                    ("cap", .int(group.group.cap)),
                    ("entries", .array(group.entries.map { entry in
                        .object([
                            ("id", .string(entry.id)),
                            ("status", .string(entry.status.rawValue)),
                            ("final", .score(entry.final)),
                            ("margin", .score(entry.margin)),
                            ("p_selected", .number(entry.pSelected.fixed(places: 3))),
                            ("loo_flips", .array(entry.looFlips.map { .string($0) })),
                        ])
                    })),
                ])
            })),
            ("stages", .array(analysis.stages.map { stage in
                .object([
                    ("stage", .string(stage.stage.rawValue)),
                    ("dossiers", .int(stage.dossiers)),
                    ("experts", .int(stage.experts)),
                    ("icc_a1", statistic(stage.iccA1)),
                    ("kendall_w", statistic(stage.kendallW)),
                ])
            })),
            ("experts", .array(analysis.experts.map { expert in
                .object([
                    ("expert", .string(expert.expert)),
                    ("stage", .string(expert.stage.rawValue)),
                    ("sheets", .int(expert.sheets)),
                    ("leniency", .score(expert.leniency)),
                ])
            })),
            ("weights", .array(analysis.weights.map { shift in
                .object([
                    ("shift", .string("\(shift.from.rawValue)→\(shift.to.rawValue)")),
                    ("weights", .object(StageID.allCases.compactMap { stage in shift.weights[stage].map { (stage.rawValue, .score($0)) } })),
                    ("changed", .array(shift.changed.map { .string($0) })),
                ])
            })),
            ("resamples", .int(analysis.resamples)),
            ("seed", .number(String(analysis.seed))),
        ])
    }

    /// A statistic to 3 decimals, or null when it cannot be computed.
    public static func statistic(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(fixed3(value))
    }

    /// `0.290`, never `-0.000`.
    public static func fixed3(_ value: Double) -> String {
        let text = String(format: "%.3f", value)
        return text == "-0.000" ? "0.000" : text
    }
}
