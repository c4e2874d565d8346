import Foundation
import GRDB
import IIPCore

/// The append-only, hash-chained record of every change (SPEC §9): each entry's hash covers
/// its fields and the previous entry's hash, so an edited or deleted entry breaks the chain.
public enum AuditLog {
    public static let genesis = String(repeating: "0", count: 64)

    /// Appends one entry inside the caller's transaction, and moves the kept head to it.
    static func append(_ db: Database, actor: String, action: String, subject: String,
                       old: String? = nil, new: String? = nil, at: String) throws {
        let previous = try String.fetchOne(db, sql: "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1") ?? genesis
        let hash = entryHash(previous: previous, at: at, actor: actor, action: action, subject: subject, old: old, new: new)
        try db.execute(sql: """
            INSERT INTO audit (at, actor, action, subject, old, new, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [at, actor, action, subject, old, new, previous, hash])
        try recordHead(db)
    }

    /// Keeps the log's head (its last entry's number and hash) beside the log, written in
    /// the same transaction as every entry: entries cut from the end no longer reach it.
    static func recordHead(_ db: Database) throws {
        let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
            .map { AuditHead(entries: $0["seq"], hash: $0["hash"]) } ?? AuditHead(entries: 0, hash: genesis)
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?)", arguments: [head.text])
    }

    public static func entryHash(previous: String, at: String, actor: String, action: String, subject: String,
                          old: String?, new: String?) -> String {
        // Fields are length-prefixed so that no two different entries hash the same text.
        let fields = [previous, at, actor, action, subject, old ?? "\u{0}", new ?? "\u{0}"]
        return ContentHash.sha256(fields.map { "\($0.utf8.count):\($0)" }.joined())
    }
}

/// Where the audit log ends: how many entries, and the last one's hash. Printed on every
/// exported document, so that a paper copy anchors the log: a later log must still hold
/// that very entry.
public struct AuditHead: Sendable, Equatable, CustomStringConvertible {
    public let entries: Int
    public let hash: String

    public init(entries: Int, hash: String) {
        self.entries = entries
        self.hash = hash
    }

    /// `1234:9f3a1b2c…` as kept and as `audit --verify --anchor` reads it.
    var text: String { "\(entries):\(hash)" }

    init?(text: String) {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let entries = Int(parts[0]), entries >= 0 else { return nil }
        self.init(entries: entries, hash: String(parts[1]).lowercased())
    }

    /// What a printed document says: the count and the hash's first 16 digits.
    public var description: String { "\(entries) entries, head \(hash.prefix(16))" }

    /// `entries:hash-prefix`: what a person types back from a printed page.
    public var anchor: String { "\(entries):\(hash.prefix(16))" }
}

/// One entry of the audit log.
public struct AuditEntry: Sendable, Equatable {
    public let seq: Int
    public let at: String
    public let actor: String
    public let action: String
    public let subject: String
    public let old: String?
    public let new: String?
    public let prevHash: String
    public let hash: String

    /// Where the chain breaks at this entry, given the hash of the entry before it; nil
    /// when the entry is intact.
    func problem(after previous: String) -> Bilingual? {
        if prevHash != previous {
            return Bilingual("its link to the entry before does not match (an entry was removed, reordered or edited)",
                             chinese: "与上一条记录的链接不符（有记录被删除、调换或修改）")
        }
        let expected = AuditLog.entryHash(previous: prevHash, at: at, actor: actor, action: action, subject: subject, old: old, new: new)
        return hash == expected ? nil : Bilingual("its content does not match its hash (the entry was edited)", chinese: "内容与其哈希不符（记录被修改）")
    }
}

extension AuditLog {
    /// The first entry where the chain breaks, with the reason, or nil when it is intact.
    public static func firstBreak(_ entries: [AuditEntry]) -> (entry: AuditEntry, reason: Bilingual)? {
        var previous = genesis
        for entry in entries {
            if let reason = entry.problem(after: previous) { return (entry, reason) }
            previous = entry.hash
        }
        return nil
    }
}

extension Workspace {
    /// The log's head now.
    public func auditHead() throws -> AuditHead {
        try read { try AuditLog.head($0) }
    }

    /// The audit log, oldest first.
    public func auditEntries() throws -> [AuditEntry] {
        try read { try AuditLog.entries($0) }
    }
}

extension AuditLog {
    static func head(_ db: Database) throws -> AuditHead {
        try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
            .map { AuditHead(entries: $0["seq"], hash: $0["hash"]) } ?? AuditHead(entries: 0, hash: genesis)
    }

    static func entries(_ db: Database) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY seq").map {
            AuditEntry(seq: $0["seq"], at: $0["at"], actor: $0["actor"], action: $0["action"], subject: $0["subject"],
                       old: $0["old"], new: $0["new"], prevHash: $0["prev_hash"], hash: $0["hash"])
        }
    }
}

extension AuditEntry {
    /// A `name=value` field of the entry's new value (`sha256=…`, `revision=…`), or nil.
    func field(_ name: String) -> String? {
        new.flatMap { AuditEntry.field(name, in: $0) }
    }

    /// The word after `name` in the entry's new value (`revision 2`, `key 9f3a…`), or nil.
    func word(after name: String) -> String? {
        new.flatMap { AuditEntry.word(after: name, in: $0) }
    }

    static func field(_ name: String, in text: String) -> String? {
        text.split(separator: " ").first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
    }

    static func word(after name: String, in text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        return words.firstIndex(of: name).flatMap { words.indices.contains($0 + 1) ? words[$0 + 1] : nil }
    }
}
