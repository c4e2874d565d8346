import IIPCore

/// The audit log's records in Chinese, beside the code that writes and replays them. The log
/// keeps its records as written (its hashes cover them): what the program wrote there is
/// said in Chinese, what people wrote (a comment, a reason, a name) stays as they wrote it.
extension AuditEntry {
    /// A recorded value of an entry of `action`, said in Chinese; a record of another form as it is.
    public static func chinese(action: String, _ value: String) -> String {
        switch action {
        case "declare" where value.hasPrefix("pledge signed; "):
            let conflicts = AuditReplay.declaredConflicts(value)
            return "已签署承诺；回避：" + (conflicts.isEmpty ? "无" : conflicts.joined(separator: ","))
        case "score.set":
            guard let (points, comment) = AuditReplay.scoreFields(value) else { return value }
            return "分数=" + (points.isEmpty ? "（清除）" : points) + " 评语=" + comment
        case "scores.import", "sheet.import":
            let names = ["rows": "行数", "changed": "改动", "revision": "版本", "key": "密钥", "signed": "签署时间"]
            return value.split(separator: " ").map { token in
                guard let equals = token.firstIndex(of: "="), let name = names[String(token[..<equals])] else { return String(token) }
                return name + token[equals...]
            }.joined(separator: " ")
        case "sheet.sign":
            // "<time> revision <n> key <fingerprint> content <sha256>", as `sign` writes it.
            guard let time = value.split(separator: " ").first, let revision = word(after: "revision", in: value),
                  let key = word(after: "key", in: value), let content = word(after: "content", in: value) else { return value }
            return "\(time) 第 \(revision) 版 密钥 \(key) 内容 \(content)"
        case "sheet.reopen" where value.hasPrefix("recheck: "):
            // "recheck: confirming <id>" or "recheck: correcting <id> (<ground>)", as a 复核 writes it.
            let words = value.split(separator: " ").map(String.init)
            guard words.count >= 3 else { return value }
            let ground = words.count > 3 ? RecheckGround(rawValue: String(words[3].dropFirst().dropLast())) : nil
            return words[1] == "confirming" ? "复核：确认 \(words[2]) 原分" : "复核：更正 \(words[2])（\(ground?.chinese ?? words.dropFirst(3).joined(separator: " "))）"
        case "recheck":
            // "<outcome>[ <ground>] score=<n> reason=<text>", as `storeRecheck` writes it.
            guard let score = value.range(of: " score="), let reason = value.range(of: " reason=") else { return value }
            let head = value[..<score.lowerBound].split(separator: " ").map(String.init)
            let outcomes = ["confirmed": "确认原分", "correcting": "更正中", "corrected": "已更正"]
            let ground = head.count > 1 ? RecheckGround(rawValue: head[1])?.chinese : nil
            return ([outcomes[head.first ?? ""] ?? head.first ?? "", ground].compactMap { $0 }.joined(separator: " "))
                + " 分数=" + value[score.upperBound..<reason.lowerBound] + " 理由=" + value[reason.upperBound...]
        case "expert.add":
            guard let record = ExpertRecord(auditText: value) else { return value }
            let stages = record.stages.split(separator: ",").compactMap { StageID(rawValue: String($0)) }.map(\.chineseName)
            return "姓名=\(record.name) 单位=\(record.affiliation) 阶段=\(stages.joined(separator: "、")) 回避=\(record.conflicts)"
        case "key.trust":
            // "<fingerprint> (<source>) <reason>", as `TrustedKeys.trust` writes it.
            let sources: [(String, String)] = [("(\(TrustedKey.Source.panelFile.rawValue)) \(TrustedKeys.panelFileReason)", "（专家组名单文件）"),
                                               ("(\(TrustedKey.Source.panelFile.rawValue))", "（专家组名单文件）"),
                                               ("(\(TrustedKey.Source.chair.rawValue))", "（主任委员）")]
            for (source, chinese) in sources {
                if let range = value.range(of: " " + source) { return value.replacingCharacters(in: range, with: " " + chinese) }
            }
            return value
        default:
            return value
        }
    }
}
