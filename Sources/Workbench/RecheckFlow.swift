import IIPCore
import Terminal

/// 复核 on the review screen: `R` on a dossier whose score deviates in a signed stage asks
/// whether the score stands (then why) or which ground the correction is made on.
func askToRecheck(_ state: inout AppState) {
    if let reason = state.readOnlyBecause {
        state.notice = Notice(text: state.strings[reason], style: .warning)
        return
    }
    guard let item = state.data.recheck(state.review.dossier, state.stage), item.state == .open || item.state == .confirmed else {
        state.notice = Notice(text: state.strings[.recheckNotDue], style: .warning)
        return
    }
    state.recheck = RecheckPrompt(item: item)
}

/// A key while the 复核 is asked: `y` then the reason keeps the score, 1–4 correct it on
/// that ground (财政部令第87号 第六十四条, in its order), Esc cancels.
func answerRecheck(_ key: Key, _ state: inout AppState) -> [Effect] {
    guard var prompt = state.recheck else { return [] }
    if key == .ctrl("c") { return quit(&state) }
    if key == .escape {
        state.recheck = nil
        state.notice = Notice(text: state.strings[.cancelled], style: .normal)
        return []
    }
    guard let reason = prompt.reason else {
        switch key {
        case .char("y"), .char("Y"): prompt.reason = ""
        case let .char(c):
            guard let n = c.wholeNumberValue, (1...RecheckGround.allCases.count).contains(n) else { return [] }
            state.recheck = nil
            return [.correctRecheck(prompt.item, RecheckGround.allCases[n - 1])]
        default: return []
        }
        state.recheck = prompt
        return []
    }
    if key == .enter {
        let written = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !written.isEmpty else { return [] }
        state.recheck = nil
        return [.confirmRecheck(prompt.item, reason: written)]
    }
    prompt.reason = FolderPath.edited(reason, by: key) ?? reason
    state.recheck = prompt
    return []
}

extension Strings {
    /// `Deviation: yours 49.50 / panel 86.17 · open` for the review screen.
    func recheckLine(_ item: RecheckItem) -> String {
        format(.recheckLine, item.score?.fixed() ?? "—", item.panel?.fixed() ?? "—", recheckState(item.state))
            + (item.state == .open || item.state == .confirmed ? " · R" : "")
    }

    func recheckState(_ state: RecheckState) -> String {
        language == .zh ? state.chinese : state.rawValue
    }

    func groundName(_ ground: RecheckGround) -> String {
        language == .zh ? ground.chinese : ground.english
    }

    var listSeparator: String { language == .zh ? "、" : ", " }

    /// The 复核 question, or the reason being typed.
    func recheckPrompt(_ prompt: RecheckPrompt, stageName: String) -> String {
        guard let reason = prompt.reason else {
            return format(.recheckChoose, prompt.item.dossier, stageName, prompt.item.score?.fixed() ?? "—", prompt.item.panel?.fixed() ?? "—")
        }
        return self[.recheckReason] + reason + "▏"
    }
}
