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
        let d = entry.dossier
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
            out += Layout.wrap(value ?? "—", width: width).map { ($0, .normal) }
        }
        func person(_ label: String, _ p: Person) {
            field(label, [p.name, p.title, p.phone, p.mobile, p.email].compactMap { $0 }.joined(separator: "  "))
        }
        func amount(_ value: Decimal?, _ unit: String) -> String? { value.map { Layout.grouped($0) + " " + unit } }

        heading("一、申报单位基本信息 · \(entry.id)")
        field("单位名称", d.applicant.name)
        field("信用代码", d.applicant.creditCode)
        field("单位性质", d.applicant.nature)
        field("单位地址", d.applicant.address)
        field("成立时间", d.applicant.founded?.description)
        field("广东注册/独立法人", "\(d.applicant.registeredInGuangdong == true ? "是" : "否") / \(d.applicant.independentLegalPerson == true ? "是" : "否")")
        person("平台负责人", d.applicant.platformLead)
        person("申报联系人", d.applicant.contact)
        let f = d.applicant.finance
        field("总资产", amount(f.totalAssetsWan, "万元"))
        field("负债率", f.debtRatioPct.map { "\($0)%" })
        field("信用等级", f.creditRating)
        field("上年销售/税金/利润", [amount(f.salesWan, "万元"), amount(f.taxWan, "万元"), amount(f.profitWan, "万元")].compactMap { $0 }.joined(separator: " / "))
        field("推荐单位", [d.recommender.name, d.recommender.city].compactMap { $0 }.joined(separator: " · "))
        field("申报日期", d.submitted?.description)
        field("真实性承诺", d.attestation.signed == true ? "已签署 \(d.attestation.date?.description ?? "")" : "未签署")
        heading("企业简介")
        text(d.applicant.profile)
        heading("联合单位")
        if d.partners.isEmpty { text("—") }
        for partner in d.partners {
            field(partner.name ?? "—", [partner.creditCode, partner.lead, partner.title, partner.roles.map(\.rawValue).joined(separator: ",")]
                .compactMap { $0 }.joined(separator: "  "))
        }
        heading("二、平台基本信息")
        field("平台名称", d.platform.name)
        field("平台类型", state.typeName(entry.type) + (d.platform.focus.map { "（面向：\($0)）" } ?? ""))
        field("行业特征", d.platform.sector?.rawValue)
        field("计划投资", amount(d.platform.plannedInvestmentWan, "万元"))
        field("IaaS 基础设施", d.platform.iaas == .leased ? "租用 · \(d.platform.iaasProvider ?? "")" : "自建")
        heading("平台简介")
        text(d.platform.summary)
        heading("三、平台能力信息")
        for spec in state.data.rubric.catalog.specs where Applicability.section(spec.section, appliesTo: entry.type) {
            field(spec.name, ReviewScreen.describe(d.indicators[spec.id], spec, state.strings))
        }
        let sections = [("四、平台技术架构及方案", "architecture"), ("五、平台应用案例和效果", "cases"),
                        ("六、平台区域落地情况", "regional"), ("七、平台下一步发展计划", "roadmap")]
        for (title, key) in sections {
            heading(title)
            text(d.narrative[key])
        }
        heading("八、证明材料清单")
        for item in d.evidence { field(item.title ?? "—", item.file) }
        return out
    }
}
