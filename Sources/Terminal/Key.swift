/// A key press, decoded from the terminal.
public enum Key: Equatable, Hashable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    /// Ctrl with a letter, e.g. `.ctrl("c")`.
    case ctrl(Character)
    case resize
    case function(Int)
}
