import Foundation

/// One application dossier (申报书), as read from its YAML file (SPEC §3).
///
/// Fields a broken file does not supply are nil or empty; the problems found while reading
/// travel beside the dossier in `LoadedDossier`, so a dossier can be shown and checked even
/// when parts of it are wrong.
public struct Dossier: Sendable, Equatable {
    public var id: String?
    public var submitted: DayDate?
    public var recommender = Recommender()
    public var applicant = Applicant()
    public var partners: [Partner] = []
    public var platform = Platform()
    public var indicators: [String: IndicatorValue] = [:]
    public var breakdowns = Breakdowns()
    public var narrative: [String: String] = [:]
    public var evidence: [Evidence] = []
    public var attestation = Attestation()

    public init() {}
}

public struct Recommender: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case city, central }
    public var name: String?
    public var kind: Kind?
    /// A Guangdong prefecture city without the trailing 市, e.g. `佛山`.
    public var city: String?
}

public struct Applicant: Sendable, Equatable {
    public var name: String?
    public var creditCode: String?
    public var nature: String?
    public var address: String?
    public var founded: DayDate?
    public var registeredInGuangdong: Bool?
    public var independentLegalPerson: Bool?
    public var platformLead = Person()
    public var contact = Person()
    public var finance = Finance()
    public var profile: String?
}

public struct Person: Sendable, Equatable {
    public var name: String?
    public var title: String?
    public var phone: String?
    public var mobile: String?
    public var email: String?
}

/// 财务信息, in 万元 and percent.
public struct Finance: Sendable, Equatable {
    public var totalAssetsWan: Decimal?
    public var debtRatioPct: Decimal?
    public var creditRating: String?
    public var salesWan: Decimal?
    public var taxWan: Decimal?
    public var profitWan: Decimal?
}

public struct Partner: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable {
        case iaasPaas = "iaas_paas", industrialPaas = "industrial_paas", saas, security, iot
        case dataAnalytics = "data_analytics", onsiteService = "onsite_service"
    }
    public var name: String?
    public var creditCode: String?
    public var lead: String?
    public var title: String?
    public var mobile: String?
    public var roles: [Role] = []

    public init(name: String? = nil, creditCode: String? = nil, lead: String? = nil, title: String? = nil, mobile: String? = nil,
                roles: [Role] = []) {
        (self.name, self.creditCode, self.lead, self.title, self.mobile, self.roles) = (name, creditCode, lead, title, mobile, roles)
    }
}

public enum PlatformType: String, Sendable, CaseIterable, Codable {
    case cross, industry, domain, region

    /// The selection direction (SPEC §6): cross platforms compete among themselves, the
    /// three specific types together.
    public var direction: Direction { self == .cross ? .cross : .specific }
}

public enum Direction: String, Sendable, CaseIterable {
    case cross, specific
}

public enum Sector: String, Sendable, CaseIterable {
    case discrete, process, mixed
}

public struct Platform: Sendable, Equatable {
    public enum Infrastructure: String, Sendable, CaseIterable { case selfBuilt = "self_built", leased }
    public var name: String?
    public var type: PlatformType?
    public var focus: String?
    public var sector: Sector?
    public var summary: String?
    public var plannedInvestmentWan: Decimal?
    public var iaas: Infrastructure?
    public var iaasProvider: String?
}

/// The value of one indicator of §4.
public enum IndicatorValue: Sendable, Equatable {
    case number(Decimal)
    case bool(Bool)
    case set([String])
}

/// 分行业 / 分领域 / 分区域统计表 of a cross platform.
public struct Breakdowns: Sendable, Equatable {
    public struct Industry: Sendable, Equatable {
        public var name: String
        public var devices: Decimal = 0
        public var sensorPoints: Decimal = 0
        public var coveragePct: Decimal = 0
        public var models: Decimal = 0
        public var apps: Decimal = 0
        public var enterprises: Decimal = 0

        public init(name: String, devices: Decimal = 0, sensorPoints: Decimal = 0, coveragePct: Decimal = 0, models: Decimal = 0,
                    apps: Decimal = 0, enterprises: Decimal = 0) {
            (self.name, self.devices, self.sensorPoints, self.coveragePct) = (name, devices, sensorPoints, coveragePct)
            (self.models, self.apps, self.enterprises) = (models, apps, enterprises)
        }
    }
    public struct Domain: Sendable, Equatable {
        public var name: String
        public var apps: Decimal = 0
        public var integrated = false

        public init(name: String, apps: Decimal = 0, integrated: Bool = false) {
            (self.name, self.apps, self.integrated) = (name, apps, integrated)
        }
    }
    public struct Region: Sendable, Equatable {
        public var name: String
        public var entity = false
        public var enterprises: Decimal = 0

        public init(name: String, entity: Bool = false, enterprises: Decimal = 0) {
            (self.name, self.entity, self.enterprises) = (name, entity, enterprises)
        }
    }
    public var industries: [Industry] = []
    public var domains: [Domain] = []
    public var regions: [Region] = []

    public init(industries: [Industry] = [], domains: [Domain] = [], regions: [Region] = []) {
        (self.industries, self.domains, self.regions) = (industries, domains, regions)
    }
}

public struct Evidence: Sendable, Equatable {
    public var title: String?
    public var file: String?

    public init(title: String? = nil, file: String? = nil) {
        self.title = title
        self.file = file
    }
}

public struct Attestation: Sendable, Equatable {
    public var signed: Bool?
    public var date: DayDate?
}

