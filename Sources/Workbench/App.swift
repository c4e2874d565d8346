import Foundation
import IIPCore
import IIPExport
import IIPStore
import Terminal

/// The app loop: reads keys, feeds `update`, runs the effects it returns (every save before
/// the screen says "saved"), and shows `view`. The only place where the workbench does I/O.
public final class WorkbenchApp {
    let workspace: Workspace
    let screen = Screen()
    var state: AppState
    /// When the analysis now being computed was asked for (for `IIPEVAL_TRACE`).
    private var analysisAsked: UInt64?

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    let expertID: String
    /// Held while this workbench may write; nil when another one of the same expert runs.
    private let lock: ExpertLock?

    /// Reads what the expert needs from the workspace.
    public init(workspace: Workspace, expertID: String?, language: Language) throws {
        self.workspace = workspace
        let panel = try workspace.panel()
        guard let id = expertID ?? (panel.chair.isEmpty ? panel.experts.first?.id : panel.chair) else {
            throw Failure(description: "\(workspace.folder): the workspace has no panel; make it with 'iipeval init --panel'")
        }
        guard panel.expert(id) != nil else {
            throw Failure(description: "no expert \(id) on the panel (\(panel.experts.map(\.id).joined(separator: ", ")))")
        }
        self.expertID = id
        lock = workspace.readOnlyReason == nil ? ExpertLock.acquire(workspace: workspace.folder, expert: id) : nil
        // What this session sees starts here: a change by another program from now on is noticed.
        _ = try workspace.changedElsewhere()
        state = AppState(data: try WorkbenchApp.readListing(workspace, expert: id), language: language, width: 80, height: 24)
        state.exportFolder = workspace.folder + "/exports"
        if lock == nil {
            let reason: UIText = workspace.readOnlyReason == nil ? .secondInstance : .diskReadOnly
            state.readOnlyBecause = reason
            state.notice = Notice(text: state.strings[reason], style: .warning)
        } else if try workspace.declaration(expert: id) == nil {
            state.declaration = DeclarationState()
            // The pledge carries the expert's key (made now on first use), for the chair to
            // compare with the sheets that come: printed, signed, handed over.
            do {
                state.declaration?.keyFingerprint = KeyFingerprint(of: try ExpertKey.load(expert: id))
                if let exposure = ExpertKey.exposure(expert: id) { state.notice = Notice(text: state.strings.said(exposure), style: .warning) }
            } catch {
                state.notice = Notice(text: state.strings.said(error), style: .warning)
            }
        }
    }

    /// What the first frame shows, read without parsing a dossier: the list as the
    /// workspace kept it, the expert's scores and the ranking. The rest is read after it.
    static func readListing(_ workspace: Workspace, expert id: String) throws -> WorkbenchData {
        let panel = try workspace.panel()
        let expert = try self.expert(id, of: panel)
        let standings = try workspace.standings(parsing: false, comments: false)
        var data = WorkbenchData(rubric: standings.rubric, expert: expert, listing: try workspace.listing(standings),
                                 mine: try workspace.scores(expert: expert.id), groups: standings.groups,
                                 signed: try signed(workspace, expert: id), changed: standings.changed)
        data.isChair = expert.id == panel.chair
        return try withDissents(data, workspace, expert: id)
    }

    private static func expert(_ id: String, of panel: Panel) throws -> Expert {
        guard let expert = panel.expert(id) else { throw Failure(description: "no expert \(id) on the panel") }
        return expert
    }

    private static func signed(_ workspace: Workspace, expert id: String) throws -> Set<StageID> {
        Set(try workspace.signOffs().filter { $0.expert == id }.map(\.stage))
    }

    private static func withDissents(_ data: WorkbenchData, _ workspace: Workspace, expert id: String) throws -> WorkbenchData {
        var data = data
        for stage in StageID.allCases {
            let text = try workspace.dissent(expert: id, stage: stage)
            if !text.isEmpty { data.dissents[stage] = text }
        }
        return data
    }

    /// Everything the workbench shows, read from the workspace for one expert.
    static func read(_ workspace: Workspace, expert id: String) throws -> WorkbenchData {
        var data = try readDossiers(workspace, expert: id)
        data.othersMean = try othersMean(workspace, expert: id)
        return data
    }

    /// The other experts' mean points per item: a GROUP BY over every score, read last.
    static func othersMean(_ workspace: Workspace, expert id: String) throws -> [ScoreKey: Rational] {
        var othersMean: [ScoreKey: Rational] = [:]
        for other in try workspace.othersMeanPoints(excluding: id) {
            othersMean[ScoreKey(dossier: other.dossier, stage: other.stage, item: other.item)] = other.mean
        }
        return othersMean
    }

    /// Everything but the other experts' means.
    static func readDossiers(_ workspace: Workspace, expert id: String) throws -> WorkbenchData {
        let panel = try workspace.panel()
        let expert = try self.expert(id, of: panel)
        // One reading of the workspace gives the rubric, the compliance reports and the ranking;
        // only the chair's panel screen needs the sheets' comments, so only the chair's
        // opening adds up every item.
        let standings = try workspace.standings(comments: expert.id == panel.chair)
        let data = WorkbenchData(rubric: standings.rubric, expert: expert, reports: Array(standings.reports.values),
                                 mine: try workspace.scores(expert: expert.id), othersMean: [:], groups: standings.groups,
                                 signed: try signed(workspace, expert: id), changed: standings.changed)
        var withOverview = try withDissents(data, workspace, expert: id)
        withOverview.isChair = expert.id == panel.chair
        withOverview.rechecks = try rechecks(workspace, standings: standings, expert: id, chair: withOverview.isChair)
        if expert.id == panel.chair { withOverview.overview = try overview(workspace, panel: panel, standings: standings) }
        return withOverview
    }

    /// The chair's view of the whole panel: progress and sign-offs, and the deviations.
    private static func overview(_ workspace: Workspace, panel: Panel, standings: Standings) throws -> PanelOverview {
        let names = Dictionary(panel.experts.map { ($0.id, $0.name) }) { first, _ in first }
        let progress = try workspace.panelProgress().map {
            PanelOverview.Progress(expert: $0.expert, name: names[$0.expert] ?? "", stage: $0.stage,
                                   complete: $0.complete, required: $0.required, signed: $0.signed)
        }
        return PanelOverview(progress: progress, evaluations: Array(standings.evaluations.values))
    }

    /// The 复核 list as the expert may see it: their own (each one due only once they signed
    /// the stage), or the whole panel's for the chair.
    private static func rechecks(_ workspace: Workspace, standings: Standings, expert: String, chair: Bool) throws -> [RecheckItem] {
        try workspace.recheckItems(in: standings).filter { chair || $0.expert == expert }
    }

    /// What another process may have changed, read again without parsing a dossier.
    static func refresh(_ workspace: Workspace, expert id: String) throws -> WorkbenchRefresh {
        let panel = try workspace.panel()
        let expert = try self.expert(id, of: panel)
        let chair = expert.id == panel.chair
        // Only the chair's overview needs the sheets' comments (its deviations).
        let standings = try workspace.standings(parsing: false, comments: chair)
        var dissents: [StageID: String] = [:]
        for stage in StageID.allCases {
            let text = try workspace.dissent(expert: id, stage: stage)
            if !text.isEmpty { dissents[stage] = text }
        }
        return WorkbenchRefresh(expert: expert, mine: try workspace.scores(expert: id), signed: try signed(workspace, expert: id),
                                groups: standings.groups, changed: standings.changed, dissents: dissents,
                                overview: chair ? try overview(workspace, panel: panel, standings: standings) : nil,
                                othersMean: try othersMean(workspace, expert: id),
                                rechecks: try rechecks(workspace, standings: standings, expert: id, chair: chair))
    }

    public func run() {
        let trace = FrameTrace()
        screen.start()
        defer {
            screen.stop()
            trace?.write()
        }
        (state.width, state.height) = screen.size
        if !state.data.dossiersRead, state.notice == nil { state.notice = Notice(text: state.strings[.readingDossiers], style: .dim) }
        screen.present(view(state))
        trace?.firstFrame()
        // Once the expert sees the screen, on another thread: the dossiers themselves (and
        // what is computed from them), the other experts' means, and a backup of the
        // workspace as this session began (checked, the newest five kept). Keys are answered
        // meanwhile; a screen that shows a dossier waits for the dossiers.
        let readDossiers = !state.data.dossiersRead, backUp = lock != nil
        var background: BackgroundWork? = BackgroundWork { [workspace, expertID] report in
            if readDossiers {
                do {
                    report(.dossiersRead(try WorkbenchApp.readDossiers(workspace, expert: expertID)))
                } catch {
                    report(.dossiersUnreadable(Bilingual(error)))
                }
                // Without them no item is marked 偏离; nothing else is missing, and that is said.
                do {
                    report(.othersMeanRead(try WorkbenchApp.othersMean(workspace, expert: expertID)))
                } catch {
                    report(.backgroundFailed(.othersMean, Bilingual(error)))
                }
            }
            if backUp {
                do {
                    try workspace.backUp()
                } catch {
                    report(.backgroundFailed(.backup, Bilingual(error)))
                }
            }
        }
        while !state.quit {
            // While idle, a look once a second at whether another process changed the workspace.
            let next = screen.readKey(milliseconds: background == nil && state.analysisWanted == nil ? 1000 : 20)
            // A key's time runs from when it is read, any wait for the dossiers included.
            let arrived = DispatchTime.now().uptimeNanoseconds
            if let work = background {
                let (messages, done) = work.take()
                if done { background = nil }
                if !messages.isEmpty {
                    for message in messages { _ = update(&state, message) }
                    screen.present(view(state))
                    if messages.contains(where: { if case .analyzed = $0 { return true } else { return false } }), let asked = analysisAsked {
                        trace?.shown("analysis_ready", since: asked)
                    }
                }
            } else if next == nil || state.refreshSoon != nil || state.analysisWanted != nil {
                background = refreshIfChangedElsewhere() ?? analyzeIfWanted()
            }
            guard var key = next else { continue }
            // Keys that have already arrived (a paste, a held key) are handled together before
            // the next frame is drawn — one frame for a 3,000-character paste, not 3,000 — but
            // a frame is drawn at least every 5 ms while they keep coming.
            var read: [UInt64] = []
            while true {
                if key == .ctrl("z") {
                    suspend()
                    break
                }
                read.append(read.isEmpty ? arrived : DispatchTime.now().uptimeNanoseconds)
                handle(key)
                guard !state.quit, DispatchTime.now().uptimeNanoseconds - read[0] < 5_000_000,
                      let next = screen.readKey(milliseconds: 0) else { break }
                key = next
            }
            guard !read.isEmpty else { continue }
            // The list, the ranking and the pledge need no dossier; a screen that shows one
            // (or the panel's overview) waits for them to be read.
            if let work = background, state.showsDossiers, !state.data.dossiersRead {
                let (messages, done) = work.take { message in
                    if case .dossiersRead = message { return true }
                    if case .dossiersUnreadable = message { return true }
                    return false
                }
                if done { background = nil }
                for message in messages { _ = update(&state, message) }
            }
            screen.present(view(state))
            for time in read { trace?.key(since: time) }
        }
    }

    /// When another process has changed the workspace (a score file imported, a sheet
    /// signed or imported, a conflict declared), reads what changed on another thread, to
    /// arrive as `.refreshed`: every screen then shows current data.
    private func refreshIfChangedElsewhere() -> BackgroundWork? {
        let need: Rereading?
        do {
            need = try workspace.changedElsewhere() ? .everything : state.refreshSoon
        } catch {
            _ = update(&state, .backgroundFailed(.refresh, Bilingual(error)))
            screen.present(view(state))
            return nil
        }
        state.refreshSoon = nil
        guard let need else { return nil }
        if need == .ranking {
            return BackgroundWork { [workspace] report in
                do {
                    report(.rankingRefreshed(try workspace.standings(parsing: false, comments: false).groups))
                } catch {
                    report(.backgroundFailed(.ranking, Bilingual(error)))
                }
            }
        }
        let savesBefore = state.savesMade
        return BackgroundWork { [workspace, expertID] report in
            do {
                report(.refreshed(try WorkbenchApp.refresh(workspace, expert: expertID), savesBefore: savesBefore))
            } catch {
                report(.backgroundFailed(.refresh, Bilingual(error)))
            }
        }
    }

    /// A 复核 needs the expert's key on this machine; none is made for it (the pledge makes it).
    private func noKeyHere() -> WorkspaceError {
        WorkspaceError("there is no signing key of \(expertID) on this machine: a recheck is made on the expert's own laptop",
                       chinese: "本机没有 \(expertID) 的签名密钥：复核须在专家本人的电脑上进行")
    }

    /// The chair's analytics screen asked for figures of the data as it now is: computed on
    /// another thread (2,000 bootstrap panels take seconds at national scale), to arrive as `.analyzed`.
    private func analyzeIfWanted() -> BackgroundWork? {
        guard let revision = state.analysisWanted else { return nil }
        state.analysisWanted = nil
        analysisAsked = DispatchTime.now().uptimeNanoseconds
        return BackgroundWork { [workspace] report in
            do {
                report(.analyzed(Analysis(try workspace.standings(parsing: false, comments: false).recount), revision: revision))
            } catch {
                report(.backgroundFailed(.analysis, Bilingual(error)))
            }
        }
    }

    /// One key through `update`, with every effect it asks for run at once.
    private func handle(_ key: Key) {
        var pending: [Msg] = [key == .resize ? .resize(width: screen.size.width, height: screen.size.height) : .key(key)]
        while !pending.isEmpty {
            let msg = pending.removeFirst()
            for effect in update(&state, msg) { pending += perform(effect) }
        }
    }

    /// Runs one effect and reports its result as messages.
    func perform(_ effect: Effect) -> [Msg] {
        switch effect {
        case let .save(score, shown):
            do {
                try workspace.save([score], actor: score.expert, shown: [shown])
                return [.saved(score)]
            } catch {
                return [.saveFailed(WorkbenchFailure(error))]
            }
        case let .editComment(dossier, stage, item, text):
            switch runEditor(text) {
            case let .success(written): return [.editorFinished(dossier: dossier, stage: stage, item: item, text: written)]
            case let .failure(failure): return [.saveFailed(failure)]
            }
        case let .declare(conflicts):
            do {
                try workspace.declare(expert: expertID, conflicts: conflicts)
                return [.declared(try WorkbenchApp.read(workspace, expert: expertID))]
            } catch {
                return [.saveFailed(WorkbenchFailure(error))]
            }
        case let .editDissent(stage, text):
            let written: String
            switch runEditor(text) {
            case let .success(text): written = text
            case let .failure(failure): return [.saveFailed(failure)]
            }
            let dissent = dissentKept(written)
            do {
                try workspace.setDissent(expert: expertID, stage: stage, text: dissent)
                return [.dissentSaved(stage, dissent)]
            } catch {
                return [.saveFailed(WorkbenchFailure(error))]
            }
        case let .importSheets(folder):
            let results = importSheets(from: folder)
            do {
                return [.sheetsImported(results, try WorkbenchApp.read(workspace, expert: expertID))]
            } catch {
                return [.sheetsImported(results, nil), .backgroundFailed(.refresh, Bilingual(error))]
            }
        case .readAudit:
            do {
                let entries = try workspace.auditEntries()
                return [.auditRead(AuditSummary(entries: entries))]
            } catch {
                return [.backgroundFailed(.audit, Bilingual(error))]
            }
        case let .export(what, format, path, replace):
            return [export(what, format, to: path, replace: replace)]
        case .refreshRanking:
            do {
                return [.rankingRefreshed(try workspace.standings(parsing: false, comments: false).groups)]
            } catch {
                return [.backgroundFailed(.ranking, Bilingual(error))]
            }
        case let .checkSign(stage):
            do {
                let sheets = try workspace.sheetsToSign(expert: expertID, stage: stage)
                return [.signChecked(stage, incomplete: sheets.filter { $0.done < $0.of }.map(\.dossier), sheets: sheets.count)]
            } catch {
                return [.saveFailed(WorkbenchFailure(error))]
            }
        case let .sign(stage):
            do {
                let signing = try workspace.sign(expert: expertID, stage: stage, key: try ExpertKey.load(expert: expertID))
                // The deviations now due for 复核 are named at once; a reading failing here only loses the naming.
                var due: [RecheckItem] = []
                do { due = try workspace.recheckItems().filter { $0.expert == expertID && $0.stage == stage && $0.state == .open } } catch {}
                return [.stageSigned(stage, revision: signing.revision, rechecksDue: due.map(\.dossier))]
            } catch {
                return [.saveFailed(WorkbenchFailure(error))]
            }
        case let .confirmRecheck(item, reason):
            do {
                guard let key = try ExpertKey.existing(expert: expertID) else { throw noKeyHere() }
                let signing = try workspace.confirmRecheck(expert: expertID, dossier: item.dossier, stage: item.stage, reason: reason, key: key)
                return [.rechecked(item, signedAgain: signing.revision)]
            } catch {
                return [.saveFailed(WorkbenchFailure(error))]
            }
        case let .correctRecheck(item, ground):
            do {
                guard let key = try ExpertKey.existing(expert: expertID) else { throw noKeyHere() }
                try workspace.correctRecheck(expert: expertID, dossier: item.dossier, stage: item.stage, ground: ground, reason: "", key: key)
                return [.rechecked(item, signedAgain: nil)]
            } catch {
                return [.saveFailed(WorkbenchFailure(error))]
            }
        case .redraw:
            screen.invalidate()
            return []
        case let .completeFolder(typed):
            return [.folderCompleted(FolderPath.completed(typed))]
        case .quit:
            return []
        }
    }

    /// Imports every `.iipsheet` file of `folder`, in name order: one result per file.
    private func importSheets(from folder: String) -> SheetImportReport {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            return .folderUnreadable(folder, Bilingual(error))
        }
        let files = names.filter { $0.hasSuffix(".iipsheet") }.sorted()
        if files.isEmpty { return .noSheets(folder) }
        var results: [SheetFileImport] = []
        for name in files {
            do {
                let result = try workspace.importSheetFile((folder as NSString).appendingPathComponent(name))
                results.append(SheetFileImport(file: name, outcome: result.outcome))
            } catch {
                results.append(SheetFileImport(file: name, outcome: .unreadable(Bilingual(error))))
            }
        }
        return .files(results)
    }

    /// Ctrl-Z: gives the terminal back and stops, as a shell job; after `fg` takes the
    /// terminal again and redraws everything at the terminal's size then. Nothing is
    /// unsaved, so nothing can be lost meanwhile.
    private func suspend() {
        screen.stop()
        signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        screen.start()
        screen.invalidate()
        handle(.resize)
        screen.present(view(state))
    }

    /// Writes a document for the export dialog, by the exporter's rules: a file there is
    /// replaced only after the dialog's confirmation, a folder never. The default exports
    /// folder is made when missing; a place typed by the user must be in a folder that exists.
    private func export(_ what: ExportWhat, _ format: ExportFormat, to path: String, replace: Bool) -> Msg {
        // An expert writes only what they may see (独立评审); the dialog offers no more.
        guard state.data.exportable.contains(what) else { return .exported(state.strings[.notYours], ok: false) }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if parent == URL(fileURLWithPath: state.exportFolder).path {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                return .exported(state.strings.said(Bilingual(error).prefixed(parent)), ok: false)
            }
        }
        do {
            let exporter = Exporter(workspace: workspace, onlyExpert: state.data.isChair ? nil : expertID)
            let files = try exporter.export(what, format: format, to: path, force: replace)
            let count = Exporter.isFolder(what, format) ? (state.strings.language == .zh ? "（\(files.count)）" : " (\(files.count))") : ""
            return .exported("\(state.strings[.exported]) \(what.title)\(count) → \(path)", ok: true)
        } catch let failure as AtomicFile.Failure where failure.kind == .exists {
            return .exportExists
        } catch {
            return .exported(state.strings.said(error), ok: false)
        }
    }

    /// Hands the terminal to `$EDITOR` (or `$VISUAL`, or vi) on a private temporary file;
    /// the text written there, or why it could not be had.
    private func runEditor(_ text: String) -> Result<String, WorkbenchFailure> {
        let file = NSTemporaryDirectory() + "iipeval-comment-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).txt"
        defer { unlink(file) }
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return .failure(.editor(Bilingual.system(errno).prefixed(file))) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else { return .failure(.editor(Bilingual.system(errno).prefixed(file))) }
        let environment = ProcessInfo.processInfo.environment
        let editor = environment["EDITOR"] ?? environment["VISUAL"] ?? "vi"
        screen.stop()
        defer {
            screen.start()
            screen.invalidate()
        }
        let status: Int32
        do {
            status = try ChildProcess.runInTerminal(["/bin/sh", "-c", "\(editor) \"$0\"", file])
        } catch {
            return .failure(.editor(Bilingual(error).prefixed(editor)))
        }
        guard status == 0 else { return .failure(.editor(Bilingual("\(editor): exit \(status)", chinese: "\(editor)：退出码 \(status)"))) }
        guard let data = FileManager.default.contents(atPath: file) else { return .failure(.editor(Bilingual("\(file): gone", chinese: "\(file)：文件已不在"))) }
        // Line breaks as the gate keeps them: a CR would be refused as a control character.
        return .success(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"))
    }
}
