import IIPCore

/// The documents of SPEC §10, built from the core's results.
public enum Documents {
    /// 平台类型 as the form writes it: 跨行业跨领域, or 特定行业（面向：…）.
    static func typeText(_ dossier: Dossier) -> String {
        let focus = dossier.platform.focus.map { "（面向：\($0)）" } ?? ""
        switch dossier.platform.type {
        case .cross?: return "跨行业跨领域"
        case .industry?: return "特定行业" + focus
        case .domain?: return "特定领域" + focus
        case .region?: return "特定区域" + focus
        case nil: return ""
        }
    }

    /// A ranking flag as the printed list says it, stages by the rubric's names; overrides
    /// are printed with their reasons instead.
    static func flagText(_ flag: RankFlag, rubric: Rubric) -> String? {
        switch flag {
        case let .deviation(stage, expert): return "偏离：\(rubric.stage(stage)?.name ?? stage.rawValue) \(expert)"
        case .dossierChanged: return "申报材料评分后已变更"
        case .override: return nil
        }
    }

    static func statusText(_ status: SelectionStatus) -> String {
        switch status {
        case .selected: return "入选"
        case .tie: return "并列（待专家组决定）"
        case .notSelected: return "未入选"
        case .belowThreshold: return "低于60分"
        case .incomplete: return "评分未完成"
        case .ineligible: return "不符合申报要求"
        }
    }

    /// 推荐名单: both groups in ranking order with the cut after the cap, stage scores, final,
    /// status and flags, and the chair's reasons for every overridden error.
    /// `waivers` holds, per dossier, lines like `E-QUOTA：理由`.
    /// With `analysis`, a 稳定性 column says how solid each place is: the share of bootstrap
    /// panels that select it, and the experts whose removal alone changes it.
    public static func ranking(_ groups: [RankedGroup], rubric: Rubric, dossiers: [String: Dossier], waivers: [String: [String]],
                               title: String, analysis: Analysis? = nil) -> Document {
        var stability: [String: String] = [:]
        for entry in analysis?.groups.flatMap(\.entries) ?? [] where entry.status != .ineligible {
            stability[entry.id] = (entry.pSelected * Rational(100)).fixed(places: 0) + "%"
                + (entry.looFlips.isEmpty ? "" : "（去掉 " + entry.looFlips.joined(separator: "、") + " 结论改变）")
        }
        let tables = groups.map { group -> Table in
            let rows = group.entries.map { entry -> [Cell] in
                let c = entry.candidate
                let dossier = dossiers[c.id]
                let notes = c.flags.compactMap { flagText($0, rubric: rubric) } + (waivers[c.id] ?? []).map { "豁免 " + $0 }
                return [.int(entry.rank), .text(c.id), .text(c.platform), .text(dossier?.applicant.name ?? ""),
                        .text(dossier.map(typeText) ?? c.type.rawValue)] + rubric.stages.map { Cell.score(c.stages[$0.id]) }
                    + [.score(c.final), .text(statusText(entry.status))] + (analysis == nil ? [] : [.text(stability[c.id] ?? "—")])
                    + [.text(notes.joined(separator: "；"))]
            }
            let cut = group.entries.lastIndex { $0.status == .selected || $0.status == .tie }.map { $0 + 1 }
            return Table(caption: "\(group.group.name)（不超过\(group.group.cap)家）",
                         columns: ["名次", "编号", "平台名称", "牵头申报单位", "平台类型"] + rubric.stages.map(\.name) + ["总分", "结论"]
                             + (analysis == nil ? [] : ["稳定性"]) + ["备注"],
                         rows: rows, cutAfter: cut)
        }
        let formula = rubric.stages.map { "\($0.name)×\(percent($0.weight))" }.joined(separator: " + ")
        let note = analysis.map { ["稳定性：在 \($0.resamples) 个自助抽样专家组（各阶段有放回地抽取同样人数的专家，种子 \($0.seed)）中入选的比例；"
                                   + "括号内为单独去掉后会改变该平台入选结论的专家。稳定性仅供参考，不改变正式得分。"] } ?? []
        return Document(title: title, subtitle: "推荐名单（按总分排序；总分 = \(formula)）", header: note,
                        tables: tables, closing: ["专家组组长签字：____________    日期：____________"])
    }

    /// 附件3 工业互联网平台申报信息汇总表, one table per recommender, columns as on the form.
    public static func roster(_ dossiers: [(id: String, dossier: Dossier)]) -> Document {
        var byRecommender: [(String, [Dossier])] = []
        for (_, dossier) in dossiers.sorted(by: { $0.id < $1.id }) {
            let name = dossier.recommender.name ?? "—"
            if let index = byRecommender.firstIndex(where: { $0.0 == name }) { byRecommender[index].1.append(dossier) } else {
                byRecommender.append((name, [dossier]))
            }
        }
        let tables = byRecommender.map { recommender, list in
            Table(caption: "推荐单位（盖章）：\(recommender)",
                  columns: ["序号", "平台名称", "平台类型", "牵头申报单位", "联系人", "联系方式(手机)", "联合申报单位"],
                  rows: list.enumerated().map { index, d in
                      [.int(index + 1), .text(d.platform.name ?? ""), .text(typeText(d)), .text(d.applicant.name ?? ""),
                       .text(d.applicant.contact.name ?? ""), .text(d.applicant.contact.mobile ?? ""),
                       .text(d.partners.compactMap(\.name).joined(separator: "、"))]
                  })
        }
        return Document(title: "工业互联网平台申报信息汇总表", subtitle: "附件3", tables: tables,
                        closing: ["注：推荐数量不能超过规定的上限。"])
    }
}
