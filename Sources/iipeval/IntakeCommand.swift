import ArgumentParser
import Foundation
import IIPCore
import IIPIntake
import Workbench

/// `iipeval intake`: the applicants' Word 申报书 read into dossier files, with a report of
/// what was read, derived, missing and not understood. Exit 0: every file read completely;
/// 1: some field missing or not understood (its YAML is written without it); 2: a file is not
/// a readable document, or the files cannot be written — and then nothing is written.
struct IntakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Read the applicants' 申报书 (.docx; .doc/.wps/.odt/.rtf through LibreOffice) into dossier files.",
        discussion: """
        Each form is read by its printed labels and written as DIR/<id>.yaml; the id is the file name's stem, or \
        --prefix and a three-digit number, given in file-name order among the files of this run (a file added \
        later may shift the numbers: rename received files to their ids to keep them fixed). Evidence is taken from the folder named like the form beside it \
        (GD2018-007.docx → GD2018-007/). The report says, per file, what was read, derived, missing and not \
        understood; a value not read exactly is left out, never guessed. Exit 0: every file read completely; \
        1: some field missing or not understood; 2: a file cannot be read (nothing is written).
        """
    )

    @Argument(help: "申报书 files, or folders of them.") var paths: [String]
    @Option(help: "The folder to write the dossiers into (made when missing).") var out: String
    @Flag(help: "Replace dossier files already in --out.") var force = false
    @Option(help: "The id prefix for files whose name is not an id (a three-digit number follows).") var prefix: String?
    @Option(help: "text or json.") var format: OutputFormat = .text
    @Option(help: "zh (简体中文) or en.") var lang: Language = .zh

    func run() throws {
        let text = IntakeText(language: lang)
        let sources: [IntakeFiles.Source]
        switch IntakeFiles.collect(paths).flatMap({ IntakeFiles.identify($0, prefix: prefix) }) {
        case let .failure(refusal): throw CLIFailure.cannotRun(text.refusal(refusal))
        case let .success(found): sources = found
        }
        let targets = sources.map { (out as NSString).appendingPathComponent($0.id + ".yaml") }
        try refusingPlace(in: lang) { try OutputFolder.check(out) }
        for target in targets { try refusingPlace(in: lang) { try AtomicFile.check(target, replace: force) } }

        let converter = LibreOffice.installed()
        let outcomes = sources.concurrentMap { source in
            IntakeOutcome(source: source, read: Result { try Intake.read(file: source.path, id: source.id, relativeTo: out, converter: converter) })
        }
        let unreadable = outcomes.contains { $0.failure != nil }
        if !unreadable {
            try write(outcomes, to: targets)
        }
        let report = IntakeReportText(words: text, outcomes: outcomes, targets: targets, written: !unreadable, out: out)
        Console.out(format == .json ? report.json().text(pretty: true) + "\n" : report.text())
        if unreadable {
            // One line each on stderr, whatever the format: the files to fix before anything is written.
            let lines = outcomes.filter { $0.failure != nil }.flatMap { text.fileLines($0, target: nil) }
            throw CLIFailure(code: 2, lines: lines + [text[.nothingWritten]])
        }
        if outcomes.contains(where: { $0.result.map { !$0.report.complete } ?? false }) { throw CLIFailure.foundErrors() }
    }

    /// Every dossier written, or none (a file already there that cannot be replaced stops them all).
    private func write(_ outcomes: [IntakeOutcome], to targets: [String]) throws {
        let files = zip(outcomes, targets).compactMap { outcome, target in
            outcome.result.map { (path: target, data: Data($0.yaml.utf8)) }
        }
        try refusingPlace(in: lang) { try OutputFolder.writeAll(files, into: out, replace: force) }
    }
}

/// One file's intake: its dossier and report, or why it cannot be read.
struct IntakeOutcome {
    let source: IntakeFiles.Source
    let read: Result<IntakeResult, Error>

    var result: IntakeResult? {
        if case let .success(result) = read { return result }
        return nil
    }
    var failure: Error? {
        if case let .failure(error) = read { return error }
        return nil
    }
}
