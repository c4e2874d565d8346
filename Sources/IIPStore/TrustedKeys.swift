import GRDB
import IIPCore

/// The signing key this workspace trusts for each expert (SPEC §9): a sheet file counts as
/// the expert's only when it is signed with it. It comes from the panel file (`key:`) or
/// from the chair (`iipeval key trust`, with a reason: a new expert's key, a lost laptop's
/// replacement) — never from the first sheet that happens to arrive.
public struct TrustedKey: Sendable, Equatable {
    public enum Source: String, Sendable {
        case panelFile = "panel"
        case chair
        /// Pinned at the first sheet import by an iipeval before keys were trusted explicitly.
        case firstImport = "first-import"
    }

    public let expert: String
    public let fingerprint: KeyFingerprint
    public let source: Source
    public let reason: String
    public let at: String
}

enum TrustedKeys {
    /// The reason recorded for a key the panel file gives.
    static let panelFileReason = "the panel file"

    static func trusted(_ db: Database, expert: String) throws -> TrustedKey? {
        try Row.fetchOne(db, sql: "SELECT * FROM trusted_key WHERE expert = ?", arguments: [expert]).flatMap(key)
    }

    static func all(_ db: Database) throws -> [TrustedKey] {
        try Row.fetchAll(db, sql: "SELECT * FROM trusted_key ORDER BY expert").compactMap(key)
    }

    private static func key(_ row: Row) -> TrustedKey? {
        guard let fingerprint = KeyFingerprint(row["fingerprint"]) else { return nil }
        return TrustedKey(expert: row["expert"], fingerprint: fingerprint, source: TrustedKey.Source(rawValue: row["source"]) ?? .chair,
                          reason: row["reason"], at: row["at"])
    }

    /// Trusts `fingerprint` for `expert` from now on, in place of any key before; audited.
    static func trust(_ db: Database, expert: String, _ fingerprint: KeyFingerprint, source: TrustedKey.Source, reason: String,
                      actor: String, at: String) throws {
        let old = try trusted(db, expert: expert)
        try db.execute(sql: """
            INSERT INTO trusted_key (expert, fingerprint, source, reason, at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (expert) DO UPDATE SET fingerprint = excluded.fingerprint, source = excluded.source,
              reason = excluded.reason, at = excluded.at
            """, arguments: [expert, fingerprint.hex, source.rawValue, reason, at])
        try AuditLog.append(db, actor: actor, action: "key.trust", subject: expert, old: old.map { $0.fingerprint.hex },
                            new: "\(fingerprint.hex) (\(source.rawValue)) \(reason)", at: at)
    }
}

extension Workspace {
    public func trustedKey(expert: String) throws -> TrustedKey? {
        try read { try TrustedKeys.trusted($0, expert: expert) }
    }

    public func trustedKeys() throws -> [TrustedKey] {
        try read { try TrustedKeys.all($0) }
    }

    /// The chair trusts `fingerprint` as `expert`'s key (or replaces the one trusted before).
    public func trustKey(expert: String, fingerprint: KeyFingerprint, reason: String, actor: String) throws {
        let now = Workspace.now()
        try write { db in
            guard try Workspace.panel(db).expert(expert) != nil else { throw WorkspaceError.noExpert(expert) }
            if try TrustedKeys.trusted(db, expert: expert)?.fingerprint == fingerprint {
                throw WorkspaceError("\(fingerprint) is already the key trusted for \(expert)",
                                     chinese: "\(fingerprint) 已是 \(expert) 受信任的密钥")
            }
            try TrustedKeys.trust(db, expert: expert, fingerprint, source: .chair, reason: reason, actor: actor, at: now)
        }
    }
}
