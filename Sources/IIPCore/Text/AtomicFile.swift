import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Files and folders written beside their place and renamed into it: a failure (a missing
/// folder, a full disk, a crash) never leaves half a document, and an old one stays whole
/// until the new one is complete.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The temporary name beside `path` that a writer fills before the rename.
    public static func temporary(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())").path
    }

    public static func write(_ data: Data, to path: String) throws {
        let temporary = temporary(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw Failure(description: "\(path): cannot be written (\(reason(errno)))") }
        let written = data.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        let code = errno
        // The data reaches the disk before the name points at it.
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written, synced else {
            unlink(temporary)
            throw Failure(description: "\(path): cannot be written (\(reason(written ? errno : code)))")
        }
        try move(temporary, to: path)
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Renames a finished temporary file or folder into place; a folder already there
    /// (replaced with --force) is moved aside first and removed after.
    public static func move(_ temporary: String, to path: String) throws {
        var isFolder: ObjCBool = false
        let old = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
            ? temporary + ".old" : nil
        if let old, rename(path, old) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw Failure(description: "\(path): cannot be replaced (\(reason(errno)))")
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            if let old { rename(old, path) }
            try? FileManager.default.removeItem(atPath: temporary)
            throw Failure(description: "\(path): cannot be written (\(reason(code)))")
        }
        if let old { try? FileManager.default.removeItem(atPath: old) }
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
