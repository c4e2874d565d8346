import Foundation

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

    @discardableResult
    public static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) -> Outcome {
        let process = Process()
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return Outcome(code: -1, out: "", err: "cannot start \(binary): \(error)") }
        // Read both pipes before waiting, so a large output cannot block the child.
        final class Collected: @unchecked Sendable { var data = Data() }
        let errData = Collected()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Outcome(code: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                       err: String(decoding: errData.data, as: UTF8.self))
    }

    /// Parsed JSON output, for assertions on the contract's shapes.
    public static func json(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8))
    }
}
