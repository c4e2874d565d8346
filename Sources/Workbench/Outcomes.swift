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
    case editor(Bilingual)
    /// A stage cannot be signed: these sheets are incomplete.
    case incomplete(StageID, dossiers: [String])
    /// The workspace could not do it (a full disk, a damaged database): its own words.
    case workspace(Bilingual)

    init(_ error: Error) {
        switch error {
        case let refusal as ScoreRefusal: self = .refused(refusal)
        case let incomplete as SheetIncomplete: self = .incomplete(incomplete.stage, dossiers: incomplete.incomplete.map(\.dossier))
        case let changed as ScoreChangedElsewhere: self = .changedElsewhere(changed)
        case let failure as WorkbenchFailure: self = failure
        default: self = .workspace(Bilingual(error))
        }
    }
}

/// Work done away from the keys whose failure the expert must hear of.
public enum BackgroundTask: Sendable, Equatable {
    case othersMean, backup, refresh, audit, ranking, analysis
}

/// What importing a folder of signed sheets gave.
public enum SheetImportReport: Sendable {
    case files([SheetFileImport])
    case folderUnreadable(String, Bilingual)
    case noSheets(String)
}

/// The audit log as the chair's panel screen shows it: the newest entries and whether the
/// chain holds.
public struct AuditSummary: Sendable {
    public let count: Int
    /// Where the chain breaks: the entry and why.
    public let broken: (seq: Int, reason: Bilingual)?
    /// The newest 200 entries, newest first.
    public let newest: [AuditEntry]

    public init(entries: [AuditEntry]) {
        count = entries.count
        broken = AuditLog.firstBreak(entries).map { ($0.entry.seq, $0.reason) }
        newest = entries.suffix(200).reversed()
    }
}

extension Strings {
    /// A message of a lower layer (the store, the file writer, the system) in this language.
    func said(_ message: Bilingual) -> String { message.text(chinese: language == .zh) }

    /// Any error in this language.
    func said(_ error: Error) -> String { said(Bilingual(error)) }

    /// "：" in Chinese, ": " in English.
    var colon: String { language == .zh ? "：" : ": " }

    /// A refused score in this language.
    func refusal(_ refusal: ScoreRefusal) -> String { said(refusal.bilingual) }

    func failure(_ failure: WorkbenchFailure) -> String {
        let zh = language == .zh
        switch failure {
        case let .refused(refusal): return self[.notSaved] + colon + self.refusal(refusal)
        case let .changedElsewhere(changed):
            let now = changed.now.points.map { $0.description } ?? (zh ? "无分数" : "no points")
            return zh ? "未保存：此项已在别处更改（现为 \(now)），已刷新显示，请核对后重新输入"
                : "not saved: this item was changed elsewhere (now \(now)); the screen shows it now — check and enter again"
        case let .editor(reason): return self[.editorFailed] + colon + said(reason)
        case let .incomplete(stage, dossiers): return incompleteSheets(stage, dossiers)
        case let .workspace(reason): return self[.notSaved] + colon + said(reason)
        }
    }

    /// A stage that cannot be signed yet, and its first incomplete sheets.
    func incompleteSheets(_ stage: StageID, _ dossiers: [String]) -> String {
        let listed = dossiers.prefix(5).joined(separator: language == .zh ? "、" : ", ") + (dossiers.count > 5 ? "…" : "")
        return format(.signIncomplete, stageName(stage), dossiers.count, listed)
    }

    func background(_ task: BackgroundTask, _ said: Bilingual) -> String {
        let zh = language == .zh
        let reason = self.said(said)
        switch task {
        case .othersMean: return (zh ? "未能读取其他专家的均分（不标偏离）：" : "could not read the other experts' means (no deviation marks): ") + reason
        case .backup: return (zh ? "未能备份工作区：" : "could not back up the workspace: ") + reason
        case .refresh: return (zh ? "未能读取其他程序所做的更改：" : "could not read changes made elsewhere: ") + reason
        case .audit: return (zh ? "未能读取审计日志：" : "could not read the audit log: ") + reason
        case .ranking: return (zh ? "未能更新排名：" : "could not update the ranking: ") + reason
        case .analysis: return (zh ? "未能计算结果稳定性：" : "could not compute the stability figures: ") + reason
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
                + said(refusal.bilingual), true)
        case let .unreadable(reason): return ((zh ? "\(result.file)：无法读取：" : "\(result.file): cannot be read: ") + said(reason), true)
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
        case let .folderUnreadable(folder, reason): return [((zh ? "\(folder)：无法读取文件夹：" : "\(folder): cannot read the folder: ") + said(reason), true)]
        case let .noSheets(folder): return [(zh ? "\(folder)：没有 .iipsheet 文件" : "\(folder): no .iipsheet files", true)]
        }
    }

    func auditLines(_ summary: AuditSummary) -> [String] {
        let zh = language == .zh
        let verdict = summary.broken.map { (zh ? "✗ 第 \($0.seq) 条记录损坏：" : "✗ entry \($0.seq) is broken: ") + said($0.reason) }
            ?? (zh ? "✓ 共 \(summary.count) 条，哈希链完整" : "✓ \(summary.count) entries, chain intact")
        return [verdict] + summary.newest.map { "\($0.seq)  \($0.at)  \(zh && $0.actor == "chair" ? "主任委员" : $0.actor)  \(auditAction($0.action))  \(auditSubject($0.subject))  \(auditValue($0.action, $0.new ?? ""))" }
    }

    /// An audit log action in this language (the log itself keeps its codes).
    func auditAction(_ code: String) -> String {
        guard language == .zh else { return code }
        let names = ["score.set": "评分", "scores.import": "导入评分文件", "sheet.sign": "签署评分表", "sheet.import": "导入签字评分表",
                     "sheet.reopen": "重新开启评分表", "recheck": "偏离复核", "declare": "诚信承诺与回避声明", "dissent": "不同意见", "override": "豁免",
                     "key.trust": "信任密钥", "expert.add": "添加专家", "dossier.import": "导入申报材料", "dossier.accept-change": "接受申报材料变更"]
        return names[code] ?? code
    }

    /// A logged value as the workbench shows it: in Chinese as the log's own code says it.
    func auditValue(_ action: String, _ value: String) -> String {
        language == .zh ? AuditEntry.chinese(action: action, value) : value
    }

    /// An audit subject in this language: `E01/GD-001/written/basic.device` names its stage.
    func auditSubject(_ subject: String) -> String {
        guard language == .zh else { return subject }
        return subject.split(separator: "/", omittingEmptySubsequences: false)
            .map { StageID(rawValue: String($0)).map(stageName) ?? String($0) }.joined(separator: "/")
    }

    /// A ranking flag in this language; `short` leaves out the stage, for a narrow terminal.
    func flag(_ flag: RankFlag, short: Bool = false) -> String {
        let zh = language == .zh
        switch flag {
        case let .deviation(stage, expert):
            if short {
                let brief: [StageID: (String, String)] = [.written: ("书面", "W"), .defence: ("答辩", "D"), .site: ("现场", "S"), .test: ("技术", "T")]
                return zh ? "偏离\(brief[stage]?.0 ?? "")\(expert)" : "dev. \(brief[stage]?.1 ?? "") \(expert)"
            }
            return zh ? "偏离:\(stageName(stage))\(expert)" : "deviation: \(stageName(stage)), \(expert)"
        case let .override(code): return short ? (zh ? "豁免" : "waived") : zh ? "豁免:\(code)" : "waived:\(code)"
        case .dossierChanged: return zh ? (short ? "已变更" : "材料已变更") : (short ? "changed" : "dossier changed")
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
