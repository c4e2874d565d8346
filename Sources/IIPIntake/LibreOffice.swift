import Foundation

/// LibreOffice, run headless to turn a .doc, .wps, .odt or .rtf into .docx (SPEC §11). Each
/// conversion has a profile folder of its own, so it neither waits for nor disturbs a
/// LibreOffice the user has open, and a time limit, so a file that hangs it is reported.
public struct LibreOffice: Sendable {
    public let executable: String
    /// How long one conversion may take.
    public var timeLimit: TimeInterval = 180

    public init(executable: String) {
        self.executable = executable
    }

    /// The `soffice` (or `libreoffice`) on the PATH, or nil.
    public static func installed(environment: [String: String] = ProcessInfo.processInfo.environment) -> LibreOffice? {
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["soffice", "libreoffice"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return LibreOffice(executable: folder + "/" + name)
            }
        }
        return nil
    }

    /// The file converted to .docx, its bytes within `limit`.
    public func convertToDocx(_ path: String, limit: Int) throws -> Data {
        let fail = { (detail: String) in UnreadableDocument(file: path, reason: .conversionFailed(detail)) }
        guard let scratch = Scratch() else { throw fail("no temporary folder: \(String(cString: strerror(errno)))") }
        defer { scratch.remove() }
        let input = URL(fileURLWithPath: path).standardizedFileURL
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-env:UserInstallation=" + URL(fileURLWithPath: scratch.path + "/profile").absoluteString,
                             "--headless", "--norestore", "--convert-to", "docx", "--outdir", scratch.path + "/out", input.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errors = scratch.path + "/stderr"
        process.standardError = FileManager.default.createFile(atPath: errors, contents: nil)
            ? FileHandle(forWritingAtPath: errors) : FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw fail("\(executable) cannot be started")
        }
        guard finished.wait(timeout: .now() + timeLimit) == .success else {
            process.terminate()
            throw fail("LibreOffice took longer than \(Int(timeLimit)) s")
        }
        let converted = scratch.path + "/out/" + input.deletingPathExtension().lastPathComponent + ".docx"
        guard FileManager.default.fileExists(atPath: converted) else {
            let said = (try? String(contentsOfFile: errors, encoding: .utf8))?.split(separator: "\n").last.map(String.init)
            throw fail(said ?? "LibreOffice wrote no .docx (exit \(process.terminationStatus))")
        }
        return try IntakeFiles.bounded(converted, limit: limit)
    }

    /// A private folder for one conversion, removed afterwards.
    private struct Scratch {
        let path: String

        init?() {
            var template = Array((NSTemporaryDirectory() + "/iipeval-convert-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else { return nil }
            path = String(cString: made)
        }

        func remove() {
            // Only this conversion's own folder, made by mkdtemp above.
            do { try FileManager.default.removeItem(atPath: path) } catch { /* a leftover in the temporary folder harms nothing */ }
        }
    }
}
