import Foundation
import IIPCore

/// Parsed rubrics by their text: a workspace's rubric never changes, and parsing it for
/// every saved score would cost more than the save.
enum RubricCache {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var parsed: [String: Rubric] = [:]

    static func rubric(_ text: String, file: String) throws -> Rubric {
        lock.lock()
        defer { lock.unlock() }
        if let rubric = parsed[text] { return rubric }
        let rubric = try Rubric.parse(text, file: file, catalog: try Rubric.builtIn.get().catalog)
        parsed[text] = rubric
        return rubric
    }
}
