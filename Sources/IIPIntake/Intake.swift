import Foundation
import IIPCore

/// Intake of the official 申报书 (SPEC §11): a Word file as received, read into a dossier.
public enum Intake {
    /// Reads a .docx (its bytes) as dossier `id`. Evidence is looked for in `evidenceFolder`
    /// (the folder named like the form, beside it) and named relative to `base`, the folder
    /// the dossier will be read from.
    public static func read(_ data: Data, file: String, id: String, evidenceFolder: String?, relativeTo base: String) throws -> IntakeResult {
        let document = try WordDocument.read(data, file: file)
        let catalog = try Rubric.builtIn.get().catalog
        var reader = FormReader(file: file, labels: FormLabels.builtIn, catalog: catalog, evidenceFolder: evidenceFolder, base: base)
        var (dossier, report) = reader.read(document)
        guard reader.labelsFound > 0 else { throw UnreadableDocument(file: file, reason: .notAForm) }
        dossier.id = id
        report.id = id
        let yaml = DossierYAML.text(dossier)
        report.notUnderstood += formatProblems(yaml, catalog: catalog, file: file, read: report.read) { reader.written($0) ?? "" }
        return IntakeResult(dossier: dossier, report: report, yaml: yaml)
    }

    /// Reads the form at `path` as dossier `id`, its evidence from the folder beside it named
    /// like it, named relative to `base` (where the dossier file will be).
    public static func read(file path: String, id: String, relativeTo base: String,
                            converter: LibreOffice? = LibreOffice.installed()) throws -> IntakeResult {
        let received = try IntakeFiles.bounded(path)
        let data = try IntakeFiles.docx(received, path: path, converter: converter)
        var result = try read(data, file: path, id: id, evidenceFolder: evidenceFolder(of: path), relativeTo: base)
        result.sourceSHA256 = ContentHash.sha256(received)
        return result
    }

    /// The values read that the dossier format itself refuses (a negative count, a control
    /// character in a name): the one loader `validate` uses decides, so a form "read
    /// completely" is always a dossier that loads. They stay in the YAML, where validate names them.
    /// Only values read are looked at: what the form does not give is reported as missing.
    static func formatProblems(_ yaml: String, catalog: IndicatorCatalog, file: String, read: [String],
                               written: (String) -> String) -> [IntakeReport.Unclear] {
        let loaded = DossierLoader(catalog: catalog).load(data: Data(yaml.utf8), file: file)
        // `partners[0].mobile` was read when `partners[…]` was; `breakdowns.industries[2].apps` when a row of that table was.
        let root = { (field: String) in String(field.prefix { $0 != "[" }) }
        let readRoots = Set(read.map(root))
        return loaded.problems.compactMap { problem in
            guard let field = problem.field, read.contains(field) || readRoots.contains(root(field)) else { return nil }
            return IntakeReport.Unclear(field: field, label: FormLabels.builtIn.printedLabel(of: field), text: written(field),
                                        reason: .invalid(problem.message))
        }
    }

    /// The id of a file: its name's stem when that is an id, else nil (the caller numbers it).
    public static func id(ofFile path: String) -> String? {
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return DossierID.isValid(stem) ? stem : nil
    }

    /// The folder an applicant delivers evidence in: named like the form, beside it (it may
    /// not be there: then nothing was delivered).
    public static func evidenceFolder(of path: String) -> String {
        (path as NSString).deletingPathExtension
    }
}

/// A dossier id as the format allows it: letters, digits, '-' and '_', 1–32.
public enum DossierID {
    public static func isValid(_ id: String) -> Bool {
        (1...32).contains(id.utf8.count) && id.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x5F
        }
    }
}
