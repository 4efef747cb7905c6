import Glibc

/// Reads one answer from a terminal with basic line editing: left and right, Home and End
/// (also Ctrl-A and Ctrl-E), backspace and Delete, typing in the middle.
///
/// The terminal's own (canonical) mode knows only backspace: an arrow key there puts its escape
/// sequence into the answer. So for each answer the terminal is switched to non-canonical mode
/// without echo (`tcsetattr`), keys are read one byte at a time and the line is drawn here, and
/// the previous mode is restored before the answer is returned, on every path. Enter (`\r` or
/// `\n`) ends the answer; Ctrl-D on an empty line is the end of input (nil); Ctrl-C restores the
/// terminal and ends the process with status 130, as a shell reports an interrupted program. Any
/// other escape sequence or control key is ignored. Characters are assumed one column wide.
///
/// When standard input is not a terminal (or its mode cannot be read), the line is read as is.
enum LineEditor {
    static func readLine() -> String? {
        var saved = termios()
        guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &saved) == 0 else { return Swift.readLine(strippingNewline: true) }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(ICRNL | IXON)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return Swift.readLine(strippingNewline: true) }
        defer { _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        var state = State()
        while true {
            guard let byte = readByte() else { return state.line.isEmpty ? nil : state.text }
            switch state.feed(byte) {
            case .more: break
            case .draw(let output): write(output)
            case .done(let output):
                write(output)
                return state.text
            case .endOfInput: return nil
            case .interrupt:
                _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved)
                write("^C\n")
                exit(130)
            }
        }
    }

    /// The line being edited and the keys read so far; `feed` is pure, so it is tested without a terminal.
    struct State {
        private(set) var line: [Unicode.Scalar] = []
        private(set) var cursor = 0
        private var pendingUTF8: [UInt8] = []
        private var escape: [UInt8]? = nil
        private var lastWasCR = false

        var text: String { String(String.UnicodeScalarView(line)) }

        enum Step: Equatable { case more, draw(String), done(String), endOfInput, interrupt }

        mutating func feed(_ byte: UInt8) -> Step {
            defer { if byte != 0x0D { lastWasCR = false } }
            if var sequence = escape {
                sequence.append(byte)
                escape = sequence
                // ESC [ … final byte (0x40-0x7E), or ESC O X.
                let complete = (sequence.count == 2 && sequence[1] != UInt8(ascii: "[") && sequence[1] != UInt8(ascii: "O"))
                    || (sequence.count >= 3 && (sequence[1] == UInt8(ascii: "O") || (0x40...0x7E).contains(byte)))
                    || sequence.count > 8
                guard complete else { return .more }
                escape = nil
                return key(sequence)
            }
            if !pendingUTF8.isEmpty || byte >= 0x80 {
                pendingUTF8.append(byte)
                let expected = pendingUTF8[0] >= 0xF0 ? 4 : pendingUTF8[0] >= 0xE0 ? 3 : pendingUTF8[0] >= 0xC0 ? 2 : 1
                guard pendingUTF8.count >= expected else { return .more }
                let decoded = String(decoding: pendingUTF8, as: UTF8.self).unicodeScalars
                pendingUTF8 = []
                return insert(Array(decoded))
            }
            switch byte {
            case 0x0D:
                lastWasCR = true
                return .done("\n")
            case 0x0A:
                return lastWasCR ? .more : .done("\n")
            case 0x1B:
                escape = [byte]
                return .more
            case 0x7F, 0x08: return deleteBackward()
            case 0x01: return move(to: 0)
            case 0x05: return move(to: line.count)
            case 0x02: return move(to: cursor - 1)
            case 0x06: return move(to: cursor + 1)
            case 0x03: return .interrupt
            case 0x04: return line.isEmpty ? .endOfInput : .more
            case 0x00..<0x20: return .more
            default: return insert([Unicode.Scalar(byte)])
            }
        }

        private mutating func key(_ sequence: [UInt8]) -> Step {
            let tail = String(decoding: sequence.dropFirst(), as: UTF8.self)
            switch tail {
            case "[D", "OD": return move(to: cursor - 1)
            case "[C", "OC": return move(to: cursor + 1)
            case "[H", "OH", "[1~", "[7~": return move(to: 0)
            case "[F", "OF", "[4~", "[8~": return move(to: line.count)
            case "[3~":
                guard cursor < line.count else { return .more }
                line.remove(at: cursor)
                return .draw(redraw(from: cursor))
            default: return .more
            }
        }

        private mutating func insert(_ scalars: [Unicode.Scalar]) -> Step {
            let visible = scalars.filter { !$0.properties.isDefaultIgnorableCodePoint && $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }
            guard !visible.isEmpty else { return .more }
            line.insert(contentsOf: visible, at: cursor)
            cursor += visible.count
            return .draw(redraw(from: cursor - visible.count))
        }

        private mutating func deleteBackward() -> Step {
            guard cursor > 0 else { return .more }
            cursor -= 1
            line.remove(at: cursor)
            return .draw("\u{8}" + redraw(from: cursor))
        }

        private mutating func move(to position: Int) -> Step {
            let target = min(max(position, 0), line.count)
            defer { cursor = target }
            if target < cursor { return .draw("\u{1B}[\(cursor - target)D") }
            if target > cursor { return .draw("\u{1B}[\(target - cursor)C") }
            return .more
        }

        /// Writes the line from `start` (where the terminal's cursor is), clears what is left of
        /// an older, longer line, and puts the terminal's cursor back at `cursor`.
        private func redraw(from start: Int) -> String {
            let rest = String(String.UnicodeScalarView(line[start...]))
            let back = line.count - cursor
            return rest + "\u{1B}[K" + (back > 0 ? "\u{1B}[\(back)D" : "")
        }
    }

    private static func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let n = Glibc.read(STDIN_FILENO, &byte, 1)
            if n == 1 { return byte }
            if n < 0 && errno == EINTR { continue }
            return nil
        }
    }

    private static func write(_ text: String) { StandardStreams.write(text, to: STDOUT_FILENO) }
}
