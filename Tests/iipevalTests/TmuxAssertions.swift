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
