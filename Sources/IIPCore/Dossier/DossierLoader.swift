import Foundation
import Yams

/// A dossier file as read: the dossier (nil when the file could not be parsed at all), the
/// problems found while reading it, and what identifies its content.
public struct LoadedDossier: Sendable {
    /// The same, its problems without YAML line numbers: for a dossier read from a 申报书,
    /// whose YAML the user never sees.
    public func withoutLines() -> LoadedDossier {
        LoadedDossier(file: file, dossier: dossier, problems: problems.map { Problem($0.code, field: $0.field, $0.message) },
                      text: text, sha256: sha256)
    }

    /// A file that gave no dossier at all: one E-PARSE problem says why.
    public static func unreadable(_ file: String, _ reason: String) -> LoadedDossier {
        LoadedDossier(file: file, dossier: nil, problems: [Problem(.parse, reason)], text: nil, sha256: nil)
    }

    /// The path as given or found, used in every message about the file.
    public let file: String
    public let dossier: Dossier?
    /// E-PARSE, E-FIELD and E-RANGE problems found while reading.
    public let problems: [Problem]
    /// The file's text, kept so a workspace stores exactly what was reviewed.
    public let text: String?
    /// SHA-256 of the file's bytes, lowercase hex.
    public let sha256: String?
    /// Every field the loader asked the file for (`partners[].name`): what the formats
    /// reference must list.
    public var fieldsRead: Set<String> = []
}

/// Turns dossier YAML (SPEC §3) into `Dossier` values.
public struct DossierLoader: Sendable {
    /// Files larger than this are refused unread: a real 申报书 is a few dozen kilobytes.
    public static let maxFileBytes = 4 << 20

    public static let format = "iip-dossier/1"

    let catalog: IndicatorCatalog

    public init(catalog: IndicatorCatalog) {
        self.catalog = catalog
    }

    // MARK: - Reading files

    public func load(path: String) -> LoadedDossier {
        switch BoundedFile.read(path, limit: DossierLoader.maxFileBytes) {
        case let .failure(reason):
            return LoadedDossier.unreadable(path, reason.message)
        case let .success(data):
            return load(data: data, file: path)
        }
    }

    /// Reads dossier YAML given as bytes. `sourceHash` is the hash of the file the dossier was
    /// made from when that is not the YAML itself (a 申报书 read by intake): a workspace
    /// notices when that file changes.
    public func load(data: Data, file: String, sourceHash: String? = nil) -> LoadedDossier {
        let hash = sourceHash ?? ContentHash.sha256(data)
        func refused(_ problem: Problem) -> LoadedDossier {
            LoadedDossier(file: file, dossier: nil, problems: [problem], text: nil, sha256: hash)
        }
        let text: String
        switch UTF8Text.decode(data) {
        case let .failure(invalid): return refused(Problem(.parse, invalid.reason, line: invalid.line))
        case let .success(decoded): text = decoded
        }
        let root: Node?
        switch YAMLShape.compose(text) {
        case let .failure(refusal): return refused(Problem(.parse, refusal.message, line: refusal.line))
        case let .success(composed): root = composed
        }
        guard let root, case .mapping = root else {
            return refused(Problem(.parse, "not a dossier: the file should be a mapping of fields starting with 'format: \(DossierLoader.format)'"))
        }
        var reader = YAMLReader(untrusted: true)
        let format = reader.string(root, "format", "format", required: false)
        guard format == DossierLoader.format else {
            let found = format.map { "'\($0)'" } ?? "missing"
            return refused(Problem(.parse, "format is \(found); a dossier starts with 'format: \(DossierLoader.format)'",
                                   line: reader.child(root, "format")?.mark?.line ?? 1))
        }
        let dossier = read(root, &reader)
        var loaded = LoadedDossier(file: file, dossier: dossier, problems: reader.problems, text: text, sha256: hash)
        loaded.fieldsRead = reader.fieldsRead
        return loaded
    }

    // MARK: - Fields

    private func read(_ root: Node, _ r: inout YAMLReader) -> Dossier {
        var d = Dossier()
        if let id = r.string(root, "id", "id") {
            if id.range(of: "^[A-Za-z0-9_-]{1,32}$", options: .regularExpression) != nil {
                d.id = id
            } else {
                r.report(Problem(.field, field: "id", "id '\(id)' may use only letters, digits, '-' and '_' (1–32 characters)",
                                 line: r.child(root, "id")?.mark?.line))
            }
        }
        d.submitted = r.date(root, "submitted", "submitted")
        readRecommender(root, &r, into: &d)
        readApplicant(root, &r, into: &d)
        d.partners = r.sequence(r.child(root, "partners"), "partners", parent: root).enumerated().map { index, node in
            readPartner(node, "partners[\(index)]", &r)
        }
        readPlatform(root, &r, into: &d)
        d.indicators = readIndicators(root, &r)
        d.breakdowns = readBreakdowns(root, &r)
        for (key, value) in r.pairs(r.child(root, "narrative"), "narrative") {
            if case let .scalar(scalar) = value {
                r.checkCharacters(key, "narrative", value, .line)
                r.checkCharacters(scalar.string, "narrative.\(key)", value, .multiline)
                // A block scalar's last line break belongs to YAML, not to the text.
                d.narrative[key] = String(scalar.string.reversed().drop { $0 == "\n" }.reversed())
            } else {
                r.wrongType("narrative.\(key)", value, expected: "text")
            }
        }
        d.evidence = r.sequence(r.child(root, "evidence"), "evidence", parent: root).enumerated().map { index, node in
            let path = "evidence[\(index)]"
            guard r.mapping(node, path, parent: nil, required: true) != nil else { return Evidence() }
            return Evidence(title: r.string(node, "title", path + ".title"), file: r.string(node, "file", path + ".file"))
        }
        if let attestation = r.mapping(r.child(root, "attestation"), "attestation", parent: root, required: true) {
            d.attestation.signed = r.bool(attestation, "signed", "attestation.signed")
            d.attestation.date = r.date(attestation, "date", "attestation.date", required: false)
        }
        return d
    }

    private func readRecommender(_ root: Node, _ r: inout YAMLReader, into d: inout Dossier) {
        guard let node = r.mapping(r.child(root, "recommender"), "recommender", parent: root, required: true) else { return }
        d.recommender.name = r.string(node, "name", "recommender.name")
        d.recommender.kind = r.choice(node, "kind", "recommender.kind")
        let city = r.string(node, "city", "recommender.city", required: d.recommender.kind == .city)
        if let city {
            let bare = GuangdongCity.bareName(city)
            if GuangdongCity.all.contains(bare) {
                d.recommender.city = bare
            } else if d.recommender.kind != .central {
                r.report(Problem(.range, field: "recommender.city", "recommender.city '\(city)' is not a prefecture city of Guangdong",
                                 line: r.child(node, "city")?.mark?.line))
            }
        }
    }

    private func readApplicant(_ root: Node, _ r: inout YAMLReader, into d: inout Dossier) {
        guard let node = r.mapping(r.child(root, "applicant"), "applicant", parent: root, required: true) else { return }
        var a = Applicant()
        a.name = r.string(node, "name", "applicant.name")
        a.creditCode = r.string(node, "credit_code", "applicant.credit_code")
        a.nature = r.string(node, "nature", "applicant.nature")
        a.address = r.string(node, "address", "applicant.address")
        a.founded = r.date(node, "founded", "applicant.founded")
        a.registeredInGuangdong = r.bool(node, "registered_in_guangdong", "applicant.registered_in_guangdong")
        a.independentLegalPerson = r.bool(node, "independent_legal_person", "applicant.independent_legal_person")
        a.platformLead = readPerson(node, "platform_lead", "applicant.platform_lead", &r)
        a.contact = readPerson(node, "contact", "applicant.contact", &r)
        if let f = r.mapping(r.child(node, "finance"), "applicant.finance", parent: node, required: true) {
            let p = "applicant.finance."
            a.finance.totalAssetsWan = r.number(f, "total_assets_wan", p + "total_assets_wan")
            a.finance.debtRatioPct = r.number(f, "debt_ratio_pct", p + "debt_ratio_pct", percent: true)
            a.finance.creditRating = r.string(f, "credit_rating", p + "credit_rating")
            a.finance.salesWan = r.number(f, "sales_wan", p + "sales_wan")
            a.finance.taxWan = r.number(f, "tax_wan", p + "tax_wan")
            // A loss is a negative profit, not an error.
            a.finance.profitWan = r.number(f, "profit_wan", p + "profit_wan", allowNegative: true)
        }
        a.profile = r.string(node, "profile", "applicant.profile", .multiline)
        d.applicant = a
    }

    private func readPerson(_ parent: Node, _ key: String, _ path: String, _ r: inout YAMLReader) -> Person {
        guard let node = r.mapping(r.child(parent, key), path, parent: parent, required: true) else { return Person() }
        return Person(name: r.string(node, "name", path + ".name"),
                      title: r.string(node, "title", path + ".title", required: false),
                      phone: r.string(node, "phone", path + ".phone", required: false),
                      mobile: r.string(node, "mobile", path + ".mobile"),
                      email: r.string(node, "email", path + ".email", required: false))
    }

    private func readPartner(_ node: Node, _ path: String, _ r: inout YAMLReader) -> Partner {
        guard r.mapping(node, path, parent: nil, required: true) != nil else { return Partner() }
        var p = Partner()
        p.name = r.string(node, "name", path + ".name")
        p.creditCode = r.string(node, "credit_code", path + ".credit_code")
        p.lead = r.string(node, "lead", path + ".lead", required: false)
        p.title = r.string(node, "title", path + ".title", required: false)
        p.mobile = r.string(node, "mobile", path + ".mobile", required: false)
        if let rolesNode = r.child(node, "roles"), let names = r.strings(rolesNode, path + ".roles") {
            for name in names {
                if let role = Partner.Role(rawValue: name) { p.roles.append(role) } else {
                    let allowed = Partner.Role.allCases.map(\.rawValue).joined(separator: ", ")
                    r.report(Problem(.range, field: path + ".roles", "\(path).roles has '\(name)'; expected one of: \(allowed)",
                                     line: rolesNode.mark?.line))
                }
            }
        }
        return p
    }

    private func readPlatform(_ root: Node, _ r: inout YAMLReader, into d: inout Dossier) {
        guard let node = r.mapping(r.child(root, "platform"), "platform", parent: root, required: true) else { return }
        var p = Platform()
        p.name = r.string(node, "name", "platform.name")
        p.type = r.choice(node, "type", "platform.type")
        // A missing focus is its own rule (E-FOCUS), so it is not reported here.
        p.focus = r.string(node, "focus", "platform.focus", required: false)
        p.sector = r.choice(node, "sector", "platform.sector")
        p.summary = r.string(node, "summary", "platform.summary", .multiline)
        p.plannedInvestmentWan = r.number(node, "planned_investment_wan", "platform.planned_investment_wan")
        p.iaas = r.choice(node, "iaas", "platform.iaas")
        p.iaasProvider = r.string(node, "iaas_provider", "platform.iaas_provider", required: p.iaas == .leased)
        d.platform = p
    }

    private func readIndicators(_ root: Node, _ r: inout YAMLReader) -> [String: IndicatorValue] {
        guard let node = r.mapping(r.child(root, "indicators"), "indicators", parent: root, required: true) else { return [:] }
        var values: [String: IndicatorValue] = [:]
        for (id, value) in r.pairs(node, "indicators") where !value.isNullValue {
            let path = "indicators.\(id)"
            guard let spec = catalog[id] else {
                r.report(Problem(.field, field: path, "\(path) is not an indicator of the 申报书's 平台能力信息", line: value.mark?.line))
                continue
            }
            switch spec.type {
            case .number, .percent:
                if let number = r.number(value, path, percent: spec.type == .percent) { values[id] = .number(number) }
            case .bool:
                if let flag = r.bool(value, path) { values[id] = .bool(flag) }
            case .set:
                guard let names = r.strings(value, path) else { continue }
                let unknown = names.filter { !spec.allowedValues.contains($0) }
                if unknown.isEmpty {
                    values[id] = .set(names)
                } else {
                    let allowed = spec.allowedValues.joined(separator: ", ")
                    r.report(Problem(.range, field: path, "\(path) has \(unknown.map { "'\($0)'" }.joined(separator: ", ")); expected values from: \(allowed)",
                                     line: value.mark?.line))
                }
            }
        }
        return values
    }

    private func readBreakdowns(_ root: Node, _ r: inout YAMLReader) -> Breakdowns {
        var b = Breakdowns()
        guard let node = r.mapping(r.child(root, "breakdowns"), "breakdowns", parent: root, required: false) else { return b }
        func rows(_ key: String) -> [(Node, String)] {
            r.sequence(r.child(node, key), "breakdowns.\(key)", parent: node).enumerated().compactMap { index, row in
                let path = "breakdowns.\(key)[\(index)]"
                return r.mapping(row, path, parent: nil, required: true).map { ($0, path) }
            }
        }
        func amount(_ row: Node, _ key: String, _ path: String, percent: Bool = false) -> Decimal {
            r.number(row, key, path + "." + key, required: false, percent: percent) ?? 0
        }
        for (row, path) in rows("industries") {
            b.industries.append(Breakdowns.Industry(
                name: r.string(row, "name", path + ".name") ?? "",
                devices: amount(row, "devices", path), sensorPoints: amount(row, "sensor_points", path),
                coveragePct: amount(row, "coverage_pct", path, percent: true), models: amount(row, "models", path),
                apps: amount(row, "apps", path), enterprises: amount(row, "enterprises", path)))
        }
        for (row, path) in rows("domains") {
            b.domains.append(Breakdowns.Domain(name: r.string(row, "name", path + ".name") ?? "",
                                               apps: amount(row, "apps", path),
                                               integrated: r.bool(row, "integrated", path + ".integrated", required: false) ?? false))
        }
        for (row, path) in rows("regions") {
            b.regions.append(Breakdowns.Region(name: r.string(row, "name", path + ".name") ?? "",
                                               entity: r.bool(row, "entity", path + ".entity", required: false) ?? false,
                                               enterprises: amount(row, "enterprises", path)))
        }
        return b
    }
}
