import Foundation
import IIPCore
#if canImport(Glibc)
import Glibc
#endif

/// What the disk a workspace is on allows, said in words: SQLite's own errors for a full or
/// read-only disk ("disk I/O error", "unable to open database file") do not say why.
enum Disk {
    /// Why a workspace cannot be written.
    enum Unwritable: CustomStringConvertible {
        /// Nothing can change it: the whole disk is read-only.
        case readOnlyDisk
        /// This user may not write it; others may, while it is read.
        case noPermission(String)

        var description: String { bilingual.english }

        var bilingual: Bilingual {
            switch self {
            case .readOnlyDisk: return Bilingual("the disk it is on is read-only", chinese: "所在磁盘只读")
            case let .noPermission(path): return Bilingual("you may not write to \(path) (permissions)", chinese: "没有写入 \(path) 的权限")
            }
        }
    }

    /// Why `file` in `folder` cannot be written, or nil when it can. SQLite writes beside
    /// its file (the WAL and shared-memory files), so the folder must be writable too.
    static func unwritable(folder: String, file: String) -> Unwritable? {
        for path in [folder, file] where access(path, W_OK) != 0 {
            return errno == EROFS ? .readOnlyDisk : .noPermission(path)
        }
        return nil
    }

    /// What is wrong with the disk holding `folder` for writing — read-only, or full —
    /// or nil when nothing is.
    static func problem(folder: String) -> Bilingual? {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return nil }
        if info.f_flag & UInt(ST_RDONLY) != 0 { return Unwritable.readOnlyDisk.bilingual }
        let free = Int(info.f_bavail) * Int(info.f_frsize)
        guard free < 1 << 20 else { return nil }
        return Bilingual("the disk it is on is full (\(free >> 10) KB free): free some space and try again; nothing was changed",
                         chinese: "所在磁盘已满（剩余 \(free >> 10) KB）：请腾出空间后重试；没有任何改动")
    }
}
