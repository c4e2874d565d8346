import Foundation
import TestSupport
import TextWidth
import XCTest

/// What the tmux tests check of every screen they walk through.
extension TmuxSession {
    /// Fails, naming `what` and showing the screen, when `text` never appears.
    func expect(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let (found, shown) = waitFor(text)
        if !found { XCTFail("\(what): the screen never showed \(text):\n\(shown)", file: file, line: line) }
    }

    /// Fails for every row of the screen wider than the terminal.
    func assertFits(_ width: Int, _ height: Int, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for row in screen().split(separator: "\n", omittingEmptySubsequences: false).prefix(height) {
            XCTAssertLessThanOrEqual(DisplayWidth.of(String(row)), width, "\(what): \(row)", file: file, line: line)
        }
    }
}

/// The sample round in a scratch workspace, E01 (the chair) declared, for a tour in a real
/// terminal; with `scored`, every sample score imported first.
class SampleRoundTerminalTestCase: XCTestCase {
    var folder = ""
    let terminal = TmuxSession()
    var scored: Bool { false }

    override func setUpWithError() throws {
        folder = DossierFixture.temporaryFolder()
        let samples = CommandRunner.repository + "/SampleDossiers"
        XCTAssertEqual(CommandRunner.run(["init", folder + "/ws", "--dossiers", samples, "--panel", samples + "/panel.yaml"]).code, 0)
        if scored { XCTAssertEqual(CommandRunner.run(["scores", "import", folder + "/ws", samples + "/sample-scores.csv"]).code, 0) }
        XCTAssertEqual(CommandRunner.run(["declare", folder + "/ws", "--expert", "E01"]).code, 0)
    }

    override func tearDown() {
        terminal.end()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
