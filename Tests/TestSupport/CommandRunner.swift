import Foundation
import IIPCore

/// Runs the built `iipeval` binary the way a user or a script would.
public enum CommandRunner {
    public struct Outcome {
        public let code: Int32
        public let out: String
        public let err: String
    }

    /// The binary beside the test bundle in the build folder.
    public static var binary: String {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let direct = folder.appendingPathComponent("iipeval").path
        if FileManager.default.fileExists(atPath: direct) { return direct }
        // `swift test` runs the bundle from inside PackageTests.xctest on some platforms.
        return folder.deletingLastPathComponent().appendingPathComponent("iipeval").path
    }

    /// The repository's root folder, from this file's place in it.
    public static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// Where signing keys go when a test names no place of its own: never the developer's
    /// own ~/.config.
    public static let scratchConfig = NSTemporaryDirectory() + "iipeval-test-config-\(getpid())"

    @discardableResult
    public static func run(_ arguments: [String], environment: [String: String] = [:]) -> Outcome {
        var merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        if environment["XDG_CONFIG_HOME"] == nil { merged["XDG_CONFIG_HOME"] = scratchConfig }
        return program([binary] + arguments, environment: merged)
    }

    /// Any program, with the same collection of its outputs. A program still running after
    /// two minutes is killed and reported as failed, so a stuck child fails the test
    /// instead of hanging the whole run.
    @discardableResult
    public static func program(_ arguments: [String], environment: [String: String]? = nil) -> Outcome {
        do {
            let outcome = try ChildProcess.capture(arguments, environment: environment)
            let note = outcome.timedOut ? "\n(killed after the two-minute limit)" : ""
            return Outcome(code: outcome.timedOut ? -1 : outcome.status, out: outcome.outputText, err: outcome.errorText + note)
        } catch {
            return Outcome(code: -1, out: "", err: "\(error)")
        }
    }

    /// Parsed JSON output, for assertions on the contract's shapes.
    public static func json(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8))
    }
}

extension CommandRunner {
    /// `folder/ws`: a workspace with one industry dossier (GD-A) and a panel of one expert,
    /// E1, on every stage — what the terminal tests drive. Returns init's outcome.
    @discardableResult
    /// `moreExperts`: panel lines of experts besides the chair E1.
    public static func makeOneDossierWorkspace(in folder: String, moreExperts: [String] = []) throws -> Outcome {
        try FileManager.default.createDirectory(atPath: folder + "/dossiers", withIntermediateDirectories: true)
        try DossierFixture.yaml(id: "GD-A").write(toFile: folder + "/dossiers/A.yaml", atomically: true, encoding: .utf8)
        try """
        format: iip-panel/1
        chair: E1
        experts:
          - {id: E1, name: 陈某, affiliation: 某大学, stages: [written, defence, site, test], conflicts: []}
        """.appending(moreExperts.map { "\n  " + $0 }.joined()).write(toFile: folder + "/panel.yaml", atomically: true, encoding: .utf8)
        return run(["init", folder + "/ws", "--dossiers", folder + "/dossiers", "--panel", folder + "/panel.yaml"])
    }
}
