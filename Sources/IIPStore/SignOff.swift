import Foundation
import GRDB
import IIPCore

/// An expert's signature under one stage: their sheets of that stage are read-only until
/// a reopen, which the audit log records with its reason (SPEC §9).
public struct SignOff: Sendable, Equatable {
    public let expert: String
    public let stage: StageID
    public let at: String
}

extension Workspace {
    /// The signed sheets as `expert/stage`: what score rows are checked against (read-only).
    public func signedSheets() throws -> Set<String> {
        try read { try Workspace.signedSheets($0) }
    }

    static func signedSheets(_ db: Database) throws -> Set<String> {
        Set(try Row.fetchAll(db, sql: "SELECT expert, stage FROM signoff").map { "\($0["expert"] as String)/\($0["stage"] as String)" })
    }

    public func signOffs() throws -> [SignOff] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM signoff ORDER BY expert, stage").compactMap { row in
                StageID(rawValue: row["stage"]).map { SignOff(expert: row["expert"], stage: $0, at: row["signed_at"]) }
            }
        }
    }

    /// The dossiers whose sheet `expert` must complete in `stage` before signing: every
    /// eligible dossier they are not in conflict with, with (scored, applicable) counts.
    public func sheetsToSign(expert: Expert, stage: StageID) throws -> [(dossier: String, done: Int, of: Int)] {
        try sheetsToSign(expert: expert, stage: stage, standings: try standings(), stored: try dossiers(),
                         mine: try scores(expert: expert.id, stage: stage))
    }

    /// The same from what the caller has already read.
    func sheetsToSign(expert: Expert, stage: StageID, standings: Standings, stored: [StoredDossier],
                      mine: [ItemScore]) throws -> [(dossier: String, done: Int, of: Int)] {
        let rubric = standings.rubric
        return stored.compactMap { stored in
            guard standings.standingErrors(stored.id).isEmpty,
                  let dossier = standings.reports[stored.id]?.dossier,
                  expert.conflict(with: dossier, id: stored.id) == nil else { return nil }
            let items = rubric.stage(stage)?.items(for: stored.type) ?? []
            let scored = Set(mine.filter { $0.dossier == stored.id && $0.points != nil }.map(\.item))
            return (stored.id, items.filter { scored.contains($0.id) }.count, items.count)
        }
    }

    /// Signs `expert`'s sheets of `stage`; refused while one is incomplete.
    public func sign(expert id: String, stage: StageID) throws {
        guard let expert = try panel().expert(id) else { throw WorkspaceError("no expert \(id) on the panel") }
        guard expert.stages.contains(stage) else { throw WorkspaceError("\(id) is not on the panel for stage \(stage.rawValue)") }
        let incomplete = try sheetsToSign(expert: expert, stage: stage).filter { $0.done < $0.of }
        guard incomplete.isEmpty else {
            let list = incomplete.prefix(5).map { "\($0.dossier) \($0.done)/\($0.of)" }.joined(separator: ", ")
            throw SheetIncomplete(message: "\(id) cannot sign \(stage.rawValue): \(incomplete.count) sheets are incomplete (\(list)\(incomplete.count > 5 ? ", …" : ""))")
        }
        let now = Workspace.now()
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO signoff (expert, stage, signed_at) VALUES (?, ?, ?)",
                           arguments: [id, stage.rawValue, now])
            try AuditLog.append(db, actor: id, action: "sheet.sign", subject: "\(id)/\(stage.rawValue)", new: now, at: now)
        }
    }

    /// Makes a signed sheet editable again; the reason is kept in the audit log.
    public func reopen(expert id: String, stage: StageID, reason: String, actor: String) throws {
        let now = Workspace.now()
        try write { db in
            guard let signed = try String.fetchOne(db, sql: "SELECT signed_at FROM signoff WHERE expert = ? AND stage = ?",
                                                   arguments: [id, stage.rawValue]) else {
                throw WorkspaceError("the \(stage.rawValue) sheet of \(id) is not signed")
            }
            try db.execute(sql: "DELETE FROM signoff WHERE expert = ? AND stage = ?", arguments: [id, stage.rawValue])
            try AuditLog.append(db, actor: actor, action: "sheet.reopen", subject: "\(id)/\(stage.rawValue)",
                                old: "signed \(signed)", new: reason, at: now)
        }
    }
}

/// One expert's sheets of one stage: how many are complete, and whether they are signed.
public struct SheetProgress: Sendable, Equatable {
    public let expert: String
    public let stage: StageID
    public let complete: Int
    public let required: Int
    public let signed: Bool
}

extension Workspace {
    /// Every expert × stage of the panel, from one reading of the workspace.
    public func panelProgress(_ standings: Standings) throws -> [SheetProgress] {
        let stored = try dossiers()
        let all = try scores()
        let signed = Set(try signOffs().map { "\($0.expert)/\($0.stage.rawValue)" })
        return try panel().experts.flatMap { expert in
            try expert.stages.map { stage in
                let mine = all.filter { $0.expert == expert.id && $0.stage == stage }
                let sheets = try sheetsToSign(expert: expert, stage: stage, standings: standings, stored: stored, mine: mine)
                return SheetProgress(expert: expert.id, stage: stage, complete: sheets.filter { $0.done == $0.of }.count,
                                     required: sheets.count, signed: signed.contains("\(expert.id)/\(stage.rawValue)"))
            }
        }
    }
}

/// Signing was refused because sheets are incomplete: the work found errors (exit 1).
public struct SheetIncomplete: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
