import Foundation
import GRDB
import IIPCore

/// Dossier files that changed after they were imported and scored (SPEC §9): flagged until
/// the chair accepts the change, which the audit log records.
extension Workspace {
    /// Ids of dossiers whose file now hashes differently from the text that was scored, and
    /// whose current hash the chair has not accepted. A file that is gone is not a change.
    public func changedDossiers(of stored: [StoredDossier]? = nil) throws -> Set<String> {
        let accepted = try read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT dossier, sha256 FROM accepted_change").map {
                ($0["dossier"] as String, $0["sha256"] as String)
            })
        }
        // Every file is read and hashed: a thousand of them on every core.
        let changed = try (stored ?? dossiers(withSource: false)).concurrentMap { stored -> String? in
            guard let hash = Workspace.currentHash(of: stored.file), hash != stored.sha256, accepted[stored.id] != hash else { return nil }
            return stored.id
        }
        return Set(changed.compactMap { $0 })
    }

    /// Accepts the current file of `dossier` as it is now; its scores stand.
    public func acceptChange(dossier id: String, reason: String, actor: String) throws {
        guard let stored = try dossiers().first(where: { $0.id == id }) else { throw WorkspaceError.noDossier(id) }
        guard let hash = Workspace.currentHash(of: stored.file), hash != stored.sha256 else {
            throw WorkspaceError("\(id): the file \(stored.file) has not changed since it was imported",
                                 chinese: "\(id)：文件 \(stored.file) 自导入以来没有变化")
        }
        let now = Workspace.now()
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO accepted_change (dossier, sha256, reason, at) VALUES (?, ?, ?, ?)",
                           arguments: [id, hash, reason, now])
            try AuditLog.append(db, actor: actor, action: "dossier.accept-change", subject: id, old: stored.sha256,
                                new: "\(hash) \(reason)", at: now)
        }
    }

    static func currentHash(of file: String) -> String? {
        // A dossier may have come as the 申报书 itself (a Word file, read by intake): the larger
        // limit of the two; a YAML file grown past its own is a change all the same.
        guard case let .success(data) = BoundedFile.read(file, limit: DossierFiles.largestForm) else { return nil }
        return ContentHash.sha256(data)
    }
}
