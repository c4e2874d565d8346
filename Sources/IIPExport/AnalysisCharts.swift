import IIPCore
import IIPStore

/// The analysis drawn as the summary workbook's charts: per group the chance of selection,
/// split at the cut (selected and not selected as two series); leniency per expert and
/// stage; and per stage the spread of the counted sheets around the panel's score.
public enum AnalysisCharts {
    public static func charts(_ analysis: Analysis, rubric: Rubric, evaluations: [String: DossierEvaluation]) -> [Chart] {
        var charts: [Chart] = []
        for group in analysis.groups {
            let entries = group.entries.filter { $0.status != .ineligible }
            guard !entries.isEmpty else { continue }
            let chance = { (selected: Bool) in entries.map { entry -> Double? in
                (entry.status == .selected || entry.status == .tie) == selected ? entry.pSelected.double : nil
            } }
            charts.append(Chart(title: "入选概率 · \(group.group.name)（\(analysis.resamples) 个自助抽样专家组）", kind: .bar,
                                categoryName: "编号", categories: entries.map(\.id),
                                series: [Chart.Series("入选线以上", chance(true)), Chart.Series("入选线以下", chance(false))],
                                valueAxis: "入选概率", valueRange: 0...1))
        }
        let experts = analysis.experts.reduce(into: [String]()) { if !$0.contains($1.expert) { $0.append($1.expert) } }
        if !experts.isEmpty {
            let series = rubric.stages.map { stage in
                Chart.Series(stage.name, experts.map { expert in
                    analysis.experts.first { $0.expert == expert && $0.stage == stage.id }?.leniency?.double
                })
            }
            charts.append(Chart(title: "宽严程度（专家得分 − 专家组得分的平均）", kind: .column, categoryName: "专家",
                                categories: experts, series: series, valueAxis: "分"))
        }
        let ids = evaluations.keys.sorted()
        for stage in rubric.stages {
            let panels = ids.map { evaluations[$0]?.stages[stage.id] }
            guard panels.contains(where: { !($0?.sheets.isEmpty ?? true) }) else { continue }
            let lowest = panels.map { $0?.sheets.map(\.score).min()?.double }
            let highest = panels.map { $0?.sheets.map(\.score).max()?.double }
            charts.append(Chart(title: "评分分布 · \(stage.name)（最低、专家组得分、最高）", kind: .markers, categoryName: "编号",
                                categories: ids,
                                series: [Chart.Series("最低", lowest), Chart.Series("专家组得分", panels.map { $0?.value?.double }),
                                         Chart.Series("最高", highest)],
                                valueAxis: "分", valueRange: 0...100))
        }
        return charts
    }
}

private extension Rational {
    /// Near enough for a chart's point (four decimals; the tables keep the exact figures).
    var double: Double { Double(fixed(places: 4)) ?? 0 }
}
