import Foundation
import IIPCore
import IIPStore

/// The documents of SPEC §10.
public enum ExportWhat: String, Sendable, CaseIterable {
    case ranking, sheets, summary, roster

    /// The document's Chinese name, for file names and the workbench.
    public var title: String {
        switch self {
        case .ranking: return "推荐名单"
        case .sheets: return "专家评分表"
        case .summary: return "评审汇总表"
        case .roster: return "申报信息汇总表"
        }
    }
}

/// Builds a document from a workspace and writes it in one format, atomically. Used by
/// `iipeval export` and by the workbench's export dialog alike, so both follow the same
/// rules: a file is replaced only with `force`, a folder never (see `AtomicFile`).
public struct Exporter {
    public let workspace: Workspace
    /// The title every document carries, e.g. 2018年广东省工业互联网平台评审.
    public let title: String

    /// Only this expert's sheets are written (an expert exporting their own, 独立评审).
    public let onlyExpert: String?

    public init(workspace: Workspace, title: String = "2018年广东省工业互联网平台评审", onlyExpert: String? = nil) {
        self.workspace = workspace
        self.title = title
        self.onlyExpert = onlyExpert
    }

    /// True when the document is a folder of files in this format (the sheets, one file per
    /// expert, except in a workbook where each expert has a worksheet).
    public static func isFolder(_ what: ExportWhat, _ format: ExportFormat) -> Bool {
        what == .sheets && format != .xlsx
    }

    /// Writes the document to `path` and returns the files written. An existing file is
    /// replaced only when `force`; a folder in the way of a file is refused whatever
    /// `force` says. The sheets go into the folder `path`, made when missing, one file per
    /// expert; nothing else in it is touched. Throws `AtomicFile.Failure`.
    @discardableResult
    public func export(_ what: ExportWhat, format: ExportFormat, to path: String, force: Bool = false) throws -> [String] {
        let isFolder = Exporter.isFolder(what, format)
        // Refused before the work of making the document.
        if isFolder { try OutputFolder.check(path) } else { try AtomicFile.check(path, replace: force) }
        let standings = try workspace.standings(parsing: !(what == .ranking && format == .json))
        if what == .ranking, format == .json {
            // The ranking of `rank --format json`, with the audit log's head that every document carries.
            let head = try workspace.auditHead()
            let document = RankingJSON.value(standings.groups, rechecks: try workspace.recheckItems(in: standings), audit: head)
            try AtomicFile.write(document.text(pretty: true) + "\n", to: path, replace: force)
            return [path]
        }
        let booklets = try self.booklets(what, standings: standings, charts: format == .xlsx)
        if format == .xlsx {
            try AtomicFile.write(to: path, replace: force) { try XLSXWriter.write(booklets, to: $0, shownAs: path) }
            return [path]
        }
        guard isFolder else {
            try AtomicFile.write(Exporter.render(booklets.first ?? Booklet(name: what.title, documents: []), format), to: path, replace: force)
            return [path]
        }
        // Each file is named by its expert's id: checked, as a name that became a path could lead anywhere.
        if let bad = booklets.first(where: { !Expert.isValidID($0.name) }) {
            throw AtomicFile.Failure(.refused, "'\(bad.name)' is not an expert id; no file is named after it",
                                     chinese: "“\(bad.name)”不是专家编号；不以它命名文件")
        }
        let files = booklets.map { (path: path + "/\($0.name).\(format.rawValue)", booklet: $0) }
        try OutputFolder.writeAll(files.map { (path: $0.path, data: Data(Exporter.render($0.booklet, format).utf8)) }, into: path, replace: force)
        return files.map(\.path)
    }

    static func render(_ booklet: Booklet, _ format: ExportFormat) -> String {
        switch format {
        case .csv: return Renderer.csv(booklet)
        case .md: return Renderer.markdown(booklet)
        case .html: return Renderer.html(booklet)
        case .json, .xlsx: return Renderer.json(booklet)
        }
    }

    /// The document as booklets: one for the ranking, summary and roster, one per expert
    /// for the sheets. Every document ends with the audit log's head, so that a printed
    /// copy anchors the log (`audit --verify --anchor`).
    /// With `charts`, the summary carries the analysis as charts (only a workbook draws them:
    /// 2,000 bootstrap panels are not computed for nothing).
    public func booklets(_ what: ExportWhat, standings: Standings, charts: Bool = false) throws -> [Booklet] {
        let head = Documents.auditHeadLine(try workspace.auditHead())
        return try contents(what, standings: standings, charts: charts).map { booklet in
            Booklet(name: booklet.name, documents: booklet.documents.map { document in
                var anchored = document
                anchored.closing.append(head)
                return anchored
            })
        }
    }

    private func contents(_ what: ExportWhat, standings: Standings, charts: Bool) throws -> [Booklet] {
        var dossiers: [String: Dossier] = [:]
        for (id, report) in standings.reports { dossiers[id] = report.dossier }
        switch what {
        case .ranking:
            var waivers: [String: [String]] = [:]
            for waiver in standings.overrides { waivers[waiver.dossier, default: []].append("\(waiver.code)：\(waiver.reason)") }
            let document = Documents.ranking(standings.groups, rubric: standings.rubric, dossiers: dossiers, waivers: waivers,
                                             title: title + " · 推荐名单", analysis: Analysis(standings.recount))
            return [Booklet(name: what.title, documents: [document])]
        case .roster:
            return [Booklet(name: what.title, documents: [Documents.roster(dossiers.map { ($0.key, $0.value) })])]
        case .summary:
            var statuses: [String: SelectionStatus] = [:]
            for group in standings.groups {
                for entry in group.entries { statuses[entry.candidate.id] = entry.status }
            }
            var document = Documents.summary(title: title, rubric: standings.rubric, panel: standings.counting.panel,
                                             dossiers: try dossierLines(dossiers), evaluations: standings.evaluations,
                                             statuses: statuses, signOffs: try workspace.signOffs(), trusted: try trustedKeys(),
                                             rechecks: try workspace.recheckItems(in: standings))
            if charts {
                document.charts = AnalysisCharts.charts(Analysis(standings.recount), rubric: standings.rubric, evaluations: standings.evaluations)
            }
            return [Booklet(name: what.title, documents: [document])]
        case .sheets:
            return try sheetBooklets(standings: standings, lines: try dossierLines(dossiers))
        }
    }

    private func dossierLines(_ parsed: [String: Dossier]) throws -> [DossierLine] {
        try workspace.dossiers().map { stored in
            DossierLine(id: stored.id, platform: stored.platform, type: stored.type,
                        typeText: parsed[stored.id].map(Documents.typeText) ?? stored.type.rawValue)
        }
    }

    /// Each expert's booklet: their sheet of every stage they sit on.
    private func sheetBooklets(standings: Standings, lines: [DossierLine]) throws -> [Booklet] {
        let rubric = standings.rubric
        let signOffs = try workspace.signOffs()
        let scores = try workspace.scores()
        let panel = standings.counting.panel
        let printed = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        let trusted = try trustedKeys()
        return try panel.experts.filter { onlyExpert == nil || $0.id == onlyExpert }.map { expert in
            let declaration = try workspace.declaration(expert: expert.id)
            let documents = try rubric.stages.filter { expert.stages.contains($0.id) }.map { stage -> Document in
                let signOff = signOffs.first { $0.expert == expert.id && $0.stage == stage.id }
                let content = try workspace.sheetContent(expert: expert.id, stage: stage.id, signedAt: signOff?.at ?? "",
                                                         revision: signOff?.revision ?? 0)
                // A signed sheet says the pledge it was signed with (made on the expert's laptop, maybe).
                let seal = SheetSeal(signOff: signOff, trusted: trusted[expert.id], contentSHA256: content.contentSHA256,
                                     declaredAt: content.pledge?.at ?? declaration?.at,
                                     declaredConflicts: content.pledge?.conflicts ?? declaration?.conflicts ?? [],
                                     dissent: content.dissent, rechecks: content.rechecks)
                return Documents.stageSheet(title: title, panel: panel, expert: expert, stage: stage, dossiers: lines, scores: scores,
                                            counting: standings.counting, seal: seal, printed: printed)
            }
            return Booklet(name: expert.id, documents: documents)
        }
    }

    /// The key trusted for each expert, by id.
    private func trustedKeys() throws -> [String: TrustedKey] {
        Dictionary(try workspace.trustedKeys().map { ($0.expert, $0) }) { first, _ in first }
    }
}
