import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
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

    /// The main document part as the package's relationships name it (`_rels/.rels`, type
    /// officeDocument), as Word itself finds it; `[Content_Types].xml` may list decoys. A
    /// package naming two main parts, or holding two entries of that name, is refused: which
    /// one Word shows cannot be known.
    private static func mainDocumentPath(_ archive: Archive, file: String) throws -> String {
        var part = "word/document.xml"
        if let rels = smallPart(archive, "_rels/.rels") {
            let targets = PackageRelationships.targets(in: rels, type: "/officeDocument")
            guard targets.count <= 1 else { throw UnreadableDocument(file: file, reason: .twoMainParts) }
            if let target = targets.first { part = target }
        }
        guard archive.filter({ $0.path == part }).count <= 1 else { throw UnreadableDocument(file: file, reason: .twoMainParts) }
        return part
    }

    /// A part of at most 1 MB (relationships, content types), or nil.
    private static func smallPart(_ archive: Archive, _ path: String) -> Data? {
        guard let entry = archive[path], entry.uncompressedSize < 1 << 20 else { return nil }
        var bytes = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                bytes.append(chunk)
                if bytes.count > 1 << 20 { throw TooLarge() }
            }
        } catch {
            return nil
        }
        return bytes
    }
}

/// The relationships of an Open Packaging part: `<Relationship Type="…" Target="…"/>`,
/// read with the XML parser (so quotes of either kind, and entities, are what XML says).
private final class PackageRelationships: NSObject, XMLParserDelegate {
    private let type: String
    private var found: [String] = []

    private init(type: String) {
        self.type = type
    }

    /// The targets of the relationships whose type ends in `type`, as package paths without
    /// a leading slash.
    static func targets(in data: Data, type: String) -> [String] {
        // Word never writes a DTD here either; one is not parsed.
        guard !WordDocument.declaresEntities(data) else { return [] }
        let reader = PackageRelationships(type: type)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse() else { return [] }
        return reader.found
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        guard name.hasSuffix("Relationship"), attributes["TargetMode"] != "External",
              let type = attributes["Type"], type.hasSuffix(self.type), let target = attributes["Target"] else { return }
        found.append(String(target.drop { $0 == "/" }))
    }
}
