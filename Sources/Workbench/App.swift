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
        state = AppState(data: try WorkbenchApp.readListing(workspace, expert: id), language: language, width: 80, height: 24)
        state.exportFolder = workspace.folder + "/exports"
        if lock == nil {
            let reason: UIText = workspace.readOnlyReason == nil ? .secondInstance : .diskReadOnly
            state.readOnlyBecause = reason
            state.notice = Notice(text: state.strings[reason], style: .warning)
        } else if try workspace.declaration(expert: id) == nil {
            state.declaration = DeclarationState()
        }
    }

    /// What the first frame shows, read without parsing a dossier: the list as the
    /// workspace kept it, the expert's scores and the ranking. The rest is read after it.
    static func readListing(_ workspace: Workspace, expert id: String) throws -> WorkbenchData {
        let expert = try self.expert(id, of: try workspace.panel())
        let standings = try workspace.standings(parsing: false, comments: false)
        let data = WorkbenchData(rubric: standings.rubric, expert: expert, listing: try workspace.listing(standings),
                                 mine: try workspace.scores(expert: expert.id), groups: standings.groups,
                                 signed: try signed(workspace, expert: id), changed: standings.changed)
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
        if expert.id == panel.chair {
            let names = Dictionary(uniqueKeysWithValues: panel.experts.map { ($0.id, $0.name) })
            let progress = try workspace.panelProgress(standings).map {
                PanelOverview.Progress(expert: $0.expert, name: names[$0.expert] ?? "", stage: $0.stage,
                                       complete: $0.complete, required: $0.required, signed: $0.signed)
            }
            withOverview.overview = PanelOverview(progress: progress, evaluations: Array(standings.evaluations.values))
        }
        return withOverview
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
                    report(.dossiersUnreadable("\(error)"))
                }
                // Without them no item is marked 偏离; nothing else is missing.
                if let means = try? WorkbenchApp.othersMean(workspace, expert: expertID) { report(.othersMeanRead(means)) }
            }
            if backUp {
                do {
                    try workspace.backUp()
                } catch {
                    report(.backupFailed("\(error)"))
                }
            }
        }
        while !state.quit {
            let next = screen.readKey(milliseconds: background == nil ? -1 : 20)
            // A key's time runs from when it is read, any wait for the dossiers included.
            let arrived = DispatchTime.now().uptimeNanoseconds
            if let work = background {
                let (messages, done) = work.take()
                if done { background = nil }
                if !messages.isEmpty {
                    for message in messages { _ = update(&state, message) }
                    screen.present(view(state))
                }
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
        case let .save(score):
            do {
                try workspace.save([score], actor: score.expert)
                return [.saved(score)]
            } catch {
                return [.saveFailed("\(error)")]
            }
        case let .editComment(dossier, stage, item, text):
            return [.editorFinished(dossier: dossier, stage: stage, item: item, text: runEditor(text))]
        case let .declare(conflicts):
            do {
                try workspace.declare(expert: expertID, conflicts: conflicts)
                return [.declared(try WorkbenchApp.read(workspace, expert: expertID))]
            } catch {
                return [.saveFailed("\(error)")]
            }
        case let .editDissent(stage, text):
            guard let written = runEditor(text) else { return [.dissentSaved(stage, nil)] }
            let dissent = written.trimmingCharacters(in: .whitespacesAndNewlines)
            do {
                try workspace.setDissent(expert: expertID, stage: stage, text: dissent)
                return [.dissentSaved(stage, dissent)]
            } catch {
                return [.saveFailed("\(error)")]
            }
        case let .importSheets(folder):
            return [.sheetsImported(importSheets(from: folder), try? WorkbenchApp.read(workspace, expert: expertID))]
        case .readAudit:
            guard let entries = try? workspace.auditEntries() else { return [.auditRead(["—"])] }
            let verdict = AuditLog.firstBreak(entries).map { "✗ entry \($0.entry.seq): \($0.reason)" } ?? "✓ \(entries.count) entries, chain intact"
            return [.auditRead([verdict] + entries.suffix(200).reversed().map {
                "\($0.seq)  \($0.at)  \($0.actor)  \($0.action)  \($0.subject)  \($0.new ?? "")"
            })]
        case let .export(what, format, path, replace):
            return [export(what, format, to: path, replace: replace)]
        case .refreshRanking:
            guard let groups = try? workspace.standings(parsing: false, comments: false).groups else { return [] }
            return [.rankingRefreshed(groups)]
        case .quit:
            return []
        }
    }

    /// Imports every `.iipsheet` file of `folder`, in name order: one result line per file.
    private func importSheets(from folder: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return ["\(folder): cannot read the folder"] }
        let files = names.filter { $0.hasSuffix(".iipsheet") }.sorted()
        if files.isEmpty { return ["\(folder): no .iipsheet files"] }
        return files.map { name in
            let path = (folder as NSString).appendingPathComponent(name)
            guard case let .success(data) = BoundedFile.read(path, limit: 64 << 20) else { return "\(name): refused: cannot be read" }
            do {
                let sheet = try SheetFile.read(data)
                switch try workspace.importSheet(sheet, fileSHA256: ContentHash.sha256(data)) {
                case let .imported(rows): return "\(name): imported \(rows) scores of \(sheet.expert) (\(sheet.stage.rawValue)), key \(sheet.fingerprint)"
                case .alreadyImported: return "\(name): already imported"
                }
            } catch {
                return "\(name): refused: \(error)"
            }
        }
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
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if parent == URL(fileURLWithPath: state.exportFolder).path {
            try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        }
        do {
            let files = try Exporter(workspace: workspace).export(what, format: format, to: path, force: replace)
            let count = Exporter.isFolder(what, format) ? "（\(files.count)）" : ""
            return .exported("\(state.strings[.exported]) \(what.title)\(count) → \(path)", ok: true)
        } catch let failure as AtomicFile.Failure where failure.kind == .exists {
            return .exportExists
        } catch {
            return .exported("\(error)", ok: false)
        }
    }

    /// Hands the terminal to `$EDITOR` (or `$VISUAL`, or vi) on a temporary file; the text
    /// written there, or nil when the editor could not run.
    private func runEditor(_ text: String) -> String? {
        let file = NSTemporaryDirectory() + "iipeval-comment-\(getpid()).txt"
        defer { try? FileManager.default.removeItem(atPath: file) }
        guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8)) else { return nil }
        let environment = ProcessInfo.processInfo.environment
        let editor = environment["EDITOR"] ?? environment["VISUAL"] ?? "vi"
        screen.stop()
        defer {
            screen.start()
            screen.invalidate()
        }
        guard let status = try? ChildProcess.runInTerminal(["/bin/sh", "-c", "\(editor) \"$0\"", file]) else { return nil }
        guard status == 0, let data = FileManager.default.contents(atPath: file) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
