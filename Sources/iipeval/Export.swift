import ArgumentParser
import Foundation
import IIPCore
import IIPExport
import IIPStore

extension ExportFormat: ExpressibleByArgument {}
extension ExportWhat: ExpressibleByArgument {}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a document: ranking (推荐名单), sheets (专家评分表), summary (评审汇总表) or roster (附件3).",
        discussion: """
        The sheets are one file per expert in the folder --out, made when missing (one worksheet per
        expert in XLSX); other files in that folder are left alone. Each file is written to a temporary
        file and renamed; an existing file is kept unless --force. A folder is never replaced.
        """
    )

    @Argument(help: "The workspace folder.") var workspace: String
    @Option(help: "ranking, sheets, summary or roster.") var what: ExportWhat
    @Option(help: "csv, xlsx, html, md or json.") var format: ExportFormat
    @Option(help: "The file (or, for sheets other than xlsx, the folder) to write.") var out: String
    @Flag(help: "Replace an existing file (never a folder).") var force = false

    func run() throws {
        let ws = try openWorkspace(workspace)
        let written = try withWorkspace {
            do {
                return try Exporter(workspace: ws).export(what, format: format, to: out, force: force)
            } catch let failure as AtomicFile.Failure {
                throw CLIFailure.cannotRun(failure.description)
            } catch let failure as XLSXWriter.Failure {
                throw CLIFailure.cannotRun(failure.description)
            }
        }
        let files = Exporter.isFolder(what, format) ? " (\(written.count) files)" : ""
        Console.out("\(out): \(what.rawValue) written\(files)\n")
    }
}
