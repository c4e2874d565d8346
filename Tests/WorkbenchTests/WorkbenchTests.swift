@testable import IIPCore
import IIPStore
import Terminal
import TestSupport
import XCTest
@testable import Workbench

/// The workbench without a terminal: screens rendered into buffers, update driven by keys.
final class WorkbenchTests: XCTestCase {
    let rubric = try! Rubric.builtIn.get()

    /// Three dossiers (an industry, a cross, and one the expert is in conflict with).
    func makeState(width: Int = 80, height: Int = 24, language: Language = .zh, scores: [ItemScore] = [],
                   signed: Set<StageID> = [], conflicts: [String] = ["GD-K"], chair: Bool = true) -> AppState {
        let loader = DossierLoader(catalog: rubric.catalog)
        let yamls = [
            DossierFixture.yaml(id: "GD-A"),
            DossierFixture.yaml(id: "GD-C", type: "cross", creditCode: DossierFixture.creditCodes[1], applicant: "深圳跨界科技有限公司")
                .replacingOccurrences(of: "125000", with: "862400"),
            DossierFixture.yaml(id: "GD-K", creditCode: DossierFixture.creditCodes[2], applicant: "广州回避科技有限公司"),
        ]
        let loaded = yamls.enumerated().map { loader.load(data: Data($0.element.utf8), file: "\($0.offset).yaml") }
        let reports = ComplianceCheck.run(loaded, catalog: rubric.catalog, checkEvidence: false)
        let expert = Expert(id: "E07", name: "邓子轩", affiliation: "某研究所", stages: StageID.allCases, conflicts: conflicts)
        var data = WorkbenchData(rubric: rubric, expert: expert, reports: reports, scores: scores, groups: [], signed: signed)
        // The chair sees everything; an expert only their own work until they sign (independence tests).
        data.isChair = chair
        return AppState(data: data, language: language, width: width, height: height)
    }

    func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { update(&state, .key(.char($0))) }
    }

    /// Runs effects the way the app loop does, with saves always succeeding.
    func run(_ effects: [Effect], _ state: inout AppState) {
        for effect in effects {
            if case let .save(score, _) = effect { run(update(&state, .saved(score)), &state) }
        }
    }

    // MARK: - Read-only

    func testASecondWorkbenchOfTheSameExpertCannotScore() {
        var state = makeState()
        state.readOnlyBecause = .secondInstance
        _ = press(&state, .enter)
        XCTAssertEqual(state.screen, .review, "reading is allowed")
        XCTAssertEqual(type(&state, "12"), [])
        XCTAssertEqual(state.notice?.text, state.strings[.secondInstance])
        XCTAssertEqual(press(&state, .enter), [], "no save is asked for")
        XCTAssertTrue(view(state).trimmedLines[0].contains("只读"))
    }

    func testAWorkspaceOnAReadOnlyDiskSaysSoWhenAScoreIsTyped() {
        var state = makeState()
        state.readOnlyBecause = .diskReadOnly
        _ = press(&state, .enter)
        XCTAssertEqual(type(&state, "12"), [])
        XCTAssertEqual(state.notice?.text, state.strings[.diskReadOnly])
        XCTAssertTrue(state.strings[.diskReadOnly].contains("磁盘只读"))
    }

    // MARK: - Export dialog

    func testExportDialogChoosesDocumentFormatAndPlace() {
        var state = makeState(width: 100, height: 30)
        state.exportFolder = "ws/exports"
        XCTAssertEqual(press(&state, .char("e")), [])
        XCTAssertEqual(state.exportDialog?.path, "ws/exports/推荐名单.html")
        XCTAssertTrue(view(state).trimmedLines.contains { $0.contains("◀ 推荐名单 ▶") }, "in Chinese only")
        // → on the document row: the sheets, a folder of one file per expert.
        _ = press(&state, .right)
        XCTAssertEqual(state.exportDialog?.what, .sheets)
        XCTAssertEqual(state.exportDialog?.path, "ws/exports/专家评分表-html")
        XCTAssertTrue(view(state).trimmedLines.contains { $0.contains("每位专家一个文件") })
        // ↓ → on the format row: XLSX, one workbook.
        _ = press(&state, .down, .left, .left)
        XCTAssertEqual(state.exportDialog?.format, .csv)
        _ = press(&state, .right)
        XCTAssertEqual(state.exportDialog?.path, "ws/exports/专家评分表.xlsx")
        // Enter asks the app to export; the dialog stays until the result comes back.
        XCTAssertEqual(press(&state, .enter), [.export(.sheets, .xlsx, path: "ws/exports/专家评分表.xlsx", replace: false)])
        XCTAssertNotNil(state.exportDialog)
        // The place exists: the dialog says so, and Enter again replaces it.
        _ = update(&state, .exportExists)
        XCTAssertTrue(view(state).trimmedLines.contains { $0.contains("该位置已存在") })
        XCTAssertEqual(press(&state, .enter), [.export(.sheets, .xlsx, path: "ws/exports/专家评分表.xlsx", replace: true)])
        _ = update(&state, .exported("已导出 专家评分表 → ws/exports/专家评分表.xlsx", ok: true))
        XCTAssertNil(state.exportDialog)
        XCTAssertEqual(state.notice?.text, "已导出 专家评分表 → ws/exports/专家评分表.xlsx")
    }

    func testExportDialogPlaceCanBeTypedAndFailuresKeepItOpen() {
        var state = makeState(width: 100, height: 30)
        _ = press(&state, .char("r"), .char("e"), .down, .down)
        for _ in 0..<40 { _ = press(&state, .backspace) }
        _ = type(&state, "/tmp/名单.csv")
        _ = press(&state, .up, .up, .right)  // a typed place no longer follows the choices
        XCTAssertEqual(state.exportDialog?.path, "/tmp/名单.csv")
        XCTAssertEqual(press(&state, .enter), [.export(.sheets, .html, path: "/tmp/名单.csv", replace: false)])
        _ = update(&state, .exported("/tmp/名单.csv: cannot be written", ok: false))
        XCTAssertNotNil(state.exportDialog, "still open to correct the place")
        XCTAssertEqual(state.notice?.style, .warning)
        _ = press(&state, .escape)
        XCTAssertNil(state.exportDialog)
        XCTAssertEqual(state.screen, .ranking, "Esc closes only the dialog")
    }

    // MARK: - List

    func testListAt80x24ShowsColumnsAlignedWithChinese() {
        let lines = view(makeState()).trimmedLines
        XCTAssertEqual(lines.count, 24)
        XCTAssertTrue(lines[0].hasPrefix(" 评审台 · 申报材料"))
        XCTAssertTrue(lines[0].hasSuffix("书面评审 · 专家 E07 邓子轩"))
        XCTAssertTrue(lines[2].contains("编号"))
        XCTAssertTrue(lines[3].contains("GD-A") && lines[3].contains("测试家电工…") && lines[3].contains("家电制造"))
        XCTAssertTrue(lines[5].contains("[回避]"), "the conflicted dossier is marked")
        // Columns line up by display width: the recommender city sits at the same column.
        let columns = lines[3...5].map { line -> Int in
            let prefix = line[..<line.range(of: "佛山")!.lowerBound]
            return DisplayWidth.of(String(prefix))
        }
        XCTAssertEqual(Set(columns).count, 1, "\(columns)")
        for line in view(makeState()).lines { XCTAssertEqual(DisplayWidth.of(line), 80, line) }
    }

    func testListAt120x40InEnglish() {
        let buffer = view(makeState(width: 120, height: 40, language: .en))
        let lines = buffer.trimmedLines
        XCTAssertTrue(lines[0].hasPrefix(" iipeval · Dossiers"))
        XCTAssertTrue(lines[2].contains("Platform"))
        XCTAssertTrue(lines[4].contains("cross"))
        XCTAssertTrue(lines[5].contains("[conflict]"))
        XCTAssertTrue(buffer.lines.allSatisfy { DisplayWidth.of($0) == 120 })
    }

    func testTheFirstFrameListsFromTheKeptListingAndMarksWhatIsStillRead() {
        let full = makeState(width: 120, height: 30)
        // An expert of the applicant of GD-C: a conflict found from the kept names alone.
        let expert = Expert(id: "E08", name: "吴", affiliation: "深圳跨界科技有限公司", stages: StageID.allCases, conflicts: ["GD-K"])
        let listing = full.data.entries.map {
            DossierListing(id: $0.id, type: $0.type, platform: $0.platformName, applicant: $0.applicant, partners: $0.partners,
                           errors: $0.errors)
        }
        let data = WorkbenchData(rubric: rubric, expert: expert, listing: listing, mine: [], groups: [])
        XCTAssertTrue(full.data.dossiersRead)
        XCTAssertFalse(data.dossiersRead)
        XCTAssertEqual(data.entries.map(\.id), ["GD-A", "GD-C", "GD-K"])
        XCTAssertTrue(data.entries.allSatisfy { $0.dossier == nil && $0.warnings == nil })
        XCTAssertNotNil(data.entries[1].conflict, "affiliated with the applicant")
        XCTAssertNotNil(data.entries[2].conflict, "declared")
        var state = AppState(data: data, language: .zh, width: 120, height: 30)
        let first = view(state).trimmedLines
        XCTAssertTrue(first[3].contains("GD-A") && first[3].contains("测试家电工业互联网平台") && first[3].contains("…"), first[3])
        XCTAssertFalse(first[3].contains("家电制造"), "the focus is only known once the dossier is read")
        XCTAssertFalse(first[3].contains("✓  "), "no compliance mark before the warnings are known")
        XCTAssertTrue(view(full).trimmedLines[3].contains("家电制造"))
        // Search and the name sort work from the listing.
        _ = press(&state, .char("/"))
        _ = type(&state, "跨界")
        _ = press(&state, .enter)
        XCTAssertEqual(state.visibleEntries.map(\.id), ["GD-C"])
        // A dossier's own screens say it is still being read rather than show an empty form.
        state.review.dossier = "GD-A"
        XCTAssertEqual(DocumentScreen.lines(state.data.entries[0], state, width: 100).map(\.0), [state.strings[.readingDossiers]])
    }

    func testTheDossiersReadLaterNeverReplaceDataReadSince() {
        let full = makeState().data
        let listing = full.entries.map {
            DossierListing(id: $0.id, type: $0.type, platform: $0.platformName, applicant: $0.applicant, partners: $0.partners,
                           errors: $0.errors)
        }
        var state = AppState(data: WorkbenchData(rubric: rubric, expert: full.expert, listing: listing, mine: [], groups: []),
                             language: .zh, width: 100, height: 30)
        state.notice = Notice(text: state.strings[.readingDossiers], style: .dim)
        // Read after the first frame: taken, and the notice goes.
        var later = state
        _ = update(&later, .dossiersRead(full))
        XCTAssertTrue(later.data.dossiersRead)
        XCTAssertNil(later.notice)
        // The pledge signed first (its data read again, with a declared conflict): the first
        // read, which knew nothing of it, arrives after and is not taken.
        _ = update(&state, .declared(makeState(conflicts: ["GD-A", "GD-K"]).data))
        _ = update(&state, .dossiersRead(full))
        XCTAssertEqual(state.data.expert.conflicts, ["GD-A", "GD-K"], "the newer data stays")
        XCTAssertNotNil(state.data.entries[0].conflict, "GD-A stays closed to the expert")
        // A read that failed is said where the dossier would be shown.
        var failed = AppState(data: WorkbenchData(rubric: rubric, expert: full.expert, listing: listing, mine: [], groups: []),
                              language: .zh, width: 100, height: 30)
        _ = update(&failed, .dossiersUnreadable(Bilingual("the disk is full", chinese: "磁盘已满")))
        XCTAssertEqual(failed.dossierMissing, "磁盘已满", "in the user's language")
        XCTAssertEqual(DocumentScreen.lines(failed.data.entries[0], failed, width: 80).map(\.0), ["磁盘已满"])
    }

    func testTheMeansAndTheBackupArriveAfterTheDossiers() throws {
        var state = makeState()
        XCTAssertFalse(state.data.deviates("GD-A", .written, "basic.device"))
        let key = ScoreKey(dossier: "GD-A", stage: .written, item: "basic.device")
        state.data.mine[key] = ItemScore(expert: "E07", dossier: "GD-A", stage: .written, item: "basic.device",
                                         points: Rational(15), comment: "")
        _ = update(&state, .othersMeanRead([key: Rational(5)]))
        XCTAssertTrue(state.data.deviates("GD-A", .written, "basic.device"), "偏离 once the others' means are known")
        _ = update(&state, .othersMeanRead([key: Rational(15)]))
        XCTAssertTrue(state.data.deviates("GD-A", .written, "basic.device"), "means already there are not replaced")
        _ = update(&state, .backgroundFailed(.backup, Bilingual(POSIXError(.ENOSPC)).prefixed("backups")))
        XCTAssertEqual(state.notice, Notice(text: "未能备份工作区：backups：磁盘已满", style: .warning))
    }

    func testBackgroundWorkReportsInOrderAndCanBeWaitedFor() {
        let gate = DispatchSemaphore(value: 0)
        let work = BackgroundWork { report in
            report(.dossiersUnreadable(Bilingual("one", chinese: "一")))
            gate.wait()
            report(.dossiersUnreadable(Bilingual("two", chinese: "二")))
            report(.backgroundFailed(.audit, Bilingual("three", chinese: "三")))
        }
        let first = work.take(waitingFor: { if case .dossiersUnreadable = $0 { return true } else { return false } })
        XCTAssertEqual(first.messages.count, 1)
        XCTAssertFalse(first.done)
        gate.signal()
        var messages: [Msg] = []
        var done = false
        while !done {
            let taken = work.take(waitingFor: { _ in false })
            messages += taken.messages
            done = taken.done
        }
        XCTAssertEqual(messages.map { message -> String in
            switch message {
            case let .backgroundFailed(_, reason): return reason.english
            case let .dossiersUnreadable(reason): return reason.english
            default: return "?"
            }
        }, ["two", "three"])
        XCTAssertEqual(work.take().messages.count, 0)
    }

    func testOnlyScreensThatShowADossierWaitForTheDossiers() {
        var state = makeState()
        XCTAssertFalse(state.showsDossiers, "the list is drawn from the listing")
        _ = press(&state, .char("r"))
        XCTAssertEqual(state.screen, .ranking)
        XCTAssertFalse(state.showsDossiers, "so is the ranking")
        _ = press(&state, .escape, .enter)
        XCTAssertEqual(state.screen, .review)
        XCTAssertTrue(state.showsDossiers)
        _ = press(&state, .escape, .char("o"))
        XCTAssertEqual(state.screen, .document)
        XCTAssertTrue(state.showsDossiers)
    }

    func testTooSmallTerminalShowsAMessage() {
        let lines = view(makeState(width: 79, height: 24)).trimmedLines
        XCTAssertTrue(lines.joined().contains("80×24"))
        var state = makeState(width: 79, height: 24)
        _ = update(&state, .resize(width: 100, height: 30))
        XCTAssertTrue(view(state).trimmedLines[0].contains("评审台"), "resizing re-lays out at once")
    }

    func testFilterSearchAndSort() {
        var state = makeState()
        _ = press(&state, .char("f"))
        XCTAssertEqual(state.visibleEntries.map(\.id), ["GD-C"], "cross only")
        _ = press(&state, .char("f"))
        XCTAssertEqual(state.visibleEntries.map(\.id), ["GD-A", "GD-K"], "specific")
        state.list.filter = .all
        _ = press(&state, .char("/"))
        _ = type(&state, "深圳")
        _ = press(&state, .enter)
        XCTAssertEqual(state.visibleEntries.map(\.id), ["GD-C"], "search over names")
        XCTAssertTrue(view(state).trimmedLines[1].contains("深圳"))
    }

    func testConflictedDossierCannotBeOpened() {
        var state = makeState()
        _ = press(&state, .down, .down, .enter)
        XCTAssertEqual(state.screen, .list)
        XCTAssertEqual(state.notice?.style, .bad)
        _ = press(&state, .char("o"))
        XCTAssertEqual(state.screen, .list)
    }

    // MARK: - Review

    func testScoringSavesThenMovesToTheNextUnscoredItem() {
        var state = makeState()
        _ = press(&state, .enter)
        XCTAssertEqual(state.screen, .review)
        XCTAssertEqual(state.currentItem?.id, "basic.device")
        var effects = type(&state, "12.5") + press(&state, .enter)
        XCTAssertEqual(effects, [.save(ItemScore(expert: "E07", dossier: "GD-A", stage: .written, item: "basic.device",
                                                 points: Rational(25, 2), comment: ""), shown: .nothing)])
        XCTAssertEqual(state.currentItem?.id, "basic.device", "nothing moves before the save is done")
        run(effects, &state)
        XCTAssertEqual(state.currentItem?.id, "basic.software")
        XCTAssertEqual(state.data.points("GD-A", .written, "basic.device"), Rational(25, 2))
        // Out of range and off the grid are refused as typed.
        _ = type(&state, "16")
        XCTAssertTrue(state.notice?.text.contains("超出范围") == true)
        effects = press(&state, .enter)
        XCTAssertEqual(effects, [])
        _ = press(&state, .backspace, .backspace)
        _ = type(&state, "7.3")
        XCTAssertTrue(state.notice?.text.contains("0.5") == true)
        XCTAssertEqual(press(&state, .enter), [])
    }

    func testDissentIsWrittenInTheEditorPerStage() {
        var state = makeState()
        _ = press(&state, .enter)
        // An empty dissent opens on a template naming the stage and saying what a dissent is for.
        guard case let .editDissent(stage, template)? = press(&state, .char("D")).first else { return XCTFail("no editor") }
        XCTAssertEqual(stage, .written)
        XCTAssert(template.contains("书面评审") && template.contains("不同意见及理由"), template)
        XCTAssert(template.split(separator: "\n").allSatisfy { $0.hasPrefix("#") }, "only # lines, which are not kept")
        _ = update(&state, .dissentSaved(.written, "数据口径存疑"))
        XCTAssertEqual(state.data.dissents[.written], "数据口径存疑")
        XCTAssertEqual(press(&state, .char("D")), [.editDissent(.written, text: "数据口径存疑")])
    }

    func testASignedStageIsReadOnly() {
        var state = makeState(signed: [.written])
        _ = press(&state, .enter)
        XCTAssertEqual(type(&state, "12"), [])
        XCTAssertTrue(state.notice?.text.contains("已签字") == true)
        XCTAssertEqual(state.review.entry, "", "nothing was typed")
        XCTAssertEqual(press(&state, .enter), [])
        XCTAssertEqual(press(&state, .char("c")), [])
        XCTAssertNil(state.review.draft)
        XCTAssertTrue(view(state).trimmedLines[0].contains("（已签字）"))
        XCTAssertEqual(press(&state, .char("D")), [], "no dissent once signed")
        _ = press(&state, .escape)
        XCTAssertTrue(view(state).trimmedLines[3].contains("✔"), "the list marks the signed stage")
    }

    func testCommentEditorMovesByCharacterAndSaves() {
        var state = makeState()
        _ = press(&state, .enter, .char("c"))
        _ = type(&state, "数据可信")
        _ = press(&state, .left, .left)
        _ = type(&state, "很")
        XCTAssertEqual(state.review.draft.map { String($0) }, "数据很可信")
        let effects = press(&state, .enter)
        guard case let .save(score, _)? = effects.first else { return XCTFail("Enter saves the comment") }
        XCTAssertEqual(score.comment, "数据很可信")
        XCTAssertNil(score.points)
    }

    func testEditorEffectAndItsResult() {
        var state = makeState()
        _ = press(&state, .enter)
        XCTAssertEqual(press(&state, .char("E")), [.editComment(dossier: "GD-A", stage: .written, item: "basic.device", text: "")])
        let effects = update(&state, .editorFinished(dossier: "GD-A", stage: .written, item: "basic.device", text: "长评语\n"))
        guard case let .save(score, _)? = effects.first else { return XCTFail() }
        XCTAssertEqual(score.comment, "长评语")
    }

    func testReviewScreenShowsRequirementEvidenceAndProgress() {
        var state = makeState(width: 120, height: 40, scores: [
            ItemScore(expert: "E01", dossier: "GD-C", stage: .written, item: "basic.device", points: Rational(10), comment: ""),
        ])
        _ = press(&state, .down, .enter)
        XCTAssertEqual(state.review.dossier, "GD-C")
        let text = view(state).trimmedLines.joined(separator: "\n")
        XCTAssertTrue(text.contains("工业设备管理"))
        XCTAssertTrue(text.contains("满分 15"))
        XCTAssertTrue(text.contains("862,400 台"), "grouped value with its unit")
        // Of 125,000, 125,000 and 862,400 devices, GD-C's stands above two: (2 + ½) / 3 = P83.
        XCTAssertTrue(text.contains("862,400 台  P83"), "cohort percentile beside the value: \(text)")
        XCTAssertTrue(text.contains("进度 0/24"))
        XCTAssertTrue(text.contains("基础共性能力 ×40%"), "a cross platform's weights")
        XCTAssertTrue(text.contains("跨行业跨领域平台能力 ×30%"))
    }

    func testStageSwitchingAndDossierStepping() {
        var state = makeState()
        _ = press(&state, .enter, .tab, .char("2"))
        XCTAssertEqual(state.stage, .defence)
        XCTAssertEqual(state.currentItem?.id, "defence.positioning")
        _ = press(&state, .char("]"))
        XCTAssertEqual(state.review.dossier, "GD-C")
        _ = press(&state, .char("]"))
        XCTAssertEqual(state.review.dossier, "GD-C", "the conflicted dossier is skipped")
        _ = press(&state, .escape)
        XCTAssertEqual(state.screen, .list)
    }

    // MARK: - Other screens

    func testCompareShowsMarkedDossiersWithTheBestHighlighted() throws {
        var state = makeState(width: 120, height: 40)
        XCTAssertEqual(press(&state, .char("v")), [])
        XCTAssertEqual(state.screen, .list, "compare needs two marks")
        _ = press(&state, .char(" "), .char(" "), .char("v"))
        XCTAssertEqual(state.marks, ["GD-A", "GD-C"])
        XCTAssertEqual(state.screen, .compare)
        let buffer = view(state)
        let lines = buffer.trimmedLines
        let row = try XCTUnwrap(lines.firstIndex { $0.contains("已连接的工业设备数量") })
        XCTAssertTrue(lines[row].contains("125,000 台") && lines[row].contains("862,400 台"))
        let bestX = try XCTUnwrap(buffer.lines[row].range(of: "862,400").map { DisplayWidth.of(String(buffer.lines[row][..<$0.lowerBound])) })
        XCTAssertEqual(buffer[bestX, row].style, .highlight)
    }

    func testRankingAndHelpAndQuit() {
        var state = makeState()
        XCTAssertEqual(press(&state, .char("r")), [.refreshRanking])
        XCTAssertEqual(state.screen, .ranking)
        _ = press(&state, .escape, .char("?"))
        XCTAssertTrue(state.showHelp)
        let help = view(state).trimmedLines.joined(separator: "\n")
        for binding in KeyMap.table(.list) { XCTAssertTrue(help.contains(Strings(.zh)[binding.help]), "\(binding.help)") }
        _ = press(&state, .escape)
        XCTAssertFalse(state.showHelp)
        XCTAssertEqual(press(&state, .char("q")), [.quit])
    }

    func testDocumentFollowsTheForm() {
        var state = makeState(width: 100, height: 30)
        _ = press(&state, .char("o"))
        XCTAssertEqual(state.screen, .document)
        let lines = DocumentScreen.lines(state.data.entry("GD-A")!, state, width: 98).map(\.0)
        let order = ["一、申报单位基本信息", "企业简介", "联合单位", "二、平台基本信息", "三、平台能力信息", "四、平台技术架构及方案", "八、证明材料清单"]
        let positions = order.map { title in lines.firstIndex { $0.hasPrefix(title) } ?? -1 }
        XCTAssertEqual(positions, positions.sorted())
        XCTAssertFalse(positions.contains(-1))
        _ = press(&state, .escape)
        XCTAssertEqual(state.screen, .list)
    }

    func testPanelScreenIsForTheChair() {
        var expert = makeState(chair: false)
        _ = press(&expert, .char("p"))
        XCTAssertEqual(expert.screen, .list, "not the chair")
        var state = makeState()
        let progress = [PanelOverview.Progress(expert: "E07", name: "邓子轩", stage: .written, complete: 1, required: 2, signed: false),
                        PanelOverview.Progress(expert: "E01", name: "周某", stage: .written, complete: 2, required: 2, signed: true)]
        let sheet = ExpertStageScore(expert: "E05", score: Rational(50), trimmed: false, deviates: true, comments: ["演示不足"])
        let evaluation = DossierEvaluation(id: "GD-A", type: .industry,
                                           stages: [.defence: PanelStageScore(stage: .defence, sheets: [sheet], value: Rational(80))], final: nil)
        state.data.overview = PanelOverview(progress: progress, evaluations: [evaluation])
        _ = press(&state, .char("p"))
        XCTAssertEqual(state.screen, .panel)
        let lines = view(state).trimmedLines
        XCTAssertTrue(lines.contains { $0.contains("E07 邓子轩") && $0.contains("1/2") })
        XCTAssertTrue(lines.contains { $0.contains("E01 周某") && $0.contains("2/2 已签字") })
        XCTAssertTrue(lines.contains { $0.contains("E05") && $0.contains("GD-A") && $0.contains("50.00 / 80.00") && $0.contains("演示不足") })
    }

    func testPanelScreenImportsSheetsFromAFolderAndShowsTheAuditLog() {
        var state = makeState()
        state.data.overview = PanelOverview(progress: [], evaluations: [])
        _ = press(&state, .char("p"), .char("i"))
        XCTAssertEqual(state.importFolder, "")
        XCTAssertEqual(type(&state, "/media/usb") + press(&state, .enter), [.importSheets(folder: "/media/usb")])
        let key = KeyFingerprint(publicKey: Data(repeating: 7, count: 32))
        _ = update(&state, .sheetsImported(.files([
            SheetFileImport(file: "E02-site.iipsheet", outcome: .imported(ExpertStage("E02", .site), rows: 92, revision: 1, key: key)),
            SheetFileImport(file: "x.iipsheet", outcome: .refused(SheetFile.Refusal(.tampered, "the signature does not match the content", chinese: "签名与内容不符"))),
        ]), nil))
        let lines = view(state).trimmedLines
        XCTAssertTrue(lines.contains { $0.contains("导入结果") })
        XCTAssertTrue(lines.contains { $0.contains("E02-site.iipsheet：已导入 E02 现场考察 第 1 版，92 项评分") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("x.iipsheet：拒绝（内容被改动）") })
        XCTAssertEqual(state.importResults.map(\.refused), [false, true], "the refused file is shown as bad news, by its outcome")
        XCTAssertEqual(press(&state, .char("L")), [.readAudit])
        _ = update(&state, .auditRead(AuditSummary(entries: [])))
        XCTAssertTrue(view(state).trimmedLines.contains { $0.contains("✓ 共 0 条，哈希链完整") })
    }

    func testTheDeclarationComesBeforeScoring() {
        var state = makeState()
        state.declaration = DeclarationState()
        let text = view(state).trimmedLines.joined(separator: "\n")
        XCTAssertTrue(text.contains("诚信承诺与回避声明"))
        XCTAssertTrue(text.contains("[ ] GD-A"))
        XCTAssertEqual(press(&state, .char("r")), [], "nothing else until it is signed")
        XCTAssertEqual(state.screen, .list)
        // Space marks and moves on; Enter asks once more (the pledge cannot be taken back): y signs, another key goes back.
        XCTAssertEqual(press(&state, .down, .char(" ")), [])
        XCTAssertEqual(state.declaration?.cursor, 2)
        XCTAssertEqual(press(&state, .enter), [])
        XCTAssertTrue(view(state).trimmedLines.contains { $0.contains("签署后不能更改") && $0.contains("1 份") })
        XCTAssertEqual(press(&state, .enter), [], "a second Enter does not sign")
        XCTAssertNotNil(state.declaration)
        XCTAssertEqual(press(&state, .enter) + press(&state, .char("y")), [.declare(["GD-C"])])
        _ = update(&state, .declared(state.data))
        XCTAssertNil(state.declaration)
        XCTAssertTrue(view(state).trimmedLines[0].contains("申报材料"))
    }

    func testEveryStringHasBothLanguages() {
        for key in UIText.allCases {
            XCTAssertNotNil(Strings.zh[key], "zh \(key)")
            XCTAssertNotNil(Strings.en[key], "en \(key)")
        }
    }
}

/// Screens that need a ranking and the smallest supported terminal.
extension WorkbenchTests {
    func testReviewAt80x24KeepsEveryPartOnScreen() {
        var state = makeState()
        _ = update(&state, .key(.enter))
        let buffer = view(state)
        let lines = buffer.trimmedLines
        XCTAssertTrue(lines[1].contains("GD-A"))
        XCTAssertTrue(lines.contains { $0.contains("分数:") })
        XCTAssertTrue(lines.contains { $0.contains("评语:") })
        XCTAssertTrue(lines.contains { $0.contains("进度 0/14") })
        XCTAssertTrue(lines[3].contains("工业设备管理") && lines[3].contains("—/15"))
        for line in buffer.lines { XCTAssertEqual(DisplayWidth.of(line), 80) }
    }

    func testRankingShowsCutLinesStatusesAndOpensARow() {
        var state = makeState(width: 120, height: 40)
        let candidates = (1...7).map { n in
            Candidate(id: "C\(n)", platform: "跨域平台\(n)", type: .cross, stages: [.written: Rational(90 - n)],
                      final: Rational(90 - n), eligible: true, flags: n == 1 ? [.deviation(.written, expert: "E03")] : [])
        } + [Candidate(id: "GD-A", platform: "测试家电工业互联网平台", type: .industry, stages: [:], final: nil, eligible: true, flags: [])]
        _ = update(&state, .rankingRefreshed(Selection(rubric: rubric).rank(candidates)))
        _ = update(&state, .key(.char("r")))
        let lines = view(state).trimmedLines
        let cut = lines.firstIndex { $0.contains("入选线") }
        let sixth = lines.firstIndex { $0.contains("C6") }
        XCTAssertNotNil(cut)
        XCTAssertLessThan(cut ?? 99, sixth ?? 0, "the cut comes after the fifth")
        XCTAssertTrue(lines.contains { $0.contains("C1") && $0.contains(" 入选 ") && $0.contains("偏离:书面评审E03") })
        XCTAssertTrue(lines.contains { $0.contains("GD-A") && $0.contains("未完成") })
        // Enter on the last row opens that dossier's review.
        _ = update(&state, .key(.end))
        for _ in 0..<10 { _ = update(&state, .key(.down)) }
        _ = update(&state, .key(.enter))
        XCTAssertEqual(state.screen, ScreenID.review)
        XCTAssertEqual(state.review.dossier, "GD-A")
    }

    // MARK: - Issue 10: the workspace decides, the screen says it at once

    /// An expert not on the panel for a stage is told so before typing a digit; nothing is sent.
    func testAStageTheExpertDoesNotSitOnCannotBeScored() {
        var state = makeState()
        let expert = state.data.expert
        let writtenOnly = Expert(id: expert.id, name: expert.name, affiliation: expert.affiliation, stages: [.written], conflicts: expert.conflicts)
        state.data = state.data.refreshed(WorkbenchRefresh(expert: writtenOnly, mine: [], signed: [], groups: [], changed: [],
                                                           dissents: [:], overview: nil, othersMean: nil))
        _ = press(&state, .enter)
        _ = press(&state, .tab, .char("2"), .tab)
        XCTAssertEqual(state.stage, .defence)
        XCTAssertEqual(type(&state, "12"), [])
        XCTAssertEqual(state.notice?.text, "E07 不在本阶段（专家答辩）专家组中，不能评分")
        XCTAssertEqual(state.review.entry, "", "nothing is typed")
        XCTAssertEqual(press(&state, .enter), [], "no save is even asked for")
        XCTAssertEqual(press(&state, .char("c")), [])
        XCTAssertNil(state.review.draft)
        XCTAssertEqual(state.notice?.text, "E07 不在本阶段（专家答辩）专家组中，不能评分")
    }

    /// What another process changed arrives as `.refreshed`: the expert's scores, the
    /// ranking, a conflict declared elsewhere (which closes the dossier under review).
    func testChangesMadeElsewhereReachEveryScreen() {
        var state = makeState()
        _ = press(&state, .enter)
        XCTAssertEqual(state.review.dossier, "GD-A")
        let imported = ItemScore(expert: "E07", dossier: "GD-A", stage: .written, item: "basic.device", points: Rational(9), comment: "导入")
        let candidates = [Candidate(id: "GD-A", platform: "测试家电工业互联网平台", type: .industry, stages: [.written: Rational(88)],
                                    final: Rational(88), eligible: true, flags: [])]
        let expert = state.data.expert
        func refresh(conflicts: [String]) -> WorkbenchRefresh {
            WorkbenchRefresh(expert: Expert(id: expert.id, name: expert.name, affiliation: expert.affiliation, stages: expert.stages,
                                            conflicts: conflicts),
                             mine: [imported], signed: [.defence], groups: Selection(rubric: rubric).rank(candidates), changed: ["GD-C"],
                             dissents: [:], overview: nil, othersMean: [:])
        }
        _ = update(&state, .refreshed(refresh(conflicts: ["GD-K"]), savesBefore: 0))
        XCTAssertEqual(state.data.points("GD-A", .written, "basic.device"), Rational(9))
        XCTAssertEqual(state.data.ranked("GD-A")?.candidate.final, Rational(88))
        XCTAssertEqual(state.data.signed, [.defence])
        XCTAssertTrue(state.data.entry("GD-C")?.changed == true)
        XCTAssertNotNil(state.data.entry("GD-A")?.dossier, "the dossiers as read are kept")
        XCTAssertEqual(state.screen, .review)
        _ = update(&state, .refreshed(refresh(conflicts: ["GD-K", "GD-A"]), savesBefore: 0))
        XCTAssertEqual(state.screen, .list, "a dossier declared a conflict elsewhere closes")
        XCTAssertEqual(state.notice?.text, "需回避，不能打开 (GD-A)")
    }

    /// A save refused because the item changed elsewhere says so, and asks for a re-read.
    func testASaveRefusedForAChangeElsewhereIsSaidAndReadAgain() {
        var state = makeState()
        _ = press(&state, .enter)
        let effects = type(&state, "12") + press(&state, .enter)
        guard case let .save(score, shown)? = effects.first else { return XCTFail("a save") }
        XCTAssertEqual(shown, .nothing, "the screen showed nothing saved")
        _ = update(&state, .saveFailed(.changedElsewhere(ScoreChangedElsewhere(score: score, now: ShownScore(points: Rational(9), comment: "")))))
        XCTAssertTrue(state.notice?.text.contains("此项已在别处更改（现为 9）") == true, state.notice?.text ?? "")
        XCTAssertEqual(state.refreshSoon, .everything)
        // The comment editor saves against the value it opened on.
        _ = update(&state, .refreshed(WorkbenchRefresh(expert: state.data.expert, mine: [ItemScore(expert: "E07", dossier: "GD-A", stage: .written,
                                                                                                    item: "basic.device", points: Rational(9), comment: "")],
                                                       signed: [], groups: [], changed: [], dissents: [:], overview: nil, othersMean: nil),
                                      savesBefore: state.savesMade))
        state.review.cursor = 0
        _ = press(&state, .char("c"))
        _ = type(&state, "好")
        guard case let .save(comment, base)? = press(&state, .enter).first else { return XCTFail("the comment saves") }
        XCTAssertEqual(base, ShownScore(points: Rational(9), comment: ""))
        XCTAssertEqual(comment.points, Rational(9), "the points it opened on are kept")
    }

    /// A refused score reads in the user's language: the gate's reasons are typed.
    func testRefusalsAreSaidInEachLanguage() {
        let refusal = ScoreRefusal.outOfRange(points: Rational(999), max: Rational(15), item: "basic.device")
        XCTAssertEqual(Strings(.zh).failure(.refused(refusal)), "未能保存：超出范围 0–15")
        XCTAssertEqual(Strings(.en).failure(.refused(refusal)), "not saved: out of range 0–15")
        XCTAssertEqual(Strings(.zh).refusal(.conflict(expert: "E07", dossier: "GD-A", .applicant("某研究所"))),
                       "需回避，不能打开 (GD-A：任职于申报单位 某研究所)")
    }

    /// The pledge shows the expert's key fingerprint whole, to be copied by hand, even at 80 columns.
    func testThePledgeShowsTheWholeKeyFingerprint() {
        for width in [80, 120] {
            var state = makeState(width: width)
            var declaration = DeclarationState()
            let key = KeyFingerprint(publicKey: Data(repeating: 9, count: 32))
            declaration.keyFingerprint = key
            state.declaration = declaration
            let text = view(state).trimmedLines.joined(separator: "\n")
            XCTAssertTrue(text.contains(key.description), "\(width) columns:\n\(text)")
            XCTAssertTrue(text.contains("本人签名密钥指纹"))
        }
    }

    /// A reading of other programs' changes begun before the expert's own save must not undo
    /// it: it is dropped and read again.
    func testARefreshBegunBeforeASaveIsReadAgainNotApplied() {
        var state = makeState()
        _ = press(&state, .enter)
        let begun = state.savesMade
        run(type(&state, "12") + press(&state, .enter), &state)
        XCTAssertEqual(state.data.points("GD-A", .written, "basic.device"), Rational(12))
        let stale = WorkbenchRefresh(expert: state.data.expert, mine: [], signed: [], groups: [], changed: [], dissents: [:], overview: nil,
                                     othersMean: nil)
        _ = update(&state, .refreshed(stale, savesBefore: begun))
        XCTAssertEqual(state.data.points("GD-A", .written, "basic.device"), Rational(12), "the save stays on screen")
        XCTAssertEqual(state.refreshSoon, .everything, "and the changes are read again")
    }

    /// Points typed are saved against the value the item held when typing began: a change
    /// that arrives meanwhile is not overwritten unseen.
    func testTypedPointsKeepTheValueTheyBeganOn() {
        var state = makeState()
        _ = press(&state, .enter)
        _ = type(&state, "1")
        _ = update(&state, .refreshed(WorkbenchRefresh(expert: state.data.expert, mine: [ItemScore(expert: "E07", dossier: "GD-A", stage: .written,
                                                                                                    item: "basic.device", points: Rational(9), comment: "别处")],
                                                       signed: [], groups: [], changed: [], dissents: [:], overview: nil, othersMean: nil),
                                      savesBefore: state.savesMade))
        guard case let .save(score, shown)? = (type(&state, "2") + press(&state, .enter)).first else { return XCTFail("a save") }
        XCTAssertEqual(shown, .nothing, "typing began on an empty item")
        XCTAssertEqual(score.points, Rational(12))
    }
}
