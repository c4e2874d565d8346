import Foundation
import GRDB
import IIPCore
#if canImport(Glibc)
import Glibc
#endif

/// One workbench per expert and workspace may write: the first holds an advisory lock on
/// `<workspace>/.iipeval-<expert>.lock` for as long as it runs (the kernel drops it when
/// the process ends, however it ends); a second one opens read-only.
public final class ExpertLock {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The lock, or nil when another workbench of `expert` holds it.
    public static func acquire(workspace folder: String, expert: String) -> ExpertLock? {
        let path = (folder as NSString).appendingPathComponent(".iipeval-\(expert).lock")
        guard Expert.isValidID(expert) else { return nil }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        // A folder where no lock file can be made cannot be written either: read-only.
        guard descriptor >= 0 else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return ExpertLock(descriptor: descriptor)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

extension Workspace {
    /// Where the rolling backups are kept.
    public var backupFolder: String { Workspace.backupFolder(of: folder) }

    static func backupFolder(of folder: String) -> String { (folder as NSString).appendingPathComponent("backups") }

    /// The backups, oldest first.
    public func backups() -> [String] {
        Workspace.backups(in: folder)
    }

    /// The backups of the workspace in `folder`, oldest first (none when the folder cannot be read).
    static func backups(in folder: String) -> [String] {
        let backupFolder = self.backupFolder(of: folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: backupFolder)) ?? []
        return names.filter { $0.hasPrefix("workspace-") && $0.hasSuffix(".sqlite") }.sorted()
            .map { (backupFolder as NSString).appendingPathComponent($0) }
    }

    /// Half-written backups of workbenches that were killed while writing them.
    private func removePartialBackupsOfEndedProcesses() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: backupFolder)) ?? [] where name.hasPrefix(".partial-") {
            let pid = pid_t(name.dropFirst(".partial-".count).prefix { $0.isNumber }) ?? 0
            if pid > 0, kill(pid, 0) == 0 || errno != ESRCH { continue }
            unlink((backupFolder as NSString).appendingPathComponent(name))
        }
    }

    /// SQLite's quick check of every page; a damaged database is refused with a pointer
    /// to the newest backup, which was checked before it was made.
    public func checkIntegrity() throws {
        let verdict: [String]
        do {
            verdict = try db.read { try String.fetchAll($0, sql: "PRAGMA quick_check") }
        } catch {
            throw damaged(Workspace.describe(error))
        }
        guard verdict == ["ok"] else {
            let lines = verdict.flatMap { $0.split(separator: "\n") }.map(String.init).filter { !$0.hasPrefix("***") }
            let detail = lines.prefix(2).joined(separator: "; ")
            throw damaged(Bilingual(detail, chinese: detail))
        }
    }

    private func damaged(_ detail: Bilingual) -> WorkspaceError {
        Workspace.damaged(folder, detail)
    }

    /// A damaged database, said with the way back: the newest backup.
    static func damaged(_ folder: String, _ detail: Bilingual) -> WorkspaceError {
        let backup = backups(in: folder).last
        let pointer = backup.map {
            "the last good backup is \($0): keep the damaged file aside and copy the backup to \(Workspace.databaseName) to go on from it"
        } ?? "there is no backup yet"
        let pointerChinese = backup.map { "最近的完好备份是 \($0)：请把损坏的文件另存一边，再把备份复制为 \(Workspace.databaseName) 继续" } ?? "尚无备份"
        let path = (folder as NSString).appendingPathComponent(Workspace.databaseName)
        return WorkspaceError("\(path): the workspace database is damaged (\(detail.english)); \(pointer)",
                              chinese: "\(path)：工作区数据库已损坏（\(detail.chinese)）；\(pointerChinese)")
    }

    /// A consistent copy of the workspace (checked first), keeping the newest `keep`.
    /// Returns the new backup's path.
    @discardableResult
    public func backUp(keep: Int = 5) throws -> String {
        if let readOnlyReason {
            throw WorkspaceError("\(folder): \(readOnlyReason.english); no backup was made", chinese: "\(folder)：\(readOnlyReason.chinese)；未做备份")
        }
        try checkIntegrity()
        do {
            try FileManager.default.createDirectory(atPath: backupFolder, withIntermediateDirectories: true)
        } catch {
            let reason = Bilingual(error)
            throw WorkspaceError("\(backupFolder): cannot make the backup folder: \(reason.english)", chinese: "\(backupFolder)：无法建立备份文件夹（\(reason.chinese)）")
        }
        let stamp = Workspace.now().replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        // Names sort in the order the backups were made: within one second, numbered on
        // from the highest number there (never reusing one that was pruned).
        let prefix = "workspace-\(stamp)-"
        let taken = backups().map { ($0 as NSString).lastPathComponent }.filter { $0.hasPrefix(prefix) }
            .compactMap { Int($0.dropFirst(prefix.count).prefix { $0.isNumber }) }
        let path = (backupFolder as NSString).appendingPathComponent(prefix + String(format: "%03d", (taken.max() ?? 0) + 1) + ".sqlite")
        // Written under a name no listing takes and renamed when whole: a workbench killed
        // while it writes (it runs beside the expert's work) leaves no half backup to point to.
        let partial = (backupFolder as NSString).appendingPathComponent(".partial-\(getpid()).sqlite")
        removePartialBackupsOfEndedProcesses()
        // One left under this process's number is from an ended process that had it before.
        unlink(partial)
        do {
            // On a reader of its own: the expert's saves go on meanwhile.
            try db.unsafeRead { try $0.execute(sql: "VACUUM INTO ?", arguments: [partial]) }
        } catch {
            unlink(partial)
            throw WorkspaceError.cannotWriteBackup(path, Workspace.describe(error))
        }
        guard rename(partial, path) == 0 else {
            let reason = Bilingual.system(errno)
            unlink(partial)
            throw WorkspaceError.cannotWriteBackup(path, reason)
        }
        // unlink: a file only — whatever else may sit there under such a name is left alone.
        for old in backups().dropLast(keep) { unlink(old) }
        return path
    }
}
