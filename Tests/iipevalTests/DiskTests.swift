import Foundation
import TestSupport
import XCTest

/// A workspace on a read-only disk, and on one that fills up: a clear message, the exit
/// code of SPEC §7, and nothing lost. The disks are tmpfs mounts of their own.
final class DiskTests: XCTestCase {
    var disk: ScratchDisk!

    override func setUpWithError() throws {
        guard let disk = ScratchDisk.make(megabytes: 8) else {
            throw Skipped.loudly("DiskTests: mounting a scratch disk needs root (CAP_SYS_ADMIN)")
        }
        self.disk = disk
    }

    override func tearDown() {
        disk?.remove()
    }

    func run(_ arguments: String...) -> CommandRunner.Outcome { CommandRunner.run(arguments) }

    var ws: String { disk.folder + "/ws" }
    let sample = CommandRunner.repository + "/SampleDossiers"

    func makeWorkspace(scores: Bool) {
        XCTAssertEqual(run("init", ws, "--dossiers", sample, "--panel", sample + "/panel.yaml").code, 0)
        if scores { XCTAssertEqual(run("scores", "import", ws, sample + "/sample-scores.csv").code, 0) }
    }

    func testAReadOnlyDiskIsReadAndNeverWritten() {
        makeWorkspace(scores: true)
        let before = run("scores", "export", ws).out
        let ranking = run("rank", ws, "--format", "json").out
        XCTAssertTrue(disk.remount(readOnly: true))
        // Reading works as before.
        XCTAssertEqual(run("rank", ws, "--format", "json").out, ranking)
        XCTAssertEqual(run("scores", "export", ws).out, before)
        XCTAssertEqual(run("audit", ws, "--verify").code, 0)
        // Writing says why it cannot, and exits 2.
        let imported = run("scores", "import", ws, sample + "/sample-scores.csv")
        XCTAssertEqual(imported.code, 2)
        XCTAssertTrue(imported.err.contains("read-only") && imported.err.contains("nothing was saved"), imported.err)
        XCTAssertEqual(imported.err.split(separator: "\n").count, 1, "one line")
        let override = run("override", ws, "GD2018-008", "E-QUOTA", "--reason", "试")
        XCTAssertEqual(override.code, 2, override.err)
        XCTAssertTrue(disk.remount(readOnly: false))
        XCTAssertEqual(run("scores", "export", ws).out, before, "nothing changed")
    }

    func testAFullDiskSaysSoAndLosesNothing() {
        makeWorkspace(scores: false)
        // So full that SQLite cannot even open the database.
        disk.fill()
        let opened = run("rank", ws)
        XCTAssertEqual(opened.code, 2)
        XCTAssertTrue(opened.err.contains("full") && opened.err.contains("free some space"), opened.err)
        // Room to open it, none to import a file: the import is refused as a whole.
        disk.emptyFiller()
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ws + "/workspace.sqlite" + suffix) }
        disk.fill(leaving: 200 << 10)
        let imported = run("scores", "import", ws, sample + "/sample-scores.csv")
        XCTAssertEqual(imported.code, 2)
        XCTAssertTrue(imported.err.contains("the disk is full") && imported.err.contains("nothing was saved"), imported.err)
        disk.emptyFiller()
        XCTAssertEqual(run("audit", ws, "--verify").code, 0)
        XCTAssertEqual(run("scores", "export", ws).out.split(separator: "\n").count, 1, "no score was kept")
        // With room again, the same file goes in.
        XCTAssertEqual(run("scores", "import", ws, sample + "/sample-scores.csv").code, 0)
    }
}

/// A workspace this user may read but not write (someone else's): read where SQLite can,
/// refused with what to ask for where it cannot, never written. Run as `nobody` through
/// setpriv, which needs root.
final class PermissionTests: XCTestCase {
    var folder = ""
    var binary = ""

    override func setUpWithError() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw Skipped.loudly("PermissionTests: running as another user needs root and setpriv")
        }
        folder = DossierFixture.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // A copy `nobody` may run whatever the permissions on the way to the build folder.
        binary = folder + "/iipeval"
        try FileManager.default.copyItem(atPath: CommandRunner.binary, toPath: binary)
        let sample = CommandRunner.repository + "/SampleDossiers"
        XCTAssertEqual(CommandRunner.run(["init", folder + "/ws", "--dossiers", sample, "--panel", sample + "/panel.yaml"]).code, 0)
        // A file `nobody` may read, wherever the repository is.
        try FileManager.default.copyItem(atPath: sample + "/sample-scores.csv", toPath: folder + "/scores.csv")
        XCTAssertEqual(CommandRunner.run(["scores", "import", folder + "/ws", folder + "/scores.csv"]).code, 0)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func asNobody(_ arguments: String...) -> CommandRunner.Outcome {
        CommandRunner.program(["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments)
    }

    func testSomeoneElsesWorkspaceIsReadOrRefusedButNeverWritten() throws {
        let ws = folder + "/ws"
        let before = CommandRunner.run(["scores", "export", ws]).out
        let ranking = CommandRunner.run(["rank", ws]).out
        // Neither the folder nor the file may be written: SQLite cannot even read.
        XCTAssertEqual(chmod(folder, 0o755), 0)
        XCTAssertEqual(chmod(ws, 0o755), 0)
        let refused = asNobody("rank", ws)
        XCTAssertEqual(refused.code, 2)
        XCTAssertTrue(refused.err.contains("permissions") && refused.err.contains("ask for write access"), refused.err)
        // The folder may be written, the database not: it is read, and writing is refused.
        XCTAssertEqual(chmod(ws, 0o777), 0)
        let read = asNobody("rank", ws)
        XCTAssertEqual(read.code, 0, read.err)
        XCTAssertEqual(read.out, ranking)
        let imported = asNobody("scores", "import", ws, folder + "/scores.csv")
        XCTAssertEqual(imported.code, 2)
        XCTAssertTrue(imported.err.contains("permissions") && imported.err.contains("nothing was saved"), imported.err)
        XCTAssertEqual(CommandRunner.run(["scores", "export", ws]).out, before)
        XCTAssertEqual(CommandRunner.run(["audit", ws, "--verify"]).code, 0)
    }
}

/// A test that cannot run here says so where nobody can miss it, not only in XCTest's tally.
enum Skipped {
    static func loudly(_ why: String) -> XCTSkip {
        FileHandle.standardError.write(Data("\n*** SKIPPED: \(why) — these checks did not run ***\n\n".utf8))
        return XCTSkip(why)
    }
}
