import Foundation
import IIPCore
import IIPIntake
import Workbench

/// What `iipeval intake` says, in the user's language: one table per language for the fixed
/// wording, and the typed reasons and derivations rendered in each.
struct IntakeText {
    enum Key: CaseIterable {
        case unreadable, read, derived, missing, notUnderstood, notUnderstoodNote, nothingWritten, written, summary, nextStep
        case partCover, partApplicant, partPartners, partPlatform, partIndicators, partBreakdowns, partNarrative, partEvidence
        case noSuchPath, unreadableFolder, noForms, needsPrefix, invalidPrefix, sameID
    }

    let language: Language

    subscript(_ key: Key) -> String {
        (language == .zh ? IntakeText.zh : IntakeText.en)[key] ?? "\(key)"
    }

    static let zh: [Key: String] = [
        .unreadable: "无法读取", .read: "读取", .derived: "推导", .missing: "缺少", .notUnderstood: "未能识别",
        .notUnderstoodNote: "未写入，从不猜测；请核对原件后补填",
        .nothingWritten: "有文件无法读取，未写入任何文件；请修复或移出上述文件后重新运行",
        .written: "已写入", .summary: "%d 个文件：%d 个完整读取，%d 个有缺项或未能识别的值，%d 个无法读取",
        .nextStep: "下一步：iipeval validate %@（符合性审查会列出每个缺项）",
        .partCover: "封面", .partApplicant: "申报单位", .partPartners: "联合单位", .partPlatform: "平台基本信息",
        .partIndicators: "平台能力指标", .partBreakdowns: "统计表", .partNarrative: "正文", .partEvidence: "证明材料",
        .noSuchPath: "%@：没有这个文件或文件夹", .unreadableFolder: "%@：无法读取该文件夹",
        .noForms: "%@ 中没有申报书文件（.docx、.doc、.wps、.odt、.rtf）",
        .needsPrefix: "%@：文件名不是申报材料编号（字母、数字、-、_，最多 32 个）；请用 --prefix 指定编号前缀，如 --prefix GD2018-",
        .invalidPrefix: "--prefix %@：加上三位序号后不是有效的编号（字母、数字、-、_，最多 32 个）",
        .sameID: "%@ 都会得到编号 %@；请改名其中一个",
    ]

    static let en: [Key: String] = [
        .unreadable: "cannot be read", .read: "read", .derived: "derived", .missing: "missing", .notUnderstood: "not understood",
        .notUnderstoodNote: "left out, never guessed; check the original and fill it in",
        .nothingWritten: "a file cannot be read, so nothing was written; fix it or move it out, then run again",
        .written: "written", .summary: "files: %d; read completely: %d; with fields missing or not understood: %d; cannot be read: %d",
        .nextStep: "next: iipeval validate %@ (the compliance check names every field missing)",
        .partCover: "cover", .partApplicant: "applicant", .partPartners: "partners", .partPlatform: "platform",
        .partIndicators: "indicators", .partBreakdowns: "statistics tables", .partNarrative: "narrative", .partEvidence: "evidence",
        .noSuchPath: "%@: no such file or folder", .unreadableFolder: "%@: the folder cannot be read",
        .noForms: "no 申报书 files (.docx, .doc, .wps, .odt, .rtf) in %@",
        .needsPrefix: "%@: the file name is not a dossier id (letters, digits, '-', '_', up to 32); give --prefix, e.g. --prefix GD2018-",
        .invalidPrefix: "--prefix %@: with a three-digit number it is not a valid id (letters, digits, '-', '_', up to 32)",
        .sameID: "%@ would all get the id %@; rename one of them",
    ]

    /// Punctuation of the language: the report quotes Chinese names and values as they are.
    var colon: String { language == .zh ? "：" : ": " }
    func bracketed(_ text: String) -> String { language == .zh ? "（\(text)）" : " (\(text))" }
    func quoted(_ text: String) -> String { language == .zh ? "「\(text)」" : "“\(text)”" }

    func format(_ key: Key, _ arguments: CVarArg...) -> String {
        String(format: self[key], arguments: arguments)
    }

    // MARK: - Typed reasons

    func reason(_ reason: UnreadableDocument.Reason) -> String {
        reason.message(chinese: language == .zh)
    }

    func derivation(_ source: IntakeReport.Derivation) -> String {
        let zh = language == .zh
        switch source {
        case let .cityInRecommenderName(city):
            return zh ? "推荐单位名称中的地级市「\(city)」" : "the city \(city) in the 推荐单位 name"
        case .noCityInRecommenderName:
            return zh ? "推荐单位名称中没有广东的地级市，按中央企业推荐" : "no Guangdong city in the 推荐单位 name: a central enterprise's"
        case let .creditCodeDivision(division):
            let guangdong = division.hasPrefix("44")
            return zh ? "统一社会信用代码中的行政区划码 \(division)（" + (guangdong ? "44 开头，广东）" : "不是 44 开头，不在广东）")
                : "the credit code's administrative division \(division) (" + (guangdong ? "44…: Guangdong)" : "not 44…: outside Guangdong)")
        case .address:
            return zh ? "单位地址" : "the address"
        case .nameWithoutBranch:
            return zh ? "单位名称中没有“分公司”等字样" : "the name, which is not a branch's (no 分公司)"
        case .branchName:
            return zh ? "单位名称是分支机构的名称" : "the name, a branch's"
        case let .deviceRows(connected, sensorPoints):
            let rows = [connected ? (zh ? "已连接的工业设备数量" : "connected devices") : nil,
                        sensorPoints ? (zh ? "传感器数据采集点数量" : "sensor points") : nil].compactMap { $0 }
            return zh ? "已填写的设备行：" + rows.joined(separator: "、") : "the device rows filled in: " + rows.joined(separator: ", ")
        case let .dateBesideSeal(date):
            return zh ? "真实性承诺盖章处填写的日期 \(date)（印章无法从文件中识别）" : "the date \(date) beside the 真实性承诺 seal (a seal cannot be seen in a file)"
        case .noDateBesideSeal:
            return zh ? "真实性承诺盖章处没有填写日期" : "no date filled in beside the 真实性承诺 seal"
        case .deliveredNotListed:
            return zh ? "随申报书提交的文件夹中有此文件，但“八、其他说明材料”未列出" : "delivered beside the form, not listed under 八"
        case .saidUnsealed:
            return zh ? "真实性承诺处写明未盖章或未签字" : "the 真实性承诺 says it is not sealed or signed"
        }
    }

    /// Why a value was not taken, and what to do.
    func unclear(_ reason: IntakeReport.Reason) -> String {
        let zh = language == .zh
        switch reason {
        case .notExact: return self[.notUnderstoodNote]
        case .differentValues:
            return zh ? "申报书中此项填写了不同的值，未写入；请向申报单位核实" : "the form gives different values for it; left out — ask the applicant which is meant"
        case let .invalid(detail):
            return zh ? "已写入，但不符合申报材料格式（\(detail)）；validate 会指出，请核对原件" : "written, but the dossier format does not allow it (\(detail)); validate names it"
        case .noName:
            return zh ? "有数据但没有名称，未写入；请补填名称" : "values without a name; left out — fill in the name"
        case .duplicateRow:
            return zh ? "同一名称的第二行，数值不同，未写入；请向申报单位核实" : "a second row for the same name, with other values; left out — ask the applicant"
        case .fileNotDelivered:
            return zh ? "“八、其他说明材料”列出了此文件，但随申报书提交的文件夹中没有" : "listed under 八, but not among the files delivered beside the form"
        case .notAFileName:
            return zh ? "没有可用的文件名（空、含 .. 或以 . 开头），未写入；证明材料只能是申报书旁同名文件夹中的文件" : "no usable file name (empty, with .., or starting with .); left out — evidence is a file in the folder beside the form"
        case .notAFolder:
            return zh ? "与申报书同名的证明材料位置不是文件夹（是链接或文件），其中的文件未采用" : "where the evidence folder should be is a link or a file, not a folder; nothing in it was taken"
        case let .folderUnreadable(detail):
            return zh ? "证明材料文件夹无法读取（\(detail)）" : "the evidence folder cannot be read (\(detail))"
        }
    }

    static func code(_ reason: IntakeReport.Reason) -> String {
        switch reason {
        case .notExact: return "not_exact"
        case .differentValues: return "different_values"
        case .invalid: return "invalid"
        case .noName: return "no_name"
        case .duplicateRow: return "duplicate_row"
        case .fileNotDelivered: return "file_not_delivered"
        case .notAFileName: return "not_a_file_name"
        case .notAFolder: return "not_a_folder"
        case .folderUnreadable: return "folder_unreadable"
        }
    }

    static func code(_ source: IntakeReport.Derivation) -> String {
        switch source {
        case .cityInRecommenderName, .noCityInRecommenderName: return "recommender_name"
        case .creditCodeDivision: return "credit_code"
        case .address: return "address"
        case .nameWithoutBranch, .branchName: return "applicant_name"
        case .deviceRows: return "device_rows"
        case .dateBesideSeal, .noDateBesideSeal: return "attestation_date"
        case .saidUnsealed: return "attestation_text"
        case .deliveredNotListed: return "evidence_folder"
        }
    }

    func refusal(_ refusal: IntakeFiles.Refusal) -> String {
        switch refusal {
        case let .noSuchPath(path): return format(.noSuchPath, path)
        case let .unreadableFolder(path): return format(.unreadableFolder, path)
        case let .noForms(paths): return format(.noForms, paths.joined(separator: ", "))
        case let .needsPrefix(file): return format(.needsPrefix, file)
        case let .invalidPrefix(prefix): return format(.invalidPrefix, prefix)
        case let .sameID(id, files): return format(.sameID, files.joined(separator: language == .zh ? "、" : ", "), id)
        }
    }

    /// The parts of the form, in its order.
    static let parts: [Key] = [.partCover, .partApplicant, .partPartners, .partPlatform, .partIndicators, .partBreakdowns, .partNarrative, .partEvidence]

    /// The part of the form a field belongs to, for the count of what was read.
    func part(of field: String) -> Key {
        switch field {
        case "submitted", "recommender.name": return .partCover
        case _ where field.hasPrefix("applicant.") || field.hasPrefix("attestation"): return .partApplicant
        case _ where field.hasPrefix("partners["): return .partPartners
        case _ where field.hasPrefix("platform."): return .partPlatform
        case _ where field.hasPrefix("indicators."): return .partIndicators
        case _ where field.hasPrefix("breakdowns."): return .partBreakdowns
        case _ where field.hasPrefix("narrative."): return .partNarrative
        default: return .partEvidence
        }
    }
}

extension IntakeText {
    /// One file's part of the intake report (as the intake and init commands print it): where
    /// it went, what was read, derived, missing and not understood.
    func fileLines(_ outcome: IntakeOutcome, target: String?) -> [String] {
        let file = UntrustedText.neutralised(outcome.source.path)
        guard let result = outcome.result else {
            let why = (outcome.failure as? UnreadableDocument).map { reason($0.reason) } ?? "\(outcome.failure.map { "\($0)" } ?? "")"
            return ["\(file)  \(self[.unreadable])\(colon)\(UntrustedText.neutralised(why))"]
        }
        let report = result.report
        var lines = [target.map { "\(file) → \($0)" } ?? "\(file)  (\(outcome.source.id))"]
        lines.append("  \(self[.read]) \(report.read.count)\(colon)" + partCounts(report.read))
        for item in report.derived {
            lines.append("  \(self[.derived]) \(item.field) = \(UntrustedText.neutralised(item.value))\(colon)"
                         + UntrustedText.neutralised(derivation(item.source)))
        }
        for field in report.missing {
            lines.append("  \(self[.missing]) \(shortLabel(field))" + bracketed(field))
        }
        for item in report.notUnderstood {
            lines.append("  \(self[.notUnderstood]) \(shortLabel(item.field))" + bracketed(item.field) + colon
                         + quoted(UntrustedText.neutralised(item.text.replacingOccurrences(of: "\n", with: " / "))) + " — " + unclear(item.reason))
        }
        return lines
    }

    /// `封面 3，申报单位 24，…`: how many fields of each part were read, in the form's order.
    private func partCounts(_ fields: [String]) -> String {
        let counts = Dictionary(grouping: fields, by: part(of:)).mapValues(\.count)
        return IntakeText.parts.compactMap { key in counts[key].map { "\(self[key]) \($0)" } }
            .joined(separator: language == .zh ? "，" : ", ")
    }

    /// The form's label without its note, to say where on the form to look.
    private func shortLabel(_ field: String) -> String {
        let label = FormLabels.builtIn.printedLabel(of: field)
        guard let note = label.range(of: "（注") ?? label.range(of: "(注") else { return label }
        return String(label[..<note.lowerBound])
    }
}
