import ArgumentParser
import Foundation
import IIPCore
import IIPIntake
import Workbench

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
    @Option(help: "zh (简体中文) or en.") var lang: Language = .zh

    func run() throws {
        let zh = lang == .zh
        let data: Data
        if let from {
            // A received 申报书 is read by intake, not used to fill the form.
            if DossierFiles.isForm((from as NSString).lastPathComponent) {
                throw CLIFailure.cannotRun(zh ? "\(from)：--from 需要申报材料的 YAML 文件；收到的申报书请用 iipeval intake 读取"
                                              : "\(from): --from takes a dossier's YAML; a received 申报书 is read with 'iipeval intake'")
            }
            let loaded = DossierLoader(catalog: try Rubric.builtIn.get().catalog).load(path: from)
            guard let dossier = loaded.dossier else {
                throw CLIFailure.cannotRun("\(from)\(zh ? "：" : ": ")\(loaded.problems.first?.located ?? (zh ? "不是申报材料文件" : "not a dossier"))")
            }
            data = try withForm(zh) { try FormTemplate.filled(dossier) }
        } else {
            data = try withForm(zh) { try FormTemplate.blank() }
        }
        try refusingPlace(in: lang) { try AtomicFile.write(data, to: out, replace: force) }
        let filled = from.map { zh ? "（按 \($0) 填写）" : " (filled with \($0))" } ?? ""
        Console.out(zh ? "\(out)：已写入申报书\(filled)\n" : "\(out): the 申报书 written\(filled)\n")
    }

    private func withForm(_ zh: Bool, _ body: () throws -> Data) throws -> Data {
        do {
            return try body()
        } catch {
            throw CLIFailure.cannotRun((zh ? "无法生成申报书：" : "the form cannot be written: ") + "\(error)")
        }
    }
}
