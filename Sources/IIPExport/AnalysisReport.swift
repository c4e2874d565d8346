import Foundation
import IIPCore

/// `iipeval analyze --format html`: a printable A4 report, its charts inline SVG (no script,
/// nothing fetched), readable in black and white: shapes and patterns, not colours, carry
/// the meaning.
public enum AnalysisReport {
    /// The panel's sheets of a dossier per stage, as the spread chart draws them.
    public typealias Spreads = [String: [StageID: [ExpertStageScore]]]

    public static func html(_ analysis: Analysis, title: String, spreads: Spreads = [:], auditHead: String? = nil) -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>评审结果稳定性分析</title>
        <style>
        @page { size: A4 portrait; margin: 15mm 12mm 18mm; }
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 10pt; color: #000; }
        h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 6mm 0 2mm; break-after: avoid; }
        p.note { margin: 1mm 0 3mm; line-height: 1.6; }
        table { border-collapse: collapse; width: 100%; margin-bottom: 3mm; }
        th, td { border: 0.3mm solid #444; padding: 1mm 1.5mm; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        svg { display: block; margin: 2mm 0 4mm; break-inside: avoid; }
        svg text { font-family: inherit; font-size: 9px; }
        .spread { break-inside: avoid; }
        </style></head><body>
        <h1>评审结果稳定性分析</h1>
        <p class="note">\(HTML.escape(title))。自助抽样 \(analysis.resamples) 次（种子 \(analysis.seed)）：每次按各阶段专家人数有放回地抽取专家，按同一评审规则重新计算排名。
        本分析不改变任何正式分数。\(auditHead.map { "<br>" + HTML.escape($0) } ?? "")</p>

        """
        for group in analysis.groups {
            out += "<h2>\(HTML.escape(group.group.name))（入选上限 \(group.group.cap)）：入选概率与分数线</h2>\n"
            out += selectionChart(group)
            out += marginTable(group)
        }
        out += "<h2>各阶段评分一致性</h2>\n"
        out += "<p class=\"note\">ICC(A,1)：双向随机、绝对一致、单个评分者的组内相关系数（McGraw &amp; Wong 1996）；Kendall W：和谐系数（含结校正）。"
            + "只计该阶段全部专家均有计分评分表的申报材料。</p>\n"
        out += "<table><thead><tr><th>阶段</th><th>申报材料</th><th>专家</th><th>ICC(A,1)</th><th>Kendall W</th></tr></thead><tbody>\n"
        for stage in analysis.stages {
            out += "<tr><td>\(stage.stage.chineseName)</td><td class=\"n\">\(stage.dossiers)</td><td class=\"n\">\(stage.experts)</td>"
                + "<td class=\"n\">\(stage.iccA1.map(AnalysisJSON.fixed3) ?? "—")</td><td class=\"n\">\(stage.kendallW.map(AnalysisJSON.fixed3) ?? "—")</td></tr>\n"
        }
        out += "</tbody></table>\n"
        out += "<h2>专家宽严度</h2>\n<p class=\"note\">每位专家在各阶段的评分减去专家组得分的平均值：点在零线右侧者偏宽，左侧者偏严。</p>\n"
        out += leniencyChart(analysis.experts)
        out += "<h2>阶段权重敏感性</h2>\n<p class=\"note\">把 \(Analysis.weightStep.fixed(places: 0)) 个百分点的权重从一个阶段移到另一个阶段后，入选与否发生变化的申报材料。</p>\n"
        out += "<table><thead><tr><th>权重调整</th><th>入选变化</th></tr></thead><tbody>\n"
        for shift in analysis.weights {
            out += "<tr><td>\(shift.from.chineseName) → \(shift.to.chineseName)</td><td>"
                + (shift.changed.isEmpty ? "无变化" : shift.changed.map(HTML.escape).joined(separator: "、")) + "</td></tr>\n"
        }
        out += "</tbody></table>\n"
        if !spreads.isEmpty {
            out += "<h2>各申报材料的评分分布</h2>\n<p class=\"note\">每个点是一位专家的阶段得分；空心点为去掉的最高分、最低分；竖线为专家组得分。</p>\n"
            for group in analysis.groups {
                for entry in group.entries where spreads[entry.id] != nil {
                    out += spreadChart(entry, spreads[entry.id] ?? [:])
                }
            }
        }
        return out + "</body></html>\n"
    }

    // MARK: - Charts

    /// One row per dossier in ranking order: its bar of p_selected, a solid bar when it is
    /// selected and a hatched one when not, and the cut drawn across after the last selected.
    static func selectionChart(_ group: Analysis.Group) -> String {
        let rowHeight = 14, label = 300, barWidth = 360, width = label + barWidth + 60
        let height = group.entries.count * rowHeight + 30
        var svg = "<svg width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n"
        svg += "<defs><pattern id=\"hatch\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#000\" stroke-width=\"1\"/></pattern></defs>\n"
        for tick in [0, 25, 50, 75, 100] {
            let x = label + barWidth * tick / 100
            svg += "<line x1=\"\(x)\" y1=\"12\" x2=\"\(x)\" y2=\"\(height - 4)\" stroke=\"#bbb\" stroke-width=\"0.5\"/>"
                + "<text x=\"\(x)\" y=\"9\" text-anchor=\"middle\">\(tick)%</text>\n"
        }
        var cutDrawn = false
        for (index, entry) in group.entries.enumerated() {
            let y = 16 + index * rowHeight
            if !cutDrawn, entry.status != .selected, index > 0 {
                svg += "<line x1=\"0\" y1=\"\(y - 1)\" x2=\"\(width)\" y2=\"\(y - 1)\" stroke=\"#000\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/>"
                    + "<text x=\"\(width - 2)\" y=\"\(y - 3)\" text-anchor=\"end\">分数线</text>\n"
                cutDrawn = true
            }
            let share = Double(entry.pSelected.numerator) / Double(entry.pSelected.denominator)
            let bar = Int((share * Double(barWidth)).rounded())
            let name = DisplayText.short(entry.platform, 18)
            svg += "<text x=\"0\" y=\"\(y + 9)\">\(HTML.escape(entry.id)) \(HTML.escape(name))</text>"
            svg += "<rect x=\"\(label)\" y=\"\(y + 1)\" width=\"\(bar)\" height=\"\(rowHeight - 4)\" "
                + (entry.status == .selected ? "fill=\"#333\"" : "fill=\"url(#hatch)\" stroke=\"#000\" stroke-width=\"0.5\"") + "/>"
            svg += "<text x=\"\(label + bar + 3)\" y=\"\(y + 9)\">\(entry.pSelected.fixed(places: 3))</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func marginTable(_ group: Analysis.Group) -> String {
        var out = "<table><thead><tr><th>编号</th><th>平台名称</th><th>结果</th><th>总分</th><th>距分数线</th><th>入选概率</th>"
            + "<th>去掉后改变结果的专家</th></tr></thead><tbody>\n"
        for entry in group.entries {
            let margin = entry.margin.map { ($0 > .zero ? "+" : "") + $0.fixed() } ?? "—"
            out += "<tr><td>\(HTML.escape(entry.id))</td><td>\(HTML.escape(entry.platform))</td><td>\(statusName(entry.status))</td>"
                + "<td class=\"n\">\(entry.final?.fixed() ?? "—")</td><td class=\"n\">\(margin)</td><td class=\"n\">\(entry.pSelected.fixed(places: 3))</td>"
                + "<td>\(entry.looFlips.isEmpty ? "—" : entry.looFlips.map(HTML.escape).joined(separator: " "))</td></tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    /// A dot plot: one row per expert, a marker per stage (circle, square, triangle, diamond)
    /// at their leniency, on one axis centred at zero.
    static func leniencyChart(_ rows: [Analysis.Leniency]) -> String {
        let experts = rows.reduce(into: [String]()) { if !$0.contains($1.expert) { $0.append($1.expert) } }
        let values = rows.compactMap { $0.leniency.map { Double($0.numerator) / Double($0.denominator) } }
        let reach = max(1, (values.map(abs).max() ?? 1).rounded(.up))
        let rowHeight = 16, label = 60, axis = 520, width = label + axis + 20
        let height = experts.count * rowHeight + 50
        func x(_ value: Double) -> Double { Double(label) + Double(axis) * (value + reach) / (2 * reach) }
        var svg = "<svg width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n"
        for fraction in [-1.0, -0.5, 0, 0.5, 1] {
            let value = fraction * reach
            svg += "<line x1=\"\(x(value))\" y1=\"14\" x2=\"\(x(value))\" y2=\"\(height - 30)\" stroke=\"\(fraction == 0 ? "#000" : "#bbb")\" "
                + "stroke-width=\"\(fraction == 0 ? 1 : 0.5)\"/><text x=\"\(x(value))\" y=\"10\" text-anchor=\"middle\">\(String(format: "%+.1f", value))</text>\n"
        }
        for (index, expert) in experts.enumerated() {
            let y = Double(20 + index * rowHeight + rowHeight / 2)
            svg += "<text x=\"0\" y=\"\(y + 3)\">\(HTML.escape(expert))</text>"
            for row in rows where row.expert == expert {
                guard let value = row.leniency else { continue }
                svg += marker(row.stage, x: x(Double(value.numerator) / Double(value.denominator)), y: y)
            }
            svg += "\n"
        }
        var legendX = Double(label)
        for stage in StageID.allCases {
            svg += marker(stage, x: legendX + 4, y: Double(height - 12)) + "<text x=\"\(legendX + 12)\" y=\"\(height - 9)\">\(stage.chineseName)</text>"
            legendX += 90
        }
        return svg + "\n</svg>\n"
    }

    /// The stage's marker: ● 书面评审, ■ 专家答辩, ▲ 现场考察, ◆ 技术评测.
    static func marker(_ stage: StageID, x: Double, y: Double, hollow: Bool = false) -> String {
        let fill = hollow ? "fill=\"#fff\" stroke=\"#000\"" : "fill=\"#000\""
        switch stage {
        case .written: return "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"3.5\" \(fill)/>"
        case .defence: return "<rect x=\"\(x - 3)\" y=\"\(y - 3)\" width=\"6\" height=\"6\" \(fill)/>"
        case .site: return "<polygon points=\"\(x),\(y - 4) \(x + 4),\(y + 3) \(x - 4),\(y + 3)\" \(fill)/>"
        case .test: return "<polygon points=\"\(x),\(y - 4) \(x + 4),\(y) \(x),\(y + 4) \(x - 4),\(y)\" \(fill)/>"
        }
    }

    /// A dossier's sheets per stage on a 0–100 axis, as a conference system shows a paper's
    /// reviews: a dot per expert, hollow where trimmed, the panel's score as a bar.
    static func spreadChart(_ entry: Analysis.Entry, _ stages: [StageID: [ExpertStageScore]]) -> String {
        let label = 70, axis = 480, rowHeight = 13, width = label + axis + 60
        let height = StageID.allCases.count * rowHeight + 18
        func x(_ value: Rational) -> Double { Double(label) + Double(axis) * Double(value.numerator) / Double(value.denominator) / 100 }
        var svg = "<div class=\"spread\"><svg width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" "
            + "xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n<text x=\"0\" y=\"9\" font-weight=\"bold\">\(HTML.escape(entry.id)) "
            + "\(HTML.escape(DisplayText.short(entry.platform, 30)))</text>\n"
        for (index, stage) in StageID.allCases.enumerated() {
            let y = Double(18 + index * rowHeight)
            svg += "<text x=\"0\" y=\"\(y + 3)\">\(stage.chineseName)</text>"
            svg += "<line x1=\"\(label)\" y1=\"\(y)\" x2=\"\(label + axis)\" y2=\"\(y)\" stroke=\"#bbb\" stroke-width=\"0.5\"/>"
            let sheets = stages[stage] ?? []
            for sheet in sheets { svg += marker(stage, x: x(sheet.score), y: y, hollow: sheet.trimmed) }
            let kept = sheets.filter { !$0.trimmed }.map(\.score)
            if let mean = Rational.mean(kept) {
                svg += "<line x1=\"\(x(mean))\" y1=\"\(y - 5)\" x2=\"\(x(mean))\" y2=\"\(y + 5)\" stroke=\"#000\" stroke-width=\"1.5\"/>"
                    + "<text x=\"\(label + axis + 6)\" y=\"\(y + 3)\">\(mean.fixed())</text>"
            }
            svg += "\n"
        }
        return svg + "</svg></div>\n"
    }

    static func statusName(_ status: SelectionStatus) -> String {
        switch status {
        case .selected: return "入选"
        case .tie: return "并列（待专家组决定）"
        case .notSelected: return "未入选"
        case .belowThreshold: return "低于最低分"
        case .incomplete: return "评分未完成"
        case .ineligible: return "未通过符合性审查"
        }
    }
}

/// Text cut to fit a chart label.
enum DisplayText {
    static func short(_ text: String, _ characters: Int) -> String {
        text.count <= characters ? text : String(text.prefix(characters - 1)) + "…"
    }
}
