import Crypto
import Foundation
import TestSupport
import XCTest
@testable import IIPCore

/// Seeded mutation fuzzing of every reader of outside input (issue 6): the dossier loader,
/// the score CSV and the `.iipsheet` reader. Byte flips, truncation, inserted bytes,
/// type swaps, deep nesting, alias bombs, invalid UTF-8 and huge files: no crash, no
/// hang (the run must finish), and always an answer in the contract's terms. The seeds are
/// fixed, so a failure is reproducible; `IIPEVAL_FUZZ_ROUNDS` runs more rounds.
final class FuzzTests: XCTestCase {
    let rubric = try! Rubric.builtIn.get()
    let rounds = Int(ProcessInfo.processInfo.environment["IIPEVAL_FUZZ_ROUNDS"] ?? "") ?? 400

    /// One random damage to `bytes`.
    func mutate(_ bytes: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
        var out = bytes
        guard !out.isEmpty else { return [UInt8.random(in: 0...255, using: &rng)] }
        switch Int.random(in: 0..<8, using: &rng) {
        case 0:  // flip bits in a few bytes
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                let index = Int.random(in: 0..<out.count, using: &rng)
                out[index] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
            }
        case 1:  // truncate anywhere, even inside a multi-byte character
            out = Array(out.prefix(Int.random(in: 0..<out.count, using: &rng)))
        case 2:  // insert structural characters and invalid UTF-8
            let junk: [[UInt8]] = [Array(":".utf8), Array("- ".utf8), Array("{".utf8), Array("[".utf8), Array("\"".utf8),
                                   Array("&a ".utf8), Array("*a".utf8), [0xFF], [0xC3], [0xE4, 0xB8], [0], Array("\t".utf8),
                                   Array("\n  ".utf8), Array("!!binary ".utf8), Array("%YAML 1.1\n".utf8)]
            let index = Int.random(in: 0...out.count, using: &rng)
            out.insert(contentsOf: junk[Int.random(in: 0..<junk.count, using: &rng)], at: index)
        case 3:  // delete a run
            let start = Int.random(in: 0..<out.count, using: &rng)
            let end = min(out.count, start + Int.random(in: 1...64, using: &rng))
            out.removeSubrange(start..<end)
        case 4:  // duplicate a run (duplicate keys, repeated blocks)
            let start = Int.random(in: 0..<out.count, using: &rng)
            let end = min(out.count, start + Int.random(in: 1...200, using: &rng))
            out.insert(contentsOf: out[start..<end], at: Int.random(in: 0...out.count, using: &rng))
        case 5:  // swap a scalar for another type
            let text = String(decoding: out, as: UTF8.self)
            let values = ["8000", "true", "2018-07-10", "12", "0.5"]
            let replacements = ["[1, 2]", "{a: b}", "null", "\"x\"", "-1", "1e400", "0x10", "~", "''", "9999999999999999999999"]
            let value = values[Int.random(in: 0..<values.count, using: &rng)]
            let replacement = replacements[Int.random(in: 0..<replacements.count, using: &rng)]
            if let range = text.range(of: value) { out = Array(text.replacingCharacters(in: range, with: replacement).utf8) }
        case 6:  // swap two lines (indentation moves under the wrong parent)
            var lines = String(decoding: out, as: UTF8.self).components(separatedBy: "\n")
            if lines.count > 2 {
                lines.swapAt(Int.random(in: 0..<lines.count, using: &rng), Int.random(in: 0..<lines.count, using: &rng))
            }
            out = Array(lines.joined(separator: "\n").utf8)
        default:  // several damages at once
            for _ in 0..<3 { out = mutate(out, &rng) }
        }
        return out
    }

    // MARK: - dossiers

    /// Only the loader's three codes, each with a message; a dossier or an error, never both missing.
    func checkLoaded(_ loaded: LoadedDossier, _ label: String) {
        let allowed: Set<Problem.Code> = [.parse, .field, .range]
        for problem in loaded.problems {
            XCTAssertTrue(allowed.contains(problem.code), "\(label): \(problem.code.rawValue) \(problem.message)")
            XCTAssertFalse(problem.message.isEmpty, label)
        }
        if loaded.dossier == nil {
            XCTAssertTrue(loaded.problems.contains { $0.severity == .error }, "\(label): no dossier and no error")
        }
    }

    func testMutatedDossiersAlwaysGiveParseFieldOrRangeProblems() {
        let loader = DossierLoader(catalog: rubric.catalog)
        let seeds = [DossierFixture.yaml(id: "F1"), DossierFixture.yaml(id: "F2", type: "cross", creditCode: DossierFixture.creditCodes[1])]
        var rng = SeededRandom(seed: 20_181_107)
        var damaged = 0
        for round in 0..<rounds {
            let bytes = mutate(Array(seeds[round % seeds.count].utf8), &rng)
            let loaded = loader.load(data: Data(bytes), file: "fuzz-\(round).yaml")
            checkLoaded(loaded, "round \(round)")
            if !loaded.problems.isEmpty { damaged += 1 }
        }
        XCTAssertGreaterThan(damaged, rounds / 3, "the mutations reach the checks")
    }

    func testHostileDossierShapesAreRefusedQuickly() {
        let loader = DossierLoader(catalog: rubric.catalog)
        let bomb = "format: iip-dossier/1\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + (1...12).map { "\(Character(UnicodeScalar(97 + $0)!)): &\(Character(UnicodeScalar(97 + $0)!)) [" + Array(repeating: "*\(Character(UnicodeScalar(96 + $0)!))", count: 10).joined(separator: ", ") + "]" }.joined(separator: "\n")
        let hostile: [(String, Data)] = [
            ("alias bomb", Data(bomb.utf8)),
            ("deep flow", Data((String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)).utf8)),
            ("deep block", Data((0..<5000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n").utf8)),
            ("invalid UTF-8", Data([0x66, 0x6F, 0xFF, 0xFE, 0x0A] + Array(DossierFixture.yaml(id: "U").utf8))),
            ("only a BOM", Data([0xEF, 0xBB, 0xBF])),
            ("empty", Data()),
            ("a NUL", Data("format: iip-dossier/1\nid: \u{0}\n".utf8)),
            ("a list at the top", Data("- 1\n- 2\n".utf8)),
        ]
        for (label, data) in hostile {
            let loaded = loader.load(data: data, file: "\(label).yaml")
            checkLoaded(loaded, label)
            XCTAssertNil(loaded.dossier, label)
        }
    }

    func testA50MegabyteDossierIsRefusedWithoutReadingIt() throws {
        let folder = DossierFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/huge.yaml"
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        let block = Data(repeating: 0x61, count: 1 << 20)
        for _ in 0..<50 { handle.write(block) }
        try handle.close()
        let loaded = DossierLoader(catalog: rubric.catalog).load(path: path)
        XCTAssertEqual(loaded.problems.map(\.code), [.parse])
        XCTAssertTrue(loaded.problems.first?.message.contains("MiB") == true, loaded.problems.first?.message ?? "")
    }

    // MARK: - score CSV

    func testMutatedScoreFilesAreAcceptedWholeOrRefusedByLine() throws {
        let loader = DossierLoader(catalog: rubric.catalog)
        let dossier = try XCTUnwrap(loader.load(data: Data(DossierFixture.yaml(id: "I1").utf8), file: "I1.yaml").dossier)
        let panel = Panel(chair: "E1", experts: [Expert(id: "E1", name: "甲", affiliation: "某大学", stages: StageID.allCases, conflicts: [])])
        let gate = ScoreGate(rubric: rubric, panel: panel, dossiers: ["I1": dossier])
        let rows = rubric.stages.flatMap { stage in
            stage.items(for: .industry).map { "E1,I1,\(stage.id.rawValue),\($0.id),\(($0.max / Rational(2)).description),\"评语，含逗号\"" }
        }
        let good = (["expert,dossier,stage,item,points,comment"] + rows).joined(separator: "\r\n") + "\r\n"
        guard case .success = ScoreRows.read(good, gate: gate) else { return XCTFail("the unmutated file is good") }
        var rng = SeededRandom(seed: 4_161)
        for round in 0..<rounds {
            let text = String(decoding: mutate(Array(good.utf8), &rng), as: UTF8.self)
            let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
            switch ScoreRows.read(text, gate: gate) {
            case let .success(scores):
                for score in scores {
                    XCTAssertNotNil(rubric.item(score.item, in: score.stage), "round \(round): an accepted row names a real item")
                    if let points = score.points, let item = rubric.item(score.item, in: score.stage) {
                        XCTAssertTrue(points >= .zero && points <= item.max, "round \(round): accepted points are in range")
                    }
                }
            case let .failure(refusal):
                XCTAssertFalse(refusal.rejections.isEmpty, "round \(round)")
                for rejection in refusal.rejections {
                    XCTAssertTrue((1...max(1, lineCount + 1)).contains(rejection.line), "round \(round): line \(rejection.line)")
                    XCTAssertFalse(rejection.reason.isEmpty, "round \(round)")
                }
            }
        }
    }

    // MARK: - signed sheets

    func testMutatedSheetFilesNeverPassWithOtherContent() throws {
        let key = Curve25519.Signing.PrivateKey()
        let rows = [SheetFile.Row(dossier: "I1", item: "basic.device", points: Rational(25, 2), comment: "评语"),
                    SheetFile.Row(dossier: "I1", item: "basic.software", points: Rational(9), comment: "")]
        let sheet = try SheetFile.unsignedSheet(expert: "E1", stage: .written, signedAt: "2026-11-27T08:00:00Z", revision: 1,
                                                rubricSHA256: rubric.sha256, dossiers: ["I1": String(repeating: "a", count: 64)],
                                                rows: rows, dissent: "").signed(with: key)
        let original = Array(sheet.text.utf8)
        XCTAssertEqual(try SheetFile.read(Data(original)), sheet)
        var rng = SeededRandom(seed: 25_519)
        var refused = 0
        for round in 0..<rounds {
            let bytes = mutate(original, &rng)
            do {
                let read = try SheetFile.read(Data(bytes))
                // Whitespace between JSON tokens may change; what was signed may not.
                XCTAssertEqual(read.contentSHA256, sheet.contentSHA256, "round \(round): a changed sheet passed the signature")
                XCTAssertEqual(read.publicKey, sheet.publicKey, "round \(round)")
            } catch let refusal as SheetFile.Refusal {
                XCTAssertFalse(refusal.reason.isEmpty, "round \(round)")
                refused += 1
            } catch {
                XCTFail("round \(round): unexpected \(error)")
            }
        }
        XCTAssertGreaterThan(refused, rounds / 2)
    }
}
