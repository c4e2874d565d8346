import IIPCore
import Terminal

/// What the chair sees of the whole panel: sheets per expert and stage, and the deviations.
public struct PanelOverview: Sendable {
    public struct Progress: Sendable, Equatable {
        public let expert: String
        public let name: String
        public let stage: StageID
        public let complete: Int
        public let required: Int
        public let signed: Bool

        public init(expert: String, name: String, stage: StageID, complete: Int, required: Int, signed: Bool) {
            self.expert = expert
            self.name = name
            self.stage = stage
            self.complete = complete
            self.required = required
            self.signed = signed
        }
    }

    /// An expert's stage score far from the panel's (偏离, SPEC §6).
    public struct Deviation: Sendable, Equatable {
        public let expert: String
        public let dossier: String
        public let stage: StageID
        public let score: Rational
        public let panel: Rational
        public let comment: String
    }

    public let progress: [Progress]
    public let deviations: [Deviation]

    public init(progress: [Progress], evaluations: [DossierEvaluation]) {
        self.progress = progress
        deviations = evaluations.sorted { $0.id < $1.id }.flatMap { evaluation in
            evaluation.deviations.map { stage, sheet in
                Deviation(expert: sheet.expert, dossier: evaluation.id, stage: stage, score: sheet.score,
                          panel: evaluation.value(stage) ?? .zero, comment: sheet.comments.first ?? "")
            }
        }
    }
}

/// The chair's panel screen: experts × stages (complete/required, signed), then deviations.
enum PanelScreen {
    static func render(_ state: AppState, _ area: Rect, _ buffer: inout Buffer) {
        Layout.draw(lines(state, width: area.width), scrolledBy: state.panelScroll, in: area, &buffer)
    }

    /// `：评分畸高畸低 · 漏看了附件`: the ground of a correction and the expert's words.
    static func recheckWhy(_ item: RecheckItem, _ s: Strings) -> String {
        let parts = [item.record?.outcome.ground.map(s.groundName), item.record.flatMap { $0.reason.isEmpty ? nil : $0.reason }].compactMap { $0 }
        return parts.isEmpty ? "" : (s.language == .zh ? "：" : ": ") + parts.joined(separator: " · ")
    }

    /// What the screen shows, as lines: progress, deviations, the import prompt and results, the audit log.
    static func lines(_ state: AppState, width: Int) -> [(String, Style)] {
        guard let overview = state.data.overview else { return [] }
        let s = state.strings
        var lines: [(String, Style)] = [(s[.panelProgress], .header)]
        let experts = overview.progress.reduce(into: [(String, String)]()) { list, row in
            if !list.contains(where: { $0.0 == row.expert }) { list.append((row.expert, row.name)) }
        }
        // Five columns that fit the screen: at 80 columns none is cut.
        let cell = max(12, min(24, (width - 2) / 5))
        var header = DisplayWidth.pad(s[.expert], to: cell)
        for stage in StageID.allCases { header += DisplayWidth.pad(state.stageName(stage), to: cell) }
        lines.append((header, .dim))
        for (id, name) in experts {
            var line = DisplayWidth.pad("\(id) \(name)", to: cell)
            for stage in StageID.allCases {
                guard let p = overview.progress.first(where: { $0.expert == id && $0.stage == stage }) else {
                    line += DisplayWidth.pad("—", to: cell)
                    continue
                }
                line += DisplayWidth.pad("\(p.complete)/\(p.required)" + (p.signed ? " " + s[.signed] : ""), to: cell)
            }
            lines.append((line, .normal))
        }
        lines.append(("", .normal))
        lines.append(("\(s[.deviations]) (\(overview.deviations.count))", .header))
        let rechecks = state.data.rechecks
        for d in overview.deviations {
            // Where its 复核 stands; none before the expert signs the stage.
            let recheck = rechecks.first { $0.expert == d.expert && $0.dossier == d.dossier && $0.stage == d.stage }
            let text = "\(d.expert)  \(d.dossier)  \(state.stageName(d.stage))  \(d.score.fixed()) / \(d.panel.fixed())"
                + (recheck.map { "  [\(s.recheckState($0.state))\(recheckWhy($0, s))]" } ?? "") + "  \(d.comment)"
            lines += Layout.wrap(text, width: max(20, width - 2)).map { ($0, recheck?.state == .open ? .bad : .warning) }
        }
        // Corrected so that they no longer deviate: still listed, with their ground.
        for item in rechecks where !overview.deviations.contains(where: { $0.expert == item.expert && $0.dossier == item.dossier && $0.stage == item.stage }) {
            let text = "\(item.expert)  \(item.dossier)  \(state.stageName(item.stage))  \(item.score?.fixed() ?? "—") / \(item.panel?.fixed() ?? "—")"
                + "  [\(s.recheckState(item.state))\(recheckWhy(item, s))]"
            lines += Layout.wrap(text, width: max(20, width - 2)).map { ($0, .good) }
        }
        if let folder = state.importFolder {
            lines.insert((s[.importFolder] + folder + "▏", .input), at: 0)
        }
        if !state.importResults.isEmpty {
            lines.append(("", .normal))
            lines.append((s[.importResults], .header))
            // Wrapped, never cut: a long folder name must not hide why a sheet was refused.
            for result in state.importResults {
                lines += Layout.wrap(result.text, width: max(20, width - 2)).map { ($0, result.refused ? .bad : .good) }
            }
        }
        if !state.auditLines.isEmpty {
            lines.append(("", .normal))
            lines.append((s[.auditTitle], .header))
            lines += state.auditLines.map { ($0, .normal) }
        }
        return lines
    }
}
