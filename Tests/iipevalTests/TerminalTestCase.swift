import Foundation
import TestSupport
import XCTest

/// The real binary in a real terminal (tmux): a one-dossier workspace (GD-A, expert E1)
/// per test, E1's pledge already signed unless a test class says otherwise.
class TerminalTestCase: XCTestCase {
    var folder = ""
    let terminal = TmuxSession()
    /// Sign E1's pledge before the test, so that the workbench opens on the list.
    var declared: Bool { true }
    /// Panel lines of experts besides the chair E1.
    var moreExperts: [String] { [] }

    override func setUpWithError() throws {
        folder = DossierFixture.temporaryFolder()
        XCTAssertEqual(try CommandRunner.makeOneDossierWorkspace(in: folder, moreExperts: moreExperts).code, 0)
        if declared { XCTAssertEqual(CommandRunner.run(["declare", folder + "/ws", "--expert", "E1"]).code, 0) }
    }

    override func tearDown() {
        terminal.end()
        try? FileManager.default.removeItem(atPath: folder)
    }

    func waitFor(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let (found, shown) = terminal.waitFor(text)
        if !found { XCTFail("the screen never showed \(text):\n\(shown)", file: file, line: line) }
    }
}
