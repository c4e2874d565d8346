import Foundation

/// Finds the dossier files named by command-line paths (SPEC §3): a `*.yaml` file, a folder
/// holding `dossier.yaml`, or a folder of those.
public enum DossierFiles {
    public struct Failure: Error, Sendable {
        public let message: String
    }

    /// Every dossier file under `paths`, in name order within each folder: YAML, and the
    /// 申报书 as received (Word files). Inside a folder, YAML files that declare another
    /// iipeval format (a panel or rubric file kept beside the dossiers) are skipped; a file
    /// named explicitly is always taken.
    public static func collect(_ paths: [String]) -> Result<[String], Failure> {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return .failure(Failure(message: "\(path): no such file or folder"))
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let own = (path as NSString).appendingPathComponent("dossier.yaml")
            if FileManager.default.fileExists(atPath: own) {
                files.append(own)
                continue
            }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                return .failure(Failure(message: "\(path): cannot read the folder"))
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = (path as NSString).appendingPathComponent(name)
                var childIsDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: child, isDirectory: &childIsDirectory)
                if exists, childIsDirectory.boolValue {
                    let nested = (child as NSString).appendingPathComponent("dossier.yaml")
                    if FileManager.default.fileExists(atPath: nested) { files.append(nested) }
                } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml"), !declaresOtherFormat(child) {
                    files.append(child)
                } else if isForm(name), !names.contains(stem(name) + ".yaml"), !names.contains(stem(name) + ".yml") {
                    // A 申报书 as received; beside the YAML intake made of it, the YAML is the dossier.
                    files.append(child)
                }
            }
        }
        return .success(files)
    }

    /// The Word files a dossier may come as (the 申报书, read by intake): .docx as it is, the
    /// others converted by LibreOffice.
    public static let formExtensions: Set<String> = ["docx", "doc", "wps", "odt", "rtf"]

    /// The largest 申报书 file read: text and tables, a few megabytes with its seals.
    public static let largestForm = 40 << 20

    /// A 申报书 file by its name; not Word's lock file (~$name.docx) nor a hidden one.
    public static func isForm(_ name: String) -> Bool {
        !name.hasPrefix(".") && !name.hasPrefix("~$") && formExtensions.contains((name as NSString).pathExtension.lowercased())
    }

    private static func stem(_ name: String) -> String { (name as NSString).deletingPathExtension }

    /// True for a file whose top-level `format:` line names another iipeval document kind.
    static func declaresOtherFormat(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 4096)) ?? Data(), as: UTF8.self)
        for line in head.split(separator: "\n") where line.hasPrefix("format:") {
            let value = line.dropFirst("format:".count).trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            return value.hasPrefix("iip-") && !value.hasPrefix("iip-dossier/")
        }
        return false
    }
}
