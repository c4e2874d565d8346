import Foundation
import TestSupport
import XCTest

/// The guides are tested like code (as Rust's doc tests): every shell block in `docs/`
/// marked ```` ```sh example ```` runs, in order, in a scratch folder holding a copy of the
/// sample dossiers, with `iipeval` on the PATH; its exit code must be 0, or the one its
/// mark names (```` ```sh example exit=1 ````). An example that no longer works fails here.
final class DocExamplesTests: XCTestCase {
    struct Example {
        let file: String
        let line: Int
        let script: String
        let exit: Int32
    }

    static var docs: String { CommandRunner.repository + "/docs" }

    /// The marked blocks of a Markdown text, in order.
    static func examples(in text: String, file: String) -> [Example] {
        var examples: [Example] = []
        var open: (line: Int, exit: Int32)?
        var body: [String] = []
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            if let start = open {
                if line.hasPrefix("```") {
                    examples.append(Example(file: file, line: start.line, script: body.joined(separator: "\n"), exit: start.exit))
                    open = nil
                    body = []
                } else {
                    body.append(line)
                }
            } else if line.hasPrefix("```sh example") {
                let exit = line.range(of: #"exit=(\d+)"#, options: .regularExpression)
                    .flatMap { Int32(line[$0].dropFirst(5)) } ?? 0
                open = (index + 1, exit)
            }
        }
        return examples
    }

    static func markdownFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: docs).filter { $0.hasSuffix(".md") }.sorted()
    }

    func testTheMarkIsRead() {
        let text = "intro\n```sh example\necho a\necho b\n```\n```sh\nnot run\n```\n```sh example exit=1\nfalse\n```\n"
        let examples = Self.examples(in: text, file: "t.md")
        XCTAssertEqual(examples.map(\.script), ["echo a\necho b", "false"])
        XCTAssertEqual(examples.map(\.exit), [0, 1])
        XCTAssertEqual(examples.map(\.line), [2, 9])
    }

    func testEveryExampleInTheGuidesRuns() throws {
        let binaries = URL(fileURLWithPath: CommandRunner.binary).deletingLastPathComponent().path
        var ran = 0
        for name in try Self.markdownFiles() {
            let text = try String(contentsOfFile: Self.docs + "/" + name, encoding: .utf8)
            let examples = Self.examples(in: text, file: name)
            guard !examples.isEmpty else { continue }
            // Each guide on its own copy of the sample round: its blocks build on each other.
            let scratch = DossierFixture.temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            try FileManager.default.copyItem(atPath: CommandRunner.repository + "/SampleDossiers", toPath: scratch + "/SampleDossiers")
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = binaries + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            environment["XDG_CONFIG_HOME"] = scratch + "/.config"
            environment["HOME"] = scratch
            environment["LANG"] = "C.UTF-8"
            for example in examples {
                let outcome = CommandRunner.program(["/bin/bash", "-e", "-o", "pipefail", "-c", "cd \"$0\"\n" + example.script, scratch],
                                                    environment: environment)
                XCTAssertEqual(outcome.code, example.exit,
                               "docs/\(example.file):\(example.line): exit \(outcome.code), not \(example.exit)\n\(example.script)\n\(outcome.err)")
                ran += 1
            }
        }
        XCTAssertGreaterThanOrEqual(ran, 10, "the guides' examples")
    }
}
