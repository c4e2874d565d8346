import XCTest
@testable import Terminal

/// SPEC §8 text: widths from wcwidth, wide glyphs take two cells, truncation with `…`.
final class WidthAndBufferTests: XCTestCase {
    func testWidthsFollowWcwidth() {
        XCTAssertEqual(DisplayWidth.of("a"), 1)
        XCTAssertEqual(DisplayWidth.of("中"), 2)
        XCTAssertEqual(DisplayWidth.of("１"), 2, "full-width digit")
        XCTAssertEqual(DisplayWidth.of("，"), 2, "full-width punctuation")
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1, "a combining mark adds nothing")
        XCTAssertEqual(DisplayWidth.of("😀"), 2, "emoji")
        XCTAssertEqual(DisplayWidth.of("\u{7}"), 0, "control characters take no cell")
        XCTAssertEqual(DisplayWidth.of("评审台 iipeval"), 14)
    }

    func testTruncateAndPadByColumns() {
        XCTAssertEqual(DisplayWidth.truncate("称号称号", to: 5), "称号…")
        XCTAssertEqual(DisplayWidth.truncate("称号称号", to: 8), "称号称号")
        XCTAssertEqual(DisplayWidth.truncate("称号称号", to: 6), "称号…", "a wide glyph does not squeeze into one column")
        XCTAssertEqual(DisplayWidth.pad("中a", to: 5), "中a  ")
        XCTAssertEqual(DisplayWidth.pad("１２", to: 6, right: true), "  １２")
    }

    /// ratatui's check: writing 称号 over aaaaa leaves 称号a.
    func testWideGlyphsOverwriteCells() {
        var buffer = Buffer(width: 5, height: 1)
        buffer.write("aaaaa", x: 0, y: 0)
        buffer.write("称号", x: 0, y: 0)
        XCTAssertEqual(buffer.lines, ["称号a"])
        XCTAssertTrue(buffer[1, 0].isContinuation)
    }

    func testWideGlyphThatDoesNotFitIsBlanked() {
        var buffer = Buffer(width: 5, height: 1)
        buffer.write("xxxxx", x: 0, y: 0)
        let used = buffer.write("ab中", x: 2, y: 0)
        XCTAssertEqual(buffer.lines, ["xxab "])
        XCTAssertEqual(used, 3)
    }

    func testALimitCutsWithAnEllipsis() {
        var buffer = Buffer(width: 8, height: 1)
        XCTAssertEqual(buffer.write("评审台评审台", x: 0, y: 0, limit: 5), 5)
        XCTAssertEqual(buffer.trimmedLines, ["评审…"])
    }

    func testOverwritingHalfAWideGlyphBlanksTheOtherHalf() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("中文", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)
        XCTAssertEqual(buffer.lines, [" x文"])
        buffer.write("y", x: 2, y: 0)
        XCTAssertEqual(buffer.lines, [" xy "])
    }

    func testWritingOutsideIsClipped() {
        var buffer = Buffer(width: 3, height: 1)
        buffer.write("abcdef", x: 1, y: 0)
        buffer.write("zz", x: 0, y: 5)
        XCTAssertEqual(buffer.lines, [" ab"])
    }

    func testKeyDecoding() {
        XCTAssertEqual(Screen.decodeCharacter(3), .ctrl("c"))
        XCTAssertEqual(Screen.decodeCharacter(13), .enter)
        XCTAssertEqual(Screen.decodeCharacter(127), .backspace)
        XCTAssertEqual(Screen.decodeCharacter(27), .escape)
        XCTAssertEqual(Screen.decodeCharacter(0x8BC4), .char("评"))
    }
}

/// SPEC §9: untrusted text reaches the screen only as what it shows; control and
/// bidirectional characters take no cell and reorder nothing.
final class UntrustedTextOnScreenTests: XCTestCase {
    func testBufferDropsControlAndBidirectionalCharacters() {
        var buffer = Buffer(width: 20, height: 1)
        let written = buffer.write("甲\u{202E}乙\u{2066}c\u{200F}d\u{061C}e\u{1B}[2J\u{85}f\u{7F}", x: 0, y: 0)
        XCTAssertEqual(buffer.trimmedLines, ["甲乙cde[2Jf"])
        XCTAssertEqual(written, 11)
        XCTAssertFalse(buffer.cells.contains { cell in cell.symbol.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || [0x202E, 0x2066, 0x200F, 0x061C].contains($0.value) } })
    }
}
