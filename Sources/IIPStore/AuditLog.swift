import Foundation
import GRDB
import IIPCore

/// The append-only, hash-chained record of every change (SPEC §9): each entry's hash covers
/// its fields and the previous entry's hash, so an edited or deleted entry breaks the chain.
enum AuditLog {
    static let genesis = String(repeating: "0", count: 64)

    /// Appends one entry inside the caller's transaction.
    static func append(_ db: Database, actor: String, action: String, subject: String,
                       old: String? = nil, new: String? = nil, at: String) throws {
        let previous = try String.fetchOne(db, sql: "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1") ?? genesis
        let hash = entryHash(previous: previous, at: at, actor: actor, action: action, subject: subject, old: old, new: new)
        try db.execute(sql: """
            INSERT INTO audit (at, actor, action, subject, old, new, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [at, actor, action, subject, old, new, previous, hash])
    }

    static func entryHash(previous: String, at: String, actor: String, action: String, subject: String,
                          old: String?, new: String?) -> String {
        // Fields are length-prefixed so that no two different entries hash the same text.
        let fields = [previous, at, actor, action, subject, old ?? "\u{0}", new ?? "\u{0}"]
        return ContentHash.sha256(fields.map { "\($0.utf8.count):\($0)" }.joined())
    }
}
