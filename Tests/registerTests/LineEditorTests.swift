import TestSupport
import EventStore
import Testing
@testable import RegisterCLI

/// Line editing of an answer at a terminal: the keys as a terminal sends them, the answer they make.
@Suite struct LineEditorTests {
    static func typed(_ keys: String) -> (text: String, steps: [LineEditor.State.Step]) {
        var state = LineEditor.State()
        var steps: [LineEditor.State.Step] = []
        for byte in Array(keys.utf8) {
            let step = state.feed(byte)
            steps.append(step)
            if case .done = step { break }
        }
        return (state.text, steps)
    }

    @Test(arguments: [
        ("404\r", "404"),
        ("44\u{1B}[D0\r", "404"),              // left, then typing in the middle
        ("04\u{1B}[H4\u{1B}[F\r", "404"),      // Home, End
        ("04\u{1}4\u{5}\r", "404"),            // Ctrl-A, Ctrl-E
        ("4055\u{7F}\r", "405"),               // backspace
        ("4x04\u{1B}[D\u{1B}[D\u{1B}[D\u{1B}[3~\r", "404"),  // Delete under the cursor
        ("40\u{1B}OD\u{1B}OC4\r", "404"),      // the application-mode arrows
        ("€ 1.000\r", "€ 1.000"),              // UTF-8 typed byte by byte
        ("4\u{1B}[A04\r", "404"),              // up: ignored
        ("\u{1B}[D\u{1B}[D404\u{1B}[C\r", "404"), // moving past either end stays there
        ("404\n", "404"),
    ])
    func keysMakeTheAnswer(_ keys: String, _ expected: String) {
        #expect(Self.typed(keys).text == expected)
    }

    @Test func enterAsCarriageReturnAndLineFeedIsOneAnswer() {
        var state = LineEditor.State()
        for byte in Array("a\r".utf8) { _ = state.feed(byte) }
        #expect(state.feed(0x0A) == .more, "the \\n after \\r does not end a second, empty answer")
    }

    @Test func ctrlDOnAnEmptyLineEndsTheInputAndCtrlCInterrupts() {
        var empty = LineEditor.State()
        #expect(empty.feed(0x04) == .endOfInput)
        var typed = LineEditor.State()
        _ = typed.feed(UInt8(ascii: "x"))
        #expect(typed.feed(0x04) == .more)
        #expect(typed.feed(0x03) == .interrupt)
    }

    @Test func noControlCharacterReachesTheAnswer() {
        #expect(Self.typed("4\u{7}0\u{0}4\u{1B}[200~\r").text == "404")
    }

    /// The built binary in a pseudo-terminal: an answer edited with the arrow keys is the answer
    /// the clerk sees, and no escape code reaches the event.
    @Test func anAnswerEditedWithArrowKeysInATerminal() throws {
        let temp = try TemporaryFolder("line-editor")
        let store = try temp.copyOfShippedEvents()
        let command = "'\(CLIRunner.binary)' record end-date-change --decision 2022-0177088 --events '\(store)'"
        let answers = ["44\u{1B}[D0", "31-12-2027", "2023-02-01", "Raadsbesluit\u{1B}[H\u{1B}[F test", "", "", "y"].joined(separator: "\n") + "\n"
        let r = try CLIRunner.run(["-qec", command, "/dev/null"], stdin: answers, environment: ["CI": ""], executable: "/usr/bin/script")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let last = try #require(try EventStore(directory: store).events().last?.envelope)
        #expect(last.payload["reserve"] == "404")
        #expect(last.source.document == "Raadsbesluit test")
    }
}
