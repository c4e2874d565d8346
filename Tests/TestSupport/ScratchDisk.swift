import Foundation
import IIPCore

/// A small disk of its own (tmpfs) for tests of a full or read-only disk: something a
/// test cannot make from file permissions when it runs as root, as CI does. Needs the
/// right to mount; `make()` returns nil without it, and the test says it was skipped.
public final class ScratchDisk {
    public let folder: String

    private init(folder: String) {
        self.folder = folder
    }

    public static func make(megabytes: Int) -> ScratchDisk? {
        let folder = DossierFixture.temporaryFolder()
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard CommandRunner.program(["mount", "-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", folder]).code == 0 else {
            try? FileManager.default.removeItem(atPath: folder)
            return nil
        }
        return ScratchDisk(folder: folder)
    }

    public func remount(readOnly: Bool) -> Bool {
        CommandRunner.program(["mount", "-o", "remount,\(readOnly ? "ro" : "rw")", folder]).code == 0
    }

    /// Fills the disk with a file, leaving about `leaving` bytes free (0: none at all).
    public func fill(leaving: Int = 0) {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return }
        let free = Int(info.f_bavail) * Int(info.f_frsize)
        let size = max(0, free - leaving)
        FileManager.default.createFile(atPath: folder + "/filler", contents: nil)
        guard let handle = FileHandle(forWritingAtPath: folder + "/filler") else { return }
        let block = Data(count: 64 << 10)
        var written = 0
        while written < size {
            let chunk = block.prefix(min(block.count, size - written))
            guard (try? handle.write(contentsOf: chunk)) != nil else { break }
            written += chunk.count
        }
        try? handle.close()
    }

    public func emptyFiller() {
        try? FileManager.default.removeItem(atPath: folder + "/filler")
    }

    public func remove() {
        _ = remount(readOnly: false)
        CommandRunner.program(["umount", "-l", folder])
        try? FileManager.default.removeItem(atPath: folder)
    }
}
