import CNcursesw
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real terminal, through ncursesw: the only code that calls curses. It shows buffers
/// (redrawing only rows that changed), reads keys and always gives the terminal back.
public final class Screen {
    private var shown: Buffer?
    public private(set) var hasColour = false

    public init() {}

    /// Takes over the terminal: UTF-8, raw keys (Ctrl-C arrives as a key), no echo,
    /// keypad decoding, hidden cursor, colours where the terminal has them.
    public func start() {
        setlocale(LC_ALL, "")
        if let ctype = setlocale(LC_CTYPE, nil), !String(cString: ctype).uppercased().contains("UTF") {
            setlocale(LC_ALL, "C.UTF-8")
        }
        setenv("ESCDELAY", "25", 0)
        initscr()
        raw()
        noecho()
        keypad(iip_stdscr(), true)
        curs_set(0)
        Screen.installRestorers()
        if has_colors() {
            start_color()
            use_default_colors()
            hasColour = true
            for style in Style.allCases where style != .normal {
                let (foreground, background) = Screen.colours(style)
                init_pair(Int16(style.rawValue), foreground, background)
            }
        }
        shown = nil
    }

    /// Gives the terminal back as it was.
    public func stop() {
        endwin()
    }

    public var size: (width: Int, height: Int) {
        (Int(iip_cols()), Int(iip_lines()))
    }

    /// The next key, or nil when none came within `milliseconds` (-1 waits).
    public func readKey(milliseconds: Int32 = -1) -> Key? {
        timeout(milliseconds)
        var character: wint_t = 0
        let result = iip_get_wch(&character)
        if result == ERR { return nil }
        if result == iip_key_code_yes() { return Screen.decodeKeyCode(Int32(character)) }
        return Screen.decodeCharacter(UInt32(character))
    }

    /// Shows `buffer`, redrawing only the rows that differ from what is on screen.
    public func present(_ buffer: Buffer) {
        let full = shown == nil || shown?.width != buffer.width || shown?.height != buffer.height
        if full { clear() }
        for y in 0..<buffer.height {
            if !full, let shown, (0..<buffer.width).allSatisfy({ shown[$0, y] == buffer[$0, y] }) { continue }
            drawRow(buffer, y)
        }
        refresh()
        shown = buffer
    }

    /// Forget what is shown (after another program used the terminal).
    public func invalidate() {
        shown = nil
    }

    private func drawRow(_ buffer: Buffer, _ y: Int) {
        var x = 0
        while x < buffer.width {
            let style = buffer[x, y].style
            var text: [wchar_t] = []
            let start = x
            while x < buffer.width, buffer[x, y].style == style || buffer[x, y].isContinuation {
                for scalar in buffer[x, y].symbol.unicodeScalars { text.append(wchar_t(bitPattern: scalar.value)) }
                x += 1
            }
            _ = iip_attrset(attributes(style))
            text.append(0)
            _ = iip_mvaddnwstr(Int32(y), Int32(start), text, Int32(text.count - 1))
        }
        _ = iip_attrset(0)
    }

    private func attributes(_ style: Style) -> Int32 {
        if style == .normal { return 0 }
        if hasColour {
            let extra: Int32 = [.title, .header, .key].contains(style) ? iip_attr_bold() : 0
            return iip_color_pair(Int32(style.rawValue)) | extra
        }
        // Without colour: bold for emphasis, reverse for the selection, dim for the rest.
        switch style {
        case .selected, .input: return iip_attr_reverse()
        case .dim: return iip_attr_dim()
        case .normal: return 0
        default: return iip_attr_bold()
        }
    }

    private static func colours(_ style: Style) -> (Int16, Int16) {
        switch style {
        case .title: return (Int16(COLOR_WHITE), Int16(COLOR_BLUE))
        case .header: return (Int16(COLOR_CYAN), -1)
        case .selected: return (Int16(COLOR_BLACK), Int16(COLOR_CYAN))
        case .dim: return (Int16(COLOR_BLUE), -1)
        case .good: return (Int16(COLOR_GREEN), -1)
        case .warning: return (Int16(COLOR_YELLOW), -1)
        case .bad: return (Int16(COLOR_RED), -1)
        case .highlight: return (Int16(COLOR_BLACK), Int16(COLOR_YELLOW))
        case .input: return (Int16(COLOR_BLACK), Int16(COLOR_WHITE))
        case .key: return (Int16(COLOR_YELLOW), -1)
        case .normal: return (-1, -1)
        }
    }

    // MARK: - Keys

    static func decodeCharacter(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96)!))
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    static func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    // MARK: - Giving the terminal back

    /// On a termination signal or a crash the terminal is restored before the process ends.
    private static func installRestorers() {
        for signal in [SIGTERM, SIGHUP, SIGQUIT] {
            Glibc.signal(signal) { number in
                endwin()
                Glibc._exit(128 + number)
            }
        }
        for signal in [SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE] {
            Glibc.signal(signal) { number in
                endwin()
                Glibc.signal(number, SIG_DFL)
                Glibc.raise(number)
            }
        }
    }
}
