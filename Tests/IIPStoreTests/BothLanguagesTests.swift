import Crypto
import Foundation
import TestSupport
import XCTest
@testable import IIPCore
@testable import IIPStore

/// Every message a lower layer gives a person says itself in both languages: the workbench
/// shows the store's, the file writer's and the system's reasons in Chinese when it speaks
/// Chinese (issue 12: `the written sheet of E01 is signed and read-only…` in the Chinese UI).
final class BothLanguagesTests: WorkspaceTestCase {
    /// English words of four letters or more left in a Chinese message, the paths and ids
    /// of the test taken out first; commands and file names a user types stay as they are.
    func englishWords(_ text: String) -> Set<String> {
        let cleaned = text.replacingOccurrences(of: #"[^\s：（）“”，；]*/[^\s：（）“”，；]*"#, with: "", options: .regularExpression)
        let allowed: Set<String> = ["iipeval", "init", "sheet", "reopen", "sign", "workspace", "sqlite", "chmod", "iipsheet", "JSON",
                                    "format", "NOPE"]
        let words = cleaned.split { !$0.isASCII || !$0.isLetter }.map(String.init).filter { $0.count >= 4 }
        return Set(words).subtracting(allowed)
    }

    func assertChinese(_ error: Error, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let said = Bilingual(error)
        XCTAssertTrue(said.chinese.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(what): \(said.chinese)", file: file, line: line)
        XCTAssertEqual(englishWords(said.chinese), [], "\(what): \(said.chinese)", file: file, line: line)
        XCTAssertNotEqual(said.english, said.chinese, what, file: file, line: line)
        XCTAssertTrue(englishWords(said.english).count >= 1, "\(what): the English is English: \(said.english)", file: file, line: line)
    }

    func failure(_ what: String, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) {
        do {
            try body()
            XCTFail("\(what) did not fail", file: file, line: line)
        } catch {
            assertChinese(error, what, file: file, line: line)
        }
    }

    func testTheStoresRefusalsSayThemselvesInChinese() throws {
        let ws = try makeWorkspace(experts: 2)
        let key = Curve25519.Signing.PrivateKey()
        failure("no expert") { try ws.setDissent(expert: "E9", stage: .written, text: "x") }
        failure("a dissent with a control character") { try ws.setDissent(expert: "E2", stage: .written, text: "a\u{7}b") }
        failure("an unknown dossier declared") { try ws.declare(expert: "E2", conflicts: ["NOPE"]) }
        failure("a key trusted for nobody") { try ws.trustKey(expert: "E9", fingerprint: KeyFingerprint(of: key), reason: "r", actor: "chair") }
        failure("reopening what is not signed") { try ws.reopen(expert: "E2", stage: .written, reason: "r", actor: "chair") }
        failure("exporting an unsigned sheet") { _ = try ws.exportSheet(expert: "E2", stage: .written, key: key) }
        failure("accepting an unchanged dossier") { try ws.acceptChange(dossier: "I1", reason: "r", actor: "chair") }
        failure("no workspace there") { _ = try Workspace.open(folder + "/nothing") }
        failure("a second workspace in the folder") {
            _ = try Workspace.create(folder + "/ws", dossiers: [], panel: Panel(chair: "E1", experts: []), panelText: "", rubric: rubric)
        }
    }

    func testFilesSheetsAndTheSystemSayThemselvesInChinese() throws {
        failure("a file that is not a sheet") { _ = try SheetFile.read(Data("{}".utf8)) }
        failure("a file that is not JSON") { _ = try SheetFile.read(Data("no".utf8)) }
        failure("a missing file") { _ = try BoundedFile.read(folder + "/missing", limit: 10).get() }
        failure("a folder where a file goes") { try AtomicFile.write("x", to: folder, replace: true) }
        failure("an expert id that is a path") { _ = try ExpertKey.path(expert: "../x") }
        for code in [ENOSPC, EACCES, ENOENT, EROFS, EIO] {
            assertChinese(POSIXError(POSIXErrorCode(rawValue: code)!), "errno \(code)")
            assertChinese(NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteOutOfSpace.rawValue), "Foundation: out of space")
        }
        XCTAssertEqual(Bilingual(POSIXError(.ENOSPC)).chinese, "磁盘已满")
    }

    /// A sheet refused for a score the gate refuses says the gate's reason in Chinese.
    func testAScoreRefusalHasChineseForEveryCase() {
        let sheet = ExpertStage("E2", .written)
        let refusals: [ScoreRefusal] = [
            .unknownExpert("E9"), .unknownDossier("X"), .notOnStage(sheet), .unknownItem(item: "a.b", stage: .written),
            .itemNotApplicable(item: "a.b", type: .cross), .outOfRange(points: Rational(99), max: Rational(15), item: "a.b"),
            .offGrid(points: Rational(1, 3), step: Rational(1, 2)), .commentTooLong(characters: 3000, limit: 2000), .commentControl(7),
            .conflict(expert: "E2", dossier: "I1", .applicant("某公司")), .signed(sheet), .rechecking(sheet, only: ["I1", "I2"]),
        ]
        for refusal in refusals { assertChinese(refusal, "\(refusal)") }
    }
}
