import Foundation
@testable import IIPCore
import IIPExport
import IIPStore
import Terminal
import XCTest
@testable import Workbench

/// Issue 12: independent scoring, signing inside the workbench, points never dropped
/// silently, and keys that work everywhere.
extension WorkbenchTests {
    /// A panel ranking in which GD-A has a final of 88.
    func withRanking(_ state: inout AppState) {
        let candidates = [Candidate(id: "GD-A", platform: "测试家电工业互联网平台", type: .industry, stages: [.written: Rational(88)],
                                    final: Rational(88), eligible: true, flags: [])]
        _ = update(&state, .rankingRefreshed(Selection(rubric: rubric).rank(candidates)))
    }

    func screenText(_ state: AppState) -> String { view(state).trimmedLines.joined(separator: "\n") }

    /// Every screen, with its help and dialogs, as the chair sees them with one score saved:
    /// list, review, document (when asked: it is the applicants' text), ranking, export, pledge.
    func everyScreen(language: Language, width: Int, height: Int, document: Bool) -> [(String, String)] {
        let saved = ItemScore(expert: "E07", dossier: "GD-A", stage: .written, item: "basic.device", points: Rational(12), comment: "")
        var state = makeState(width: width, height: height, language: language, scores: [saved])
        withRanking(&state)
        var frames = [("list", screenText(state))]
        _ = press(&state, .char("?"))
        frames.append(("list help", screenText(state)))
        _ = press(&state, .escape, .enter)
        frames.append(("review", screenText(state)))
        _ = press(&state, .char("?"))
        frames.append(("review help", screenText(state)))
        if document {
            _ = press(&state, .escape, .char("o"))
            frames.append(("document", screenText(state)))
        }
        _ = press(&state, .escape, .escape, .char("r"))
        frames.append(("ranking", screenText(state)))
        _ = press(&state, .char("e"))
        frames.append(("export", screenText(state)))
        _ = press(&state, .escape, .escape)
        state.declaration = DeclarationState()
        frames.append(("pledge", screenText(state)))
        return frames
    }

    // MARK: - Independence (独立评审)

    func testAnExpertSeesOnlyTheirOwnWorkUntilTheySign() {
        let mine = ItemScore(expert: "E07", dossier: "GD-A", stage: .written, item: "basic.device", points: Rational(12), comment: "")
        var state = makeState(scores: [mine], chair: false)
        withRanking(&state)
        state.data.othersMean = [ScoreKey(dossier: "GD-A", stage: .written, item: "basic.device"): Rational(2)]
        let list = screenText(state)
        XCTAssertTrue(list.contains("我的分"), list)
        XCTAssertFalse(list.contains("88.00"), "the panel's final does not show:\n\(list)")
        XCTAssertEqual(state.data.listScore(state.data.entry("GD-A")!, .written), state.data.runningTotal(state.data.entry("GD-A")!, .written))
        XCTAssertFalse(state.data.deviates("GD-A", .written, "basic.device"), "no 偏离 mark from the others' means")

        XCTAssertEqual(press(&state, .char("r")), [], "no ranking")
        XCTAssertEqual(state.screen, .list)
        XCTAssertEqual(state.notice?.text, state.strings[.rankingAfterSigning])

        _ = press(&state, .char("e"))
        XCTAssertEqual(state.exportDialog?.offered, [.sheets, .roster], "their own sheets and the applicants' roster only")
        XCTAssertEqual(state.exportDialog?.what, .sheets)

        // Signed the written stage: its deviations show; the ranking waits for every stage of theirs.
        var signedOne = makeState(scores: [mine], signed: [.written], chair: false)
        signedOne.data.othersMean = state.data.othersMean
        XCTAssertTrue(signedOne.data.deviates("GD-A", .written, "basic.device"))
        XCTAssertFalse(signedOne.data.seesRanking)
        var signedAll = makeState(scores: [mine], signed: Set(StageID.allCases), chair: false)
        withRanking(&signedAll)
        XCTAssertEqual(press(&signedAll, .char("r")), [.refreshRanking])
        XCTAssertEqual(signedAll.screen, .ranking)

        // The chair sees everything.
        var chair = makeState(scores: [mine])
        withRanking(&chair)
        XCTAssertTrue(screenText(chair).contains("88.00"))
        XCTAssertEqual(ExportDialog(folder: "x", offering: chair.data.exportable).offered, ExportWhat.allCases)
    }

    // MARK: - Signing

    func testSigningAsksOnceListsIncompleteSheetsAndJumpsToTheFirst() {
        var state = makeState(chair: false)
        XCTAssertEqual(press(&state, .char("S")), [.checkSign(.written)], "the workspace says which sheets signing needs")
        _ = update(&state, .signChecked(.written, incomplete: ["GD-C", "GD-A"], sheets: 2))
        XCTAssertEqual(state.screen, .review)
        XCTAssertEqual(state.review.dossier, "GD-C", "the first incomplete sheet is open")
        XCTAssertTrue(state.notice?.text.contains("2 份评分表未完成") == true, state.notice?.text ?? "")

        _ = update(&state, .signChecked(.written, incomplete: [], sheets: 2))
        XCTAssertTrue(screenText(state).contains("2 份评分表将锁定"), screenText(state))
        XCTAssertEqual(press(&state, .enter), [], "Enter does not sign")
        XCTAssertEqual(state.notice?.text, "已取消")
        _ = update(&state, .signChecked(.written, incomplete: [], sheets: 2))
        XCTAssertEqual(press(&state, .char("y")), [.sign(.written)])

        var signed = makeState(signed: [.written], chair: false)
        XCTAssertEqual(press(&signed, .char("S")), [], "a signed stage is not signed again")
        XCTAssertEqual(signed.notice?.text, "「书面评审」已签署")
    }

    func testACompleteSheetSaysHowManyOfTheStageRemain() {
        var state = makeState()
        _ = press(&state, .enter)
        let items = state.reviewItems
        for _ in items { run(type(&state, "1") + press(&state, .enter), &state) }
        XCTAssertTrue(state.notice?.text.contains("本阶段还有 1 份评分表未完成") == true, state.notice?.text ?? "")
    }

    // MARK: - Points never dropped silently

    func testPointsTypedAreSavedWhenTheCursorLeavesAndAskedAboutWhenTheScreenIs() {
        var state = makeState()
        _ = press(&state, .enter)
        let first = state.review.cursor
        let effects = type(&state, "7") + press(&state, .char("j"))
        guard case let .save(score, _)? = effects.first else { return XCTFail("j saves the points typed: \(effects)") }
        XCTAssertEqual(score.points, Rational(7))
        run(effects, &state)
        XCTAssertEqual(state.review.cursor, first + 1, "and moves one item, not on to the next unscored")

        _ = type(&state, "99")
        XCTAssertEqual(press(&state, .char("j")), [], "invalid points keep the cursor")
        XCTAssertTrue(state.notice?.text.contains("无效") == true)
        _ = press(&state, .backspace, .backspace)

        _ = type(&state, "8")
        XCTAssertEqual(press(&state, .char("q")), [], "q asks")
        XCTAssertFalse(state.quit)
        _ = press(&state, .char("x"))
        XCTAssertEqual(state.review.entry, "8", "any other key goes on typing")
        _ = press(&state, .escape)
        XCTAssertEqual(press(&state, .char("y")), [], "y drops the points and goes back")
        XCTAssertEqual(state.screen, .list)
    }

    func testASavedScoreIsClearedAfterAsking() {
        let saved = ItemScore(expert: "E07", dossier: "GD-A", stage: .written, item: "basic.device", points: Rational(12), comment: "好")
        var state = makeState(scores: [saved])
        _ = press(&state, .enter)
        state.review.cursor = 0
        XCTAssertEqual(press(&state, .delete), [])
        XCTAssertTrue(screenText(state).contains("按 y 或 Enter 清除"))
        let effects = press(&state, .enter)
        guard case let .save(score, shown)? = effects.first else { return XCTFail("a save: \(effects)") }
        XCTAssertNil(score.points)
        XCTAssertEqual(score.comment, "好", "the comment stays")
        XCTAssertEqual(shown.points, Rational(12), "and only if the item still holds what was shown")
        run(effects, &state)
        XCTAssertEqual(state.notice?.text, "已清除分数")
    }

    // MARK: - Going back, and keys everywhere

    func testFirstLastRedrawAndEscEndsASearch() {
        var state = makeState()
        _ = press(&state, .char("G"))
        XCTAssertEqual(state.list.cursor, state.visibleEntries.count - 1)
        _ = press(&state, .home)
        XCTAssertEqual(state.list.cursor, 0)
        XCTAssertEqual(press(&state, .ctrl("l")), [.redraw])
        _ = press(&state, .char("/"))
        _ = type(&state, "跨界")
        _ = press(&state, .enter)
        XCTAssertEqual(state.visibleEntries.count, 1)
        _ = press(&state, .escape)
        XCTAssertEqual(state.list.query, "")
        XCTAssertEqual(state.visibleEntries.count, 3)
    }

    /// Help and the footer are written from the tables that dispatch: no key is bound twice
    /// on a screen, and every key a table shows does what its row says.
    func testEveryKeyIsDispatchedByTheRowThatExplainsIt() {
        for screen in [ScreenID.list, .review, .document, .compare, .ranking, .panel] {
            var seen: Set<Key> = []
            for binding in KeyMap.table(screen) {
                for (key, action) in binding.actions {
                    XCTAssertTrue(seen.insert(key).inserted, "\(screen): \(key) bound twice")
                    XCTAssertEqual(KeyMap.action(for: key, on: screen), action, "\(screen): \(key)")
                }
            }
        }
        XCTAssertNil(KeyMap.action(for: .char("2"), on: .review), "on the review screen digits type points")
    }

    func testChineseNamesSortByPinyin() {
        let names = ["旭航云", "智衡平台", "松湖智造", "海川工业", "Alpha"]
        XCTAssertEqual(names.sorted { Pinyin.sortKey($0) < Pinyin.sortKey($1) }, ["Alpha", "海川工业", "松湖智造", "旭航云", "智衡平台"])
    }

    // MARK: - Text

    /// 禁则: a line never starts with closing punctuation; the character before it goes down too.
    func testNoLineStartsWithClosingPunctuation() {
        let text = "平台已连接设备六万台，覆盖电子信息、家电等行业。平台边缘计算能力较强（已部署）。"
        for width in 8...30 {
            let lines = Layout.wrap(text, width: width)
            XCTAssertEqual(lines.joined(), text, "nothing lost at \(width)")
            for line in lines.dropFirst() {
                XCTAssertFalse(line.first.map(Layout.closing.contains) ?? false, "\(width): «\(line)»")
            }
            XCTAssert(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(width): \(lines)")
        }
    }

    /// English breaks between words and loses no space: a space that overflowed after a word
    /// carried down to the next line used to be dropped ("waives the" + "error" → "theerror").
    func testEnglishWrapsBetweenWordsAndKeepsEverySpace() {
        let text = "This dossier failed the compliance check (✗1): its scores do not count unless the chair waives the error"
        for width in 40...104 {
            let lines = Layout.wrap(text, width: width)
            XCTAssertEqual(lines.joined(separator: " "), text, "\(width): \(lines)")
            XCTAssert(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(width): \(lines)")
        }
        XCTAssertEqual(Layout.wrap("aaaaaaaaaa bb cc", width: 13), ["aaaaaaaaaa", "bb cc"])
    }

    /// The analytics screen never says "computing" for ever: figures of older data are asked
    /// for again, and a failure is shown on the screen instead.
    func testTheAnalyticsScreenAsksAgainForStaleFiguresAndSaysWhyItHasNone() throws {
        var state = makeState()
        _ = press(&state, .char("a"))
        XCTAssertEqual(state.screen, .analytics)
        let asked = try XCTUnwrap(state.analysisWanted)
        XCTAssertEqual(asked, state.data.revision)
        state.analysisWanted = nil  // the app loop starts the work
        let analysis = Analysis(Recount(rubric: rubric, dossiers: [], experts: [:], sheets: [:]), resamples: 0)
        // The data changed while it ran (the dossiers read, say): the answer is for older data.
        state.data.isChair = true
        _ = update(&state, .analyzed(analysis, revision: asked))
        XCTAssertEqual(state.analysisWanted, state.data.revision, "asked again for the data as it is now")
        state.analysisWanted = nil
        _ = update(&state, .analyzed(analysis, revision: state.data.revision))
        XCTAssertNil(state.analysisWanted)
        XCTAssertFalse(screenText(state).contains("正在计算"), screenText(state))
        // A failure stays on the screen, and is not asked again in a loop.
        state.analysis = nil
        _ = update(&state, .backgroundFailed(.analysis, Bilingual("disk", chinese: "磁盘出错")))
        state.askForAnalysisIfStale()
        XCTAssertNil(state.analysisWanted)
        XCTAssertTrue(screenText(state).contains("未能计算结果稳定性"), screenText(state))
    }

    /// A flag is never cut: the name shortens, then the flags' wording, then all but the
    /// first are counted — the line always fits its column.
    func testRankingFlagsAreShortenedNotCut() {
        let flags: [RankFlag] = [.deviation(.defence, expert: "E05"), .deviation(.site, expert: "E05"), .override(code: "E-NOT-LEGAL-PERSON")]
        let candidate = Candidate(id: "GD-1", platform: "宝讯云联电子制造工业互联网平台", type: .industry, stages: [:], final: nil,
                                  eligible: true, flags: flags)
        for language in [Language.zh, .en] {
            for width in [16, 18, 30, 60, 140] {
                let text = RankingScreen.platformAndFlags(candidate, Strings(language), width: width)
                XCTAssertLessThanOrEqual(DisplayWidth.of(text), width, "\(language) \(width): \(text)")
                XCTAssertFalse(text.hasSuffix("…"), "\(language) \(width): \(text)")
            }
        }
        XCTAssertTrue(RankingScreen.platformAndFlags(candidate, Strings(.zh), width: 40).contains("偏离答辩E05 偏离现场E05 豁免"))
        let narrow = RankingScreen.platformAndFlags(candidate, Strings(.en), width: 18)
        XCTAssertTrue(narrow.hasSuffix("dev. D E05 +2"), narrow)
    }

    func testTheDocumentSpeaksTheUsersLanguageAndHidesMarkdown() {
        var state = makeState()
        _ = press(&state, .char("o"))
        XCTAssertEqual(state.screen, .document)
        let zh = (0..<8).map { page -> String in
            state.documentScroll = page * 18
            return screenText(state)
        }.joined(separator: "\n")
        XCTAssertFalse(zh.contains("discrete"), "行业特征 in Chinese")
        XCTAssertFalse(zh.contains("**"))
        XCTAssertEqual(Strings(.zh).roleName(.iaasPaas), "IaaS 及通用 PaaS")
        XCTAssertEqual(Strings(.zh).sectorName(.discrete), "离散行业")
        XCTAssertEqual(Strings(.en).roleName(.dataAnalytics), "data analytics")
    }

    func testAWideTerminalGivesTheFocusColumnRoom() {
        // Where 推荐 begins, after 面向: further right on a wide terminal than the 8 columns of 80×24.
        func focusWidth(_ state: AppState) -> Int {
            let header = view(state).trimmedLines[2]
            guard let focus = header.range(of: "面向"), let city = header.range(of: "推荐") else { return 0 }
            return DisplayWidth.of(String(header[focus.lowerBound..<city.lowerBound]))
        }
        XCTAssertEqual(focusWidth(makeState(width: 80, height: 24)), 9)
        XCTAssertGreaterThan(focusWidth(makeState(width: 200, height: 60)), 20)
    }

    // MARK: - Typing a folder

    func testTheSheetFolderPromptTakesTildeTabAndCtrlU() throws {
        var state = makeState()
        state.screen = .panel
        state.importFolder = ""
        _ = type(&state, "~/x")
        XCTAssertEqual(press(&state, .tab), [.completeFolder("~/x")])
        _ = press(&state, .ctrl("u"))
        XCTAssertEqual(state.importFolder, "")
        _ = type(&state, "~/sheets")
        XCTAssertEqual(press(&state, .enter), [.importSheets(folder: FolderPath.home + "/sheets")])

        let root = NSTemporaryDirectory() + "iipeval-folders-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for name in ["sheets-2018", "sheets-2019", "other"] {
            try FileManager.default.createDirectory(atPath: root + "/" + name, withIntermediateDirectories: true)
        }
        FileManager.default.createFile(atPath: root + "/sheets-notes.txt", contents: Data())
        XCTAssertEqual(FolderPath.completed(root + "/sh"), root + "/sheets-201", "as far as the folders agree; a file is no folder")
        XCTAssertEqual(FolderPath.completed(root + "/o"), root + "/other/")
        XCTAssertEqual(FolderPath.completed(root + "/zzz"), root + "/zzz")
        XCTAssertEqual(FolderPath.withoutLastPart("a/b/c"), "a/b/")
    }

    // MARK: - One language

    /// Every screen of the Chinese workbench, with its help and dialogs: no English word
    /// where Chinese belongs. Key names, file formats, units and commands are allowed;
    /// dossier content is the applicants' own.
    func testTheChineseWorkbenchHasNoEnglishWords() {
        let allowed: Set<String> = ["Enter", "Esc", "Tab", "Space", "PgUp", "PgDn", "Home", "Ctrl", "EDITOR", "HTML", "JSON", "XLSX",
                                    "IaaS", "PaaS", "SaaS", "iipeval", "sheet", "reopen", "html", "exports", "xlsx", "json",
                                    "example"]  // the fixture's e-mail addresses: dossier content
        let frames = everyScreen(language: .zh, width: 120, height: 40, document: true)
        let word = try! NSRegularExpression(pattern: "[A-Za-z]{4,}")
        for (name, text) in frames {
            let words = word.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
            let english = Set(words).subtracting(allowed)
            XCTAssertTrue(english.isEmpty, "\(name): \(english.sorted())")
        }
    }

    /// Compare puts my points of the stage and each sheet's weighted total first, above the
    /// fold at 80×24 and at 200×60, with the values beside their labels.
    func testCompareShowsMyPointsAndTotalsFirst() {
        let saved = ItemScore(expert: "E07", dossier: "GD-A", stage: .written, item: "basic.device", points: Rational(12), comment: "")
        for (width, height) in [(80, 24), (200, 60)] {
            var state = makeState(width: width, height: height, scores: [saved])
            _ = press(&state, .char(" "), .char(" "), .char("v"))
            XCTAssertEqual(state.screen, .compare)
            let lines = view(state).trimmedLines
            guard let mine = lines.firstIndex(where: { $0.hasPrefix("我的评分") }) else { return XCTFail("\(width): \(lines)") }
            XCTAssertLessThan(mine, 6, "above the fold at \(width)")
            XCTAssertTrue(lines[mine].contains(state.data.runningTotal(state.data.entry("GD-A")!, .written).fixed()), lines[mine])
            // The first value ends within a third of the screen and one column (it stood 168 columns out before).
            let device = lines.first { $0.contains("工业设备管理") } ?? ""
            let value = device.range(of: "12/15").map { DisplayWidth.of(String(device[..<$0.upperBound])) } ?? Int.max
            XCTAssertLessThanOrEqual(value, max(80, width / 3 + 38), "values beside their labels at \(width): \(device)")
        }
    }

    /// The English ranking at 100 columns: no status or stage title cut, half-width brackets.
    func testTheEnglishRankingShowsWholeWords() {
        var state = makeState(width: 100, height: 30, language: .en)
        let candidates = (1...7).map { n in
            Candidate(id: "GD-\(n)", platform: "平台\(n)", type: .cross, stages: [.written: Rational(90 - n), .test: Rational(80)],
                      final: Rational(90 - n), eligible: true, flags: [])
        }
        _ = update(&state, .rankingRefreshed(Selection(rubric: rubric).rank(candidates)))
        _ = press(&state, .char("r"))
        let text = screenText(state)
        XCTAssertTrue(text.contains("not selected"), text)
        XCTAssertTrue(text.contains("Test"), text)
        XCTAssertFalse(text.contains("…"), text)
        state.readOnlyBecause = .secondInstance
        XCTAssertTrue(view(state).trimmedLines[0].contains(" (read-only)"), view(state).trimmedLines[0])
    }

    /// The English review names sections, items and units in English (the dossier's own text stays as written).
    func testTheEnglishReviewNamesTheRubricInEnglish() {
        var state = makeState(width: 120, height: 40, language: .en)
        _ = press(&state, .enter)
        let text = screenText(state)
        let rubricStage = rubric.stage(.written)!
        let section = rubricStage.sections(for: .industry)[0]
        XCTAssertTrue(text.contains(section.nameEn), text)
        XCTAssertTrue(text.contains(section.items[0].nameEn), text)
        XCTAssertFalse(text.contains(section.items[0].name), "not the Chinese name: \(text)")
        XCTAssertFalse(text.contains(" 台"), "units in English: \(text)")
    }

    /// The panel's score in the chair's list follows a save (read again when the keys are
    /// idle); an expert's own total is computed as they type, so theirs never goes stale.
    func testTheListScoreFollowsASave() {
        var chair = makeState()
        _ = press(&chair, .enter)
        run(type(&chair, "9") + press(&chair, .enter), &chair)
        XCTAssertEqual(chair.refreshSoon, .ranking, "the chair's list reads the panel's score again, the ranking alone")
        _ = press(&chair, .escape, .char("p"))
        XCTAssertEqual(chair.screen, .panel)
        XCTAssertEqual(chair.refreshSoon, .everything, "the overview, which a save alone does not read, is read on opening")
        var expert = makeState(chair: false)
        _ = press(&expert, .enter)
        run(type(&expert, "9") + press(&expert, .enter), &expert)
        _ = press(&expert, .escape)
        let total = expert.data.runningTotal(expert.data.entry("GD-A")!, .written).fixed()
        XCTAssertTrue(screenText(expert).contains(total), "their own total at once: \(total)")
    }

    /// Sorted by score, an expert's list follows each save at once though its order is
    /// remembered between frames; a copy of the state that changed never shows the old order.
    func testTheOrderByScoreFollowsEverySave() {
        var expert = makeState(chair: false)
        _ = press(&expert, .char("s"), .char("s"))
        XCTAssertEqual(expert.list.sort, .score)
        let before = expert.visibleEntries.map(\.id)
        // The last dossier the expert may open (not one they must stay away from).
        let place = expert.visibleEntries.lastIndex { $0.conflict == nil }!
        let last = before[place]
        XCTAssertNotEqual(place, 0, "it does not lead before it is scored: \(before)")
        let copy = expert
        expert.list.cursor = place
        _ = press(&expert, .enter)
        XCTAssertEqual(expert.review.dossier, last)
        run(type(&expert, "12") + press(&expert, .enter), &expert)
        _ = press(&expert, .escape)
        XCTAssertEqual(expert.visibleEntries.first?.id, last, "the one scored dossier leads: \(expert.visibleEntries.map(\.id))")
        XCTAssertEqual(copy.visibleEntries.map(\.id), before, "the copy keeps its own order")
        XCTAssertEqual(expert.visibleEntries.map(\.id), expert.visibleEntries.map(\.id), "asked twice, the same")
    }

    /// At 80×24 the right pane of the review scrolls, and says what is cut off.
    func testTheReviewsRightPaneScrollsAt80x24() {
        var state = makeState(width: 80, height: 24)
        _ = press(&state, .enter)
        let before = screenText(state)
        XCTAssertTrue(before.contains("下面还有"), before)
        _ = press(&state, .pageDown)
        let after = screenText(state)
        XCTAssertTrue(after.contains("上面还有"), after)
        XCTAssertNotEqual(before, after)
        _ = press(&state, .char("j"))
        XCTAssertFalse(screenText(state).contains("上面还有"), "another item starts at its top")
    }

    /// Every screen of the English workbench, with its help and dialogs: no Chinese but the
    /// applicants' own text (names, focus, city) and the expert's name.
    func testTheEnglishWorkbenchHasNoChineseOfItsOwn() {
        let frames = everyScreen(language: .en, width: 160, height: 50, document: false)
        let state = makeState(language: .en)
        // The applicants' own words, the expert's name, and document titles (file names).
        var theirs = [state.data.expert.name] + ExportWhat.allCases.map(\.title)
        for entry in state.data.entries {
            theirs += [entry.platformName, entry.applicant] + entry.partners
            theirs += [entry.dossier?.platform.focus, entry.dossier?.recommender.city, entry.dossier?.recommender.name].compactMap { $0 }
        }
        theirs += ["平台1"]
        for (name, frame) in frames {
            var text = frame
            for words in theirs.sorted(by: { $0.count > $1.count }) where !words.isEmpty { text = text.replacingOccurrences(of: words, with: "") }
            let chinese = text.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) || (0x3000...0x303F).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
            XCTAssertTrue(chinese.isEmpty, "\(name): \(String(String.UnicodeScalarView(chinese)))\n\(text)")
        }
    }

    /// The help lists every row of the screen's key table, even the review's at 80×24.
    func testTheHelpShowsTheWholeKeyTableAt80x24() {
        for language in [Language.zh, .en] {
            var state = makeState(width: 80, height: 24, language: language)
            _ = press(&state, .enter, .char("?"))
            let text = screenText(state)
            for binding in KeyMap.table(.review) {
                XCTAssertTrue(text.contains(DisplayWidth.truncate(state.strings[binding.help], to: 20).replacingOccurrences(of: "…", with: "")),
                              "\(language): \(state.strings[binding.help])\n\(text)")
            }
        }
    }

    // MARK: - The review's findings

    func testTypedPointsSurviveTheHelpARefusedEnterAndTheQuestion() {
        var state = makeState()
        _ = press(&state, .enter)
        let first = state.review.cursor
        // `?` with points typed saves them first.
        guard case .save? = (type(&state, "8") + press(&state, .char("?"))).first else { return XCTFail("? saves the points") }
        _ = press(&state, .escape)
        // A refused Enter does not make the next save jump to the next unscored item.
        state.review.cursor = first
        _ = type(&state, "99")
        XCTAssertEqual(press(&state, .enter), [])
        _ = press(&state, .backspace, .backspace)
        let effects = type(&state, "7") + press(&state, .down)
        run(effects, &state)
        XCTAssertEqual(state.review.cursor, first + 1, "↓ moves one item")
        // Asked about points typed, Enter saves them.
        _ = type(&state, "6")
        _ = press(&state, .escape)
        XCTAssertNotNil(state.confirmation)
        guard case let .save(score, _)? = press(&state, .enter).first else { return XCTFail("Enter saves") }
        XCTAssertEqual(score.points, Rational(6))
    }

    func testEscFromTheRankingAndBackNeverGoesRound() {
        var state = makeState()
        withRanking(&state)
        _ = press(&state, .enter, .char("r"), .enter)
        XCTAssertEqual(state.screen, .review)
        _ = press(&state, .escape)
        XCTAssertEqual(state.screen, .ranking)
        _ = press(&state, .escape)
        XCTAssertEqual(state.screen, .list)
    }

    func testUpMovesAtOnceAfterTheLastLine() {
        var state = makeState()
        _ = press(&state, .char("o"), .char("G"))
        let end = state.documentScroll
        XCTAssertGreaterThan(end, 0)
        _ = press(&state, .up)
        XCTAssertEqual(state.documentScroll, end - 1)
    }

    func testThePledgeHasItsHelpAndPages() {
        var state = makeState()
        state.declaration = DeclarationState()
        _ = press(&state, .char("?"))
        XCTAssertTrue(screenText(state).contains("签署承诺（再按 y 确认）"), screenText(state))
        XCTAssertEqual(press(&state, .char("x")), [], "any key closes the help")
        XCTAssertFalse(state.showHelp)
        _ = press(&state, .pageDown)
        XCTAssertEqual(state.declaration?.cursor, state.data.entries.count - 1)
        _ = press(&state, .char("g"))
        XCTAssertEqual(state.declaration?.cursor, 0)
        var seen: Set<Key> = []
        for binding in KeyMap.pledgeKeys { for key in binding.actions.keys { XCTAssertTrue(seen.insert(key).inserted, "\(key) bound twice") } }
    }

    /// Lower layers in the user's language: a refused sheet's details and the audit log's
    /// actions and the pledge's record (the log keeps its own codes).
    func testRefusalsAndTheAuditLogInChinese() {
        let refusal = SheetFile.Refusal(.unknownKey, "signed with another key", chinese: "由另一把密钥签名")
        let zh = Strings(.zh).sheetImport(SheetFileImport(file: "E02.iipsheet", outcome: .refused(refusal)))
        XCTAssertEqual(zh.text, "E02.iipsheet：拒绝（签名密钥未受信任）：由另一把密钥签名")
        XCTAssertTrue(zh.refused)
        XCTAssertTrue(Strings(.en).sheetImport(SheetFileImport(file: "E02.iipsheet", outcome: .refused(refusal))).text.hasSuffix("signed with another key"))
        XCTAssertEqual(Strings(.zh).auditAction("sheet.sign"), "签署评分表")
        XCTAssertEqual(Strings(.zh).auditValue("declare", "pledge signed; conflicts: none"), "已签署承诺；回避：无")
        XCTAssertEqual(Strings(.zh).auditValue("declare", "pledge signed; conflicts: GD-A,GD-B"), "已签署承诺；回避：GD-A,GD-B")
        XCTAssertEqual(Strings(.en).auditAction("sheet.sign"), "sheet.sign")
    }

    /// The chair reopens a stage: an expert on the ranking is taken back to the list, and the
    /// export dialog offers only what they may export again.
    func testAReopenedStageHidesThePanelsResultsAgain() {
        var state = makeState(signed: Set(StageID.allCases), chair: false)
        withRanking(&state)
        _ = press(&state, .char("r"))
        XCTAssertEqual(state.screen, .ranking)
        _ = press(&state, .char("e"))
        XCTAssertEqual(state.exportDialog?.offered, [.sheets, .roster, .ranking])
        let reopened = WorkbenchRefresh(expert: state.data.expert, mine: [], signed: [.defence, .site, .test], groups: state.data.groups,
                                        changed: [], dissents: [:], overview: nil, othersMean: nil)
        _ = update(&state, .refreshed(reopened, savesBefore: 0))
        XCTAssertEqual(state.screen, .list)
        XCTAssertEqual(state.exportDialog?.offered, [.sheets, .roster])
    }

    /// Esc walks back the way the screens were opened, each screen once: list → review → ranking
    /// → another review → document comes back document → review → ranking → list.
    func testEscWalksBackTheWayCameWithoutCircles() {
        var state = makeState()
        withRanking(&state)
        _ = press(&state, .enter, .char("r"), .enter, .char("o"))
        XCTAssertEqual(state.screen, .document)
        var seen: [ScreenID] = []
        for _ in 0..<4 {
            _ = press(&state, .escape)
            seen.append(state.screen)
        }
        XCTAssertEqual(seen, [.review, .ranking, .list, .list])
    }
}
