import Foundation
import IIPCore

/// The dossier's single-valued fields by the paths the report names them with, so that the
/// form's reader sets, and clears, each one the same way.
enum DossierFields {
    static let texts: [String: WritableKeyPath<Dossier, String?>] = [
        "recommender.name": \.recommender.name,
        "applicant.name": \.applicant.name,
        "applicant.credit_code": \.applicant.creditCode,
        "applicant.nature": \.applicant.nature,
        "applicant.address": \.applicant.address,
        "applicant.finance.credit_rating": \.applicant.finance.creditRating,
        "applicant.profile": \.applicant.profile,
        "applicant.platform_lead.name": \.applicant.platformLead.name,
        "applicant.platform_lead.title": \.applicant.platformLead.title,
        "applicant.platform_lead.phone": \.applicant.platformLead.phone,
        "applicant.platform_lead.mobile": \.applicant.platformLead.mobile,
        "applicant.platform_lead.email": \.applicant.platformLead.email,
        "applicant.contact.name": \.applicant.contact.name,
        "applicant.contact.title": \.applicant.contact.title,
        "applicant.contact.phone": \.applicant.contact.phone,
        "applicant.contact.mobile": \.applicant.contact.mobile,
        "applicant.contact.email": \.applicant.contact.email,
        "platform.name": \.platform.name,
        "platform.summary": \.platform.summary,
    ]

    static let numbers: [String: WritableKeyPath<Dossier, Decimal?>] = [
        "applicant.finance.total_assets_wan": \.applicant.finance.totalAssetsWan,
        "applicant.finance.debt_ratio_pct": \.applicant.finance.debtRatioPct,
        "applicant.finance.sales_wan": \.applicant.finance.salesWan,
        "applicant.finance.tax_wan": \.applicant.finance.taxWan,
        "applicant.finance.profit_wan": \.applicant.finance.profitWan,
        "platform.planned_investment_wan": \.platform.plannedInvestmentWan,
    ]

    static let dates: [String: WritableKeyPath<Dossier, DayDate?>] = [
        "submitted": \.submitted,
        "applicant.founded": \.applicant.founded,
    ]

    /// A 联合单位's fields, under `partners[i].`.
    static let partnerTexts: [String: WritableKeyPath<Partner, String?>] = [
        "name": \.name, "credit_code": \.creditCode, "lead": \.lead, "title": \.title, "mobile": \.mobile,
    ]

    /// Clears a field read from the form (a value the form gave twice, differently).
    static func clear(_ field: String, in dossier: inout Dossier) {
        if let path = texts[field] { dossier[keyPath: path] = nil }
        if let path = numbers[field] { dossier[keyPath: path] = nil }
        if let path = dates[field] { dossier[keyPath: path] = nil }
        if field.hasPrefix("indicators.") { dossier.indicators[String(field.dropFirst("indicators.".count))] = nil }
        if let (index, rest) = partnerField(field), dossier.partners.indices.contains(index), let path = partnerTexts[rest] {
            dossier.partners[index][keyPath: path] = nil
        }
    }

    /// `partners[2].mobile` → (2, "mobile"); `partners[2]` → (2, ""); nil for any other field.
    static func partnerField(_ field: String) -> (index: Int, rest: String)? {
        guard field.hasPrefix("partners["), let close = field.firstIndex(of: "]"),
              let index = Int(field[field.index(field.startIndex, offsetBy: "partners[".count)..<close]) else { return nil }
        return (index, String(field[field.index(after: close)...].drop { $0 == "." }))
    }
}
