import Foundation
import Terminal

/// A folder as typed at a prompt, the way a shell takes it: `~` is the home folder, Tab
/// completes from the folders that are there, Ctrl-W takes back the last part.
enum FolderPath {
    /// `~/sheets` → `/home/…/sheets`; anything else as typed.
    static func expanded(_ typed: String) -> String {
        guard typed == "~" || typed.hasPrefix("~/") else { return typed }
        return home + typed.dropFirst()
    }

    /// The home folder as the shell has it: `$HOME`, else the account's.
    static var home: String {
        ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }

    /// The typed folder completed as far as every folder it could name agrees, with a `/`
    /// once only one is left; as typed when none matches (or the folder cannot be read).
    static func completed(_ typed: String) -> String {
        // `~` alone completes in the home folder, as `~/` does.
        let typed = typed == "~" ? "~/" : typed
        let path = expanded(typed)
        let slash = path.lastIndex(of: "/")
        let parent = slash.map { String(path[...$0]) } ?? ""
        let start = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: parent.isEmpty ? "." : parent)
        } catch {
            return typed
        }
        let folders = names.filter { name in
            var isFolder: ObjCBool = false
            return name.hasPrefix(start) && (start.hasPrefix(".") || !name.hasPrefix("."))
                && FileManager.default.fileExists(atPath: parent + name, isDirectory: &isFolder) && isFolder.boolValue
        }.sorted()
        guard let first = folders.first else { return typed }
        var common = first
        for name in folders.dropFirst() {
            while !name.hasPrefix(common) { common.removeLast() }
        }
        // Shown as typed: a `~` stays a `~`.
        let shownParent = typed.hasPrefix("~") ? "~" + parent.dropFirst(home.count) : parent
        return shownParent + common + (folders.count == 1 ? "/" : "")
    }

    /// The typed path after a line-editing key — Backspace, Ctrl-U (all), Ctrl-W (the last
    /// part), a character — or nil for any other key.
    static func edited(_ typed: String, by key: Key) -> String? {
        switch key {
        case .backspace: return String(typed.dropLast())
        case .ctrl("u"): return ""
        case .ctrl("w"): return withoutLastPart(typed)
        case let .char(c): return typed + String(c)
        default: return nil
        }
    }

    /// Without its last part: `a/b/c` → `a/b/`, `a/b/` → `a/`.
    static func withoutLastPart(_ typed: String) -> String {
        var text = typed
        if text.hasSuffix("/") { text.removeLast() }
        guard let slash = text.lastIndex(of: "/") else { return "" }
        return String(text[...slash])
    }
}
