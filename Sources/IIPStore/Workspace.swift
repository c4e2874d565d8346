import Foundation
import GRDB
import IIPCore

/// Why a workspace operation could not run; the message is one line for the user.
public struct WorkspaceError: Error, Sendable, SaysBothLanguages, CustomStringConvertible {
    public let message: String
    /// The same in Chinese, for the workbench when it speaks Chinese.
    public let chinese: String
    public init(_ message: String, chinese: String) {
        self.message = message
        self.chinese = chinese
    }

    public var description: String { message }
    public var bilingual: Bilingual { Bilingual(message, chinese: chinese) }

    static func noExpert(_ id: String) -> WorkspaceError {
        WorkspaceError("no expert \(id) on the panel", chinese: "专家组中没有专家 \(id)")
    }

    static func noDossier(_ id: String) -> WorkspaceError {
        WorkspaceError("no dossier \(id) in this workspace", chinese: "本工作区没有申报材料 \(id)")
    }

    static func cannotWriteBackup(_ path: String, _ reason: Bilingual) -> WorkspaceError {
        WorkspaceError("\(path): cannot write the backup: \(reason.english)", chinese: "\(path)：无法写入备份（\(reason.chinese)）")
    }
}

/// A dossier as stored in a workspace: the exact text that was reviewed.
public struct StoredDossier: Sendable {
    public let id: String
    /// The path it was imported from, used to look for evidence files.
    public let file: String
    public let source: String
    public let sha256: String
    public let type: PlatformType
    public let platform: String
}

/// A chair's waiver of one compliance error, with the reason that every export shows.
public struct Override: Sendable, Equatable {
    public let dossier: String
    public let code: String
    public let reason: String
    public let at: String
}

/// A workspace: a folder holding `workspace.sqlite`, with the dossiers, the panel, the
/// rubric, every score and the audit log (SPEC §7, §9). Every write is one transaction.
public final class Workspace {
    public static let databaseName = "workspace.sqlite"

    public let folder: String
    /// A pool of connections where the workspace can be written — readers (a backup, the
    /// workbench's reading in the background) never hold up a save — else one read-only
    /// connection.
    let db: any DatabaseWriter
    /// Why nothing can be written here (a read-only disk, no permission), or nil.
    public let readOnlyReason: Bilingual?
    private let rubricLock = NSLock()
    private var parsedRubric: Rubric?
    /// SQLite's `data_version` when `changedElsewhere` last looked.
    private var seenDataVersion: Int?
    private let dataVersionLock = NSLock()

    private init(folder: String, db: any DatabaseWriter, readOnlyReason: Bilingual? = nil) {
        self.folder = folder
        self.db = db
        self.readOnlyReason = readOnlyReason
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        // A second instance waits briefly for a write lock instead of failing at once.
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            // A pool's readers are read-only; its writer sets the journal mode.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }

    // MARK: - Create and open

    /// Opens the workspace in `folder`.
    public static func open(_ folder: String) throws -> Workspace {
        let path = (folder as NSString).appendingPathComponent(databaseName)
        guard FileManager.default.fileExists(atPath: path) else {
            throw WorkspaceError("\(folder): not a workspace (no \(databaseName)); make one with 'iipeval init'",
                                 chinese: "\(folder)：不是工作区（没有 \(databaseName)）；请用 iipeval init 建立")
        }
        // A workspace on a read-only disk (or without write permission) is opened to be read.
        let unwritable = Disk.unwritable(folder: folder, file: path)
        let readOnlyReason = unwritable?.bilingual
        do {
            let queue: any DatabaseWriter
            if let unwritable {
                queue = try openReadOnly(path, because: unwritable)
            } else {
                queue = try DatabasePool(path: path, configuration: configuration())
            }
            // Never write a schema into some other SQLite file that happens to have the name.
            guard try queue.read({ try $0.tableExists("meta") && $0.tableExists("grdb_migrations") }) else {
                throw WorkspaceError("\(path) is not an iipeval workspace database", chinese: "\(path) 不是 iipeval 工作区数据库")
            }
            if let readOnlyReason {
                guard try queue.read({ try Schema.migrator.hasCompletedMigrations($0) }) else {
                    throw WorkspaceError("\(folder): the workspace was made by an older iipeval and must be updated once, "
                                         + "which needs it to be writable (\(readOnlyReason.english))",
                                         chinese: "\(folder)：工作区由旧版 iipeval 建立，须更新一次，更新需要可写入（\(readOnlyReason.chinese)）")
                }
            } else {
                try Schema.migrator.migrate(queue)
            }
            let workspace = Workspace(folder: folder, db: queue, readOnlyReason: readOnlyReason)
            _ = try workspace.meta("rubric")
            return workspace
        } catch let error as WorkspaceError {
            throw error
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            throw Workspace.damaged(folder, Workspace.describe(error))
        } catch {
            // Say what is wrong with the disk when that is why (a full disk cannot even hold
            // SQLite's shared-memory file): "disk I/O error" alone does not tell.
            let disk = Disk.problem(folder: folder)
            let reason = Workspace.describe(error)
            throw WorkspaceError("\(path): cannot open the workspace database: \(reason.english)" + (disk.map { "; \($0.english)" } ?? ""),
                                 chinese: "\(path)：无法打开工作区数据库（\(reason.chinese)）" + (disk.map { "；\($0.chinese)" } ?? ""))
        }
    }

    /// Opens a database this process may not write. On a read-only disk SQLite cannot
    /// make the shared-memory file it reads a WAL database with, and nothing can change the
    /// file, so it is read as it stands (`immutable`) — its whole content only when no
    /// change waits in the WAL. Without permission only, others may still write it, so it
    /// is opened read-only the usual way (which needs the shared-memory file to exist).
    /// SQLite names are URIs here: Debian builds it with SQLITE_USE_URI.
    private static func openReadOnly(_ path: String, because reason: Disk.Unwritable) throws -> DatabaseQueue {
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        var config = Configuration()
        config.readonly = true
        var url = URLComponents()
        url.scheme = "file"
        url.path = path
        switch reason {
        case .readOnlyDisk:
            guard wal == 0 else {
                throw WorkspaceError("\(path): \(reason), and its last changes are still in \(databaseName)-wal; "
                                     + "open it once where it can be written",
                                     chinese: "\(path)：\(reason.bilingual.chinese)，而最后的更改还在 \(databaseName)-wal 中；请在可写入的地方打开一次")
            }
            url.queryItems = [URLQueryItem(name: "immutable", value: "1")]
        case .noPermission:
            url.queryItems = [URLQueryItem(name: "mode", value: "ro")]
        }
        guard let name = url.string else { throw WorkspaceError("\(path): cannot be named to SQLite", chinese: "\(path)：无法交给 SQLite 打开") }
        do {
            return try DatabaseQueue(path: name, configuration: config)
        } catch {
            throw WorkspaceError("\(path): \(reason); even to read it, SQLite must write a file beside it "
                                 + "(\(databaseName)-shm): ask for write access to the folder, or copy the workspace",
                                 chinese: "\(path)：\(reason.bilingual.chinese)；即使只读，SQLite 也须在旁边写一个文件（\(databaseName)-shm）："
                                     + "请取得该文件夹的写入权限，或复制工作区")
        }
    }

    /// Makes a new workspace in `folder` (which must not hold one yet). The database is
    /// built beside its final name and renamed into place, so a failure leaves nothing
    /// half-made behind.
    public static func create(_ folder: String, dossiers: [LoadedDossier], panel: Panel?, panelText: String?,
                              rubric: Rubric) throws -> Workspace {
        let fm = FileManager.default
        let final = (folder as NSString).appendingPathComponent(databaseName)
        if fm.fileExists(atPath: final) { throw WorkspaceError("\(folder) already holds a workspace", chinese: "\(folder) 中已有工作区") }
        var isDirectory: ObjCBool = false
        let existed = fm.fileExists(atPath: folder, isDirectory: &isDirectory)
        if existed, !isDirectory.boolValue { throw WorkspaceError("\(folder) is a file, not a folder", chinese: "\(folder) 是文件，不是文件夹") }
        do {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            let reason = Bilingual(error)
            throw WorkspaceError("\(folder): cannot create the folder: \(reason.english)", chinese: "\(folder)：无法建立文件夹（\(reason.chinese)）")
        }
        let temporary = (folder as NSString).appendingPathComponent(".\(databaseName).creating-\(getpid())")
        func cleanUp() {
            for suffix in ["", "-wal", "-shm"] { unlink(temporary + suffix) }
            // Only the empty folder this made: rmdir leaves anything put there meanwhile.
            if !existed { rmdir(folder) }
        }
        do {
            let queue = try DatabaseQueue(path: temporary, configuration: configuration())
            try Schema.migrator.migrate(queue)
            try queue.write { db in
                try fill(db, dossiers: dossiers, panel: panel, panelText: panelText, rubric: rubric)
                try KeptFacts.record(db, loaded: dossiers)
            }
            try queue.close()
            try fm.moveItem(atPath: temporary, toPath: final)
        } catch {
            cleanUp()
            let reason = describe(error)
            throw WorkspaceError("\(folder): cannot create the workspace: \(reason.english)", chinese: "\(folder)：无法建立工作区（\(reason.chinese)）")
        }
        return try open(folder)
    }

    private static func fill(_ db: Database, dossiers: [LoadedDossier], panel: Panel?, panelText: String?, rubric: Rubric) throws {
        let now = Workspace.now()
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('rubric', ?), ('created', ?), ('panel', ?), ('chair', ?)",
                       arguments: [rubric.sourceText, now, panelText ?? "", panel?.chair ?? ""])
        for loaded in dossiers {
            guard let dossier = loaded.dossier, let id = dossier.id, let type = dossier.platform.type,
                  let text = loaded.text, let hash = loaded.sha256 else { continue }
            let absolute = URL(fileURLWithPath: loaded.file).standardizedFileURL.path
            try db.execute(sql: "INSERT INTO dossier (id, file, source, sha256, type, platform) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [id, absolute, text, hash, type.rawValue, dossier.platform.name ?? ""])
            try AuditLog.append(db, actor: "chair", action: "dossier.import", subject: id, new: hash, at: now)
        }
        for expert in panel?.experts ?? [] {
            try db.execute(sql: "INSERT INTO expert (id, name, affiliation, stages, conflicts) VALUES (?, ?, ?, ?, ?)",
                           arguments: [expert.id, expert.name, expert.affiliation,
                                       expert.stages.map(\.rawValue).joined(separator: ","), expert.conflicts.joined(separator: ",")])
            try AuditLog.append(db, actor: "chair", action: "expert.add", subject: expert.id, new: ExpertRecord(expert).auditText, at: now)
            if let key = expert.key {
                try TrustedKeys.trust(db, expert: expert.id, key, source: .panelFile, reason: TrustedKeys.panelFileReason, actor: "chair", at: now)
            }
        }
    }

    // MARK: - Reading

    func meta(_ key: String) throws -> String {
        guard let value = try read({ try String.fetchOne($0, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }) else {
            throw WorkspaceError("\(folder): the workspace database has no \(key); it is damaged or not made by iipeval",
                                 chinese: "\(folder)：工作区数据库中没有 \(key)；已损坏或不是 iipeval 建立的")
        }
        return value
    }

    /// The workspace's rubric, as stored when it was made.
    public func rubric() throws -> Rubric {
        // A workspace's rubric never changes: read and parsed once (every save needs it).
        rubricLock.lock()
        defer { rubricLock.unlock() }
        if let parsed = parsedRubric { return parsed }
        let text = try meta("rubric")
        do {
            let rubric = try RubricCache.rubric(text, file: "\(folder) rubric")
            parsedRubric = rubric
            return rubric
        } catch {
            throw WorkspaceError("\(folder): the stored rubric is invalid: \(error)", chinese: "\(folder)：所存评价方法无效：\(Bilingual(error).chinese)")
        }
    }

    /// The panel, with each expert's declared conflicts added to the panel file's.
    public func panel() throws -> Panel {
        try read { try Workspace.panel($0) }
    }

    static func panel(_ db: Database) throws -> Panel {
        let chair = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'chair'") ?? ""
        let experts = try Row.fetchAll(db, sql: """
            SELECT expert.*, declaration.conflicts AS declared, trusted_key.fingerprint AS key FROM expert
            LEFT JOIN declaration ON declaration.expert = expert.id
            LEFT JOIN trusted_key ON trusted_key.expert = expert.id ORDER BY expert.id
            """).map { row in
            let listed = (row["conflicts"] as String).split(separator: ",").map(String.init)
            let declared = ((row["declared"] as String?) ?? "").split(separator: ",").map(String.init)
            return Expert(id: row["id"], name: row["name"], affiliation: row["affiliation"],
                          stages: (row["stages"] as String).split(separator: ",").compactMap { StageID(rawValue: String($0)) },
                          conflicts: listed + declared.filter { !listed.contains($0) },
                          key: (row["key"] as String?).flatMap(KeyFingerprint.init))
        }
        return Panel(chair: chair, experts: experts)
    }

    /// Who counts (SPEC §6), as the workspace stands.
    public func counting() throws -> SheetCounting {
        try read { try Workspace.counting($0) }
    }

    /// Of every dossier, or of `only` those: a single save asks about one.
    static func counting(_ db: Database, only dossiers: Set<String>? = nil) throws -> SheetCounting {
        SheetCounting(panel: try panel(db), dossiers: try KeptFacts.facts(db, only: dossiers))
    }

    /// Whether another process (a score file's import, a sheet signed on the command line)
    /// changed the workspace since the last call; the first call only takes note. SQLite
    /// counts the commits of other connections on the writing one (`PRAGMA data_version`).
    public func changedElsewhere() throws -> Bool {
        let version = try db.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA data_version") } ?? 0
        dataVersionLock.lock()
        defer { dataVersionLock.unlock() }
        defer { seenDataVersion = version }
        return seenDataVersion.map { $0 != version } ?? false
    }

    public func dossiers() throws -> [StoredDossier] {
        try dossiers(withSource: true)
    }

    /// The stored dossiers; without their source text (empty) when only the rest is wanted.
    func dossiers(withSource: Bool) throws -> [StoredDossier] {
        try read { db in
            let source = withSource ? "source" : "'' AS source"
            return try Row.fetchAll(db, sql: "SELECT id, file, \(source), sha256, type, platform FROM dossier ORDER BY id").compactMap { row in
                guard let type = PlatformType(rawValue: row[4]) else { return nil }
                return StoredDossier(id: row[0], file: row[1], source: row[2], sha256: row[3], type: type, platform: row[5])
            }
        }
    }

    /// The compliance check of SPEC §5 run again over the stored dossier texts.
    public func compliance() throws -> [ComplianceReport] {
        try compliance(of: try dossiers())
    }

    /// The same over stored dossiers the caller has already read (with their texts).
    func compliance(of stored: [StoredDossier]) throws -> [ComplianceReport] {
        let catalog = try Rubric.builtIn.get().catalog
        let loader = DossierLoader(catalog: catalog)
        // Parsing is the slow part of opening a large round: every core takes a share.
        let loaded = stored.concurrentMap { loader.load(data: Data($0.source.utf8), file: $0.file) }
        return ComplianceCheck.run(loaded, catalog: catalog)
    }

    public func overrides() throws -> [Override] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM override ORDER BY dossier, code").map {
                Override(dossier: $0["dossier"], code: $0["code"], reason: $0["reason"], at: $0["at"])
            }
        }
    }

    /// Saved scores, optionally of one expert and/or one stage.
    public func scores(expert: String? = nil, stage: StageID? = nil) throws -> [ItemScore] {
        try read { db in
            var sql = "SELECT expert, dossier, stage, item, points, comment FROM score WHERE 1 = 1"
            var arguments: StatementArguments = []
            if let expert { sql += " AND expert = ?"; arguments += [expert] }
            if let stage { sql += " AND stage = ?"; arguments += [stage.rawValue] }
            sql += " ORDER BY expert, dossier, stage, item"
            // Columns by position: a national round has hundreds of thousands of rows.
            var scores: [ItemScore] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                guard let stage = StageID(rawValue: row[2]) else { continue }
                let points: String? = row[4]
                scores.append(ItemScore(expert: row[0], dossier: row[1], stage: stage, item: row[3],
                                        points: points.flatMap { Rational(decimal: $0) }, comment: row[5]))
            }
            return scores
        }
    }

    /// The mean points of every item over the counted sheets (SPEC §6: complete, on the
    /// panel for the stage, no conflict) of the experts other than `expert`, exactly:
    /// points have at most two decimals (the rubric's rule), so SQLite sums them as whole
    /// hundredths. A complete sheet is one with a kept total.
    public func othersMeanPoints(excluding expert: String) throws -> [(dossier: String, stage: StageID, item: String, mean: Rational)] {
        try read { db in
            let counting = try Workspace.counting(db)
            // What never counts, as `expert/stage` and `expert/dossier`: few pairs, said in the query.
            var notOnStage: [String] = []
            var conflicts: [String] = []
            for other in counting.panel.experts where other.id != expert {
                notOnStage += StageID.allCases.filter { !other.stages.contains($0) }.map { "\(other.id)/\($0.rawValue)" }
                conflicts += counting.dossiers.keys.filter { counting.conflict(expert: other.id, dossier: $0) != nil }.map { "\(other.id)/\($0)" }
            }
            var sql = """
                SELECT s.dossier, s.stage, s.item, SUM(CAST(ROUND(s.points * 100) AS INTEGER)), COUNT(s.points) FROM score s
                JOIN sheet_total t ON t.expert = s.expert AND t.dossier = s.dossier AND t.stage = s.stage
                JOIN expert e ON e.id = s.expert
                WHERE s.expert <> ? AND s.points IS NOT NULL AND s.points <> ''
                """
            var arguments: StatementArguments = [expert]
            if !notOnStage.isEmpty {
                sql += " AND s.expert || '/' || s.stage NOT IN (\(Array(repeating: "?", count: notOnStage.count).joined(separator: ",")))"
                arguments += StatementArguments(notOnStage)
            }
            if !conflicts.isEmpty {
                sql += " AND s.expert || '/' || s.dossier NOT IN (\(Array(repeating: "?", count: conflicts.count).joined(separator: ",")))"
                arguments += StatementArguments(conflicts)
            }
            sql += " GROUP BY s.dossier, s.stage, s.item"
            var means: [(dossier: String, stage: StageID, item: String, mean: Rational)] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                let sum: Int64 = row[3], count: Int64 = row[4]
                guard let stage = StageID(rawValue: row[1]), count > 0 else { continue }
                means.append((row[0], stage, row[2], Rational(Int128(sum), Int128(count) * 100)))
            }
            return means
        }
    }

    // MARK: - Writing

    /// Saves `scores` (replacing earlier ones of the same items) in one transaction, with an
    /// audit entry for each change. Each passes the workspace's one gate (`ScoreGate`); with
    /// `shown`, the value a screen showed of each item (by the score's place in `scores`),
    /// a value changed elsewhere since is never overwritten (`ScoreChangedElsewhere`).
    public func save(_ scores: [ItemScore], actor: String, shown: [ShownScore]? = nil) throws {
        let now = Workspace.now()
        let rubric = try self.rubric()
        try write { db in
            let gate = try Workspace.gate(db, rubric: rubric, only: Set(scores.map(\.dossier)))
            for (index, typed) in scores.enumerated() {
                // Line breaks as every path keeps them (an editor may write CR LF).
                let score = ItemScore(expert: typed.expert, dossier: typed.dossier, stage: typed.stage, item: typed.item,
                                      points: typed.points, comment: UntrustedText.lineBreaksNormalised(typed.comment))
                if let refusal = gate.refusals(score).first { throw refusal }
                let old = try Row.fetchOne(db, sql: """
                    SELECT points, comment FROM score WHERE expert = ? AND dossier = ? AND stage = ? AND item = ?
                    """, arguments: [score.expert, score.dossier, score.stage.rawValue, score.item])
                let saved = old.map { ShownScore(points: ($0["points"] as String?).flatMap { Rational(decimal: $0) }, comment: $0["comment"]) }
                if let shown, shown.indices.contains(index), shown[index] != (saved ?? .nothing) {
                    throw ScoreChangedElsewhere(score: score, now: saved ?? .nothing)
                }
                let oldText = old.map { Workspace.auditValue(points: $0["points"], comment: $0["comment"]) }
                let newText = Workspace.auditValue(points: score.points?.description, comment: score.comment)
                guard oldText != newText else { continue }
                try db.execute(sql: """
                    INSERT INTO score (expert, dossier, stage, item, points, comment, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (expert, dossier, stage, item) DO UPDATE SET
                      points = excluded.points, comment = excluded.comment, updated_at = excluded.updated_at
                    """, arguments: [score.expert, score.dossier, score.stage.rawValue, score.item,
                                     score.points?.description, score.comment, now])
                try AuditLog.append(db, actor: actor, action: "score.set",
                                    subject: "\(score.expert)/\(score.dossier)/\(score.stage.rawValue)/\(score.item)",
                                    old: oldText, new: newText, at: now)
            }
            var totals = SheetTotals(db, rubric: rubric)
            try totals.refresh(.sheets(Set(scores.map { SheetTotals.SheetKey(expert: $0.expert, dossier: $0.dossier, stage: $0.stage) })))
        }
    }

    /// Records the chair's waiver of `code` for `dossier`.
    public func addOverride(dossier: String, code: String, reason: String, actor: String) throws {
        let now = Workspace.now()
        try write { db in
            let old = try String.fetchOne(db, sql: "SELECT reason FROM override WHERE dossier = ? AND code = ?", arguments: [dossier, code])
            try db.execute(sql: """
                INSERT INTO override (dossier, code, reason, at) VALUES (?, ?, ?, ?)
                ON CONFLICT (dossier, code) DO UPDATE SET reason = excluded.reason, at = excluded.at
                """, arguments: [dossier, code, reason, now])
            try AuditLog.append(db, actor: actor, action: "override", subject: "\(dossier)/\(code)", old: old, new: reason, at: now)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try db.read(body)
        } catch let error as DatabaseError {
            let reason = Workspace.describe(error)
            throw WorkspaceError("\(folder): cannot read the workspace: \(reason.english)", chinese: "\(folder)：无法读取工作区（\(reason.chinese)）")
        }
    }

    /// Runs `body` in one transaction. Without `foreignKeysChecked` SQLite does not check
    /// each row's expert and dossier; the caller checks them itself (a score file's import).
    func write(foreignKeysChecked: Bool = true, _ body: (Database) throws -> Void) throws {
        if let readOnlyReason {
            throw WorkspaceError("\(folder): \(readOnlyReason.english); nothing was saved", chinese: "\(folder)：\(readOnlyReason.chinese)；未保存任何内容")
        }
        do {
            if foreignKeysChecked {
                try db.write(body)
            } else {
                try db.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA foreign_keys = OFF")
                    let outcome = Result { try db.inTransaction { try body(db); return .commit } }
                    // Never go on without them: a transaction left open (a failed rollback
                    // on a full disk) keeps the pragma from taking, and then this says so.
                    try db.execute(sql: "PRAGMA foreign_keys = ON")
                    guard try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") == true else {
                        var cause: Bilingual?
                        if case let .failure(error) = outcome { cause = Workspace.describe(error) }
                        throw WorkspaceError("\(folder): the database's foreign-key checks could not be turned back on"
                                             + (cause.map { " after: \($0.english)" } ?? "") + "; run the command again",
                                             chinese: "\(folder)：数据库的外键检查未能重新开启" + (cause.map { "（起因：\($0.chinese)）" } ?? "") + "；请重新运行命令")
                    }
                    try outcome.get()
                }
            }
        } catch let error as DatabaseError {
            let reason = Workspace.describe(error)
            throw WorkspaceError("\(folder): nothing was saved: \(reason.english)", chinese: "\(folder)：未保存任何内容（\(reason.chinese)）")
        }
    }

    // MARK: - Helpers

    /// How a score's audit entry writes a value; `AuditReplay` reads it back.
    static func auditValue(points: String?, comment: String) -> String {
        "points=\(points ?? "") comment=\(comment)"
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    /// Whether `text` is a time as `now()` writes it (a record read from a file must be).
    static func isTimestamp(_ text: String) -> Bool {
        ISO8601DateFormatter().date(from: text) != nil
    }

    /// SQLite's reason in words a user can act on, in both languages.
    static func describe(_ error: Error) -> Bilingual {
        guard let db = error as? DatabaseError else { return Bilingual(error) }
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return Bilingual("the workspace is busy in another iipeval; try again when it is done", chinese: "工作区正被另一个 iipeval 使用；请待其完成后重试")
        case .SQLITE_FULL: return Bilingual("the disk is full", chinese: "磁盘已满")
        case .SQLITE_READONLY, .SQLITE_PERM: return Bilingual("the database cannot be written (permissions?)", chinese: "数据库无法写入（权限？）")
        case .SQLITE_CANTOPEN: return Bilingual("the database file cannot be opened", chinese: "数据库文件无法打开")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return Bilingual("the file is not a valid workspace database", chinese: "该文件不是有效的工作区数据库")
        case .SQLITE_IOERR: return Bilingual("disk I/O error", chinese: "磁盘读写错误")
        default:
            let english = db.message ?? "\(db.resultCode)"
            return Bilingual(english, chinese: "数据库错误：\(english)")
        }
    }
}
