import Foundation
import TestSupport
import XCTest
@testable import IIPCore

/// SPEC §9 files: no write deletes or replaces a folder; `replace` (--force) replaces a
/// regular file or a link itself, never what the link points to; the temporary file is made
/// exclusively and never through a link.
final class AtomicFileTests: XCTestCase {
    var folder = ""

    override func setUp() {
        folder = DossierFixture.temporaryFolder()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    func kind(_ body: () throws -> Void) -> AtomicFile.Failure.Kind? {
        do { try body() } catch let failure as AtomicFile.Failure { return failure.kind } catch { XCTFail("\(error)") }
        return nil
    }

    func testAFolderIsNeverReplacedWhateverReplaceSays() throws {
        let target = folder + "/workspace"
        try FileManager.default.createDirectory(atPath: target + "/backups", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: target + "/workspace.sqlite", contents: Data("db".utf8))
        for replace in [false, true] {
            XCTAssertEqual(kind { try AtomicFile.write("doc", to: target, replace: replace) }, .refused)
            XCTAssertEqual(kind { try AtomicFile.write(to: target, replace: replace) { path in
                FileManager.default.createFile(atPath: path, contents: Data("book".utf8))
            } }, .refused)
        }
        XCTAssertEqual(contents(target + "/workspace.sqlite"), "db")
        XCTAssertEqual(AtomicFile.place(target + "/backups"), .folder)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["workspace"], "nothing left beside it")
    }

    func testAnExistingFileIsReplacedOnlyWithReplace() throws {
        let target = folder + "/r.csv"
        try AtomicFile.write("one", to: target, replace: false)
        XCTAssertEqual(kind { try AtomicFile.write("two", to: target, replace: false) }, .exists)
        XCTAssertEqual(contents(target), "one")
        try AtomicFile.write("three", to: target, replace: true)
        XCTAssertEqual(contents(target), "three")
        let mode = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int)
        XCTAssertEqual(mode & 0o133, 0, "0644 or tighter: \(String(mode, radix: 8))")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["r.csv"], "no temporary file is left")
    }

    func testALinkIsReplacedItselfAndNeverWrittenThrough() throws {
        let victim = folder + "/victim.txt"
        FileManager.default.createFile(atPath: victim, contents: Data("keep".utf8))
        let link = folder + "/out.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        XCTAssertEqual(kind { try AtomicFile.write("new", to: link, replace: false) }, .exists)
        try AtomicFile.write("new", to: link, replace: true)
        XCTAssertEqual(AtomicFile.place(link), .file, "the link itself is replaced by the file")
        XCTAssertEqual(contents(link), "new")
        XCTAssertEqual(contents(victim), "keep")
        // The same through a writer that takes a path.
        let bookLink = folder + "/book.xlsx"
        try FileManager.default.createSymbolicLink(atPath: bookLink, withDestinationPath: victim)
        try AtomicFile.write(to: bookLink, replace: true) { FileManager.default.createFile(atPath: $0, contents: Data("book".utf8)) }
        XCTAssertEqual(AtomicFile.place(bookLink), .file)
        XCTAssertEqual(contents(victim), "keep")
    }

    /// A link planted where a temporary file used to be predictable (`.name.partial-<pid>`)
    /// is never written through, and no temporary file is ever opened through a link.
    func testTheTemporaryFileIsNeverOpenedThroughALink() throws {
        let victim = folder + "/victim.txt"
        FileManager.default.createFile(atPath: victim, contents: Data("keep".utf8))
        let target = folder + "/r.html"
        try FileManager.default.createSymbolicLink(atPath: folder + "/.r.html.partial-\(getpid())", withDestinationPath: victim)
        try AtomicFile.write("<html>", to: target, replace: false)
        XCTAssertEqual(contents(victim), "keep")
        XCTAssertEqual(contents(target), "<html>")

        let (descriptor, temporary) = try AtomicFile.createTemporary(beside: target)
        close(descriptor)
        XCTAssertTrue(URL(fileURLWithPath: temporary).lastPathComponent.hasPrefix(".r.html.partial-"))
        XCTAssertNotEqual(try AtomicFile.createTemporary(beside: target).path, temporary, "a new name each time")
        unlink(temporary)
        try FileManager.default.createSymbolicLink(atPath: temporary, withDestinationPath: victim)
        // Opened as the temporary file is, the planted link is refused.
        XCTAssertEqual(open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644), -1)
    }

    /// libxlsxwriter writes by path: into a folder made for it alone (0700) beside the
    /// target, removed once the file is renamed out of it.
    func testAPathWriterWritesInAPrivateFolderBesideTheTarget() throws {
        let target = folder + "/s.xlsx"
        var used = ""
        try AtomicFile.write(to: target, replace: false) { path in
            used = path
            let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
            XCTAssertEqual(URL(fileURLWithPath: parent).deletingLastPathComponent().path, URL(fileURLWithPath: folder).path)
            XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: parent)[.posixPermissions] as? Int, 0o700)
            FileManager.default.createFile(atPath: path, contents: Data("book".utf8))
        }
        XCTAssertEqual(contents(target), "book")
        XCTAssertFalse(FileManager.default.fileExists(atPath: used))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["s.xlsx"], "the private folder is gone")
        struct Broken: Error {}
        XCTAssertThrowsError(try AtomicFile.write(to: folder + "/t.xlsx", replace: false) { path in
            FileManager.default.createFile(atPath: path, contents: Data("half".utf8))
            throw Broken()
        })
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["s.xlsx"], "a failed write leaves nothing")
    }

    /// A batch of files (the dossiers of an intake, the sheets of an export) is written whole
    /// or not at all: a file that may not be replaced stops the batch, and the files already
    /// put in place are taken back, the ones they replaced restored.
    func testABatchIsWrittenWholeOrTheFolderIsLeftAsItWas() throws {
        let out = folder + "/out"
        try OutputFolder.writeAll([(out + "/a.yaml", Data("a1".utf8)), (out + "/b.yaml", Data("b1".utf8))], into: out, replace: false)
        XCTAssertEqual([contents(out + "/a.yaml"), contents(out + "/b.yaml")], ["a1", "b1"])
        XCTAssertEqual(kind { try OutputFolder.writeAll([(out + "/a.yaml", Data("a2".utf8))], into: out, replace: false) }, .exists)

        // An immutable file (chattr +i) cannot be replaced; only root may mark one, so elsewhere this part is skipped.
        let chattr = "/usr/bin/chattr"
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: chattr) else {
            throw XCTSkip("an immutable file needs root and chattr")
        }
        let mark = { (flag: String) -> Int32 in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: chattr)
            process.arguments = [flag, out + "/b.yaml"]
            try? process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        guard mark("+i") == 0 else { throw XCTSkip("this file system has no immutable files") }
        defer { _ = mark("-i") }
        XCTAssertEqual(kind {
            try OutputFolder.writeAll([(out + "/a.yaml", Data("a2".utf8)), (out + "/b.yaml", Data("b2".utf8)), (out + "/c.yaml", Data("c2".utf8))],
                                    into: out, replace: true)
        }, .failed)
        XCTAssertEqual([contents(out + "/a.yaml"), contents(out + "/b.yaml")], ["a1", "b1"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).sorted(), ["a.yaml", "b.yaml"], "no new file, no temporary left")
    }
}
