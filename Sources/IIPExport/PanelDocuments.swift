import IIPCore
import IIPStore

/// A dossier as the panel's documents name it.
public struct DossierLine: Sendable, Equatable {
    public let id: String
    public let platform: String
    public let type: PlatformType
    /// 平台类型 as the form writes it, e.g. 特定行业（面向：家电制造）.
    public let typeText: String

    public init(id: String, platform: String, type: PlatformType, typeText: String) {
        self.id = id
        self.platform = platform
        self.type = type
        self.typeText = typeText
    }
}

/// What a printed stage sheet says about its signing.
public struct SheetSeal: Sendable, Equatable {
    /// The stage's signing; nil for a draft.
    public let signOff: SignOff?
    /// The key this workspace trusts for the expert, if any.
    public let trusted: TrustedKey?
    /// SHA-256 of the sheet's content as it stands (`SheetFile.contentSHA256`).
    public let contentSHA256: String
    /// The pledge and conflict declaration: when, and the dossiers declared.
    public let declaredAt: String?
    public let declaredConflicts: [String]
    /// 不同意见及理由, empty when none.
    public let dissent: String
    /// The expert's 复核 of their deviating scores in the stage.
    public let rechecks: [Recheck]

    public init(signOff: SignOff?, trusted: TrustedKey?, contentSHA256: String, declaredAt: String?,
                declaredConflicts: [String], dissent: String, rechecks: [Recheck] = []) {
        self.rechecks = rechecks
        self.signOff = signOff
        self.trusted = trusted
        self.contentSHA256 = contentSHA256
        self.declaredAt = declaredAt
        self.declaredConflicts = declaredConflicts
        self.dissent = dissent
    }

    /// 签署状态 as printed: who signed, where, with which revision — and, when the key is
    /// not the expert's trusted one, that the signing proves nothing of the expert.
    public var statusText: String {
        guard let signOff else { return "未签署（草稿，不作为正式评分表）" }
        let when = "第 \(signOff.revision) 版，\(Documents.displayTime(signOff.at))"
        switch signOff.proof(trusted: trusted) {
        case .sheetFile: return "已签署（\(when)）：专家本人密钥签名的评分表文件，导入时已核验签名"
        case .trustedKeyHere: return "已签署（\(when)）：在本工作区以专家本人受信任的密钥签署"
        case .pinnedKey:
            return "已签署（\(when)）：签名密钥是旧版本在首次导入时登记的，尚未经主任委员与专家承诺书核对（iipeval key trust）"
        case .none:
            return "已在本工作区签署（\(when)），但签名密钥不是本工作区信任的该专家密钥，不能证明为专家本人签署；以专家导出并经核验的评分表文件为准"
        }
    }

    /// The key lines: the key that signed, and the key trusted for the expert.
    public var keyLines: [String] {
        ["签名密钥指纹：\(signOff?.fingerprint.map { "\($0)" } ?? "未签署")",
         "本工作区信任的该专家密钥：\(trusted.map { "\($0.fingerprint)" } ?? "无（主任委员尚未登记）")"]
    }
}

extension Documents {
    /// 专家评分表: one expert's sheet of one stage — every dossier they scored with every
    /// item's points and maximum, section subtotals, the (weighted) total and comments, then
    /// the declaration, dissent, signature line, the content hash and the key fingerprint.
    /// A dossier the expert is in conflict with keeps its table, marked 回避 and never counted.
    public static func stageSheet(title: String, panel: Panel, expert: Expert, stage: RubricStage, dossiers: [DossierLine],
                                  scores: [ItemScore], counting: SheetCounting, seal: SheetSeal, printed: String) -> Document {
        let byDossier = Dictionary(grouping: scores.filter { $0.expert == expert.id && $0.stage == stage.id }, by: \.dossier)
        let tables = dossiers.filter { byDossier[$0.id] != nil }.map { dossier in
            sheetTable(stage: stage, dossier: dossier, scores: byDossier[dossier.id] ?? [],
                       excluded: counting.exclusion(expert: expert.id, dossier: dossier.id, stage: stage.id))
        }
        let chair = panel.expert(panel.chair).map { "主任委员 \($0.id) \($0.name)，" } ?? ""
        var header = ["专家组：\(chair)共 \(panel.experts.count) 位专家",
                      "评审阶段：\(stage.name)（权重 \(percent(stage.weight))）",
                      "评审专家：\(expert.id) \(expert.name)（\(expert.affiliation)）",
                      "签署状态：" + seal.statusText,
                      "打印日期：\(printed)"]
        if tables.isEmpty { header.append("本阶段尚无评分。") }
        var closing: [String] = []
        if let at = seal.declaredAt {
            let conflicts = seal.declaredConflicts.isEmpty ? "无需回避的申报材料" : "回避：" + seal.declaredConflicts.joined(separator: "、")
            closing.append("诚信承诺与回避声明：已于 \(displayTime(at)) 签署（\(conflicts)）。")
        } else {
            closing.append("诚信承诺与回避声明：未签署。")
        }
        if !seal.dissent.isEmpty { closing.append("不同意见及理由：\(seal.dissent)") }
        for recheck in seal.rechecks { closing.append("偏离复核：" + recheckText(recheck)) }
        closing.append("专家签字：____________________    日期：____________________")
        closing.append("评分表内容哈希（SHA-256）：\(seal.contentSHA256)")
        closing += seal.keyLines
        return Document(title: title, subtitle: "专家评分表 · \(stage.name)", header: header, tables: tables, closing: closing,
                        landscape: false)
    }

    static func sheetTable(stage: RubricStage, dossier: DossierLine, scores: [ItemScore], excluded: SheetExclusion? = nil) -> Table {
        let points = Dictionary(scores.compactMap { score in score.points.map { (score.item, $0) } }) { first, _ in first }
        let comments = Dictionary(scores.map { ($0.item, $0.comment) }) { first, _ in first }
        let sections = stage.sections(for: dossier.type)
        var rows: [[Cell]] = []
        var emphasised: Set<Int> = []
        var number = 0
        for section in sections {
            for item in section.items {
                number += 1
                rows.append([.int(number), .text(item.name), .score(item.max), .score(points[item.id]), .text(comments[item.id] ?? "")])
            }
            guard sections.count > 1 else { continue }
            let subtotal = section.items.allSatisfy { points[$0.id] != nil }
                ? section.items.reduce(Rational.zero) { $0 + (points[$1.id] ?? .zero) } : nil
            let weight = stage.sectionWeights?[dossier.type]?[section.id].map { "（权重 \(percent($0))）" } ?? ""
            emphasised.insert(rows.count)
            rows.append([.text(""), .text("小计：\(section.name)\(weight)"), .score(section.total), .score(subtotal), .text("")])
        }
        let items = sections.flatMap(\.items)
        let complete = items.allSatisfy { points[$0.id] != nil }
        let weighted = stage.sectionWeights != nil
        emphasised.insert(rows.count)
        let note = excluded.map { "\(exclusionText($0))，不计入" }
            ?? (complete ? "" : "未评完（\(items.filter { points[$0.id] != nil }.count)/\(items.count)），不计入")
        rows.append([.text(""), .text(weighted ? "加权总分" : "合计"), .score(Rational(100)),
                     .score(complete ? stage.score(points: points, for: dossier.type) : nil), .text(note)])
        let mark = excluded.map { "【\(exclusionText($0))，不计入】" } ?? ""
        return Table(caption: "\(dossier.id)　\(dossier.platform)（\(dossier.typeText)）\(mark)", columns: ["序号", "评分项", "满分", "得分", "评语"],
                     rows: rows, emphasised: emphasised)
    }

    /// 评审汇总表: per stage, every dossier × every expert's stage score with the dropped
    /// highest and lowest in parentheses and deviations starred, the panel's stage score;
    /// then the four stage scores and the final of each dossier; the chair signs.
    /// A sheet that exists but never counts shows why (回避) instead of a score.
    public static func summary(title: String, rubric: Rubric, panel: Panel, dossiers: [DossierLine],
                               evaluations: [String: DossierEvaluation], statuses: [String: SelectionStatus],
                               signOffs: [SignOff] = [], trusted: [String: TrustedKey] = [:], rechecks: [RecheckItem] = []) -> Document {
        var tables: [Table] = []
        for stage in rubric.stages {
            let experts = panel.experts.filter { $0.stages.contains(stage.id) }
            let rows = dossiers.map { dossier -> [Cell] in
                let panelScore = evaluations[dossier.id]?.stages[stage.id]
                let cells = experts.map { expert -> Cell in
                    if let excluded = panelScore?.excluded.first(where: { $0.expert == expert.id }) {
                        return .text(shortExclusion(excluded.reason))
                    }
                    guard let sheet = panelScore?.sheets.first(where: { $0.expert == expert.id }) else { return .text("—") }
                    var marks: ScoreMarks = []
                    if sheet.trimmed { marks.insert(.dropped) }
                    if sheet.deviates { marks.insert(.deviates) }
                    return .marked(sheet.score, marks)
                }
                return [.text(dossier.id), .text(dossier.platform)] + cells + [.score(panelScore?.value)]
            }
            tables.append(Table(caption: "\(stage.name)（权重 \(percent(stage.weight))）",
                                columns: ["编号", "平台名称"] + experts.map(\.id) + ["专家组得分"], rows: rows))
        }
        let finals = dossiers.map { dossier -> [Cell] in
            let evaluation = evaluations[dossier.id]
            let deviations = (evaluation?.deviations ?? []).map { "\(rubric.stage($0.stage)?.name ?? $0.stage.rawValue)：\($0.sheet.expert)" }
            return [.text(dossier.id), .text(dossier.platform), .text(dossier.typeText)]
                + rubric.stages.map { Cell.score(evaluation?.value($0.id)) }
                + [.score(evaluation?.final), .text(statuses[dossier.id].map(statusText) ?? ""), .text(deviations.joined(separator: "；"))]
        }
        tables.append(Table(caption: "总分", columns: ["编号", "平台名称", "平台类型"] + rubric.stages.map(\.name) + ["总分", "结论", "偏离"],
                            rows: finals))
        tables.append(signingTable(rubric: rubric, panel: panel, signOffs: signOffs, trusted: trusted))
        if !rechecks.isEmpty { tables.append(recheckTable(rubric: rubric, rechecks)) }
        let trim = rubric.trim
        let header = ["评审专家：" + panel.experts.map { "\($0.id) \($0.name)（\($0.affiliation)）" }.joined(separator: "；"),
                      "说明：每个阶段有 \(trim.fromSheets) 份及以上有效评分时，去掉 \(trim.dropHighest) 个最高分和 \(trim.dropLowest) 个最低分"
                          + "（括号内）后取平均；* 表示与专家组得分相差超过 \(rubric.deviationPct.fixed(places: 0))%；"
                          + "回避 表示该专家的评分表因回避不计入；— 表示无评分或未评完。"]
        return Document(title: title, subtitle: "评审汇总表", header: header, tables: tables,
                        closing: ["专家组组长签字：____________________    日期：____________________"])
    }

    /// 偏离评分复核: every deviating score of a signed stage (and every one corrected since),
    /// where its 复核 stands, and the expert's ground or reason.
    static func recheckTable(rubric: Rubric, _ rechecks: [RecheckItem]) -> Table {
        let rows = rechecks.map { item -> [Cell] in
            [.text(item.dossier), .text(rubric.stage(item.stage)?.name ?? item.stage.rawValue), .text(item.expert), .score(item.score),
             .score(item.panel), .text(item.state.chinese), .text(item.record.map(recheckWhy) ?? "")]
        }
        return Table(caption: "偏离评分复核（财政部令第87号 第六十四条）", columns: ["编号", "阶段", "专家", "专家得分", "专家组得分", "复核", "理由"],
                     rows: rows)
    }

    /// `GD2018-012 已确认原分（49.50）：理由` as a signed sheet prints it.
    static func recheckText(_ recheck: Recheck) -> String {
        let what = recheck.outcome == .confirmed ? "确认原分" : "更正"
        return "\(recheck.dossier) \(what)（\(recheck.score.fixed())）：" + recheckWhy(recheck)
    }

    /// The ground of a correction and the expert's words.
    static func recheckWhy(_ recheck: Recheck) -> String {
        [recheck.outcome.ground?.chinese, recheck.reason.isEmpty ? nil : recheck.reason].compactMap { $0 }.joined(separator: "；")
    }

    /// 签署情况: for each expert and stage, whether the sheets carry the expert's own
    /// signature (a signed sheet file, or signed here with the key trusted for them), were
    /// signed here under another key (which proves nothing of the expert), or are unsigned.
    static func signingTable(rubric: Rubric, panel: Panel, signOffs: [SignOff], trusted: [String: TrustedKey]) -> Table {
        let rows = panel.experts.map { expert -> [Cell] in
            [.text(expert.id), .text(expert.name)] + rubric.stages.map { stage -> Cell in
                guard expert.stages.contains(stage.id) else { return .text("—") }
                guard let signOff = signOffs.first(where: { $0.expert == expert.id && $0.stage == stage.id }) else { return .text("未签署") }
                let place = signOff.origin == .sheetFile ? "评分表文件" : "本工作区"
                let whose: String
                switch signOff.proof(trusted: trusted[expert.id]) {
                case .sheetFile, .trustedKeyHere: whose = "专家本人签名"
                case .pinnedKey: whose = "密钥待核对"
                case .none: whose = "非专家密钥签署"
                }
                return .text("第\(signOff.revision)版 \(whose)（\(place)）")
            }
        }
        return Table(caption: "签署情况（专家本人签名：以本工作区信任的该专家密钥签名）",
                     columns: ["专家", "姓名"] + rubric.stages.map(\.name), rows: rows)
    }

    /// The audit log's head as every document prints it.
    public static func auditHeadLine(_ head: AuditHead) -> String {
        "审计日志：共 \(head.entries) 条，末条哈希 \(head.hash.prefix(16))（核对：iipeval audit 工作区 --anchor \(head.anchor)）"
    }

    /// Why a sheet never counts, in a summary's cell.
    static func shortExclusion(_ exclusion: SheetExclusion) -> String {
        switch exclusion {
        case .conflict: return "回避"
        case .notOnStage, .notOnPanel: return "不计"
        }
    }

    /// Why a sheet never counts, as the documents say it.
    static func exclusionText(_ exclusion: SheetExclusion) -> String {
        switch exclusion {
        case .notOnPanel: return "不在专家组中"
        case .notOnStage: return "不在本阶段专家组中"
        case .conflict(.listed): return "回避（专家组名单或本人声明）"
        case let .conflict(.applicant(unit)): return "回避（任职于申报单位 \(unit)）"
        case let .conflict(.partner(unit)): return "回避（任职于联合申报单位 \(unit)）"
        }
    }

    /// A weight in percent as printed: 40%.
    static func percent(_ weight: Rational) -> String {
        weight.description + "%"
    }

    /// 2026-11-27T09:30:00Z → 2026-11-27 09:30:00 UTC: the stored instant, readable.
    static func displayTime(_ iso: String) -> String {
        guard iso.count == 20, iso.hasSuffix("Z") else { return iso }
        return iso.replacingOccurrences(of: "T", with: " ").dropLast() + " UTC"
    }
}
