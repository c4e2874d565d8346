import Foundation
import GRDB
import IIPCore

/// An expert's written dissent on a stage (不同意见及理由), kept beside their signature.
extension Workspace {
    public func dissent(expert: String, stage: StageID) throws -> String {
        try read { db in
            try String.fetchOne(db, sql: "SELECT text FROM dissent WHERE expert = ? AND stage = ?", arguments: [expert, stage.rawValue]) ?? ""
        }
    }

    /// The longest dissent kept, in characters.
    public static let dissentLimit = 10_000

    /// What is wrong with a dissent's text, or nil: free text, so line breaks and tabs but
    /// no other control or bidirectional character, and at most `dissentLimit` characters.
    static func dissentProblem(_ text: String) -> Bilingual? {
        if let forbidden = UntrustedText.firstForbidden(in: UntrustedText.lineBreaksNormalised(text), .multiline) {
            let character = UntrustedText.describe(forbidden)
            return Bilingual("it contains \(character.english)", chinese: "含 \(character.chinese)")
        }
        if text.utf8.count > dissentLimit, text.count > dissentLimit {
            return Bilingual("it has \(text.count) characters; at most \(dissentLimit) are kept", chinese: "共 \(text.count) 字，最多 \(dissentLimit) 字")
        }
        return nil
    }

    /// Records (or, with empty text, withdraws) the dissent; not while the stage is signed.
    public func setDissent(expert: String, stage: StageID, text: String) throws {
        guard try panel().expert(expert) != nil else { throw WorkspaceError.noExpert(expert) }
        let text = UntrustedText.lineBreaksNormalised(text)
        if let problem = Workspace.dissentProblem(text) { throw WorkspaceError("the dissent was not saved: \(problem.english)", chinese: "不同意见未保存：\(problem.chinese)") }
        let now = Workspace.now()
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM signoff WHERE expert = ? AND stage = ?", arguments: [expert, stage.rawValue]) == true {
                throw WorkspaceError("the \(stage.rawValue) sheet of \(expert) is signed and read-only; reopen it first",
                                     chinese: "\(expert) 的\(stage.chineseName)评分表已签字，只读；请先重新开启")
            }
            // While a 复核 correction is under way only that dossier's points may change.
            if let only = try Workspace.rechecking(db)[ExpertStage(expert, stage)] {
                let refusal = ScoreRefusal.rechecking(ExpertStage(expert, stage), only: only.sorted())
                throw WorkspaceError(refusal.english, chinese: refusal.chinese)
            }
            try Workspace.storeDissent(db, expert: expert, stage: stage, text: text, at: now, actor: expert)
        }
    }

    /// Writes the dissent row and its audit entry inside the caller's transaction.
    static func storeDissent(_ db: Database, expert: String, stage: StageID, text: String, at: String, actor: String) throws {
        let text = UntrustedText.lineBreaksNormalised(text)
        let old = try String.fetchOne(db, sql: "SELECT text FROM dissent WHERE expert = ? AND stage = ?", arguments: [expert, stage.rawValue])
        guard old ?? "" != text else { return }
        if text.isEmpty {
            try db.execute(sql: "DELETE FROM dissent WHERE expert = ? AND stage = ?", arguments: [expert, stage.rawValue])
        } else {
            try db.execute(sql: "INSERT OR REPLACE INTO dissent (expert, stage, text, at) VALUES (?, ?, ?, ?)",
                           arguments: [expert, stage.rawValue, text, at])
        }
        try AuditLog.append(db, actor: actor, action: "dissent", subject: "\(expert)/\(stage.rawValue)", old: old, new: text, at: at)
    }
}
