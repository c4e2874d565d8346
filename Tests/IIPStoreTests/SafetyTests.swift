import Foundation
import TestSupport
import XCTest
@testable import IIPCore
@testable import IIPStore

/// Issue 6: one writing workbench per expert, rolling backups, and a damaged database
/// refused with a pointer to the last good backup.
final class SafetyTests: WorkspaceTestCase {
    func testASecondWorkbenchOfTheSameExpertGetsNoLock() throws {
        _ = try makeWorkspace()
        var first = ExpertLock.acquire(workspace: folder + "/ws", expert: "E1")
        XCTAssertNotNil(first)
        XCTAssertNil(ExpertLock.acquire(workspace: folder + "/ws", expert: "E1"), "the same expert: read-only")
        XCTAssertNotNil(ExpertLock.acquire(workspace: folder + "/ws", expert: "E2"), "another expert may write")
        first = nil
        XCTAssertNotNil(ExpertLock.acquire(workspace: folder + "/ws", expert: "E1"), "free again once the first has ended")
        _ = first
    }

    func testBackupsRollAndADamagedDatabasePointsToTheLastGoodOne() throws {
        let ws = try makeWorkspace()
        try ws.save([ItemScore(expert: "E1", dossier: "I1", stage: .written, item: "basic.device", points: Rational(12), comment: "")],
                     actor: "E1")
        // A half-written backup of a killed workbench is never listed, and goes at the next
        // backup; one of a workbench still running stays.
        try FileManager.default.createDirectory(atPath: ws.backupFolder, withIntermediateDirectories: true)
        // 4194305 is above any pid Linux gives: that process has surely ended.
        let killed = ws.backupFolder + "/.partial-4194305.sqlite", running = ws.backupFolder + "/.partial-\(getpid()).sqlite"
        XCTAssertTrue(FileManager.default.createFile(atPath: killed, contents: Data("half".utf8)))
        let writing = ws.backupFolder + "/.partial-1.sqlite"  // process 1 always runs
        XCTAssertTrue(FileManager.default.createFile(atPath: writing, contents: Data("being written".utf8)))
        XCTAssertTrue(FileManager.default.createFile(atPath: running, contents: Data("left by an ended process that had this number".utf8)))
        var made: [String] = []
        for _ in 0..<7 { made.append(try ws.backUp(keep: 5)) }
        XCTAssertEqual(ws.backups(), Array(made.suffix(5)), "the newest five, oldest first")
        XCTAssertFalse(FileManager.default.fileExists(atPath: killed))
        XCTAssertFalse(FileManager.default.fileExists(atPath: running), "this process's own was renamed into place")
        XCTAssertTrue(FileManager.default.fileExists(atPath: writing), "a running process's is left alone")
        // A backup is a whole workspace that opens and holds the score.
        let copy = folder + "/restored"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: made.last!, toPath: copy + "/" + Workspace.databaseName)
        XCTAssertEqual(try Workspace.open(copy).scores().first?.points, Rational(12))

        // Damage pages in the middle of the file, behind SQLite's back.
        let path = folder + "/ws/" + Workspace.databaseName
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: UInt64(size / 2))
        handle.write(Data(repeating: 0xA5, count: min(16_384, size / 3)))
        try handle.close()
        // Whether opening or the check finds it, the message is the same.
        let message: String
        do {
            try Workspace.open(folder + "/ws").checkIntegrity()
            return XCTFail("the damage is found")
        } catch {
            message = "\(error)"
        }
        XCTAssertTrue(message.contains("damaged"), message)
        XCTAssertTrue(message.contains(made.last!), "points to the newest backup: \(message)")
    }
}
