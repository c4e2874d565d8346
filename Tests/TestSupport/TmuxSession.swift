import Foundation

/// A program in a real terminal: a tmux session on a server of its own (`-L`), so a tmux
/// the developer runs is never touched, ended with the test.
public struct TmuxSession {
    public let name: String

    public init(name: String = "iipeval-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))") {
        self.name = name
    }

    @discardableResult
    public func tmux(_ arguments: [String]) -> CommandRunner.Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment.removeValue(forKey: "TMUX")
        // Programs in the terminal keep their signing keys in the tests' scratch folder.
        environment["XDG_CONFIG_HOME"] = CommandRunner.scratchConfig
        return CommandRunner.program(["tmux", "-u", "-L", name] + arguments, environment: environment)
    }

    /// Starts `command` in a new session of `width`×`height`; false when tmux cannot run.
    public func start(_ command: String, width: Int = 100, height: Int = 30) -> Bool {
        tmux(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), command]).code == 0
    }

    public func screen() -> String { tmux(["capture-pane", "-p", "-t", name]).out }

    public func send(_ keys: [String]) {
        tmux(["send-keys", "-t", name] + keys)
    }

    /// Waits up to `seconds` until the screen shows `text`; the last screen when it never did.
    public func waitFor(_ text: String, seconds: Double = 15) -> (found: Bool, screen: String) {
        var shown = ""
        for _ in 0..<Int(seconds * 10) {
            shown = screen()
            if shown.contains(text) || TmuxSession.unwrapped(shown).contains(TmuxSession.unwrapped(text)) { return (true, shown) }
            usleep(100_000)
        }
        return (false, shown)
    }

    /// Text without its spaces and line breaks: a message the workbench wrapped over
    /// several rows (at a space, or between Chinese characters) reads as one.
    public static func unwrapped(_ text: String) -> String {
        String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }

    /// Waits until the screen no longer shows `text`.
    public func waitUntilGone(_ text: String, seconds: Double = 15) -> Bool {
        for _ in 0..<Int(seconds * 10) {
            if !screen().contains(text) { return true }
            usleep(100_000)
        }
        return false
    }

    public func end() {
        tmux(["kill-server"])
    }
}
