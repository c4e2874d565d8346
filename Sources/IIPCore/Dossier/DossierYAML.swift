import Foundation

/// A dossier written as the YAML of the dossier format (`iip-dossier/1`), fields in the
/// format's order: what intake writes, and what the loader reads back to the same dossier.
/// Short text is written double-quoted (escapes keep every character as it is); text of
/// several lines as a literal block.
public enum DossierYAML {
    public static func text(_ d: Dossier) -> String {
        var out = YAMLWriter()
        out.line("format", plain: "iip-dossier/1")
        out.line("id", d.id)
        out.line("submitted", plain: d.submitted?.description)
        out.block("recommender") { out in
            out.line("name", d.recommender.name)
            out.line("kind", plain: d.recommender.kind?.rawValue)
            out.line("city", d.recommender.city)
        }
        out.block("applicant") { out in
            let a = d.applicant
            out.line("name", a.name)
            out.line("credit_code", a.creditCode)
            out.line("nature", a.nature)
            out.line("address", a.address)
            out.line("founded", plain: a.founded?.description)
            out.line("registered_in_guangdong", plain: a.registeredInGuangdong.map(String.init))
            out.line("independent_legal_person", plain: a.independentLegalPerson.map(String.init))
            for (key, person) in [("platform_lead", a.platformLead), ("contact", a.contact)] where person != Person() {
                out.block(key) { out in
                    out.line("name", person.name)
                    out.line("title", person.title)
                    out.line("phone", person.phone)
                    out.line("mobile", person.mobile)
                    out.line("email", person.email)
                }
            }
            if a.finance != Finance() {
                out.block("finance") { out in
                    out.line("total_assets_wan", plain: a.finance.totalAssetsWan.map(number))
                    out.line("debt_ratio_pct", plain: a.finance.debtRatioPct.map(number))
                    out.line("credit_rating", a.finance.creditRating)
                    out.line("sales_wan", plain: a.finance.salesWan.map(number))
                    out.line("tax_wan", plain: a.finance.taxWan.map(number))
                    out.line("profit_wan", plain: a.finance.profitWan.map(number))
                }
            }
            out.line("profile", a.profile)
        }
        out.list("partners", d.partners) { out, partner in
            out.line("name", partner.name)
            out.line("credit_code", partner.creditCode)
            out.line("lead", partner.lead)
            out.line("title", partner.title)
            out.line("mobile", partner.mobile)
            out.line("roles", plain: "[" + partner.roles.map(\.rawValue).joined(separator: ", ") + "]")
        }
        out.block("platform") { out in
            let p = d.platform
            out.line("name", p.name)
            out.line("type", plain: p.type?.rawValue)
            out.line("focus", p.focus)
            out.line("sector", plain: p.sector?.rawValue)
            out.line("summary", p.summary)
            out.line("planned_investment_wan", plain: p.plannedInvestmentWan.map(number))
            out.line("iaas", plain: p.iaas?.rawValue)
            out.line("iaas_provider", p.iaasProvider)
        }
        if !d.indicators.isEmpty {
            out.block("indicators") { out in
                for id in d.indicators.keys.sorted(by: IndicatorOrder.precedes) {
                    switch d.indicators[id] {
                    case let .number(value)?: out.line(id, plain: number(value))
                    case let .bool(value)?: out.line(id, plain: String(value))
                    case let .set(values)?: out.line(id, plain: "[" + values.joined(separator: ", ") + "]")
                    case nil: break
                    }
                }
            }
        }
        let b = d.breakdowns
        if b != Breakdowns() {
            out.block("breakdowns") { out in
                out.list("industries", b.industries) { out, row in
                    out.line("name", row.name)
                    for (key, value) in [("devices", row.devices), ("sensor_points", row.sensorPoints), ("coverage_pct", row.coveragePct),
                                         ("models", row.models), ("apps", row.apps), ("enterprises", row.enterprises)] {
                        out.line(key, plain: number(value))
                    }
                }
                out.list("domains", b.domains) { out, row in
                    out.line("name", row.name)
                    out.line("apps", plain: number(row.apps))
                    out.line("integrated", plain: String(row.integrated))
                }
                out.list("regions", b.regions) { out, row in
                    out.line("name", row.name)
                    out.line("entity", plain: String(row.entity))
                    out.line("enterprises", plain: number(row.enterprises))
                }
            }
        }
        if !d.narrative.isEmpty {
            out.block("narrative") { out in
                let known = ["architecture", "cases", "regional", "roadmap"]
                for key in known + d.narrative.keys.filter({ !known.contains($0) }).sorted() where d.narrative[key] != nil {
                    out.line(key, d.narrative[key])
                }
            }
        }
        out.list("evidence", d.evidence) { out, item in
            out.line("title", item.title)
            out.line("file", item.file)
        }
        out.block("attestation") { out in
            out.line("signed", plain: d.attestation.signed.map(String.init))
            out.line("date", plain: d.attestation.date?.description)
        }
        return out.text
    }

    /// A number as the format writes it: plain digits, a point, no separators.
    public static func number(_ value: Decimal) -> String {
        NSDecimalNumber(decimal: value).stringValue
    }
}

/// Indicators in the order of the form (the catalogue's), unknown ones last by id.
enum IndicatorOrder {
    private static let order: [String: Int] = {
        let ids = ((try? Rubric.builtIn.get().catalog.specs) ?? []).map(\.id)
        return Dictionary(ids.enumerated().map { ($1, $0) }) { first, _ in first }
    }()

    static func precedes(_ a: String, _ b: String) -> Bool {
        (order[a] ?? Int.max, a) < (order[b] ?? Int.max, b)
    }
}

/// Indented YAML, a line at a time.
private struct YAMLWriter {
    private(set) var text = ""
    var indent = ""
    /// The next line opens a list item (`- `).
    var itemStart = false

    mutating func line(_ key: String, plain value: String?) {
        guard let value else { return }
        emit("\(key): \(value)")
    }

    mutating func line(_ key: String, _ value: String?) {
        guard let value else { return }
        guard value.contains("\n") else { return emit("\(key): \(YAMLWriter.quoted(value))") }
        // A literal block keeps every line; `|-` drops only the final line break, which the text has none of.
        let keep = value.hasSuffix("\n") ? "|+" : "|-"
        let body = value.hasSuffix("\n") ? String(value.dropLast()) : value
        emit("\(key): \(keep)\(body.hasPrefix(" ") ? "2" : "")")
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            text += line.isEmpty ? "\n" : indent + "  " + line + "\n"
        }
    }

    mutating func block(_ key: String, _ body: (inout YAMLWriter) -> Void) {
        var inner = YAMLWriter(text: "", indent: indent + "  ", itemStart: false)
        body(&inner)
        guard !inner.text.isEmpty else { return }
        emit("\(key):")
        text += inner.text
    }

    mutating func list<T>(_ key: String, _ items: [T], _ body: (inout YAMLWriter, T) -> Void) {
        guard !items.isEmpty else { return }
        emit("\(key):")
        for item in items {
            var inner = YAMLWriter(text: "", indent: indent + "    ", itemStart: true)
            body(&inner, item)
            text += inner.text
        }
    }

    private mutating func emit(_ line: String) {
        if itemStart {
            text += String(indent.dropLast(2)) + "- " + line + "\n"
            itemStart = false
        } else {
            text += indent + line + "\n"
        }
    }

    /// JSON's double-quoted string is YAML's too: every character kept, none taken for syntax.
    static func quoted(_ value: String) -> String {
        JSONValue.string(value).text()
    }
}
