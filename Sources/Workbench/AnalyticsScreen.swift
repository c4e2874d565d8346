import IIPCore
import Terminal

/// The chair's analytics screen: per group each dossier's chance of selection as a bar with
/// the cut line, its margin and the experts whose removal flips it; per stage the agreement;
/// per expert a leniency strip. Block characters and digits, readable without colour.
enum AnalyticsScreen {
    static func render(_ state: AppState, _ area: Rect, _ buffer: inout Buffer) {
        Layout.draw(lines(state, width: area.width), scrolledBy: state.analyticsScroll, in: area, &buffer)
    }

    /// The width of a p(selected) bar, in cells.
    static let barWidth = 24

    static func lines(_ state: AppState, width: Int) -> [(String, Style)] {
        let s = state.strings
        if let failure = state.analysisFailure { return Layout.wrap(failure, width: max(20, width - 2)).map { ($0, .bad) } }
        guard let analysis = state.analysis?.analysis else {
            return [(s.format(.analyticsComputing, Analysis.defaultResamples), .dim)]
        }
        var lines: [(String, Style)] = Layout.wrap(s.format(.analyticsHead, analysis.resamples, Int(analysis.seed)), width: max(20, width - 2))
            .map { ($0, .dim) }
        if state.analysisWanted != nil || state.analysis?.of != state.data.revision {
            lines.append((s.format(.analyticsComputing, analysis.resamples), .dim))
        }
        for group in analysis.groups {
            lines.append(("", .normal))
            lines.append(("\(s.name(group.group.name, group.group.nameEn))  (≤\(group.group.cap))", .header))
            let titles = s[.analyticsColumns].split(separator: "|").map(String.init)
            lines.append((row(titles[0], titles[1], titles[2], titles[3]), .dim))
            var cutShown = false
            for entry in group.entries {
                if !cutShown, entry.status != .selected, entry.status != .tie {
                    lines.append(("──── " + s[.cut] + " " + String(repeating: "─", count: 40), .warning))
                    cutShown = true
                }
                guard entry.status != .ineligible else { continue }
                let percent = (entry.pSelected * Rational(100)).fixed(places: 0) + "%"
                let margin = entry.margin.map { ($0 >= .zero ? "+" : "") + $0.fixed() } ?? "—"
                let text = row(entry.id, bar(entry.pSelected) + " " + DisplayWidth.pad(percent, to: 4, right: true), margin,
                               entry.looFlips.joined(separator: " "))
                // A place that hangs on one expert, or that fewer than 9 panels of 10 agree with, stands out.
                let agreeing = entry.status == .selected || entry.status == .tie ? entry.pSelected : Rational(1) - entry.pSelected
                let solid = entry.looFlips.isEmpty && agreeing >= Rational(9, 10)
                lines.append((text, solid ? .normal : .warning))
            }
        }
        lines.append(("", .normal))
        lines.append((s[.analyticsAgreement], .header))
        for stage in analysis.stages {
            let icc = stage.iccA1.map { String(format: "%.3f", $0) } ?? "—"
            let w = stage.kendallW.map { String(format: "%.3f", $0) } ?? "—"
            lines.append((DisplayWidth.pad(state.stageName(stage.stage), to: 16) + "\(stage.dossiers) × \(stage.experts)   ICC \(icc)   W \(w)", .normal))
        }
        lines.append(("", .normal))
        lines += Layout.wrap(s[.analyticsLeniency], width: max(20, width - 2)).map { ($0, .header) }
        lines += leniencyStrips(analysis, state)
        return lines
    }

    /// A row of a group's table: id, the bar with its percentage, the margin, the flipping experts.
    static func row(_ id: String, _ chance: String, _ margin: String, _ flips: String) -> String {
        DisplayWidth.pad(id, to: 12) + DisplayWidth.pad(chance, to: barWidth + 5) + DisplayWidth.pad(margin, to: 8, right: true) + "  " + flips
    }

    /// `██████████████▌         `: `p` of the bar's width, in eighths of a cell.
    static func bar(_ p: Rational) -> String {
        let eighths = Int(((p * Rational(barWidth * 8)).rounded(places: 0)).description) ?? 0
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        let text = String(repeating: "█", count: eighths / 8) + partial
        return text + String(repeating: " ", count: max(0, barWidth - DisplayWidth.of(text)))
    }

    /// Width of a leniency strip, in cells (odd: the middle is zero).
    static let stripWidth = 41

    /// One strip per expert: each stage's leniency as its digit on a line from the harshest
    /// to the most lenient of the panel, `│` at zero, `*` where stages fall together.
    static func leniencyStrips(_ analysis: Analysis, _ state: AppState) -> [(String, Style)] {
        let values = analysis.experts.compactMap(\.leniency)
        let reach = values.map { $0 >= .zero ? $0 : .zero - $0 }.max() ?? .zero
        guard reach > .zero else { return [] }
        let half = stripWidth / 2
        // `◀ harsh` under the strip's left end, 0 over its middle, `lenient ▶` at its right end.
        let ends = state.strings[.analyticsLeniencyNote].split(separator: "|").map(String.init)
        let left = DisplayWidth.pad(ends[0], to: half) + ends[1]
        let scale = left + String(repeating: " ", count: max(1, stripWidth - DisplayWidth.of(left) - DisplayWidth.of(ends[2]))) + ends[2]
        var lines: [(String, Style)] = [(String(repeating: " ", count: 12) + scale, .dim)]
        let experts = analysis.experts.reduce(into: [String]()) { if !$0.contains($1.expert) { $0.append($1.expert) } }
        for expert in experts {
            var strip = Array(repeating: Character("·"), count: stripWidth)
            strip[half] = "│"
            var sum = Rational.zero, count = 0
            for row in analysis.experts where row.expert == expert {
                guard let leniency = row.leniency, let stage = StageID.allCases.firstIndex(of: row.stage) else { continue }
                let place = half + (Int((leniency / reach * Rational(half)).rounded(places: 0).description) ?? 0)
                let mark = Character(String(stage + 1))
                strip[place] = strip[place] == "·" || strip[place] == "│" ? mark : "*"
                sum = sum + leniency
                count += 1
            }
            let mean = count == 0 ? "—" : (sum / Rational(count)).fixed()
            lines.append((DisplayWidth.pad(expert, to: 12) + String(strip) + "  " + mean, .normal))
        }
        return lines
    }
}
