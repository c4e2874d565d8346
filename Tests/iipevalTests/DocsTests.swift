import Foundation
import TestSupport
import XCTest
@testable import Workbench

/// What users read never points at a document they do not have (the project's
/// specification, its § numbers), and the printed key card is the key tables' own.
final class DocsTests: XCTestCase {
    /// Every help text of the command line, command by command.
    func commandHelp() -> [String: String] {
        var texts: [String: String] = ["iipeval": CommandRunner.run(["--help"]).out]
        let commands = ["open", "validate", "init", "scores", "scores import", "scores export", "rank", "analyze", "override", "sheet",
                        "sheet sign", "sheet reopen", "sheet dissent", "sheet export", "sheet import", "recheck", "recheck list",
                        "recheck confirm", "recheck correct", "declare", "key", "key show", "key trust", "accept", "audit", "export",
                        "template", "intake", "help"]
        for command in commands {
            texts["iipeval \(command)"] = CommandRunner.run(command.split(separator: " ").map(String.init) + ["--help"]).out
        }
        return texts
    }

    func testNothingUsersReadMentionsTheSpecification() throws {
        var texts = commandHelp()
        let repository = CommandRunner.repository
        texts["README.md"] = try String(contentsOfFile: repository + "/README.md", encoding: .utf8)
        texts["SampleDossiers/README.md"] = try String(contentsOfFile: repository + "/SampleDossiers/README.md", encoding: .utf8)
        texts["the default rubric"] = try String(contentsOfFile: repository + "/Sources/IIPCore/Resources/rubric.yaml", encoding: .utf8)
        for name in try FileManager.default.contentsOfDirectory(atPath: repository + "/docs") {
            texts["docs/" + name] = try String(contentsOfFile: repository + "/docs/" + name, encoding: .utf8)
        }
        for language in Language.allCases {
            let strings = Strings(language)
            texts["the workbench's \(language) strings"] = UIText.allCases.map { strings[$0] }.joined(separator: "\n")
        }
        XCTAssertGreaterThan(texts.count, 35)
        for (name, text) in texts {
            XCTAssertFalse(text.isEmpty, name)
            XCTAssertNil(text.range(of: #"\bSPEC\b|§"#, options: .regularExpression), "\(name) mentions the specification")
        }
    }

    /// docs/keys.html is what `iipeval help keys --format html` prints: written from the key
    /// tables that dispatch the keys, it cannot drift from them.
    func testTheKeyCardIsTheKeyTables() throws {
        let printed = CommandRunner.run(["help", "keys", "--format", "html"])
        XCTAssertEqual(printed.code, 0)
        let committed = try String(contentsOfFile: CommandRunner.repository + "/docs/keys.html", encoding: .utf8)
        XCTAssertEqual(printed.out, committed, "run: iipeval help keys --format html > docs/keys.html")
        for screen in [ScreenID.list, .review, .document, .compare, .ranking, .panel, .analytics] {
            for binding in KeyMap.table(screen) {
                XCTAssertTrue(printed.out.contains(Strings(.zh)[binding.help]), "\(screen): \(binding.label)")
                XCTAssertTrue(printed.out.contains(Strings(.en)[binding.help]), "\(screen): \(binding.label)")
            }
        }
        let text = CommandRunner.run(["help", "keys", "--lang", "en"])
        XCTAssertTrue(text.out.contains("recheck a deviating score"), text.out)
        XCTAssertEqual(CommandRunner.run(["help", "no-such-command"]).code, 2)
    }
}
