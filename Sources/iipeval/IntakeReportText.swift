import Foundation
import IIPCore
import IIPIntake

/// The intake report (SPEC §11) as people read it and as machines do (`--format json`): per
/// file the id, every field read, how each derived field was derived, every field missing,
/// every value not understood with its label and raw text.
struct IntakeReportText {
    let words: IntakeText
    let outcomes: [IntakeOutcome]
    let targets: [String]
    /// Whether the dossier files were written (not when a file could not be read).
    let written: Bool
    let out: String

    func text() -> String {
        // A file that cannot be read is said on stderr, where the command's failures go.
        var lines = zip(outcomes, targets).filter { $0.0.result != nil }.flatMap { outcome, target in words.fileLines(outcome, target: written ? target : nil) }
        let results = outcomes.compactMap(\.result)
        let complete = results.filter(\.report.complete).count
        lines.append(words.format(.summary, outcomes.count, complete, results.count - complete, outcomes.count - results.count))
        if written {
            lines.append("\(words[.written]) \(out)")
            lines.append(words.format(.nextStep, out))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func json() -> JSONValue {
        .object([
            ("written", .bool(written)),
            ("out", .string(out)),
            ("files", .array(zip(outcomes, targets).map { outcome, target in file(outcome, target) })),
        ])
    }

    private func file(_ outcome: IntakeOutcome, _ target: String) -> JSONValue {
        guard let result = outcome.result else {
            let reason = outcome.failure as? UnreadableDocument
            return .object([
                ("file", .string(outcome.source.path)), ("id", .string(outcome.source.id)), ("status", .string("unreadable")),
                ("message", .string(reason.map { words.reason($0.reason) } ?? outcome.failure.map { "\($0)" } ?? "")),
            ])
        }
        let report = result.report
        return .object([
            ("file", .string(outcome.source.path)),
            ("id", .string(outcome.source.id)),
            ("status", .string(report.complete ? "complete" : "incomplete")),
            ("yaml", written ? .string(target) : .null),
            ("read", .array(report.read.map(JSONValue.string))),
            ("derived", .array(report.derived.map { item in
                .object([("field", .string(item.field)), ("value", .string(item.value)), ("source", .string(IntakeText.code(item.source))),
                         ("detail", .string(words.derivation(item.source)))])
            })),
            ("missing", .array(report.missing.map { field in
                .object([("field", .string(field)), ("label", .string(FormLabels.builtIn.printedLabel(of: field)))])
            })),
            ("not_understood", .array(report.notUnderstood.map { item in
                .object([("field", .string(item.field)), ("label", .string(item.label)), ("text", .string(item.text)),
                         ("reason", .string(IntakeText.code(item.reason))), ("detail", .string(words.unclear(item.reason)))])
            })),
        ])
    }
}
