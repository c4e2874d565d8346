/// What kind of value an indicator of §4 takes.
public enum IndicatorType: String, Sendable, CaseIterable {
    case number, percent, bool, set
}

/// One indicator of the 申报书's 平台能力信息 table (SPEC §4).
public struct IndicatorSpec: Sendable, Equatable {
    public let id: String
    public let name: String
    public let nameEn: String
    public let type: IndicatorType
    public let unit: String?
    public let note: String?
    /// For `set` indicators: the allowed values with their Chinese labels, in form order.
    public let values: [(value: String, label: String)]

    public var allowedValues: [String] { values.map(\.value) }

    /// `basic`, `industry`, `domain`, `region` or `cross`: decides which platform types the
    /// indicator applies to.
    public var section: String { String(id.prefix { $0 != "." }) }

    public static func == (a: IndicatorSpec, b: IndicatorSpec) -> Bool {
        a.id == b.id && a.type == b.type && a.allowedValues == b.allowedValues
    }
}

/// The catalogue of indicators, in the order of the form.
public struct IndicatorCatalog: Sendable {
    public let specs: [IndicatorSpec]
    private let byID: [String: IndicatorSpec]

    public init(_ specs: [IndicatorSpec]) {
        self.specs = specs
        byID = Dictionary(specs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public subscript(id: String) -> IndicatorSpec? { byID[id] }

    /// The indicators a platform of `type` is expected to report (§4 "Section applicability").
    public func applicable(to type: PlatformType) -> [IndicatorSpec] {
        specs.filter { Applicability.section($0.section, appliesTo: type) }
    }
}

/// Which sections of the form a platform type fills in: `basic` all types; `industry`,
/// `domain` and `region` their own type and cross; `cross` only cross (SPEC §4).
public enum Applicability {
    public static func section(_ section: String, appliesTo type: PlatformType) -> Bool {
        switch section {
        case "basic": return true
        case "cross": return type == .cross
        default: return type == .cross || section == type.rawValue
        }
    }
}
