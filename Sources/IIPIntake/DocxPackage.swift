import Foundation
import ZIPFoundation

/// Why a file cannot be read as a Word document at all: one line for the user.
public struct UnreadableDocument: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}

/// A .docx as a zip package: only the main document part is read, and only so far as the
/// limits allow — a file's own headers may lie about sizes (a zip bomb), so the bytes are
/// counted as they are inflated.
enum DocxPackage {
    /// The largest .docx read: a 申报书 is text and tables, a few megabytes with its seals.
    static let largestFile = 40 << 20
    /// The largest main document part inflated.
    static let largestDocumentPart = 32 << 20

    /// The bytes of `word/document.xml` (or the part the package names as the main document).
    static func documentXML(_ data: Data, file: String) throws -> Data {
        guard data.count <= largestFile else {
            throw UnreadableDocument(file: file, reason: "\(data.count >> 20) MB is larger than a 申报书 can be (\(largestFile >> 20) MB); "
                                     + "save it again without embedded media")
        }
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
                throw UnreadableDocument(file: file, reason: "a Word 97–2003 document (.doc) saved with a .docx name; convert it first")
            }
            throw UnreadableDocument(file: file, reason: "not a Word document (.docx is a zip package; this file is not one)")
        }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw UnreadableDocument(file: file, reason: "a damaged Word document: its zip package cannot be read")
        }
        let part = try mainDocumentPath(archive, file: file)
        guard let entry = archive[part] else {
            throw UnreadableDocument(file: file, reason: "not a Word document: it has no \(part)")
        }
        var bytes = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                bytes.append(chunk)
                if bytes.count > largestDocumentPart { throw TooLarge() }
            }
        } catch is TooLarge {
            throw UnreadableDocument(file: file, reason: "its text unpacks to more than \(largestDocumentPart >> 20) MB: "
                                     + "not a 申报书 (a zip bomb?)")
        } catch {
            throw UnreadableDocument(file: file, reason: "a damaged Word document: \(part) cannot be unpacked")
        }
        return bytes
    }

    private struct TooLarge: Error {}

    /// The main document part as `[Content_Types].xml` names it; `word/document.xml` when
    /// the package does not say (every writer seen uses that name).
    private static func mainDocumentPath(_ archive: Archive, file: String) throws -> String {
        guard let types = archive["[Content_Types].xml"], types.uncompressedSize < 1 << 20 else { return "word/document.xml" }
        var bytes = Data()
        _ = try? archive.extract(types) { bytes.append($0) }
        let text = String(decoding: bytes, as: UTF8.self)
        // <Override PartName="/word/document.xml" ContentType="…wordprocessingml.document.main+xml"/>
        for override in text.components(separatedBy: "<Override ").dropFirst()
        where override.contains("wordprocessingml.document.main+xml") || override.contains("wordprocessingml.template.main+xml") {
            if let start = override.range(of: "PartName=\"/"), let end = override[start.upperBound...].firstIndex(of: "\"") {
                return String(override[start.upperBound..<end])
            }
        }
        return "word/document.xml"
    }
}
