import Testing
@testable import RegisterCLI

/// `DisplayText`: what a person's screen gets for a stored text.
@Suite struct DisplayTextTests {
    @Test(arguments: [
        ("plain € é", "plain € é"),
        ("\u{1B}[2J", "\\u{1B}[2J"),
        ("bell\u{7}", "bell\\u{7}"),
        ("\u{9B}31m", "\\u{9B}31m"),
        ("\u{202E}gpj.exe", "\\u{202E}gpj.exe"),
        ("a\u{2066}b\u{2069}", "a\\u{2066}b\\u{2069}"),
        ("lrm\u{200E}rlm\u{200F}", "lrm\\u{200E}rlm\\u{200F}"),
        ("line\nbreak\ttab\r", "line\\u{A}break\\u{9}tab\\u{D}"),
        ("sep\u{2028}", "sep\\u{2028}"),
        ("zwj \u{200D} stays", "zwj \u{200D} stays"),
    ])
    func aStoredValueIsShownWrittenOut(_ text: String, _ shown: String) {
        #expect(DisplayText.escaped(text) == shown)
    }

    @Test func aWholeOutputKeepsItsLinesAndTabs() {
        #expect(DisplayText.escapedKeepingLayout("a\tb\n\u{1B}c\r\n") == "a\tb\n\\u{1B}c\\u{D}\n")
    }
}
