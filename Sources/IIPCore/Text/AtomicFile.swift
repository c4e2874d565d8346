import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Files written beside their place and renamed into it: a failure (a missing folder, a full
/// disk, a crash) never leaves half a document, and an old one stays whole until the new one
/// is complete.
///
/// Nothing here deletes or replaces a folder, and nothing writes through a link: a folder
/// standing where a file is to go is refused, and `replace` (a command's `--force`) replaces
/// a regular file, or a link itself, by renaming over it. The temporary file is created
/// exclusively under a name no one can guess and never through a link, so a link planted
/// beside the target cannot turn the write elsewhere.
public enum AtomicFile {
    public struct Failure: Error, SaysBothLanguages, CustomStringConvertible {
        public enum Kind: Sendable {
            /// A file is there: `replace` (`--force`, or the workbench's confirmation) answers it.
            case exists
            /// What is there is never replaced: a folder, a device, a pipe.
            case refused
            /// The write itself failed: a missing folder, no permission, a full disk.
            case failed
        }

        public let kind: Kind
        public let description: String
        /// The same in Chinese, for the commands and the workbench when they speak it (the
        /// system's own reason, a full disk or no permission, as the system says it).
        public let chinese: String

        public init(_ kind: Kind, _ description: String, chinese: String) {
            self.kind = kind
            self.description = description
            self.chinese = chinese
        }

        public var bilingual: Bilingual { Bilingual(description, chinese: chinese) }
    }

    /// What stands at a path, the last link not followed.
    public enum Place: Sendable, Equatable {
        case nothing, file, link, folder, other
    }

    public static func place(_ path: String) -> Place {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .nothing }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFLNK: return .link
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    /// Refuses a place a file cannot be written to: a folder or a special file whatever
    /// `replace` says; a file or a link unless `replace`. Checked before the work of making
    /// the document, and again by the rename itself, which never replaces a folder.
    public static func check(_ path: String, replace: Bool) throws {
        switch place(path) {
        case .nothing: return
        case .folder: throw Failure(.refused, "\(path) is a folder; a folder is never replaced: give the name of a file in it",
                                     chinese: "\(path) 是文件夹；文件夹从不被替换：请给出其中一个文件的名字")
        case .other: throw Failure(.refused, "\(path) is not a regular file; it is never replaced", chinese: "\(path) 不是普通文件，从不被替换")
        case .file, .link:
            if !replace { throw Failure(.exists, "\(path) exists; add --force to replace it", chinese: "\(path) 已存在；加 --force 替换它") }
        }
    }

    public static func write(_ data: Data, to path: String, replace: Bool) throws {
        try check(path, replace: replace)
        try rename(try temporaryCopy(of: data, beside: path), to: path)
    }

    public static func write(_ text: String, to path: String, replace: Bool) throws {
        try write(Data(text.utf8), to: path, replace: replace)
    }

    /// For a writer that takes a path (libxlsxwriter): `body` writes the file at the path it
    /// is given, in a folder made for it alone beside `path` (mode 0700, so no one else can
    /// put a link there); the file is renamed into place and the emptied folder removed.
    public static func write(to path: String, replace: Bool, by body: (String) throws -> Void) throws {
        try check(path, replace: replace)
        var template = Array(temporaryName(for: path, suffix: "XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw cannotWrite(path, errno) }
        let folder = String(cString: made)
        let file = folder + "/" + URL(fileURLWithPath: path).lastPathComponent
        defer { rmdir(folder) }
        do {
            try body(file)
            let descriptor = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            let synced = descriptor >= 0 && fsync(descriptor) == 0
            let code = errno
            if descriptor >= 0 { close(descriptor) }
            guard synced else { throw cannotWrite(path, code) }
            try rename(file, to: path)
        } catch {
            unlink(file)
            throw error
        }
    }

    /// Renames a finished temporary file onto `path`; the rename replaces a file or a link
    /// itself, and fails on a folder.
    private static func rename(_ temporary: String, to path: String) throws {
        guard Glibc.rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw code == EISDIR ? Failure(.refused, "\(path) is a folder; a folder is never replaced", chinese: "\(path) 是文件夹；文件夹从不被替换")
                : cannotWrite(path, code)
        }
    }

    /// A new file beside `path`, open for writing: created exclusively (never an existing
    /// file, never through a link) under a name with a random part, mode 0644 or tighter.
    static func createTemporary(beside path: String) throws -> (descriptor: Int32, path: String) {
        for _ in 0..<16 {
            let temporary = temporaryName(for: path, suffix: String(UInt64.random(in: 0...UInt64.max), radix: 36))
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if descriptor >= 0 { return (descriptor, temporary) }
            guard errno == EEXIST else { throw cannotWrite(path, errno) }
        }
        throw cannotWrite(path, EEXIST)
    }

    /// `.<name>.partial-<suffix>` in the target's folder: hidden, and on the same disk, so
    /// the rename is atomic.
    static func temporaryName(for path: String, suffix: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(suffix)").path
    }

    static func cannotWrite(_ path: String, _ code: Int32) -> Failure {
        Failure(.failed, "\(path): cannot be written (\(String(cString: strerror(code))))",
                chinese: "\(path)：无法写入（\(String(cString: strerror(code)))）")
    }
}

/// A folder a command writes its files into (the sheets, one per expert; the dossiers of an
/// intake, one per form). It is made when missing (a plain mkdir: the folder is never made
/// aside and renamed, nor replaced); when it is there, only the command's files are written
/// into it.
public enum OutputFolder {
    /// Refuses a place that is not a folder, or is a link (written into, it would be written
    /// through).
    public static func check(_ folder: String) throws {
        switch AtomicFile.place(folder) {
        case .nothing, .folder: return
        case .link: throw AtomicFile.Failure(.refused, "\(folder) is a link; give the folder itself", chinese: "\(folder) 是链接；请给出文件夹本身")
        case .file, .other: throw AtomicFile.Failure(.refused, "\(folder) is a file; give a folder: the files are written into it, one each",
                                                    chinese: "\(folder) 是文件；请给出文件夹：文件逐个写入其中")
        }
    }

    /// Makes the folder when missing, after checking that none of `files` is in the way:
    /// an existing file needs `replace`, a folder is never replaced. One line says all.
    public static func prepare(_ folder: String, files: [String], replace: Bool) throws {
        try check(folder)
        var inTheWay: [AtomicFile.Failure] = []
        for file in files {
            do { try AtomicFile.check(file, replace: replace) } catch let failure as AtomicFile.Failure { inTheWay.append(failure) }
        }
        if let first = inTheWay.first {
            guard inTheWay.count > 1 else { throw first }
            let kind: AtomicFile.Failure.Kind = inTheWay.contains { $0.kind == .refused } ? .refused : .exists
            throw AtomicFile.Failure(kind, "\(first.description) (and \(inTheWay.count - 1) more of the \(files.count) files in \(folder))",
                                     chinese: "\(first.chinese)（\(folder) 中的 \(files.count) 个文件里另有 \(inTheWay.count - 1) 个）")
        }
        if AtomicFile.place(folder) == .nothing, mkdir(folder, 0o755) != 0, errno != EEXIST {
            let parent = (folder as NSString).deletingLastPathComponent
            if errno == ENOENT {
                throw AtomicFile.Failure(.failed, "\(folder): cannot be made: the folder \(parent.isEmpty ? "." : parent) does not exist",
                                         chinese: "\(folder)：无法建立：文件夹 \(parent.isEmpty ? "." : parent) 不存在")
            }
            throw AtomicFile.Failure(.failed, "\(folder): cannot be made (\(String(cString: strerror(errno))))",
                                     chinese: "\(folder)：无法建立（\(String(cString: strerror(errno)))）")
        }
    }

    /// Writes every file or none: each is written whole beside its place first, the files it
    /// replaces are kept under a hidden name until all are in place, and when one cannot be
    /// put in place (a file that may not be replaced, a full disk) the ones already put
    /// there are taken back — the folder is then as it was.
    public static func writeAll(_ files: [(path: String, data: Data)], into folder: String, replace: Bool) throws {
        try prepare(folder, files: files.map(\.path), replace: replace)
        var temporaries: [String] = []
        var kept: [String: String] = [:]
        var placed: [String] = []
        func undo() {
            // A file put in place goes; the one it replaced comes back. Temporaries not renamed go.
            for path in placed where kept[path] == nil { unlink(path) }
            for (path, old) in kept {
                // Put back where it was replaced, or moved aside (no hard links); else the second name goes.
                if placed.contains(path) || AtomicFile.place(path) == .nothing { _ = Glibc.rename(old, path) } else { unlink(old) }
            }
            temporaries.forEach { _ = unlink($0) }
        }
        do {
            for file in files { temporaries.append(try AtomicFile.temporaryCopy(of: file.data, beside: file.path)) }
            for file in files where AtomicFile.place(file.path) != .nothing {
                let old = try AtomicFile.keepAside(file.path)
                kept[file.path] = old
            }
            for (file, temporary) in zip(files, temporaries) {
                guard Glibc.rename(temporary, file.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    throw AtomicFile.Failure(.failed, "\(file.path): cannot be written (\(reason)); nothing was written",
                                             chinese: "\(file.path)：无法写入（\(reason)）；未写入任何文件")
                }
                placed.append(file.path)
            }
        } catch {
            undo()
            throw error
        }
        kept.values.forEach { _ = unlink($0) }
    }
}

extension AtomicFile {
    /// A finished, synced temporary file beside `path` holding `data`; the caller renames it.
    static func temporaryCopy(of data: Data, beside path: String) throws -> String {
        let (descriptor, temporary) = try createTemporary(beside: path)
        let written = data.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let count = Glibc.write(descriptor, base + offset, bytes.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        let code = errno
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written, synced else {
            unlink(temporary)
            throw cannotWrite(path, written ? errno : code)
        }
        return temporary
    }

    /// A second name for the file at `path` (a hard link, hidden beside it), so it can be put
    /// back. Fails where the file may not be replaced either (an immutable file).
    static func keepAside(_ path: String) throws -> String {
        let old = temporaryName(for: path, suffix: "previous-" + String(UInt64.random(in: 0...UInt64.max), radix: 36))
        // A file system without hard links (a FAT USB stick) moves it aside instead: the name
        // is then empty until the new file is renamed in, and put back if that fails.
        guard link(path, old) == 0 || ((errno == EPERM || errno == EOPNOTSUPP || errno == ENOSYS) && Glibc.rename(path, old) == 0) else {
            let reason = String(cString: strerror(errno))
            throw Failure(.failed, "\(path): cannot be replaced (\(reason)); nothing was written",
                          chinese: "\(path)：不能被替换（\(reason)）；未写入任何文件")
        }
        return old
    }
}

