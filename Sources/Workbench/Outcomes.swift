import Foundation
import IIPCore
import IIPStore

/// Why something the expert asked for did not happen, as the workspace said it: typed, so
/// that each language of the workbench says it in its own words.
public enum WorkbenchFailure: Error, Sendable, Equatable {
    /// The workspace's gate refused the score.
    case refused(ScoreRefusal)
    /// The item was changed by another process since it was shown.
    case changedElsewhere(ScoreChangedElsewhere)
    /// `$EDITOR` could not run or give the text back: why.
    case editor(String)
    /// A stage cannot be signed: these sheets are incomplete.
    case incomplete(StageID, dossiers: [String])
    /// The workspace could not do it (a full disk, a damaged database): its own words.
    case workspace(String)

    init(_ error: Error) {
        switch error {
        case let refusal as ScoreRefusal: self = .refused(refusal)
        case let incomplete as SheetIncomplete: self = .incomplete(incomplete.stage, dossiers: incomplete.incomplete.map(\.dossier))
        case let changed as ScoreChangedElsewhere: self = .changedElsewhere(changed)
        case let failure as WorkbenchFailure: self = failure
        default: self = .workspace("\(error)")
        }
    }
}

/// Work done away from the keys whose failure the expert must hear of.
public enum BackgroundTask: Sendable, Equatable {
    case othersMean, backup, refresh, audit, ranking
}

/// What importing a folder of signed sheets gave.
public enum SheetImportReport: Sendable {
    case files([SheetFileImport])
    case folderUnreadable(String, String)
    case noSheets(String)
}

/// The audit log as the chair's panel screen shows it: the newest entries and whether the
/// chain holds.
public struct AuditSummary: Sendable {
    public let count: Int
    /// Where the chain breaks: the entry and why (in English, as the log records it).
    public let broken: (seq: Int, reason: String)?
    /// The newest 200 entries, newest first.
    public let newest: [AuditEntry]

    public init(entries: [AuditEntry]) {
        count = entries.count
        broken = AuditLog.firstBreak(entries).map { ($0.entry.seq, $0.reason) }
        newest = entries.suffix(200).reversed()
    }
}

extension Strings {
    /// A refused score in this language.
    func refusal(_ refusal: ScoreRefusal) -> String {
        let zh = language == .zh
        switch refusal {
        case let .unknownExpert(id): return zh ? "专家 \(id) 不在专家组中" : "expert \(id) is not on the panel"
        case let .unknownDossier(id): return zh ? "没有申报材料 \(id)" : "no dossier \(id)"
        case let .notOnStage(sheet):
            return zh ? "\(sheet.expert) 不在本阶段（\(stageName(sheet.stage))）专家组中，不能评分"
                : "\(sheet.expert) is not on the panel for this stage and cannot score it"
        case let .unknownItem(item, _): return zh ? "没有评分项 \(item)" : "no item \(item)"
        case let .itemNotApplicable(item, _): return zh ? "评分项 \(item) 不适用于该平台类型" : "item \(item) does not apply to this platform type"
        case let .outOfRange(_, max, _): return self[.outOfRange] + " 0–\(max)"
        case .offGrid: return self[.offGrid]
        case let .commentTooLong(characters, limit):
            return zh ? "评语 \(characters) 字，最多 \(limit) 字" : "the comment has \(characters) characters; at most \(limit)"
        case let .commentControl(code):
            let hex = String(code, radix: 16, uppercase: true)
            return zh ? "评语含控制字符（U+\(hex)），请删除" : "the comment holds a control character (U+\(hex)); remove it"
        case let .conflict(_, dossier, conflict): return self[.cannotOpen] + " (\(dossier)：\(self.conflict(conflict)))"
        case .signed: return self[.signedReadOnly]
        }
    }

    /// Why an expert may not score a dossier, in this language.
    func conflict(_ conflict: Conflict) -> String {
        let zh = language == .zh
        switch conflict {
        case .listed: return zh ? "专家组名单或本人声明列为回避" : "listed in the panel file or the expert's declaration"
        case let .applicant(unit): return zh ? "任职于申报单位 \(unit)" : "affiliated with the applicant \(unit)"
        case let .partner(unit): return zh ? "任职于联合申报单位 \(unit)" : "affiliated with the partner \(unit)"
        }
    }

    func failure(_ failure: WorkbenchFailure) -> String {
        let zh = language == .zh
        switch failure {
        case let .refused(refusal): return self[.notSaved] + "：" + self.refusal(refusal)
        case let .changedElsewhere(changed):
            let now = changed.now.points.map { $0.description } ?? (zh ? "无分数" : "no points")
            return zh ? "未保存：此项已在别处更改（现为 \(now)），已刷新显示，请核对后重新输入"
                : "not saved: this item was changed elsewhere (now \(now)); the screen shows it now — check and enter again"
        case let .editor(reason): return self[.editorFailed] + "：" + reason
        case let .incomplete(stage, dossiers): return incompleteSheets(stage, dossiers)
        case let .workspace(reason): return self[.notSaved] + "：" + reason
        }
    }

    /// A stage that cannot be signed yet, and its first incomplete sheets.
    func incompleteSheets(_ stage: StageID, _ dossiers: [String]) -> String {
        let listed = dossiers.prefix(5).joined(separator: language == .zh ? "、" : ", ") + (dossiers.count > 5 ? "…" : "")
        return format(.signIncomplete, stageName(stage), dossiers.count, listed)
    }

    func background(_ task: BackgroundTask, _ reason: String) -> String {
        let zh = language == .zh
        switch task {
        case .othersMean: return (zh ? "未能读取其他专家的均分（不标偏离）：" : "could not read the other experts' means (no deviation marks): ") + reason
        case .backup: return (zh ? "未能备份工作区：" : "could not back up the workspace: ") + reason
        case .refresh: return (zh ? "未能读取其他程序所做的更改：" : "could not read changes made elsewhere: ") + reason
        case .audit: return (zh ? "未能读取审计日志：" : "could not read the audit log: ") + reason
        case .ranking: return (zh ? "未能更新排名：" : "could not update the ranking: ") + reason
        }
    }

    /// One result line of a sheet import, and whether it is bad news.
    func sheetImport(_ result: SheetFileImport) -> (text: String, refused: Bool) {
        let zh = language == .zh
        switch result.outcome {
        case let .imported(sheet, rows, revision, key):
            return (zh ? "\(result.file)：已导入 \(sheet.expert) \(stageName(sheet.stage)) 第 \(revision) 版，\(rows) 项评分，密钥 \(key)"
                : "\(result.file): imported \(rows) scores of \(sheet.expert) (\(sheet.stage.rawValue), revision \(revision)), key \(key)", false)
        case .alreadyImported: return (zh ? "\(result.file)：已导入过" : "\(result.file): already imported", false)
        case let .refused(refusal):
            return ((zh ? "\(result.file)：拒绝（\(refusalKind(refusal.kind))）：" : "\(result.file): refused (\(refusal.kind.rawValue)): ")
                + (zh ? refusal.chinese : refusal.detail), true)
        case let .unreadable(reason): return ((zh ? "\(result.file)：无法读取：" : "\(result.file): cannot be read: ") + reason, true)
        }
    }

    func refusalKind(_ kind: SheetFile.Refusal.Kind) -> String {
        switch kind {
        case .unreadable: return "无法读取"
        case .unsigned: return "未签名"
        case .tampered: return "内容被改动"
        case .mismatched: return "与本工作区的评价方法或申报材料不符"
        case .unknownKey: return "签名密钥未受信任"
        case .superseded: return "已有更新的版本"
        case .conflicted: return "含需回避的评分"
        case .invalid: return "含无效评分"
        case .incomplete: return "评分表不完整"
        }
    }

    func importReport(_ report: SheetImportReport) -> [(text: String, refused: Bool)] {
        let zh = language == .zh
        switch report {
        case let .files(results): return results.map(sheetImport)
        case let .folderUnreadable(folder, reason): return [((zh ? "\(folder)：无法读取文件夹：" : "\(folder): cannot read the folder: ") + reason, true)]
        case let .noSheets(folder): return [(zh ? "\(folder)：没有 .iipsheet 文件" : "\(folder): no .iipsheet files", true)]
        }
    }

    func auditLines(_ summary: AuditSummary) -> [String] {
        let zh = language == .zh
        let verdict = summary.broken.map { (zh ? "✗ 第 \($0.seq) 条记录损坏：" : "✗ entry \($0.seq) is broken: ") + $0.reason }
            ?? (zh ? "✓ 共 \(summary.count) 条，哈希链完整" : "✓ \(summary.count) entries, chain intact")
        return [verdict] + summary.newest.map { "\($0.seq)  \($0.at)  \($0.actor)  \(auditAction($0.action))  \($0.subject)  \(auditValue($0.action, $0.new ?? ""))" }
    }

    /// An audit log action in this language (the log itself keeps its codes).
    func auditAction(_ code: String) -> String {
        guard language == .zh else { return code }
        let names = ["score.set": "评分", "scores.import": "导入评分文件", "sheet.sign": "签署评分表", "sheet.import": "导入签字评分表",
                     "sheet.reopen": "重新开启评分表", "declare": "诚信承诺与回避声明", "dissent": "不同意见", "override": "豁免",
                     "key.trust": "信任密钥", "expert.add": "添加专家", "dossier.import": "导入申报材料", "dossier.accept-change": "接受申报材料变更"]
        return names[code] ?? code
    }

    /// A logged value as the workbench shows it: the pledge's record in Chinese; others as logged.
    func auditValue(_ action: String, _ value: String) -> String {
        guard language == .zh, action == "declare", value.hasPrefix("pledge signed; conflicts: ") else { return value }
        let conflicts = value.dropFirst("pledge signed; conflicts: ".count)
        return "已签署承诺；回避：" + (conflicts == "none" ? "无" : String(conflicts))
    }

    /// A ranking flag in this language.
    func flag(_ flag: RankFlag) -> String {
        let zh = language == .zh
        switch flag {
        case let .deviation(stage, expert): return zh ? "偏离:\(stageName(stage))\(expert)" : "deviation:\(stage.rawValue):\(expert)"
        case let .override(code): return zh ? "豁免:\(code)" : "waived:\(code)"
        case .dossierChanged: return zh ? "材料已变更" : "dossier changed"
        }
    }

    /// A partner's role as the 申报书 names it (its check box), or in English.
    func roleName(_ role: Partner.Role) -> String {
        language == .zh ? FormLabels.builtIn.optionLabel(role.rawValue, of: "partner.roles") : role.rawValue.replacingOccurrences(of: "_", with: " ")
    }

    /// A rubric name (section, item) in this language: the rubric gives both.
    func name(_ chinese: String, _ english: String) -> String {
        language == .zh || english.isEmpty ? chinese : english
    }

    /// An indicator's unit in this language: 台 → units, 万元 → 10k CNY.
    func unitName(_ unit: String) -> String {
        guard language == .en else { return unit }
        let english = ["台": "units", "个": "", "名": "people", "类": "kinds", "次": "times", "万元": "10k CNY", "家": "firms", "项": "items", "人": "people"]
        return english[unit] ?? unit
    }

    /// 离散 / 流程 / 混合.
    func sectorName(_ sector: Sector) -> String {
        guard language == .zh else { return sector.rawValue }
        switch sector {
        case .discrete: return "离散行业"
        case .process: return "流程行业"
        case .mixed: return "离散与流程兼有"
        }
    }

    func stageName(_ stage: StageID) -> String {
        switch stage {
        case .written: return self[.stageWritten]
        case .defence: return self[.stageDefence]
        case .site: return self[.stageSite]
        case .test: return self[.stageTest]
        }
    }
}
