import Foundation
import Terminal

/// The key card: every screen's keys from the very tables that dispatch them, in Chinese
/// with the English beside — for the terminal, and as one printable A4 page.
public enum KeyCard {
    /// A part of the card: a screen (or every screen), its keys.
    public struct Section: Sendable {
        public let title: (zh: String, en: String)
        public let keys: [Binding]
    }

    /// The keys every screen has come once, first; each screen then lists its own.
    public static var sections: [Section] {
        let zh = Strings(.zh), en = Strings(.en)
        let everywhere = [KeyMap.move, KeyMap.scroll, KeyMap.ends, KeyMap.back, KeyMap.help, KeyMap.redraw, KeyMap.quit]

        let screens: [(UIText, [Binding])] = [
            (.declTitle, KeyMap.pledgeKeys), (.listTitle, KeyMap.table(.list)), (.reviewTitle, KeyMap.table(.review)),
            (.documentTitle, KeyMap.table(.document)), (.compareTitle, KeyMap.table(.compare)), (.rankingTitle, KeyMap.table(.ranking)),
            (.panelTitle, KeyMap.table(.panel)), (.analyticsTitle, KeyMap.table(.analytics)),
        ]
        let own = screens.compactMap { title, keys -> Section? in
            // A key with a meaning of its own here (the list's Esc ends a search, the review's
            // PgDn scrolls the right pane) stays in the screen's part.
            let mine = keys.filter { key in !everywhere.contains { $0.label == key.label && $0.help == key.help } }
            return mine.isEmpty ? nil : Section(title: (zh[title], en[title]), keys: mine)
        }
        return [Section(title: ("各页面通用（页面另有说明的除外）", "Every screen, unless its own part says otherwise"), keys: everywhere)] + own
    }

    /// The card as text, one language.
    public static func text(_ language: Language) -> String {
        let strings = Strings(language)
        var out = language == .zh ? "评审台 · 按键\n" : "iipeval · keys\n"
        for section in sections {
            out += "\n" + (language == .zh ? section.title.zh : section.title.en) + "\n"
            for key in section.keys { out += "  " + DisplayWidth.pad(key.label, to: 14) + strings[key.help] + "\n" }
        }
        return out
    }

    /// The card as a self-contained HTML page, printed on one A4 sheet: two columns of
    /// sections, each key with its Chinese and English meaning.
    public static func html() -> String {
        let zh = Strings(.zh), en = Strings(.en)
        var body = ""
        for section in sections {
            body += "<section><h2>\(escaped(section.title.zh)) <span>\(escaped(section.title.en))</span></h2><table>\n"
            for key in section.keys {
                body += "<tr><th>\(escaped(key.label))</th><td>\(escaped(zh[key.help]))</td><td class=\"en\">\(escaped(en[key.help]))</td></tr>\n"
            }
            body += "</table></section>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>评审台按键卡 · iipeval key card</title>
        <style>
        @page { size: A4 portrait; margin: 10mm; }
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 9pt; margin: 0; }
        h1 { font-size: 14pt; margin: 0 0 2mm; }
        h1 span, h2 span { font-weight: normal; color: #444; }
        main { column-count: 2; column-gap: 6mm; }
        section { break-inside: avoid; margin: 0 0 2mm; }
        h2 { font-size: 10pt; margin: 0 0 0.5mm; border-bottom: 0.3mm solid #000; }
        table { border-collapse: collapse; width: 100%; }
        th { text-align: left; white-space: nowrap; font-family: monospace; padding: 0 2mm 0 0; vertical-align: top; width: 22mm; }
        td { padding: 0 1mm 0 0; vertical-align: top; }
        td.en { color: #444; }
        </style></head>
        <body><h1>评审台按键卡 <span>iipeval key card — ? on any screen shows its keys</span></h1>
        <main>
        \(body)</main></body></html>

        """
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
