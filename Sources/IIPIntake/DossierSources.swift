import Foundation
import IIPCore

/// Dossier files as `validate` and `init` take them: YAML as written, and a 申报书 as
/// received, read by intake in memory into the YAML it would write.
public struct DossierSources: Sendable {
    public let loader: DossierLoader
    public let converter: LibreOffice?

    public init(loader: DossierLoader, converter: LibreOffice? = LibreOffice.installed()) {
        self.loader = loader
        self.converter = converter
    }

    /// The dossier of one file, with the intake report when it is a 申报书. A form that cannot
    /// be read gives one E-PARSE problem, as broken YAML does. The dossier's text is the YAML
    /// intake made; its hash is the received file's, so a workspace notices when that changes.
    public func load(_ path: String) -> (loaded: LoadedDossier, intake: IntakeResult?) {
        guard DossierFiles.isForm((path as NSString).lastPathComponent) else { return (loader.load(path: path), nil) }
        guard let id = Intake.id(ofFile: path) else {
            return (LoadedDossier.unreadable(path, "the file name is not a dossier id (letters, digits, '-', '_', up to 32): "
                                             + "rename it, or read it with 'iipeval intake --prefix'"), nil)
        }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            let result = try Intake.read(file: path, id: id, relativeTo: folder.isEmpty ? "." : folder, converter: converter)
            return (loader.load(data: Data(result.yaml.utf8), file: path, sourceHash: result.sourceSHA256).withoutLines(), result)
        } catch let unreadable as UnreadableDocument {
            return (LoadedDossier.unreadable(path, unreadable.reason.message(chinese: false)), nil)
        } catch {
            return (LoadedDossier.unreadable(path, "\(error)"), nil)
        }
    }
}
