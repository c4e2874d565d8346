import Foundation
import IIPCore

/// The 申报书 (附件2 of the notice) as a Word file: blank, for applicants of a new round to
/// fill in the layout intake reads best, or filled with a dossier, as an applicant would. Its
/// labels are the form's own wording (form-labels.yaml); check boxes are Word check-box
/// controls; the 分行业/分领域/分区域 statistics tables cross platforms attach follow the
/// indicator table.
public enum FormTemplate {
    /// The blank form.
    public static func blank() throws -> Data {
        var layout = FormLayout(dossier: nil)
        return try layout.package()
    }

    /// The form filled with `dossier`.
    public static func filled(_ dossier: Dossier) throws -> Data {
        var layout = FormLayout(dossier: dossier)
        return try layout.package()
    }
}

/// The form's layout, page by page.
private struct FormLayout {
    let dossier: Dossier?
    let labels = FormLabels.builtIn
    var word = WordWriter()

    init(dossier: Dossier?) {
        self.dossier = dossier
    }

    mutating func package() throws -> Data {
        cover()
        instructions()
        applicant()
        partners()
        platform()
        try indicators()
        breakdowns()
        narrative()
        evidence()
        return try word.package(title: "2018年工业互联网平台申报书" + (dossier?.platform.name.map { "：" + $0 } ?? ""))
    }

    private func label(_ field: String, _ part: String) -> String { labels.label(field, in: part) }

    // MARK: - Values as an applicant writes them

    private static func date(_ date: DayDate?) -> String {
        guard let date else { return "    年   月   日" }
        return "\(date.year) 年 \(date.month) 月 \(date.day) 日"
    }

    private static func number(_ value: Decimal?) -> String {
        value.map { DossierYAML.number($0) } ?? ""
    }

    private func indicator(_ id: String) -> IndicatorValue? { dossier?.indicators[id] }

    /// Check boxes for a field's options, the ticked ones ticked.
    private func boxes(_ field: String, ticked: Set<String>, fill: [String: String] = [:]) -> [WordWriter.Inline] {
        (labels.options[field] ?? []).flatMap { option -> [WordWriter.Inline] in
            var text = option.labels.first ?? option.value
            if let value = fill[option.value] { text = text.replacingOccurrences(of: "_____", with: value) }
            return [.checkbox(ticked.contains(option.value)), .text(" " + text + "   ")]
        }
    }

    // MARK: - Pages

    private mutating func cover() {
        word.paragraph("2018 年工业互联网平台申报书", style: "Title")
        let d = dossier
        let lines = [(label("applicant.name", "cover"), d?.applicant.name ?? ""),
                     (label("cover.platform_lead", "cover"), d?.applicant.platformLead.name ?? ""),
                     (label("recommender.name", "cover"), d?.recommender.name ?? ""),
                     (label("submitted", "cover"), FormLayout.date(d?.submitted))]
        for (name, value) in lines {
            word.paragraph([.bold(name + "："), .text(value.isEmpty ? "________________________" : value)], spaceBefore: 240)
        }
        word.paragraph("广东省经济和信息化委编制", alignment: .center, spaceBefore: 2400)
        word.paragraph("2018 年 8 月", alignment: .center)
        word.pageBreak()
    }

    private mutating func instructions() {
        word.paragraph("填报说明", style: "Heading1", alignment: .center)
        word.text("""
        一、提交材料包括申报书纸质材料和电子文档，申报单位必须确保纸质材料和电子文档的一致性。
        二、请用 A4 幅面编辑，正文字号为 4 号宋体，行距 26 磅。一级标题 3 号黑体，二级标题 3 号楷体。
        三、纸质材料请使用 A4 纸双面印刷，装订平整。电子文档以光盘或 U 盘形式存储。
        """)
        word.pageBreak()
    }

    private mutating func applicant() {
        word.paragraph("一、申报单位基本信息", style: "Heading1")
        let a = dossier?.applicant
        let part = "applicant"
        typealias Cell = WordWriter.Cell
        var rows: [[Cell]] = [[.label("牵头单位基本信息", span: 5)]]
        rows.append([.label(label("applicant.name", part)), .text(a?.name ?? "", span: 4)])
        rows.append([.label(label("applicant.credit_code", part)), .text(a?.creditCode ?? "", span: 2),
                     .label(label("applicant.nature", part)), .text(a?.nature ?? "")])
        rows.append([.label(label("applicant.address", part)), .text(a?.address ?? "", span: 2),
                     .label(label("applicant.founded", part)), .text(a.flatMap { $0.founded.map { FormLayout.date($0) } } ?? "")])
        for (group, person) in [("applicant.platform_lead", a?.platformLead), ("applicant.contact", a?.contact)] {
            let name = labels.label(group, in: "people")
            let labels = self.labels
            let field = { (key: String) in labels.label(key, in: "person") }
            rows.append([.label(name, merge: .restart), .label(field("name")), .text(person?.name ?? ""),
                         .label(field("phone")), .text(person?.phone ?? "")])
            rows.append([.label(name, merge: .continue), .label(field("title")), .text(person?.title ?? ""),
                         .label(field("mobile")), .text(person?.mobile ?? "")])
            rows.append([.label(name, merge: .continue), .label(field("fax")), .text(""),
                         .label(field("email")), .text(person?.email ?? "")])
        }
        let f = a?.finance
        rows.append([.label(label("applicant.finance.total_assets_wan", part)), .text(FormLayout.number(f?.totalAssetsWan), span: 2),
                     .label(label("applicant.finance.debt_ratio_pct", part)), .text(f?.debtRatioPct.map { DossierYAML.number($0) + "%" } ?? "")])
        rows.append([.label(label("applicant.finance.credit_rating", part)), .text(f?.creditRating ?? "", span: 2),
                     .label(label("applicant.finance.sales_wan", part)), .text(FormLayout.number(f?.salesWan))])
        rows.append([.label(label("applicant.finance.tax_wan", part)), .text(FormLayout.number(f?.taxWan), span: 2),
                     .label(label("applicant.finance.profit_wan", part)), .text(FormLayout.number(f?.profitWan))])
        rows.append([.label(label("applicant.profile", part)),
                     .text(a?.profile ?? "（限1000字）\n（一）申报单位情况介绍\n发展历程、主营业务、市场销售等方面基本情况。\n（二）申报单位核心竞争力介绍\n"
                           + "突出工业互联网平台技术、产品、解决方案等相关能力，包括优势技术、人才队伍、研发能力、实施能力、服务保障、应用效果等。", span: 4)])
        let attested = dossier?.attestation.signed == true ? dossier?.attestation.date : nil
        rows.append([.label(label("attestation", part)),
                     .text("我单位申报的所有材料，均真实、完整，如有不实，愿承担相应的责任。\n公章：" + FormLayout.date(attested), span: 4)])
        rows.append([.label("推荐单位"), .text("同意推荐该单位申报2018年工业互联网平台。\n推荐单位公章：" + FormLayout.date(nil), span: 4)])
        word.table(widths: [1500, 1000, 2300, 1500, 2000], rows: rows)
    }

    private mutating func partners() {
        typealias Cell = WordWriter.Cell
        let part = "partners"
        var rows: [[Cell]] = [[.label("联合单位基本信息", span: 6)]]
        let partners: [Partner?] = dossier.map { $0.partners.isEmpty ? [nil] : $0.partners.map { $0 } } ?? [nil, nil, nil]
        for (index, partner) in partners.enumerated() {
            rows.append([.label("\(label("name", part)) \(index + 1)"), .text((partner?.name ?? "") + "（签章）", span: 3),
                         .label(label("credit_code", part)), .text(partner?.creditCode ?? "")])
            rows.append([.label(label("lead", part)), .text(partner?.lead ?? ""), .label(label("title", part)), .text(partner?.title ?? ""),
                         .label(label("mobile", part)), .text(partner?.mobile ?? "")])
            rows.append([.label(label("roles", part)),
                         Cell(paragraphs: [boxes("partner.roles", ticked: Set((partner?.roles ?? []).map(\.rawValue)))], span: 5)])
        }
        word.table(widths: [1400, 1500, 1100, 1500, 1300, 1500], rows: rows)
    }

    private mutating func platform() {
        word.paragraph("二、平台基本信息", style: "Heading1")
        typealias Cell = WordWriter.Cell
        let p = dossier?.platform
        let part = "platform"
        let type = p?.type.map { Set([$0.rawValue]) } ?? []
        let focus = p.flatMap { platform in platform.focus.map { [platform.type?.rawValue ?? "": $0] } } ?? [:]
        let typeBoxes = boxes("platform.type", ticked: type, fill: focus)
        let iaas = boxes("platform.iaas", ticked: p?.iaas.map { Set([$0.rawValue]) } ?? [], fill: p?.iaasProvider.map { ["leased": $0] } ?? [:])
        let rows: [[Cell]] = [
            [.label(label("platform.name", part)), .text(p?.name ?? "")],
            [.label(label("platform.type", part), merge: .restart), Cell(paragraphs: [Array(typeBoxes.prefix(6))])],
            [.label(label("platform.type", part), merge: .continue), Cell(paragraphs: [Array(typeBoxes.dropFirst(6))])],
            [.label(label("platform.summary", part)), .text(p?.summary ?? "建设平台的背景、平台定位、发展思路等（限 500 字）")],
            [.label(label("platform.planned_investment_wan", part)), .text(FormLayout.number(p?.plannedInvestmentWan))],
            [.label(label("platform.iaas", part), merge: .restart), Cell(paragraphs: [Array(iaas.prefix(2))])],
            [.label(label("platform.iaas", part), merge: .continue), Cell(paragraphs: [Array(iaas.dropFirst(2))])],
        ]
        word.table(widths: [1800, 6500], rows: rows)
    }

    /// The indicator table: each section of the written review, each of its items, each
    /// indicator's row with its value.
    private mutating func indicators() throws {
        word.paragraph("三、平台能力信息", style: "Heading1")
        typealias Cell = WordWriter.Cell
        let rubric = try Rubric.builtIn.get()
        guard let written = rubric.stage(.written) else { return }
        let notes = ["basic": "（注：所有类型平台填报；所填指标数量需提供相关材料或现场演示，指标数量统计时间截至填报日期）",
                     "industry": "（跨行业跨领域平台、特定行业平台填报）", "domain": "（跨行业跨领域平台、特定领域平台填写）",
                     "region": "（跨行业跨领域平台、特定区域平台填报）", "cross": "（跨行业跨领域平台填报）"]
        var rows: [[Cell]] = []
        for section in written.sections {
            let sectionRows = section.items.flatMap { item in item.indicators.map { (item, $0) } }
            for (index, (item, id)) in sectionRows.enumerated() {
                let first = index == 0 || sectionRows[index - 1].0.id != item.id
                let sectionCell = Cell.label(section.name + (notes[section.id] ?? ""), merge: index == 0 ? .restart : .continue)
                let itemCell = Cell.label(item.name, merge: first ? .restart : .continue)
                rows.append([sectionCell, itemCell, .label(label(id, "indicators")), value(id, rubric.catalog)])
            }
        }
        word.table(widths: [1300, 1400, 3600, 2000], rows: rows)
    }

    private func value(_ id: String, _ catalog: IndicatorCatalog) -> WordWriter.Cell {
        switch catalog[id]?.type {
        case .bool?:
            let ticked: Set<String> = { if case let .bool(value)? = indicator(id) { return [String(value)] } else { return [] } }()
            return WordWriter.Cell(paragraphs: [boxes("bool", ticked: ticked)])
        case .set?:
            let ticked: Set<String> = { if case let .set(values)? = indicator(id) { return Set(values) } else { return [] } }()
            return WordWriter.Cell(paragraphs: [boxes(id, ticked: ticked)])
        default:
            if case let .number(value)? = indicator(id) { return .text(DossierYAML.number(value)) }
            return .text("")
        }
    }

    /// 附表: the statistics tables cross platforms attach (blank in the blank form).
    private mutating func breakdowns() {
        let b = dossier?.breakdowns
        if let dossier, dossier.platform.type != .cross, b == Breakdowns() { return }
        typealias Cell = WordWriter.Cell
        let yes = { (value: Bool) in value ? "是" : "否" }
        let tables: [(String, String, [[String]])] = [
            ("附表1　分行业统计表", "breakdowns.industries", (b?.industries ?? []).map { row in
                [row.name] + [row.devices, row.sensorPoints, row.coveragePct, row.models, row.apps, row.enterprises].map { DossierYAML.number($0) } }),
            ("附表2　分领域统计表", "breakdowns.domains", (b?.domains ?? []).map { [$0.name, DossierYAML.number($0.apps), yes($0.integrated)] }),
            ("附表3　分区域统计表", "breakdowns.regions", (b?.regions ?? []).map { [$0.name, yes($0.entity), DossierYAML.number($0.enterprises)] }),
        ]
        for (title, part, values) in tables {
            word.paragraph(title, style: "Heading2")
            let columns = (labels.fields[part] ?? []).map { $0.labels.first ?? $0.field }
            let rows = values.isEmpty ? [Array(repeating: "", count: columns.count), Array(repeating: "", count: columns.count)] : values
            let width = 8300 / max(1, columns.count)
            word.table(widths: Array(repeating: width, count: columns.count),
                       rows: [columns.map { Cell.label($0) }] + rows.map { $0.map { Cell.text($0) } })
        }
    }

    private mutating func narrative() {
        let headings = [("architecture", "四、平台技术架构及方案介绍（包含但不限于平台架构技术方案、边缘计算技术方案、工业大数据技术方案、工业微服务技术方案、工业APP开发技术方案等。）"),
                        ("cases", "五、平台应用案例和效果（选择几个特定工业场景，如设备管理优化、研发设计优化、运营管理优化、生产执行优化、产品全生命周期管理优化、供应链协同优化等，并描述相关使用情况和应用效果。）"),
                        ("regional", "六、平台区域落地情况（描述工业互联网平台在地方落地情况，包括地方政府合作、区域企业整体上平台等情况。）"),
                        ("roadmap", "七、平台下一步发展计划（包含但不限于技术升级、应用开发、开发者社区建设和培育、商业模式拓展等。）")]
        for (key, heading) in headings {
            word.paragraph(heading, style: "Heading1")
            if let text = dossier?.narrative[key] { word.text(text) } else { word.paragraph("") }
        }
    }

    private mutating func evidence() {
        word.paragraph("八、其他说明材料（包括但不限于客户服务合同、能够体现工业互联网平台运营情况的财务报告、产品专利和知识产权证书、"
                       + "申报通知发布日期前系统和软件运行日志等证明材料，以及企业运营资质等相关支撑材料，需具备对证明材料的现场演示能力。"
                       + "请列明清单，以附件形式附后。）", style: "Heading1")
        typealias Cell = WordWriter.Cell
        let columns = (labels.fields["evidence"] ?? []).map { $0.labels.first ?? $0.field }
        let items = dossier?.evidence ?? []
        let rows = items.isEmpty ? [["1", "", ""], ["2", "", ""]]
            : items.enumerated().map { index, item in [String(index + 1), item.title ?? "", item.file.map { ($0 as NSString).lastPathComponent } ?? ""] }
        word.table(widths: [900, 4400, 3000], rows: [columns.map { Cell.label($0) }] + rows.map { $0.map { Cell.text($0) } })
    }
}
