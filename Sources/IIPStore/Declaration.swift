import Foundation
import GRDB
import IIPCore

/// An expert's integrity pledge and conflict declaration (诚信承诺与回避声明, SPEC §7).
public struct Declaration: Sendable, Equatable {
    public let expert: String
    public let at: String
    public let conflicts: [String]
}

extension Workspace {
    public func declaration(expert: String) throws -> Declaration? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM declaration WHERE expert = ?", arguments: [expert]).map {
                Declaration(expert: $0["expert"], at: $0["at"], conflicts: ($0["conflicts"] as String).split(separator: ",").map(String.init))
            }
        }
    }

    /// Records the pledge with the declared conflicts, which then act like the panel file's.
    /// A conflict once declared stays declared (SPEC §6: whenever it was declared, the sheet
    /// never counts): a new declaration adds to the earlier ones.
    public func declare(expert: String, conflicts: [String]) throws {
        guard try panel().expert(expert) != nil else { throw WorkspaceError.noExpert(expert) }
        let known = Set(try dossiers().map(\.id))
        if let unknown = conflicts.first(where: { !known.contains($0) }) { throw WorkspaceError.noDossier(unknown) }
        let now = Workspace.now()
        try write { db in
            let old = try String.fetchOne(db, sql: "SELECT conflicts FROM declaration WHERE expert = ?", arguments: [expert])
            let earlier = (old ?? "").split(separator: ",").map(String.init)
            let list = Set(earlier + conflicts).sorted().joined(separator: ",")
            try db.execute(sql: "INSERT OR REPLACE INTO declaration (expert, at, conflicts) VALUES (?, ?, ?)", arguments: [expert, now, list])
            try AuditLog.append(db, actor: expert, action: "declare", subject: expert,
                                old: old.map { "conflicts: \($0)" }, new: "pledge signed; conflicts: \(list.isEmpty ? "none" : list)", at: now)
        }
    }
}
