import Foundation
import IIPCore

/// The 申报书 files an intake reads: found in the paths given, each with its dossier id, and
/// each read as .docx bytes (converted by LibreOffice when it is another Word format).
public enum IntakeFiles {
    /// A form file and the id its dossier gets.
    public struct Source: Sendable, Equatable {
        public let path: String
        public let id: String

        public init(path: String, id: String) {
            self.path = path
            self.id = id
        }
    }

    /// Why the files cannot be taken as given (exit 2, nothing read).
    public enum Refusal: Error, Sendable, Equatable {
        case noSuchPath(String)
        case unreadableFolder(String)
        case noForms([String])
        /// A file's name is not an id and no `--prefix` was given.
        case needsPrefix(String)
        case invalidPrefix(String)
        /// Two files would give the same dossier id.
        case sameID(String, [String])
    }

    /// Extensions converted by LibreOffice before they are read.
    public static let convertedExtensions = DossierFiles.formExtensions.subtracting(["docx"])

    /// Every form under `paths`: a file named is taken; a folder gives its form files (not
    /// those of its subfolders, which hold evidence), in name order.
    public static func collect(_ paths: [String]) -> Result<[String], Refusal> {
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .failure(.noSuchPath(path)) }
            guard isFolder.boolValue else {
                files.append(path)
                continue
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                return .failure(.unreadableFolder(path))
            }
            files += names.filter(DossierFiles.isForm).sorted().map { (path as NSString).appendingPathComponent($0) }
        }
        // A file named twice (or named and in a folder named) is read once.
        var seen: Set<String> = []
        files = files.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
        return files.isEmpty ? .failure(.noForms(paths)) : .success(files)
    }

    /// Each file's id: its name's stem when that is an id, else `prefix` and the next free
    /// three-digit number, in file-name order.
    public static func identify(_ files: [String], prefix: String?) -> Result<[Source], Refusal> {
        if let prefix, !DossierID.isValid(prefix + "001") { return .failure(.invalidPrefix(prefix)) }
        var taken = Set(files.compactMap(Intake.id(ofFile:)))
        var next = 1
        var sources: [Source] = []
        let unnamed = files.filter { Intake.id(ofFile: $0) == nil }
            .sorted { ($0 as NSString).lastPathComponent < ($1 as NSString).lastPathComponent }
        var numbered: [String: String] = [:]
        for file in unnamed {
            guard let prefix else { return .failure(.needsPrefix(file)) }
            while taken.contains(prefix + String(format: "%03d", next)) { next += 1 }
            let id = prefix + String(format: "%03d", next)
            taken.insert(id)
            numbered[file] = id
        }
        var byID: [String: [String]] = [:]
        for file in files {
            let id = Intake.id(ofFile: file) ?? numbered[file] ?? ""
            byID[id, default: []].append(file)
            sources.append(Source(path: file, id: id))
        }
        if let (id, same) = byID.filter({ $0.value.count > 1 }).min(by: { $0.key < $1.key }) { return .failure(.sameID(id, same)) }
        return .success(sources)
    }

    /// The file's bytes as .docx: as they are, or converted by LibreOffice when the file is a
    /// .doc/.wps/.odt/.rtf (or a Word 97–2003 file named .docx).
    static func docx(_ data: Data, path: String, converter: LibreOffice?) throws -> Data {
        let ext = (path as NSString).pathExtension.lowercased()
        let legacyWord = data.starts(with: [0xD0, 0xCF, 0x11, 0xE0])
        guard convertedExtensions.contains(ext) || legacyWord else { return data }
        guard let converter else { throw UnreadableDocument(file: path, reason: .needsLibreOffice) }
        return try converter.convertToDocx(path, limit: DocxPackage.largestFile)
    }

    /// The bytes of a regular file no larger than a 申报书 can be.
    static func bounded(_ path: String, limit: Int = DocxPackage.largestFile) throws -> Data {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw UnreadableDocument(file: path, reason: .cannotRead(String(cString: strerror(errno))))
        }
        // A folder, a pipe or a device named .docx is not read (a pipe would never end).
        guard status.st_mode & S_IFMT == S_IFREG else { throw UnreadableDocument(file: path, reason: .notAFile) }
        guard status.st_size <= limit else {
            throw UnreadableDocument(file: path, reason: .tooLarge(bytes: Int64(status.st_size), limit: Int64(limit)))
        }
        switch BoundedFile.read(path, limit: limit) {
        case let .success(data): return data
        case let .failure(failure): throw UnreadableDocument(file: path, reason: .cannotRead(failure.message))
        }
    }
}
