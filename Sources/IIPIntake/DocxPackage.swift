import Foundation
import IIPCore
import ZIPFoundation

/// A .docx as a zip package: only the main document part is read, and only so far as the
/// limits allow — a file's own headers may lie about sizes (a zip bomb), so the bytes are
/// counted as they are inflated.
enum DocxPackage {
    /// The largest .docx read.
    static let largestFile = DossierFiles.largestForm
    /// The largest main document part inflated.
    static let largestDocumentPart = 32 << 20

    /// The bytes of `word/document.xml` (or the part the package names as the main document).
    static func documentXML(_ data: Data, file: String) throws -> Data {
        guard data.count <= largestFile else {
            throw UnreadableDocument(file: file, reason: .tooLarge(bytes: Int64(data.count), limit: Int64(largestFile)))
        }
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw UnreadableDocument(file: file, reason: .notAPackage)
        }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw UnreadableDocument(file: file, reason: .damagedPackage)
        }
        let part = try mainDocumentPath(archive, file: file)
        guard let entry = archive[part] else {
            throw UnreadableDocument(file: file, reason: .noDocumentPart(part))
        }
        var bytes = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                bytes.append(chunk)
                if bytes.count > largestDocumentPart { throw TooLarge() }
            }
        } catch is TooLarge {
            throw UnreadableDocument(file: file, reason: .unpacksTooLarge(limit: Int64(largestDocumentPart)))
        } catch {
            throw UnreadableDocument(file: file, reason: .damagedPart(part))
        }
        return bytes
    }

    private struct TooLarge: Error {}

    /// The main document part as `[Content_Types].xml` names it; `word/document.xml` when
    /// the package does not say (every writer seen uses that name).
    private static func mainDocumentPath(_ archive: Archive, file: String) throws -> String {
        guard let types = archive["[Content_Types].xml"], types.uncompressedSize < 1 << 20 else { return "word/document.xml" }
        var bytes = Data()
        do {
            _ = try archive.extract(types) { chunk in
                bytes.append(chunk)
                if bytes.count > 1 << 20 { throw TooLarge() }
            }
        } catch {
            // Without a readable list of parts, the name every writer uses is tried.
            return "word/document.xml"
        }
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
