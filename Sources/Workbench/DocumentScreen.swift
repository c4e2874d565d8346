import Foundation
import IIPCore
import Terminal

/// The 申报书 itself, in the order of the form, scrollable.
enum DocumentScreen {
    static func render(_ state: AppState, _ area: Rect, _ buffer: inout Buffer) {
        guard let entry = state.reviewEntry else { return }
        let lines = self.lines(entry, state, width: area.width - 2)
        let top = min(state.documentScroll, max(0, lines.count - area.height))
        for (offset, line) in lines.dropFirst(top).prefix(area.height).enumerated() {
            buffer.write(line.0, x: 1, y: area.y + offset, style: line.1, limit: area.width - 2)
        }
    }

    /// Every field of the dossier as display lines: headings, label–value pairs, wrapped text.
    static func lines(_ entry: DossierEntry, _ state: AppState, width: Int) -> [(String, Style)] {
        let s = state.strings
        guard let d = entry.dossier else { return [(state.dossierMissing, .dim)] }
        var out: [(String, Style)] = []
        func heading(_ text: String) {
            if !out.isEmpty { out.append(("", .normal)) }
            out.append((text, .header))
        }
        func field(_ label: String, _ value: String?) {
            let prefix = DisplayWidth.pad(label, to: 16) + " "
            let wrapped = Layout.wrap(value ?? "—", width: max(10, width - 17))
            for (index, line) in wrapped.enumerated() {
                out.append(((index == 0 ? prefix : String(repeating: " ", count: 17)) + line, .normal))
            }
        }
        func text(_ value: String?) {
            // Applicants write Markdown's **bold** in their narratives; the marks are not shown.
            let plain = (value ?? "—").replacingOccurrences(of: "**", with: "")
            out += Layout.wrap(plain, width: width).map { ($0, .normal) }
        }
        func person(_ label: String, _ p: Person) {
            field(label, [p.name, p.title, p.phone, p.mobile, p.email].compactMap { $0 }.joined(separator: "  "))
        }
        func amount(_ value: Decimal?) -> String? { value.map { Layout.grouped($0) + " " + s[.wan] } }

        heading(s[.docApplicant] + " · " + entry.id)
        field(s[.docName], d.applicant.name)
        field(s[.docCreditCode], d.applicant.creditCode)
        field(s[.docNature], d.applicant.nature)
        field(s[.docAddress], d.applicant.address)
        field(s[.docFounded], d.applicant.founded?.description)
        field(s[.docLegal], "\(d.applicant.registeredInGuangdong == true ? s[.yes] : s[.no]) / \(d.applicant.independentLegalPerson == true ? s[.yes] : s[.no])")
        person(s[.docLead], d.applicant.platformLead)
        person(s[.docContact], d.applicant.contact)
        let f = d.applicant.finance
        field(s[.docAssets], amount(f.totalAssetsWan))
        field(s[.docDebt], f.debtRatioPct.map { "\($0)%" })
        field(s[.docRating], f.creditRating)
        field(s[.docSalesTaxProfit], [amount(f.salesWan), amount(f.taxWan), amount(f.profitWan)].compactMap { $0 }.joined(separator: " / "))
        field(s[.docRecommender], [d.recommender.name, d.recommender.city].compactMap { $0 }.joined(separator: " · "))
        field(s[.docSubmitted], d.submitted?.description)
        field(s[.docAttestation], d.attestation.signed == true ? s[.docSigned] + " " + (d.attestation.date?.description ?? "") : s[.docUnsigned])
        heading(s[.docProfile])
        text(d.applicant.profile)
        heading(s[.docPartners])
        if d.partners.isEmpty { text("—") }
        for partner in d.partners {
            field(partner.name ?? "—", [partner.creditCode, partner.lead, partner.title, partner.roles.map { s.roleName($0) }.joined(separator: "、")]
                .compactMap { $0 }.joined(separator: "  "))
        }
        heading(s[.docPlatform])
        field(s[.docPlatformName], d.platform.name)
        field(s[.docPlatformType], state.typeName(entry.type) + (d.platform.focus.map { " (\(s[.focusOn]): \($0))" } ?? ""))
        field(s[.docSector], d.platform.sector.map(s.sectorName))
        field(s[.docInvestment], amount(d.platform.plannedInvestmentWan))
        field(s[.docIaas], d.platform.iaas == .leased ? s[.docLeased] + " · " + (d.platform.iaasProvider ?? "") : s[.docSelfBuilt])
        heading(s[.docSummary])
        text(d.platform.summary)
        heading(s[.docCapabilities])
        for spec in state.data.rubric.catalog.specs where Applicability.section(spec.section, appliesTo: entry.type) {
            field(s.name(spec.name, spec.nameEn), ReviewScreen.describe(d.indicators[spec.id], spec, state.strings))
        }
        let sections = [(s[.docArchitecture], "architecture"), (s[.docCases], "cases"),
                        (s[.docRegional], "regional"), (s[.docRoadmap], "roadmap")]
        for (title, key) in sections {
            heading(title)
            text(d.narrative[key])
        }
        heading(s[.docEvidence])
        for item in d.evidence { field(item.title ?? "—", item.file) }
        return out
    }
}
