import ArgumentParser
import Foundation
import IIPCore
import IIPIntake

/// `iipeval template`: the 申报书 as a Word file, blank or filled with a dossier.
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the 申报书 (附件2) as a Word file: blank for applicants, or filled with a dossier.",
        discussion: """
        The blank form has the form's own labels, Word check boxes, and the 分行业/分领域/分区域 statistics tables \
        cross platforms attach; it is the layout 'iipeval intake' reads best. With --from, the form filled with \
        that dossier, as an applicant would fill it.
        """
    )

    @Option(help: "The Word file to write (.docx).") var out: String
    @Option(help: "A dossier (YAML) to fill the form with.") var from: String?
    @Flag(help: "Replace an existing file.") var force = false

    func run() throws {
        let data: Data
        if let from {
            let loaded = DossierLoader(catalog: try Rubric.builtIn.get().catalog).load(path: from)
            guard let dossier = loaded.dossier else {
                throw CLIFailure.cannotRun("\(from): \(loaded.problems.first?.message ?? "not a dossier")")
            }
            data = try withForm { try FormTemplate.filled(dossier) }
        } else {
            data = try withForm { try FormTemplate.blank() }
        }
        try refusingPlace { try AtomicFile.write(data, to: out, replace: force) }
        Console.out("\(out): the 申报书 written\(from.map { " (filled with \($0))" } ?? "")\n")
    }

    private func withForm(_ body: () throws -> Data) throws -> Data {
        do {
            return try body()
        } catch {
            throw CLIFailure.cannotRun("the form cannot be written: \(error)")
        }
    }
}
