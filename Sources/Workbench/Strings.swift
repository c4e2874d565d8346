/// The UI's languages: 简体中文 by default, English with `--lang en`.
public enum Language: String, Sendable, CaseIterable {
    case zh, en
}

/// Every user-facing string of the workbench, one table per language.
public enum UIText: String, CaseIterable, Sendable {
    case appName, expert, stage, listTitle, reviewTitle, documentTitle, compareTitle, rankingTitle, helpTitle
    case colID, colPlatform, colType, colFocus, colCity, colCompliance, colProgress, colScore
    case filterAll, search, sortBy, sortID, sortName, sortScore
    case typeCross, typeIndustry, typeDomain, typeRegion, typeSpecific, central, stageColumns, signed, signedReadOnly, panelTitle, panelProgress, deviations, chairOnly, keyPanel, declTitle, declPledge, declKey, declHint, keyImportSheets, keyAudit, keyDissent, dissent, importFolder, importResults, auditTitle
    case stageWritten, stageDefence, stageSite, stageTest
    case points, comment, max, requirement, evidence, percentile, effective, saved, saving, notSaved
    case progress, total, conflict, cannotOpen, tooSmall, noDossiers, notANumber
    case markCompareFirst, compareLimit, marked, unmarked, best, myPoints, noValue, yes, no
    case cut, statusSelected, statusTie, statusNotSelected, statusBelow, statusIncomplete, statusIneligible
    case editorFailed, commentHint, pointsHint, escToClose, rank, final
    // the dossier document
    case docApplicant, docName, docCreditCode, docNature, docAddress, docFounded, docLegal, docLead, docContact, docAssets, docDebt, docRating, docSalesTaxProfit, docRecommender, docSubmitted, docAttestation, docSigned, docUnsigned, docProfile, docPartners, docPlatform, docPlatformName, docPlatformType, docSector, docInvestment, docIaas, docSelfBuilt, docLeased, docSummary, docCapabilities, docArchitecture, docCases, docRegional, docRoadmap, docEvidence, wan, focusOn
    // key help
    case keyMove, keyOpen, keyDocument, keyBack, keyQuit, keyHelp, keySearch, keyPoints, keySave, keyComment
    case keyEditor, keyNext, keyPrevNextDossier, keyStage, keyMark, keyCompare, keyRanking, keyFilter, keySort, keyPane, keyScroll
    // the export dialog
    case secondInstance, diskReadOnly, readOnly, readingDossiers
    case keyExport, exportTitle, exportWhat, exportFormat, exportPath, exportOneFilePerExpert, exportReplace, exportHint, exported
    // independence, signing, confirmations
    case colMyScore, notYours, rankingAfterSigning, keyEnds, keyRedraw, keySign, keyClearSearch, keyClear, keyStageInTree
    case signAsk, signIncomplete, signedNow, notOnStageToSign, alreadySigned, dossierDone, stageDone, ineligibleNote
    case clearAsk, cleared, nothingToClear, entryInvalid, dropAsk, pledgeAsk, cancelled, dissentTemplate
    case moreBelow, moreAbove, keyScrollDetail, keyMarkConflict, keySignPledge
    // 复核 of deviating scores
    case keyAnalytics, analyticsTitle, analyticsComputing, analyticsHead, analyticsColumns, analyticsAgreement, analyticsLeniency, analyticsLeniencyNote
    case keyRecheck, recheckChoose, recheckReason, recheckNotDue, recheckConfirmed, recheckCorrecting, recheckDue, recheckLine
}

public struct Strings: Sendable {
    public let language: Language

    public init(_ language: Language) {
        self.language = language
    }

    public subscript(_ key: UIText) -> String {
        (language == .zh ? Strings.zh : Strings.en)[key] ?? key.rawValue
    }

    /// A string with `%@` / `%d` filled in.
    func format(_ key: UIText, _ arguments: CVarArg...) -> String {
        String(format: self[key], arguments: arguments)
    }

    private static let zhMore: [UIText: String] = [
        .keyAnalytics: "结果稳定性（主任）", .analyticsTitle: "结果稳定性", .analyticsComputing: "正在计算结果稳定性（%d 个自助抽样专家组）…",
        .analyticsHead: "%d 个自助抽样专家组（种子 %d）：入选概率、与入选线的分差，以及单独去掉后会改变结论的专家。仅供参考，不改变正式得分。",
        .analyticsColumns: "编号|入选概率|分差|去掉后改变结论的专家", .analyticsAgreement: "评分一致性（ICC(A,1)、Kendall W）",
        .analyticsLeniency: "宽严程度（专家得分 − 专家组得分的平均；数字为阶段 1 书面 2 答辩 3 现场 4 技术）", .analyticsLeniencyNote: "◀ 偏严|0|偏宽 ▶",
        .keyRecheck: "复核偏离的评分", .recheckChoose: "复核 %@ %@（本人 %@ / 专家组 %@）：y 确认原分并写明理由 · 1 分值汇总计算错误 · 2 分项评分超出评分标准范围 · 3 客观评分不一致 · 4 评分畸高畸低（1–4 更正）· Esc 取消",
        .recheckReason: "确认原分的理由（Enter 确认并重新签字，Esc 取消）：", .recheckNotDue: "此处没有需复核的偏离：只有已签字阶段中偏离专家组得分的评分需要复核",
        .recheckConfirmed: "已确认原分，本阶段已重新签字（第 %d 版）；导出评分表交主任委员", .recheckCorrecting: "本阶段已为更正 %@ 重新开启：修改评分后按 S 重新签字",
        .recheckDue: "有 %d 项偏离需要复核：%@（打开后按 R）", .recheckLine: "偏离：本人 %@ / 专家组 %@ · %@",
        .keyMarkConflict: "标记 / 取消回避，并到下一份", .keySignPledge: "签署承诺（再按 y 确认）",
        .moreBelow: "下面还有 %d 行（PgDn）", .moreAbove: "上面还有 %d 行（PgUp）", .keyScrollDetail: "滚动右侧说明",
        .colMyScore: "我的分", .notYours: "独立评审：专家只能导出本人评分表和申报信息汇总表；签署本人全部阶段后可导出推荐名单",
        .rankingAfterSigning: "独立评审：签署本人全部评审阶段后才能查看专家组排名；此前列表显示本人本阶段加权得分",
        .keyEnds: "第一项 / 最后一项", .keyRedraw: "重绘屏幕", .keySign: "签署本阶段", .keyClearSearch: "清除搜索",
        .keyClear: "清除已保存的分数", .keyStageInTree: "左侧窗格中按数字切换阶段",
        .signAsk: "签署「%@」：%d 份评分表将锁定，签字后只能由主任委员重新开启。按 y 签署，其他键取消",
        .signIncomplete: "「%@」还有 %d 份评分表未完成，不能签署：%@（已打开第一份）",
        .signedNow: "已签署「%@」（第 %d 版）：评分表已锁定；现在可以查看本阶段专家组结果和本人偏离",
        .notOnStageToSign: "您不是「%@」阶段的评审专家，无需签署", .alreadySigned: "「%@」已签署",
        .dossierDone: "本申报书本阶段已评完；本阶段还有 %d 份评分表未完成（[ ] 前往）",
        .stageDone: "本阶段全部评分表已完成：按 S 签署",
        .ineligibleNote: "该申报书未通过符合性审查（✗%d）：其评分不计入结果，除非主任委员豁免该错误",
        .clearAsk: "清除「%@」已保存的分数 %@？按 y 或 Enter 清除（审计日志记录），其他键取消", .cleared: "已清除分数",
        .nothingToClear: "此项尚无保存的分数", .entryInvalid: "分数「%@」无效，未保存：请改正，或按 Esc 放弃",
        .dropAsk: "分数「%@」尚未保存：Enter 保存后离开，y 放弃，其他键继续输入",
        .pledgeAsk: "签署诚信承诺（声明回避 %d 份），签署后不能更改。按 y 签署，其他键返回", .cancelled: "已取消",
        .dissentTemplate: """
            # 不同意见及理由 — %@
            # 对本阶段的评审结果或评审过程有不同意见时，在下方写明意见及理由；
            # 它与您的评分表一起保存，并打印在评审汇总中。以 # 开头的行不保存。
            # 没有不同意见时，保持空白后退出即可。

            """,
    ]

    private static let enMore: [UIText: String] = [
        .keyAnalytics: "stability of the result (chair)", .analyticsTitle: "Stability", .analyticsComputing: "Computing the stability figures (%d bootstrap panels)…",
        .analyticsHead: "%d bootstrap panels (seed %d): the chance of selection, the margin to the cut, and the experts whose removal alone changes the result. For information; the official scores stand.",
        .analyticsColumns: "ID|p(selected)|margin|experts who flip it", .analyticsAgreement: "Agreement (ICC(A,1), Kendall's W)",
        .analyticsLeniency: "Leniency (mean of the expert's score minus the panel's; digits are stages 1 written 2 defence 3 site 4 test)", .analyticsLeniencyNote: "◀ harsh|0|lenient ▶",
        .keyRecheck: "recheck a deviating score", .recheckChoose: "Recheck %@ %@ (yours %@ / panel %@): y keeps the score with a written reason · 1 summing error · 2 item outside the standard · 3 objective items inconsistent · 4 abnormally high or low (1–4 correct it) · Esc cancels",
        .recheckReason: "Why the score stands (Enter confirms and signs again, Esc cancels): ", .recheckNotDue: "No deviation to recheck here: only a score that deviates from the panel's, in a signed stage, is rechecked",
        .recheckConfirmed: "Score confirmed; the stage is signed again (revision %d): export the sheet for the chair", .recheckCorrecting: "The stage is reopened to correct %@: change the points, then S signs it again",
        .recheckDue: "%d deviating scores to recheck: %@ (open one, then R)", .recheckLine: "Deviation: yours %@ / panel %@ · %@",
        .keyMarkConflict: "mark / unmark a conflict, go to the next", .keySignPledge: "sign the pledge (y confirms)",
        .moreBelow: "%d more lines below (PgDn)", .moreAbove: "%d more lines above (PgUp)", .keyScrollDetail: "scroll the right pane",
        .colMyScore: "Mine", .notYours: "Independent review: an expert exports their own sheets and the roster; the ranking once every stage of theirs is signed",
        .rankingAfterSigning: "Independent review: the panel's ranking shows once you have signed every stage you sit on; until then the list shows your own weighted score",
        .keyEnds: "first / last", .keyRedraw: "redraw the screen", .keySign: "sign this stage", .keyClearSearch: "clear the search",
        .keyClear: "clear a saved score", .keyStageInTree: "digits switch the stage in the left pane",
        .signAsk: "Sign %@: %d sheets lock, and only the chair can reopen them. y signs, any other key cancels",
        .signIncomplete: "%@ has %d incomplete sheets and cannot be signed: %@ (the first is open)",
        .signedNow: "%@ signed (revision %d): the sheets are locked; the panel's results of this stage and your deviations now show",
        .notOnStageToSign: "You do not sit on the %@ panel: nothing to sign", .alreadySigned: "%@ is signed",
        .dossierDone: "This dossier's sheet is complete; %d sheets of this stage are not ([ ] to go there)",
        .stageDone: "Every sheet of this stage is complete: S signs it",
        .ineligibleNote: "This dossier failed the compliance check (✗%d): its scores do not count unless the chair waives the error",
        .clearAsk: "Clear the saved points %2$@ of %1$@? y or Enter clears (recorded in the audit log), any other key cancels",
        .cleared: "Points cleared", .nothingToClear: "No points saved for this item",
        .entryInvalid: "The points %@ are not valid and were not saved: correct them, or Esc drops them",
        .dropAsk: "The points %@ are not saved: Enter saves them and leaves, y drops them, other keys go on typing",
        .pledgeAsk: "Sign the pledge (%d conflicts declared)? It cannot be changed. y signs, other keys go back",
        .cancelled: "Cancelled",
        .dissentTemplate: """
            # Dissent and its reasons — %@
            # Where you disagree with this stage's result or how it was reached, write what and
            # why below; it is kept with your sheet and printed in the summary. Lines starting
            # with # are not kept. With nothing to say, leave it empty and quit.

            """,
    ]

    /// Each language's table, in two parts (the second: signing, confirmations, independence).
    static let zh = zhBase.merging(zhMore) { first, _ in first }
    static let en = enBase.merging(enMore) { first, _ in first }

    private static let zhBase: [UIText: String] = [
        .appName: "评审台", .expert: "专家", .stage: "阶段", .listTitle: "申报材料", .reviewTitle: "评分",
        .documentTitle: "申报书", .compareTitle: "对比", .rankingTitle: "排名", .helpTitle: "帮助 · 按键",
        .secondInstance: "该专家已在另一个评审台中打开此工作区：本窗口只读，不能评分", .readOnly: "只读",
        .diskReadOnly: "工作区所在的磁盘只读（或无写权限）：本窗口只读，不能评分；请把工作区复制到可写的位置", .readingDossiers: "正在读取申报书…",
        .keyExport: "导出文档", .exportTitle: "导出文档", .exportWhat: "文档", .exportFormat: "格式", .exportPath: "位置",
        .exportOneFilePerExpert: "每位专家一个文件，放在该文件夹中", .exportReplace: "该位置已存在：再按 Enter 覆盖，Esc 取消",
        .exportHint: "↑↓ 选择 · ←→ 更改 · Enter 导出 · Esc 取消", .exported: "已导出",
        .colID: "编号", .colPlatform: "平台名称", .colType: "类型", .colFocus: "面向", .colCity: "推荐",
        .colCompliance: "审查", .colProgress: "书  答  现  技", .colScore: "得分",
        .filterAll: "全部", .search: "搜索", .sortBy: "排序", .sortID: "编号", .sortName: "名称", .sortScore: "得分",
        .typeCross: "跨行业", .typeIndustry: "行业", .typeDomain: "领域", .typeRegion: "区域",
        .typeSpecific: "特定行业/领域/区域", .central: "央企", .stageColumns: " 书面  答辩  现场  技术", .signed: "已签字", .keyImportSheets: "从文件夹导入签字评分表", .keyDissent: "本阶段不同意见及理由（$EDITOR）", .dissent: "不同意见", .keyAudit: "审计日志", .importFolder: "评分表文件夹（Enter 导入，Esc 取消）：", .importResults: "导入结果", .auditTitle: "审计日志（最新在前）", .declTitle: "诚信承诺与回避声明", .declPledge: "本人承诺：独立、客观、公正地评审，对评审内容保密，不接受申报单位的任何馈赠。凡与申报单位或联合单位存在近三年任职、兼职、亲属关系或经济利益等关系的，本人主动申明回避。", .declHint: "空格 标记需回避的申报材料 · Enter 签署承诺 · ? 帮助 · q 退出", .declKey: "本人签名密钥指纹（抄写在纸质承诺书上，供主任委员核对）：", .panelTitle: "专家组", .panelProgress: "评分进度（完成/应评）与签字", .deviations: "偏离（专家得分 / 专家组得分）", .chairOnly: "仅主任委员可查看专家组进度和结果稳定性", .keyPanel: "专家组进度（主任）", .signedReadOnly: "本阶段已签字，评分只读；如需修改请由主任委员重新开启（sheet reopen）",
        .stageWritten: "书面评审", .stageDefence: "专家答辩", .stageSite: "现场考察", .stageTest: "技术评测",
        .points: "分数", .comment: "评语", .max: "满分", .requirement: "评价要求", .evidence: "申报指标",
        .percentile: "分位", .effective: "核算有效数", .saved: "已保存", .saving: "保存中…",
        .notSaved: "未能保存", .progress: "进度", .total: "加权合计", .conflict: "回避", .cannotOpen: "需回避，不能打开",
        .tooSmall: "终端窗口太小：至少需要 80×24", .noDossiers: "没有符合条件的申报材料",
        .notANumber: "不是数字",
        .markCompareFirst: "先用空格标记 2–4 份申报材料", .compareLimit: "最多对比 4 份", .marked: "已标记",
        .unmarked: "取消标记", .best: "最优", .myPoints: "我的评分", .noValue: "—", .yes: "是", .no: "否",
        .cut: "入选线", .statusSelected: "入选", .statusTie: "并列待议", .statusNotSelected: "未入选",
        .statusBelow: "低于60分", .statusIncomplete: "未完成", .statusIneligible: "不符合",
        .editorFailed: "编辑器未能启动", .commentHint: "Enter 保存 · Esc 取消",
        .pointsHint: "输入分数后按 Enter 保存", .escToClose: "Esc 关闭", .rank: "名次", .final: "总分",
.docApplicant: "一、申报单位基本信息", .docName: "单位名称", .docCreditCode: "信用代码", .docNature: "单位性质", .docAddress: "单位地址", .docFounded: "成立时间", .docLegal: "广东注册/独立法人", .docLead: "平台负责人", .docContact: "申报联系人", .docAssets: "总资产", .docDebt: "负债率", .docRating: "信用等级", .docSalesTaxProfit: "上年销售/税金/利润", .docRecommender: "推荐单位", .docSubmitted: "申报日期", .docAttestation: "真实性承诺", .docSigned: "已签署", .docUnsigned: "未签署", .docProfile: "企业简介", .docPartners: "联合单位", .docPlatform: "二、平台基本信息", .docPlatformName: "平台名称", .docPlatformType: "平台类型", .docSector: "行业特征", .docInvestment: "计划投资", .docIaas: "IaaS 基础设施", .docSelfBuilt: "自建", .docLeased: "租用", .docSummary: "平台简介", .docCapabilities: "三、平台能力信息", .docArchitecture: "四、平台技术架构及方案", .docCases: "五、平台应用案例和效果", .docRegional: "六、平台区域落地情况", .docRoadmap: "七、平台下一步发展计划", .docEvidence: "八、证明材料清单", .wan: "万元", .focusOn: "面向",
        .keyMove: "移动", .keyOpen: "打开 / 确认", .keyDocument: "查看申报书", .keyBack: "返回", .keyQuit: "退出",
        .keyHelp: "帮助", .keySearch: "搜索", .keyPoints: "输入分数", .keySave: "保存并跳到下一未评项",
        .keyComment: "编辑评语", .keyEditor: "用 $EDITOR 写评语", .keyNext: "下一未评项",
        .keyPrevNextDossier: "上一份 / 下一份", .keyStage: "切换阶段", .keyMark: "标记对比", .keyCompare: "对比",
        .keyRanking: "排名", .keyFilter: "筛选分组 / 类型", .keySort: "排序", .keyPane: "切换窗格", .keyScroll: "滚动",
    ]

    private static let enBase: [UIText: String] = [
        .appName: "iipeval", .expert: "Expert", .stage: "Stage", .listTitle: "Dossiers", .reviewTitle: "Review",
        .documentTitle: "Dossier", .compareTitle: "Compare", .rankingTitle: "Ranking", .helpTitle: "Help · keys",
        .secondInstance: "This expert has the workspace open in another workbench: this one is read-only", .readOnly: "read-only",
        .diskReadOnly: "The workspace is on a read-only disk (or may not be written): this window is read-only; copy the workspace somewhere writable to score", .readingDossiers: "Reading the dossiers…",
        .keyExport: "export a document", .exportTitle: "Export a document", .exportWhat: "Document", .exportFormat: "Format",
        .exportPath: "Place", .exportOneFilePerExpert: "One file per expert, in this folder",
        .exportReplace: "This place exists: Enter again replaces it, Esc cancels",
        .exportHint: "↑↓ choose · ←→ change · Enter exports · Esc cancels", .exported: "Exported",
        .colID: "ID", .colPlatform: "Platform", .colType: "Type", .colFocus: "Focus", .colCity: "By",
        .colCompliance: "Check", .colProgress: "W   D   S   T", .colScore: "Score",
        .filterAll: "all", .search: "Search", .sortBy: "Sort", .sortID: "id", .sortName: "name", .sortScore: "score",
        .typeCross: "cross", .typeIndustry: "industry", .typeDomain: "domain", .typeRegion: "region",
        .typeSpecific: "specific", .central: "central", .stageColumns: "  Writ   Def  Site  Test", .signed: "signed", .keyImportSheets: "import signed sheets from a folder", .keyDissent: "dissent on this stage ($EDITOR)", .dissent: "dissent", .keyAudit: "audit log", .importFolder: "Folder of sheets (Enter imports, Esc cancels): ", .importResults: "Import results", .auditTitle: "Audit log (newest first)", .declTitle: "Integrity pledge and conflict declaration", .declPledge: "I will review independently, objectively and fairly, keep the dossiers confidential and accept nothing from applicants. I declare every applicant or partner with which I had employment, a directorship, family ties or economic interest in the last three years.", .declHint: "Space marks a conflict · Enter signs the pledge · ? help · q quits", .declKey: "Your signing key (write it on the printed pledge for the chair): ", .panelTitle: "Panel", .panelProgress: "Sheets complete / required, and sign-off", .deviations: "Deviations (expert score / panel score)", .chairOnly: "Only the chair sees the panel's progress and the stability figures", .keyPanel: "panel progress (chair)", .signedReadOnly: "This stage is signed and read-only; the chair can reopen it (sheet reopen)",
        .stageWritten: "Written review", .stageDefence: "Defence", .stageSite: "Site visit", .stageTest: "Technical test",
        .points: "Points", .comment: "Comment", .max: "max", .requirement: "Requirement", .evidence: "Indicators",
        .percentile: "pct", .effective: "recomputed", .saved: "saved", .saving: "saving…",
        .notSaved: "not saved", .progress: "Progress", .total: "Weighted total", .conflict: "conflict",
        .cannotOpen: "conflict of interest: cannot open", .tooSmall: "Terminal too small: 80×24 needed",
        .noDossiers: "No dossier matches",
        .notANumber: "not a number", .markCompareFirst: "Mark 2–4 dossiers with Space first", .compareLimit: "At most 4",
        .marked: "marked", .unmarked: "unmarked", .best: "best", .myPoints: "My points", .noValue: "—", .yes: "yes", .no: "no",
        .cut: "cut", .statusSelected: "selected", .statusTie: "tie", .statusNotSelected: "not selected",
        .statusBelow: "below 60", .statusIncomplete: "incomplete", .statusIneligible: "ineligible",
        .editorFailed: "The editor could not start",
        .commentHint: "Enter saves · Esc cancels", .pointsHint: "Type points, Enter saves", .escToClose: "Esc closes",
        .rank: "Rank", .final: "Final",
.docApplicant: "1. Applicant", .docName: "Name", .docCreditCode: "Credit code", .docNature: "Nature", .docAddress: "Address", .docFounded: "Founded", .docLegal: "In Guangdong / legal person", .docLead: "Platform lead", .docContact: "Contact", .docAssets: "Total assets", .docDebt: "Debt ratio", .docRating: "Credit rating", .docSalesTaxProfit: "Sales / tax / profit", .docRecommender: "Recommender", .docSubmitted: "Submitted", .docAttestation: "Attestation", .docSigned: "signed", .docUnsigned: "not signed", .docProfile: "Company profile", .docPartners: "Partners", .docPlatform: "2. Platform", .docPlatformName: "Platform name", .docPlatformType: "Platform type", .docSector: "Sector", .docInvestment: "Planned investment", .docIaas: "IaaS", .docSelfBuilt: "self-built", .docLeased: "leased", .docSummary: "Platform summary", .docCapabilities: "3. Capabilities", .docArchitecture: "4. Architecture", .docCases: "5. Cases and effects", .docRegional: "6. Regional deployment", .docRoadmap: "7. Roadmap", .docEvidence: "8. Evidence", .wan: "10k CNY", .focusOn: "focus",
        .keyMove: "move", .keyOpen: "open / confirm", .keyDocument: "dossier document", .keyBack: "back", .keyQuit: "quit",
        .keyHelp: "help", .keySearch: "search", .keyPoints: "type points", .keySave: "save, next unscored",
        .keyComment: "edit comment", .keyEditor: "comment in $EDITOR", .keyNext: "next unscored",
        .keyPrevNextDossier: "previous / next dossier", .keyStage: "switch stage", .keyMark: "mark for compare",
        .keyCompare: "compare", .keyRanking: "ranking", .keyFilter: "filter group / type", .keySort: "sort",
        .keyPane: "switch pane", .keyScroll: "scroll",
    ]
}
