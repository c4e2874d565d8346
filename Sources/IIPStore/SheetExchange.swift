import Crypto
import Foundation
import GRDB
import IIPCore

/// Signed sheets between laptops: the expert exports a signed stage, the chair imports it
/// after checking signature, key, revision, rubric and dossier hashes, and every row
/// through the same gate as any score (SPEC §9).
extension Workspace {
    public enum SheetImport: Sendable, Equatable {
        case imported(rows: Int)
        case alreadyImported
    }

    /// The expert's signed sheet of `stage`, signed with their key: the one it was signed
    /// with here, and only while its content is what was signed.
    public func exportSheet(expert id: String, stage: StageID, key: Curve25519.Signing.PrivateKey) throws -> SheetFile {
        let rubric = try self.rubric()
        let content: SheetFile = try read { db in
            guard let signed = try Workspace.signOffs(db).first(where: { $0.expert == id && $0.stage == stage }) else {
                throw WorkspaceError("the \(stage.rawValue) sheet of \(id) is not signed; sign it first ('iipeval sheet sign')",
                                     chinese: "\(id) 的\(stage.chineseName)评分表未签字；请先签字（按 S，或 iipeval sheet sign）")
            }
            let fingerprint = KeyFingerprint(of: key)
            if let signedWith = signed.fingerprint, signedWith != fingerprint {
                let whose = signed.origin == .sheetFile ? "on the expert's own laptop; their file is the signed sheet" : "here"
                let whoseChinese = signed.origin == .sheetFile ? "在专家本人的电脑上签署；其文件即签字评分表" : "在本机签署"
                throw WorkspaceError("the \(stage.rawValue) sheet of \(id) was signed with the key \(signedWith) \(whose); "
                                     + "this machine's key for \(id) is \(fingerprint)",
                                     chinese: "\(id) 的\(stage.chineseName)评分表以密钥 \(signedWith) \(whoseChinese)；本机 \(id) 的密钥是 \(fingerprint)")
            }
            let content = try Workspace.sheetContent(db, rubric: rubric, counting: try Workspace.counting(db), expert: id, stage: stage,
                                                     signedAt: signed.at, revision: signed.revision)
            if let signedContent = signed.contentSHA256, signedContent != content.contentSHA256 {
                throw WorkspaceError("the \(stage.rawValue) sheet of \(id) changed since it was signed (a conflict declared since?); "
                                     + "reopen it and sign it again",
                                     chinese: "\(id) 的\(stage.chineseName)评分表签字后有变化（其后声明了回避？）；请重新开启后再签字")
            }
            return content
        }
        return try content.signed(with: key)
    }

    /// The stage sheet as it stands in this workspace, unsigned: the scores and comments of
    /// every dossier the expert may score (a dossier they are in conflict with is left out:
    /// its sheet never counts), the hash of each of those dossiers, the rubric's hash and
    /// the dissent.
    public func sheetContent(expert id: String, stage: StageID, signedAt: String, revision: Int) throws -> SheetFile {
        let rubric = try self.rubric()
        return try read { db in
            try Workspace.sheetContent(db, rubric: rubric, counting: try Workspace.counting(db), expert: id, stage: stage,
                                       signedAt: signedAt, revision: revision)
        }
    }

    static func sheetContent(_ db: Database, rubric: Rubric, counting: SheetCounting, expert id: String, stage: StageID,
                             signedAt: String, revision: Int) throws -> SheetFile {
        guard counting.panel.expert(id) != nil else { throw WorkspaceError.noExpert(id) }
        var rows: [SheetFile.Row] = []
        let cursor = try Row.fetchCursor(db, sql: "SELECT dossier, item, points, comment FROM score WHERE expert = ? AND stage = ?",
                                         arguments: [id, stage.rawValue])
        while let row = try cursor.next() {
            let dossier: String = row[0]
            guard counting.conflict(expert: id, dossier: dossier) == nil else { continue }
            rows.append(SheetFile.Row(dossier: dossier, item: row[1], points: (row[2] as String?).flatMap { Rational(decimal: $0) },
                                      comment: row[3]))
        }
        let covered = Set(rows.map(\.dossier))
        var hashes: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, sha256 FROM dossier") where covered.contains(row["id"]) {
            hashes[row["id"]] = row["sha256"]
        }
        let dissent = try String.fetchOne(db, sql: "SELECT text FROM dissent WHERE expert = ? AND stage = ?",
                                          arguments: [id, stage.rawValue]) ?? ""
        // The pledge as it stood at this signing; for a signing being made, as it stands now.
        let pledge: SheetFile.Pledge?
        if let signed = try Row.fetchOne(db, sql: "SELECT pledge FROM signoff WHERE expert = ? AND stage = ? AND revision = ?",
                                         arguments: [id, stage.rawValue, revision]) {
            pledge = (signed["pledge"] as String?).flatMap(SignOff.pledge(stored:))
        } else {
            pledge = try Row.fetchOne(db, sql: "SELECT at, conflicts FROM declaration WHERE expert = ?", arguments: [id]).map {
                SheetFile.Pledge(at: $0["at"], conflicts: ($0["conflicts"] as String).split(separator: ",").map(String.init))
            }
        }
        return SheetFile.unsignedSheet(expert: id, stage: stage, signedAt: signedAt, revision: revision, rubricSHA256: rubric.sha256,
                                       dossiers: hashes, rows: rows, dissent: dissent,
                                       rechecks: try rechecks(db, of: ExpertStage(id, stage)).filter { covered.contains($0.dossier) },
                                       pledge: pledge)
    }

    /// The fingerprint of this machine's key for `expert`, or nil when it has none.
    public static func localKeyFingerprint(expert: String) throws -> KeyFingerprint? {
        try ExpertKey.existing(expert: expert).map { KeyFingerprint(of: $0) }
    }

    /// Verifies and merges a sheet read from `data` (the file's bytes). Throws
    /// `SheetFile.Refusal` with the reason when the sheet cannot be accepted; nothing is
    /// written then.
    public func importSheet(_ sheet: SheetFile, file data: Data) throws -> SheetImport {
        let rubric = try self.rubric()
        guard sheet.rubricSHA256 == rubric.sha256 else {
            throw SheetFile.Refusal(.mismatched, "scored with another rubric (\(sheet.rubricSHA256.prefix(12))…)",
                                    chinese: "按另一份评价方法评分（\(sheet.rubricSHA256.prefix(12))…）")
        }
        let fileSHA256 = ContentHash.sha256(data)
        let now = Workspace.now()
        var result = SheetImport.alreadyImported
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM sheet_import WHERE file_sha256 = ?", arguments: [fileSHA256]) == true {
                return
            }
            let target = ExpertStage(sheet.expert, sheet.stage)
            // The pledge the expert signed with comes first: the conflicts they declared on their
            // laptop decide which sheets they had to complete.
            try Workspace.takePledge(db, of: sheet, at: now)
            let gate = try Workspace.gate(db, rubric: rubric, replacing: target)
            try SheetAcceptance(sheet: sheet, gate: gate).check(db)
            // The expert's sheets of the stage become the file's; those of dossiers they are in
            // conflict with (which no sheet file carries) stay, kept and marked, never counted.
            let kept = gate.counting.dossiers.keys.filter { gate.counting.conflict(expert: sheet.expert, dossier: $0) != nil }
            try db.execute(sql: "DELETE FROM score WHERE expert = ? AND stage = ?"
                           + (kept.isEmpty ? "" : " AND dossier NOT IN (\(Array(repeating: "?", count: kept.count).joined(separator: ",")))"),
                           arguments: StatementArguments([sheet.expert, sheet.stage.rawValue] + kept))
            for row in sheet.rows {
                try db.execute(sql: """
                    INSERT INTO score (expert, dossier, stage, item, points, comment, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [sheet.expert, row.dossier, sheet.stage.rawValue, row.item, row.points?.description,
                                     UntrustedText.lineBreaksNormalised(row.comment), now])
            }
            var totals = SheetTotals(db, rubric: rubric)
            try totals.refresh(.expertStage(expert: sheet.expert, stage: sheet.stage))
            let chair = gate.counting.panel.chair.isEmpty ? "chair" : gate.counting.panel.chair
            try Workspace.storeDissent(db, expert: sheet.expert, stage: sheet.stage, text: sheet.dissent, at: now, actor: chair)
            try Workspace.replaceRechecks(db, of: target, with: sheet.rechecks, actor: chair, at: now)
            var signing = SignOff(expert: sheet.expert, stage: sheet.stage, at: sheet.signedAt, revision: sheet.revision,
                                  origin: .sheetFile, fingerprint: sheet.fingerprint, contentSHA256: sheet.contentSHA256)
            signing.pledge = sheet.pledge
            try Workspace.record(db, signing)
            try db.execute(sql: """
                INSERT INTO sheet_import (file_sha256, expert, stage, signed_at, imported_at, revision, content) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [fileSHA256, sheet.expert, sheet.stage.rawValue, sheet.signedAt, now, sheet.revision, data])
            try AuditLog.append(db, actor: chair, action: "sheet.import", subject: target.description,
                                new: "sha256=\(fileSHA256) revision=\(sheet.revision) rows=\(sheet.rows.count) key=\(sheet.fingerprint.hex)"
                                    + " signed=\(sheet.signedAt)", at: now)
            result = .imported(rows: sheet.rows.count)
        }
        return result
    }
}

/// Whether a signed sheet may replace the expert's sheets of its stage here: the expert is
/// on the panel for it, the key is the one trusted for them, it is newer than every sheet
/// of theirs imported before, it scored these very dossiers, every row passes the gate, and
/// it is whole — not empty, no row twice, every sheet the expert must complete complete.
struct SheetAcceptance {
    let sheet: SheetFile
    let gate: ScoreGate

    func check(_ db: Database) throws {
        let target = ExpertStage(sheet.expert, sheet.stage)
        guard let expert = gate.counting.panel.expert(sheet.expert) else {
            throw SheetFile.Refusal(.invalid, "expert \(sheet.expert) is not on the panel", chinese: "专家 \(sheet.expert) 不在专家组中")
        }
        guard expert.stages.contains(sheet.stage) else {
            throw SheetFile.Refusal(.invalid, "expert \(sheet.expert) is not on the panel for stage \(sheet.stage.rawValue)",
                                    chinese: "专家 \(sheet.expert) 不在该阶段（\(sheet.stage.chineseName)）的专家组中")
        }
        try checkKey(db, expert: expert)
        // Newer than every sheet file of the stage imported here, and than every signing made
        // here with this very key (the expert's own laptop): a chair's signing under another
        // key is no signing of the expert's, and does not stand in their way.
        let imported = try Int.fetchOne(db, sql: "SELECT MAX(revision) FROM sheet_signing WHERE expert = ? AND stage = ? AND origin = 'sheet'",
                                        arguments: [sheet.expert, sheet.stage.rawValue]) ?? 0
        let latest = max(imported, try Workspace.lastRevision(db, target, key: sheet.fingerprint))
        guard sheet.revision > latest else {
            throw SheetFile.Refusal(.superseded, "revision \(latest) of \(target) is already in force here; this sheet is revision \(sheet.revision)",
                                    chinese: "\(target) 的第 \(latest) 版已生效；此文件是第 \(sheet.revision) 版")
        }
        try checkDossiers(db)
        try checkRows()
        try checkComplete(db)
        try checkRechecks()
        if let problem = Workspace.dissentProblem(sheet.dissent) {
            throw SheetFile.Refusal(.invalid, "the dissent: \(problem.english)", chinese: "不同意见：\(problem.chinese)")
        }
    }

    private func checkKey(_ db: Database, expert: Expert) throws {
        guard let trusted = try TrustedKeys.trusted(db, expert: sheet.expert) else {
            throw SheetFile.Refusal(.unknownKey, "\(sheet.expert)'s sheet is signed with the key \(sheet.fingerprint), and no key is "
                                    + "trusted for \(sheet.expert) here; compare it with the fingerprint on \(sheet.expert)'s printed "
                                    + "pledge or sheet, then run 'iipeval key trust WORKSPACE --expert \(sheet.expert) "
                                    + "--fingerprint \(sheet.fingerprint.hex) --reason …'",
                                    chinese: "\(sheet.expert) 的评分表由密钥 \(sheet.fingerprint) 签名，本工作区尚未信任 \(sheet.expert) 的任何密钥；"
                                    + "请与 \(sheet.expert) 纸质承诺书或评分表上的指纹核对，然后运行 iipeval key trust WORKSPACE --expert "
                                    + "\(sheet.expert) --fingerprint \(sheet.fingerprint.hex) --reason …")
        }
        guard trusted.fingerprint == sheet.fingerprint else {
            throw SheetFile.Refusal(.unknownKey, "\(sheet.expert)'s sheet is signed with the key \(sheet.fingerprint), "
                                    + "not with the key trusted for \(sheet.expert) (\(trusted.fingerprint)); if the expert has a new "
                                    + "key, compare it with their printed pledge and trust it with 'iipeval key trust'",
                                    chinese: "\(sheet.expert) 的评分表由密钥 \(sheet.fingerprint) 签名，不是本工作区信任的密钥"
                                    + "（\(trusted.fingerprint)）；如专家换了新密钥，请与其纸质承诺书核对后用 iipeval key trust 信任")
        }
    }

    /// Every dossier named is stored here with the content the expert scored, and every
    /// row's dossier is named.
    private func checkDossiers(_ db: Database) throws {
        var stored: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, sha256 FROM dossier") { stored[row["id"]] = row["sha256"] }
        for (id, hash) in sheet.dossiers.sorted(by: { $0.key < $1.key }) {
            guard let known = stored[id] else {
                throw SheetFile.Refusal(.mismatched, "dossier \(id) is not in this workspace", chinese: "本工作区没有申报材料 \(id)")
            }
            guard known == hash else {
                throw SheetFile.Refusal(.mismatched, "dossier \(id) differs from the one scored", chinese: "申报材料 \(id) 与专家评分时的不同")
            }
        }
        if let row = sheet.rows.first(where: { sheet.dossiers[$0.dossier] == nil }) {
            throw SheetFile.Refusal(.mismatched, "a score of \(row.dossier) without its dossier hash", chinese: "\(row.dossier) 的评分缺少申报材料哈希")
        }
    }

    /// Every row through the gate, once each.
    private func checkRows() throws {
        guard !sheet.rows.isEmpty else {
            throw SheetFile.Refusal(.incomplete, "the sheet has no scores; a signed sheet holds every sheet the expert completed",
                                    chinese: "文件中没有评分；签字评分表应包含专家完成的全部评分表")
        }
        var seen: Set<[String]> = []
        for row in sheet.rows {
            guard seen.insert([row.dossier, row.item]).inserted else {
                throw SheetFile.Refusal(.invalid, "\(row.dossier) \(row.item) is scored twice", chinese: "\(row.dossier) \(row.item) 评了两次")
            }
            let score = ItemScore(expert: sheet.expert, dossier: row.dossier, stage: sheet.stage, item: row.item, points: row.points,
                                  comment: UntrustedText.lineBreaksNormalised(row.comment))
            let refusals = gate.refusals(score)
            if let conflict = refusals.first(where: { if case .conflict = $0 { return true } else { return false } }) {
                throw SheetFile.Refusal(.conflicted, conflict.description, chinese: conflict.chinese)
            }
            if let refusal = refusals.first {
                throw SheetFile.Refusal(.invalid, "\(row.dossier) \(row.item): \(refusal)", chinese: "\(row.dossier) \(row.item)：\(refusal.chinese)")
            }
        }
    }

    /// Each 复核 the sheet carries is about a dossier it scored, ended (a signed sheet has no
    /// correction under way), once per dossier, with a reason the workspace would keep.
    private func checkRechecks() throws {
        var seen: Set<String> = []
        for recheck in sheet.rechecks {
            let problem: Bilingual?
            if sheet.dossiers[recheck.dossier] == nil || !seen.insert(recheck.dossier).inserted {
                problem = Bilingual("a recheck of \(recheck.dossier) that the sheet does not score, or twice", chinese: "复核记录 \(recheck.dossier) 不在评分表中或重复")
            } else if case .correcting = recheck.outcome {
                problem = Bilingual("a correction of \(recheck.dossier) still under way", chinese: "\(recheck.dossier) 的复核更正尚未完成")
            } else if UntrustedText.lineBreaksNormalised(recheck.reason) != recheck.reason || !Workspace.isTimestamp(recheck.at) {
                problem = Bilingual("the recheck of \(recheck.dossier) is malformed", chinese: "\(recheck.dossier) 的复核记录格式不对")
            } else {
                problem = Workspace.recheckReasonProblem(recheck.reason, required: recheck.outcome == .confirmed)
            }
            if let problem { throw SheetFile.Refusal(.invalid, problem.english, chinese: problem.chinese) }
        }
    }

    /// Every sheet the expert must complete in the stage here is complete in the file.
    private func checkComplete(_ db: Database) throws {
        var points: [String: Set<String>] = [:]
        for row in sheet.rows where row.points != nil { points[row.dossier, default: []].insert(row.item) }
        let incomplete = try Workspace.sheetsToSign(db, rubric: gate.rubric, counting: gate.counting, expert: sheet.expert,
                                                    stage: sheet.stage, points: points).filter { $0.done < $0.of }
        guard incomplete.isEmpty else {
            throw SheetFile.Refusal(.incomplete, "of the sheets the expert must complete, " + SheetIncomplete.list(incomplete),
                                    chinese: "有 \(incomplete.count) 份应完成的评分表未完成：" + incomplete.prefix(5).map { "\($0.dossier) \($0.done)/\($0.of)" }.joined(separator: "、"))
        }
    }
}

/// What became of one sheet file given to import: typed, for each language to say.
public struct SheetFileImport: Sendable {
    public enum Outcome: Sendable {
        case imported(ExpertStage, rows: Int, revision: Int, key: KeyFingerprint)
        case alreadyImported
        case refused(SheetFile.Refusal)
        /// The file could not be read at all (missing, too large, not a file).
        case unreadable(Bilingual)
    }

    public let file: String
    public let outcome: Outcome

    public init(file: String, outcome: Outcome) {
        self.file = file
        self.outcome = outcome
    }

    public var refused: Bool {
        switch outcome {
        case .imported, .alreadyImported: return false
        case .refused, .unreadable: return true
        }
    }

    /// The line the command line prints.
    public var line: String {
        switch outcome {
        case let .imported(sheet, rows, revision, key):
            return "\(file): imported \(rows) scores of \(sheet.expert) (\(sheet.stage.rawValue), revision \(revision)), key \(key)"
        case .alreadyImported: return "\(file): already imported"
        case let .refused(refusal): return "\(file): refused: \(refusal.reason)"
        case let .unreadable(reason): return "\(file): refused: \(reason.english)"
        }
    }
}

extension Workspace {
    /// Reads, verifies and merges one sheet file. Throws only when the workspace itself
    /// fails (`WorkspaceError`); everything wrong with the file is its outcome.
    public func importSheetFile(_ path: String) throws -> SheetFileImport {
        switch BoundedFile.read(path, limit: 64 << 20) {
        case let .failure(failure):
            return SheetFileImport(file: path, outcome: .unreadable(failure.bilingual))
        case let .success(data):
            do {
                let sheet = try SheetFile.read(data)
                switch try importSheet(sheet, file: data) {
                case let .imported(rows):
                    return SheetFileImport(file: path, outcome: .imported(ExpertStage(sheet.expert, sheet.stage), rows: rows,
                                                                          revision: sheet.revision, key: sheet.fingerprint))
                case .alreadyImported:
                    return SheetFileImport(file: path, outcome: .alreadyImported)
                }
            } catch let refusal as SheetFile.Refusal {
                return SheetFileImport(file: path, outcome: .refused(refusal))
            }
        }
    }
}

extension Workspace {
    /// A signed sheet's pledge joins the workspace's record of the expert's declaration (its
    /// conflicts added to those declared here, audited as the expert's); refused when it
    /// names a dossier this workspace does not have or is not a time.
    static func takePledge(_ db: Database, of sheet: SheetFile, at now: String) throws {
        guard let pledge = sheet.pledge else { return }
        let known = Set(try String.fetchAll(db, sql: "SELECT id FROM dossier"))
        guard isTimestamp(pledge.at), pledge.conflicts.allSatisfy(known.contains) else {
            throw SheetFile.Refusal(.invalid, "the pledge names an unknown dossier or time", chinese: "诚信承诺中的申报材料或时间不对")
        }
        let old = try Row.fetchOne(db, sql: "SELECT at, conflicts FROM declaration WHERE expert = ?", arguments: [sheet.expert])
        let earlier = (old?["conflicts"] as String?).map { $0.split(separator: ",").map(String.init) } ?? []
        let list = Set(earlier + pledge.conflicts).sorted().joined(separator: ",")
        guard old == nil || list != earlier.sorted().joined(separator: ",") else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO declaration (expert, at, conflicts) VALUES (?, ?, ?)",
                       arguments: [sheet.expert, (old?["at"] as String?) ?? pledge.at, list])
        try AuditLog.append(db, actor: sheet.expert, action: "declare", subject: sheet.expert,
                            old: old.map { "conflicts: \($0["conflicts"] as String)" },
                            new: "pledge signed; conflicts: \(list.isEmpty ? "none" : list)", at: now)
    }
}
