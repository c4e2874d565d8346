import Foundation
import IIPCore
import IIPExport
import IIPStore
import Terminal

/// Something that happened: a key, a new terminal size, or the result of an effect.
public enum Msg: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case saved(ItemScore)
    case saveFailed(WorkbenchFailure)
    case editorFinished(dossier: String, stage: StageID, item: String, text: String?)
    /// The dissent of a stage was written and saved (nil: the editor did not run).
    case dissentSaved(StageID, String?)
    /// The declaration is recorded; the data read again with the declared conflicts.
    case declared(WorkbenchData)
    /// Sheets were imported: a result per file, and the data read again.
    case sheetsImported(SheetImportReport, WorkbenchData?)
    case auditRead(AuditSummary)
    case rankingRefreshed([RankedGroup])
    /// The dossiers were read after the first frame (everything the listing lacked), or
    /// could not be, and why.
    case dossiersRead(WorkbenchData)
    case dossiersUnreadable(Bilingual)
    /// The other experts' mean points per item, read after the dossiers.
    case othersMeanRead([ScoreKey: Rational])
    /// What another process changed, read again, and how many of its own saves the
    /// workbench had made when the reading began.
    case refreshed(WorkbenchRefresh, savesBefore: Int)
    /// Work away from the keys failed: which, and why.
    case backgroundFailed(BackgroundTask, Bilingual)
    /// The export dialog's place exists: Enter again replaces it.
    case exportExists
    /// An export finished: what to tell the user, and whether it worked.
    case exported(String, ok: Bool)
    /// What signing the stage needs: the sheets still incomplete, of how many.
    case signChecked(StageID, incomplete: [String], sheets: Int)
    /// The stage was signed (its revision); what it opens is read again when the keys are idle.
    /// With the dossiers whose score in it deviates and is now due for 复核.
    case stageSigned(StageID, revision: Int, rechecksDue: [String])
    /// The folder typed, completed as far as the folders there agree (the same when none does).
    case folderCompleted(String)
    /// The analysis of the data of this revision, computed away from the keys.
    case analyzed(Analysis, revision: UInt64)
    /// A 复核 was recorded: confirmed and signed again (its revision), or the stage reopened to correct.
    case rechecked(RecheckItem, signedAgain: Int?)
}

/// Work for the app loop: all I/O happens there, never in update or view.
public enum Effect: Sendable, Equatable {
    /// Write this score in its own transaction, then report `.saved` or `.saveFailed`;
    /// `shown` is what the screen showed of the item, never overwritten if changed since.
    case save(ItemScore, shown: ShownScore)
    /// Let the user write this comment in $EDITOR, then report `.editorFinished`.
    case editComment(dossier: String, stage: StageID, item: String, text: String)
    case refreshRanking
    /// Record the pledge with these declared conflicts, then report `.declared`.
    case declare([String])
    /// Let the expert write the stage's dissent in $EDITOR and save it, then report `.dissentSaved`.
    case editDissent(StageID, text: String)
    /// Import every `.iipsheet` of this folder, then report `.sheetsImported`.
    case importSheets(folder: String)
    case readAudit
    /// Writes a document (SPEC §10); `replace` allows replacing an existing file or folder.
    case export(ExportWhat, ExportFormat, path: String, replace: Bool)
    /// Asks the workspace which sheets signing the stage needs, then reports `.signChecked`.
    case checkSign(StageID)
    /// Signs the stage with the expert's key, then reports `.stageSigned` or `.saveFailed`.
    case sign(StageID)
    /// Draws the whole screen afresh (Ctrl-L).
    case redraw
    /// Confirms the expert's deviating score with the reason and signs the stage again, then
    /// reports `.rechecked` or `.saveFailed`.
    case confirmRecheck(RecheckItem, reason: String)
    /// Reopens the stage to correct the score on `ground`, then reports `.rechecked` or `.saveFailed`.
    case correctRecheck(RecheckItem, RecheckGround)
    /// Completes a folder typed at the sheet import (Tab), then reports `.folderCompleted`.
    case completeFolder(String)
    case quit
}

/// The one place where state changes (bubbletea's Update): returns the effects to run.
public func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
    switch msg {
    case let .resize(width, height):
        state.width = width
        state.height = height
        return []
    case let .saved(score):
        state.data.mine[ScoreKey(dossier: score.dossier, stage: score.stage, item: score.item)] = score
        state.savesMade += 1
        state.notice = Notice(text: state.strings[score.points == nil && state.review.clearing ? .cleared : .saved], style: .good)
        state.review.clearing = false
        if score.points != nil, state.review.draft == nil, state.review.advanceAfterSave { moveToNextUnscored(&state, after: true) }
        state.review.advanceAfterSave = false
        // The panel's score in the list (where it is shown) follows: read again away from the keys;
        // the chair's overview too while it is on the screen.
        if state.data.seesRanking { state.readAgain(state.screen == .panel ? .everything : .ranking) }
        return []
    case let .saveFailed(failure):
        state.review.advanceAfterSave = false
        state.review.clearing = false
        state.notice = Notice(text: state.strings.failure(failure), style: .bad)
        // What changed elsewhere is read again at once, so the screen shows it.
        if case .changedElsewhere = failure { state.readAgain(.everything) }
        return []
    case let .editorFinished(dossier, stage, item, text):
        guard let text else {
            state.notice = Notice(text: state.strings[.editorFailed], style: .bad)
            return []
        }
        let comment = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return [.save(ItemScore(expert: state.data.expert.id, dossier: dossier, stage: stage, item: item,
                                points: state.data.points(dossier, stage, item), comment: comment),
                      shown: state.data.shown(dossier, stage, item))]
    case let .dissentSaved(stage, text):
        guard let text else {
            state.notice = Notice(text: state.strings[.editorFailed], style: .bad)
            return []
        }
        state.data.dissents[stage] = text
        state.notice = Notice(text: state.strings[.saved] + " · " + state.strings[.dissent], style: .good)
        return []
    case let .sheetsImported(report, data):
        state.importResults = state.strings.importReport(report)
        state.auditLines = []
        if let data { state.data = data }
        return []
    case let .auditRead(summary):
        state.auditLines = state.strings.auditLines(summary)
        state.importResults = []
        return []
    case let .refreshed(refresh, savesBefore):
        // A save made while it was read may be missing from it: read again rather than undo it.
        guard savesBefore == state.savesMade else {
            state.readAgain(.everything)
            return []
        }
        state.data = state.data.refreshed(refresh)
        state.askForAnalysisIfStale()
        // A stage reopened by the chair hides the panel's results again (独立评审).
        if state.screen == .ranking, !state.data.seesRanking {
            state.goToList()
            state.notice = Notice(text: state.strings[.rankingAfterSigning], style: .warning)
        }
        if let dialog = state.exportDialog, !Set(dialog.offered).isSubset(of: state.data.exportable) {
            state.exportDialog = ExportDialog(folder: dialog.folder, offering: state.data.exportable)
        }
        // A dossier now closed to the expert (a conflict declared elsewhere) is left.
        if state.screen == .review || state.screen == .document, let entry = state.reviewEntry, entry.conflict != nil {
            state.goToList()
            state.notice = Notice(text: state.strings[.cannotOpen] + " (" + entry.id + ")", style: .bad)
        }
        return []
    case let .declared(data):
        state.data = data
        state.declaration = nil
        state.notice = nil
        return []
    case let .rankingRefreshed(groups):
        state.data.groups = groups
        return []
    case let .dossiersRead(data):
        // Data read in full since (the pledge signed, sheets imported) is newer than this.
        if !state.data.dossiersRead {
            // What the expert did while they were read (a save, a signing) is newer than this
            // reading: kept, and everything read again once the keys are idle.
            let ownSinceStart = state.savesMade > 0 || !state.data.signed.isSubset(of: data.signed)
            var read = data
            if ownSinceStart {
                read.mine.merge(state.data.mine) { _, own in own }
                read.signed.formUnion(state.data.signed)
                state.readAgain(.everything)
            }
            state.data = read
            state.askForAnalysisIfStale()
        }
        if state.notice?.text == state.strings[.readingDossiers] { state.notice = nil }
        return []
    case let .othersMeanRead(means):
        // Read again in full since (with the means), this is not newer.
        if state.data.othersMean.isEmpty { state.data.othersMean = means }
        return []
    case let .backgroundFailed(task, reason):
        state.notice = Notice(text: state.strings.background(task, reason), style: .warning)
        if task == .analysis { state.analysisFailure = state.notice?.text }
        return []
    case let .dossiersUnreadable(reason):
        // It stays said where the dossiers would be shown, not only in a passing notice.
        state.readFailure = reason
        state.notice = Notice(text: state.strings.said(reason), style: .bad)
        return []
    case .exportExists:
        state.exportDialog?.confirmReplace = true
        return []
    case let .signChecked(stage, incomplete, sheets):
        guard incomplete.isEmpty else {
            if let first = incomplete.first {
                state.stage = stage
                open(first, document: false, &state)
            }
            state.notice = Notice(text: state.strings.incompleteSheets(stage, incomplete), style: .bad)
            return []
        }
        state.confirmation = Confirmation(text: state.strings.format(.signAsk, state.stageName(stage), sheets), action: .sign(stage))
        return []
    case let .folderCompleted(folder):
        if state.importFolder != nil { state.importFolder = folder }
        return []
    case let .stageSigned(stage, revision, due):
        // Signed, the panel's results of the stage may be shown at once; the rest is read again when the keys are idle.
        state.data.signed.insert(stage)
        state.savesMade += 1
        state.readAgain(.everything)
        state.notice = Notice(text: state.strings.format(.signedNow, state.stageName(stage), revision), style: .good)
        if !due.isEmpty {
            // The first few named: the notice has three lines at most.
            let named = due.prefix(6).joined(separator: state.strings.listSeparator) + (due.count > 6 ? "…" : "")
            state.notice = Notice(text: state.notice!.text + state.strings.listSeparator + state.strings.format(.recheckDue, due.count, named),
                                  style: .warning)
        }
        return []
    case let .analyzed(analysis, revision):
        state.analysis = (revision, analysis)
        state.analysisFailure = nil
        state.askForAnalysisIfStale()
        return []
    case let .rechecked(item, revision):
        if let revision {
            state.notice = Notice(text: state.strings.format(.recheckConfirmed, revision), style: .good)
        } else {
            state.data.signed.remove(item.stage)
            state.notice = Notice(text: state.strings.format(.recheckCorrecting, item.dossier), style: .good)
        }
        state.readAgain(.everything)
        return []
    case let .exported(text, ok):
        if ok { state.exportDialog = nil }
        state.notice = Notice(text: text, style: ok ? .good : .warning)
        return []
    case let .key(key):
        return handle(key, &state)
    }
}

private func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
    if key == .resize { return [] }
    if let confirmation = state.confirmation { return answer(key, confirmation, &state) }
    // The help (of any screen, the pledge's too) closes on any key; q still quits.
    if state.showHelp {
        if key == .char("q") || key == .ctrl("c") { return quit(&state) }
        state.showHelp = false
        return []
    }
    if state.declaration != nil { return DeclarationScreen.update(key, &state) }
    if state.importFolder != nil, state.screen == .panel { return editImportFolder(key, &state) }
    if let dialog = state.exportDialog {
        if key == .ctrl("c") { return quit(&state) }
        let (next, run) = dialog.handle(key)
        state.exportDialog = next
        return run.map { [$0] } ?? []
    }
    if state.recheck != nil, state.screen == .review { return answerRecheck(key, &state) }
    if state.review.draft != nil, state.screen == .review { return editComment(key, &state) }
    if state.list.searching, state.screen == .list { return editSearch(key, &state) }
    if state.screen == .review, state.readOnly || state.data.signed.contains(state.stage), isEdit(key, state) {
        state.notice = Notice(text: state.strings[state.readOnlyBecause ?? .signedReadOnly], style: .warning)
        return []
    }
    // The workspace refuses it anyway; said at once, before anything is typed.
    if state.screen == .review, !state.data.onPanel(for: state.stage), isEdit(key, state) {
        state.notice = Notice(text: state.strings.refusal(.notOnStage(ExpertStage(state.data.expert.id, state.stage))), style: .warning)
        return []
    }
    if state.screen == .review, state.review.focus == .entry, let points = pointsKey(key, &state) { return points }
    if state.screen == .review, state.review.focus == .tree, case let .char(c) = key, let n = c.wholeNumberValue,
       (1...4).contains(n) {
        return switchStage(StageID.allCases[n - 1], &state)
    }
    guard let action = KeyMap.action(for: key, on: state.screen) else { return [] }
    // Points typed and not saved are never dropped silently: saved before the cursor leaves
    // the item, asked about before the screen is left.
    if state.screen == .review, !state.review.entry.isEmpty, action != .redraw {
        if action == .quit || action == .back {
            state.confirmation = Confirmation(text: state.strings.format(.dropAsk, state.review.entry), action: .dropPoints(then: key))
            return []
        }
        guard typedPointsCanBeSaved(&state) else { return [] }
        let save = savePoints(&state)
        return save + handle(key, &state)
    }
    state.notice = nil
    switch action {
    case .quit: return quit(&state)
    case .redraw: return [.redraw]
    case .help: state.showHelp = true
    case .sign: return askToSign(&state)
    case let .stage(stage): return switchStage(stage, &state)
    case .ranking:
        // 独立评审: the ranking is built from the other experts' sheets.
        guard state.data.seesRanking else {
            state.notice = Notice(text: state.strings[.rankingAfterSigning], style: .warning)
            return []
        }
        state.go(to: .ranking)
        return [.refreshRanking]
    case .export:
        state.exportDialog = ExportDialog(folder: state.exportFolder, offering: state.data.exportable)
    case .analytics:
        guard state.data.isChair else {
            state.notice = Notice(text: state.strings[.chairOnly], style: .warning)
            return []
        }
        state.analyticsScroll = 0
        state.go(to: .analytics)
        // Opened again after a failure, it tries again.
        state.analysisFailure = nil
        state.askForAnalysisIfStale()
    default:
        // Only the moves that can pass the end are held back (drawing clamps the rest).
        defer { if [.down, .pageDown, .last].contains(action) { clampScrolls(&state) } }
        switch state.screen {
        case .list: return listAction(action, &state)
        case .review: return reviewAction(action, &state)
        case .document: documentAction(action, &state)
        case .compare: compareAction(action, &state)
        case .ranking: rankingAction(action, &state)
        case .analytics:
            state.analyticsScroll = scrolled(state.analyticsScroll, action, state)
            if action == .back { state.goBack() }
        case .panel:
            state.panelScroll = scrolled(state.panelScroll, action, state)
            if action == .back { state.goBack() }
            if action == .importSheets {
                if let reason = state.readOnlyBecause { state.notice = Notice(text: state.strings[reason], style: .warning) } else { state.importFolder = state.importFolder ?? "" }
            }
            if action == .auditLog { return [.readAudit] }
        }
    }
    return []
}

/// The answer to the question asked: `y` does it (Enter too for clearing a score, which
/// the expert asked for by Delete), any other key does not.
private func answer(_ key: Key, _ confirmation: Confirmation, _ state: inout AppState) -> [Effect] {
    state.confirmation = nil
    // Asked about points typed on the way out, Enter saves them and goes on out.
    if case let .dropPoints(then) = confirmation.action, key == .enter {
        guard typedPointsCanBeSaved(&state) else { return [] }
        return savePoints(&state) + handle(then, &state)
    }
    let yes = key == .char("y") || key == .char("Y") || (confirmation.action == .clearScore && key == .enter)
    guard yes else {
        if key == .ctrl("c") { return quit(&state) }
        state.notice = Notice(text: state.strings[.cancelled], style: .normal)
        // Asked about points typed, any other key goes on as it would have: a digit types.
        if case .dropPoints = confirmation.action, key != .escape, key != .char("q") { return handle(key, &state) }
        return []
    }
    switch confirmation.action {
    case let .sign(stage): return [.sign(stage)]
    case let .declare(conflicts): return [.declare(conflicts)]
    case .clearScore:
        guard let item = state.currentItem else { return [] }
        let base = state.data.shown(state.review.dossier, state.stage, item.id)
        state.review.clearing = true
        state.notice = Notice(text: state.strings[.saving], style: .warning)
        return [.save(ItemScore(expert: state.data.expert.id, dossier: state.review.dossier, stage: state.stage, item: item.id,
                                points: nil, comment: base.comment), shown: base)]
    case let .dropPoints(then):
        state.review.entry = ""
        return handle(then, &state)
    }
}

/// `S`: signing the current stage, asked of the workspace first (which sheets it needs).
private func askToSign(_ state: inout AppState) -> [Effect] {
    if let reason = state.readOnlyBecause {
        state.notice = Notice(text: state.strings[reason], style: .warning)
        return []
    }
    let name = state.stageName(state.stage)
    guard state.data.onPanel(for: state.stage) else {
        state.notice = Notice(text: state.strings.format(.notOnStageToSign, name), style: .warning)
        return []
    }
    guard !state.data.signed.contains(state.stage) else {
        state.notice = Notice(text: state.strings.format(.alreadySigned, name), style: .normal)
        return []
    }
    return [.checkSign(state.stage)]
}

/// Scroll offsets never pass the end of what the screen shows, so that ↑ and PgUp move at
/// once after G or a PgDn too many.
private func clampScrolls(_ state: inout AppState) {
    let body = state.height - 3
    switch state.screen {
    case .document:
        guard let entry = state.reviewEntry else { return }
        state.documentScroll = min(state.documentScroll, max(0, DocumentScreen.lines(entry, state, width: state.width - 2).count - body))
    case .compare:
        let entries = state.marks.compactMap { state.data.entry($0) }
        state.compareScroll = min(state.compareScroll, max(0, CompareScreen.rows(entries, state).count - (body - 1)))
    case .panel:
        state.panelScroll = min(state.panelScroll, max(0, PanelScreen.lines(state, width: state.width).count - body))
    case .analytics:
        state.analyticsScroll = min(state.analyticsScroll, max(0, AnalyticsScreen.lines(state, width: state.width).count - body))
    case .review:
        guard let entry = state.reviewEntry else { return }
        let pane = ReviewScreen.detailSize(width: state.width, height: state.height)
        state.review.detailScroll = min(state.review.detailScroll, max(0, ReviewScreen.detailLines(state, entry, width: pane.width).count - pane.height))
    case .list, .ranking: return
    }
}

/// Keys that would change a score or a comment on the review screen.
private func isEdit(_ key: Key, _ state: AppState) -> Bool {
    switch key {
    case .char("c"), .char("E"), .char("D"): return true
    case .delete, .backspace: return state.review.focus == .entry && state.review.entry.isEmpty
    case let .char(c): return state.review.focus == .entry && c.isASCII && (c.isNumber || c == ".")
    default: return false
    }
}

/// The folder line of the panel screen's sheet import.
private func editImportFolder(_ key: Key, _ state: inout AppState) -> [Effect] {
    guard let folder = state.importFolder else { return [] }
    if let edited = FolderPath.edited(folder, by: key) {
        state.importFolder = edited
        return []
    }
    switch key {
    case .escape: state.importFolder = nil
    case .enter:
        state.importFolder = nil
        return folder.isEmpty ? [] : [.importSheets(folder: FolderPath.expanded(folder))]
    case .tab: return [.completeFolder(folder)]
    case .ctrl("c"): return quit(&state)
    default: break
    }
    return []
}

func quit(_ state: inout AppState) -> [Effect] {
    state.quit = true
    return [.quit]
}

private func switchStage(_ stage: StageID, _ state: inout AppState) -> [Effect] {
    state.stage = stage
    state.review.entry = ""
    if state.screen == .review { moveToNextUnscored(&state, after: false) }
    state.notice = Notice(text: state.stageName(stage), style: .good)
    return []
}

/// How many rows a page of the list moves.
private func page(_ state: AppState) -> Int { max(1, state.height - 6) }

// MARK: - List

/// A cursor in a list of `count` rows moved by a move key: one row, a page, or to either
/// end; nil for any other action.
func moved(_ cursor: Int, _ action: Action, count: Int, page: Int) -> Int? {
    let last = max(0, count - 1)
    switch action {
    case .up: return max(0, cursor - 1)
    case .down: return min(last, cursor + 1)
    case .pageUp: return max(0, cursor - page)
    case .pageDown: return min(last, cursor + page)
    case .first: return 0
    case .last: return last
    default: return nil
    }
}

private func listAction(_ action: Action, _ state: inout AppState) -> [Effect] {
    let entries = state.visibleEntries
    if let cursor = moved(state.list.cursor, action, count: entries.count, page: page(state)) {
        state.list.cursor = cursor
        return []
    }
    switch action {
    case .back:
        // Esc on the list ends a search (its text stays shown until then).
        if !state.list.query.isEmpty {
            state.list.query = ""
            state.list.cursor = 0
        }
    case .search:
        state.list.searching = true
    case .filter:
        state.list.filter = ListFilter(rawValue: (state.list.filter.rawValue + 1) % ListFilter.allCases.count) ?? .all
        state.list.cursor = 0
    case .sort:
        state.list.sort = ListSort(rawValue: (state.list.sort.rawValue + 1) % ListSort.allCases.count) ?? .id
    case .mark:
        guard entries.indices.contains(state.list.cursor) else { break }
        let id = entries[state.list.cursor].id
        if let index = state.marks.firstIndex(of: id) {
            state.marks.remove(at: index)
            state.notice = Notice(text: state.strings[.unmarked] + " " + id, style: .normal)
        } else if state.marks.count >= 4 {
            state.notice = Notice(text: state.strings[.compareLimit], style: .warning)
        } else {
            state.marks.append(id)
            state.notice = Notice(text: state.strings[.marked] + " " + id, style: .good)
        }
        state.list.cursor = min(max(0, entries.count - 1), state.list.cursor + 1)
    case .panel:
        // Known from the first frame; the overview itself is read with the dossiers, which the screen waits for.
        guard state.data.isChair else {
            state.notice = Notice(text: state.strings[.chairOnly], style: .warning)
            break
        }
        state.panelScroll = 0
        state.go(to: .panel)
        // The overview follows the chair's own saves, which read only the ranking again.
        state.readAgain(.everything)
    case .compare:
        guard state.marks.count >= 2 else {
            state.notice = Notice(text: state.strings[.markCompareFirst], style: .warning)
            break
        }
        state.compareScroll = 0
        state.go(to: .compare)
    case .open, .document:
        guard entries.indices.contains(state.list.cursor) else { break }
        open(entries[state.list.cursor].id, document: action == .document, &state)
    default: break
    }
    return []
}

/// Opens a dossier's review (at the first unscored item of the stage) or its document;
/// refused when the expert is in conflict with it.
func open(_ id: String, document: Bool, _ state: inout AppState) {
    guard let entry = state.data.entry(id) else { return }
    if entry.conflict != nil {
        state.notice = Notice(text: state.strings[.cannotOpen] + " (" + id + ")", style: .bad)
        return
    }
    state.review.dossier = id
    state.review.entry = ""
    state.review.draft = nil
    state.review.detailScroll = 0
    if document {
        state.documentScroll = 0
        state.go(to: .document)
    } else {
        state.go(to: .review)
        state.review.cursor = 0
        moveToNextUnscored(&state, after: false)
        if !state.data.isEligible(entry) { state.notice = Notice(text: state.strings.format(.ineligibleNote, entry.errors), style: .warning) }
    }
}

private func editSearch(_ key: Key, _ state: inout AppState) -> [Effect] {
    switch key {
    case .enter: state.list.searching = false
    case .escape:
        state.list.searching = false
        state.list.query = ""
    case .backspace: if !state.list.query.isEmpty { state.list.query.removeLast() }
    case let .char(c): state.list.query.append(c)
    case .ctrl("c"): return quit(&state)
    default: break
    }
    state.list.cursor = 0
    return []
}

// MARK: - Review

/// Digits, `.` and Backspace edit the points entry; Enter saves it. Nil: not a points key.
private func pointsKey(_ key: Key, _ state: inout AppState) -> [Effect]? {
    switch key {
    case let .char(c) where c.isASCII && (c.isNumber || c == "."):
        // What the item held when the expert began to type: the save must still find it.
        if state.review.entry.isEmpty, let item = state.currentItem {
            state.review.entryBase = state.data.shown(state.review.dossier, state.stage, item.id)
        }
        if state.review.entry.count < 6 { state.review.entry.append(c) }
        state.notice = entryProblem(state).map { Notice(text: $0, style: .bad) }
        return []
    case .backspace where !state.review.entry.isEmpty:
        state.review.entry.removeLast()
        state.notice = entryProblem(state).map { Notice(text: $0, style: .bad) }
        return []
    case .enter where !state.review.entry.isEmpty:
        let save = savePoints(&state)
        // Saved by Enter, the cursor moves on to the next unscored item once it is saved.
        state.review.advanceAfterSave = !save.isEmpty
        return save
    case .delete, .backspace:
        // On an empty entry: clear the saved points, after asking.
        guard let item = state.currentItem, let saved = state.data.points(state.review.dossier, state.stage, item.id) else {
            state.notice = Notice(text: state.strings[.nothingToClear], style: .normal)
            return []
        }
        state.confirmation = Confirmation(text: state.strings.format(.clearAsk, state.strings.name(item.name, item.nameEn), Layout.points(saved)), action: .clearScore)
        return []
    default:
        return nil
    }
}

/// What is wrong with the points typed so far, checked as the expert types.
func entryProblem(_ state: AppState) -> String? {
    let text = state.review.entry
    guard !text.isEmpty, let item = state.currentItem else { return nil }
    if text.hasSuffix(".") { return nil }  // still typing
    guard let value = Rational(decimal: text) else { return state.strings[.notANumber] }
    return ScoreGate.pointsRefusal(value, max: item.max, item: item.id, rubric: state.data.rubric).map(state.strings.refusal)
}

/// False, the status line saying so, while the points typed cannot be saved: before the
/// cursor or the screen moves on, which would otherwise leave them behind.
private func typedPointsCanBeSaved(_ state: inout AppState) -> Bool {
    guard entryProblem(state) != nil || Rational(decimal: state.review.entry) == nil else { return true }
    state.notice = Notice(text: state.strings.format(.entryInvalid, state.review.entry), style: .bad)
    return false
}

private func savePoints(_ state: inout AppState) -> [Effect] {
    guard let item = state.currentItem, let entry = state.reviewEntry else { return [] }
    if let problem = entryProblem(state) ?? (Rational(decimal: state.review.entry) == nil ? state.strings[.notANumber] : nil) {
        state.notice = Notice(text: problem, style: .bad)
        return []
    }
    guard let value = Rational(decimal: state.review.entry) else { return [] }
    state.review.entry = ""
    state.notice = Notice(text: state.strings[.saving], style: .warning)
    let base = state.review.entryBase ?? state.data.shown(entry.id, state.stage, item.id)
    return [.save(ItemScore(expert: state.data.expert.id, dossier: entry.id, stage: state.stage, item: item.id,
                            points: value, comment: base.comment), shown: base)]
}

/// The dissent as kept from what the editor gave back: the lines starting with `#` (the
/// template's, which say what a dissent is for, as the template itself tells) are dropped.
func dissentKept(_ written: String) -> String {
    written.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }
        .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
}

private func reviewAction(_ action: Action, _ state: inout AppState) -> [Effect] {
    let count = state.reviewItems.count
    // Another item shows its requirement from the top.
    if [.up, .down, .first, .last, .nextUnscored].contains(action) { state.review.detailScroll = 0 }
    switch action {
    case .pageUp: state.review.detailScroll = max(0, state.review.detailScroll - max(1, state.height - 12))
    case .pageDown: state.review.detailScroll += max(1, state.height - 12)
    case .up: state.review.cursor = max(0, state.review.cursor - 1)
    case .down: state.review.cursor = min(max(0, count - 1), state.review.cursor + 1)
    case .first: state.review.cursor = 0
    case .last: state.review.cursor = max(0, count - 1)
    case .nextUnscored: moveToNextUnscored(&state, after: true)
    case .recheck: askToRecheck(&state)
    case .pane: state.review.focus = state.review.focus == .tree ? .entry : .tree
    case .comment:
        guard let item = state.currentItem else { break }
        let chars = Array(state.data.comment(state.review.dossier, state.stage, item.id))
        state.review.draft = chars
        state.review.draftCursor = chars.count
        state.review.draftBase = state.data.shown(state.review.dossier, state.stage, item.id)
    case .editor:
        guard let item = state.currentItem else { break }
        return [.editComment(dossier: state.review.dossier, stage: state.stage, item: item.id,
                             text: state.data.comment(state.review.dossier, state.stage, item.id))]
    case .document: open(state.review.dossier, document: true, &state)
    case .dissent:
        // An empty dissent starts from a template saying what it is for (its # lines are not kept).
        let written = state.data.dissents[state.stage] ?? ""
        let text = written.isEmpty ? state.strings.format(.dissentTemplate, state.stageName(state.stage)) : written
        return [.editDissent(state.stage, text: text)]
    case .previousDossier, .nextDossier: stepDossier(action == .nextDossier ? 1 : -1, &state)
    case .back:
        state.goBack()
        if let index = state.visibleEntries.firstIndex(where: { $0.id == state.review.dossier }) { state.list.cursor = index }
        if let index = state.rankingRows.firstIndex(of: state.review.dossier) { state.rankingCursor = index }
    default: break
    }
    return []
}

/// `[` / `]`: the previous or next dossier of the list that the expert may open.
private func stepDossier(_ step: Int, _ state: inout AppState) {
    let entries = state.visibleEntries
    guard var index = entries.firstIndex(where: { $0.id == state.review.dossier }) else { return }
    repeat {
        index += step
    } while entries.indices.contains(index) && entries[index].conflict != nil
    guard entries.indices.contains(index) else { return }
    let screen = state.screen
    open(entries[index].id, document: screen == .document, &state)
    state.list.cursor = index
}

/// Puts the cursor on the next item without points (searching from the cursor, or after
/// it, wrapping around); says so when the sheet is complete.
func moveToNextUnscored(_ state: inout AppState, after: Bool) {
    let items = state.reviewItems
    guard !items.isEmpty else { return }
    let start = state.review.cursor + (after ? 1 : 0)
    for offset in 0..<items.count {
        let index = (start + offset) % items.count
        if state.data.points(state.review.dossier, state.stage, items[index].id) == nil {
            state.review.cursor = index
            return
        }
    }
    if after { state.review.cursor = min(state.review.cursor + 1, items.count - 1) }
    // A signed stage has nothing left to do (its status line is for its 复核, if any).
    guard !state.data.signed.contains(state.stage) else { return }
    // This dossier's sheet is complete; the stage is complete only when every sheet is.
    let open = state.data.entries.filter { entry in
        entry.conflict == nil && state.data.isEligible(entry) && { let p = state.data.progress(entry, state.stage); return p.done < p.of }()
    }.count
    state.notice = open == 0 ? Notice(text: state.strings[.stageDone], style: .good)
        : Notice(text: state.strings.format(.dossierDone, open), style: .good)
}

/// The comment line editor: moves by character (a Chinese character is one step however
/// wide it is), Enter saves, Esc cancels.
private func editComment(_ key: Key, _ state: inout AppState) -> [Effect] {
    guard var draft = state.review.draft else { return [] }
    var cursor = state.review.draftCursor
    switch key {
    case .escape:
        state.review.draft = nil
        return []
    case .enter:
        state.review.draft = nil
        guard let item = state.currentItem else { return [] }
        state.notice = Notice(text: state.strings[.saving], style: .warning)
        let base = state.review.draftBase ?? state.data.shown(state.review.dossier, state.stage, item.id)
        return [.save(ItemScore(expert: state.data.expert.id, dossier: state.review.dossier, stage: state.stage, item: item.id,
                                points: base.points, comment: String(draft)), shown: base)]
    case .left: cursor = max(0, cursor - 1)
    case .right: cursor = min(draft.count, cursor + 1)
    case .home, .ctrl("a"): cursor = 0
    case .end, .ctrl("e"): cursor = draft.count
    case .backspace:
        if cursor > 0 {
            draft.remove(at: cursor - 1)
            cursor -= 1
        }
    case .delete: if cursor < draft.count { draft.remove(at: cursor) }
    case .ctrl("c"): return quit(&state)
    case let .char(c):
        // The workspace keeps at most this many characters: no more can be typed.
        guard draft.count < ScoreGate.commentLimit else {
            state.notice = Notice(text: state.strings.refusal(.commentTooLong(characters: draft.count + 1, limit: ScoreGate.commentLimit)),
                                  style: .warning)
            break
        }
        draft.insert(c, at: cursor)
        cursor += 1
    default: break
    }
    state.review.draft = draft
    state.review.draftCursor = cursor
    return []
}

// MARK: - Document, compare, ranking

/// A scroll offset moved by the up, down and page keys.
private func scrolled(_ offset: Int, _ action: Action, _ state: AppState) -> Int {
    switch action {
    case .up: return max(0, offset - 1)
    case .down: return offset + 1
    case .pageUp: return max(0, offset - page(state))
    case .pageDown: return offset + page(state)
    case .first: return 0
    case .last: return Int.max / 2
    default: return offset
    }
}

private func documentAction(_ action: Action, _ state: inout AppState) {
    state.documentScroll = scrolled(state.documentScroll, action, state)
    switch action {
    case .previousDossier, .nextDossier: stepDossier(action == .nextDossier ? 1 : -1, &state)
    case .back: state.goBack()
    default: break
    }
}

private func compareAction(_ action: Action, _ state: inout AppState) {
    state.compareScroll = scrolled(state.compareScroll, action, state)
    if action == .back { state.goBack() }
}

private func rankingAction(_ action: Action, _ state: inout AppState) {
    let rows = state.rankingRows
    if let cursor = moved(state.rankingCursor, action, count: rows.count, page: page(state)) {
        state.rankingCursor = cursor
        return
    }
    switch action {
    case .open:
        guard rows.indices.contains(state.rankingCursor) else { break }
        open(rows[state.rankingCursor], document: false, &state)
    case .back: state.goBack()
    default: break
    }
}
