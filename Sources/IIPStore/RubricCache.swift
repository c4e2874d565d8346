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
        // Nearly every workspace keeps the built-in rubric, already parsed once.
        let builtIn = try Rubric.builtIn.get()
        let rubric = text == builtIn.sourceText ? builtIn : try Rubric.parse(text, file: file, catalog: builtIn.catalog)
        parsed[text] = rubric
        return rubric
    }
}
