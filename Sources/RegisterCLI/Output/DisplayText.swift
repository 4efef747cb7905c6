import EventStore

/// Text from the store made safe for a person's screen: every character `TextPolicy` forbids
/// (controls such as ESC and BEL, C1 controls, line and paragraph separators, bidirectional
/// overrides and isolates) written out as `\u{…}` with its hex code, so `ESC[2J` shows as
/// `\u{1B}[2J` instead of clearing the terminal and U+202E as `\u{202E}` instead of turning the
/// rest of the line around.
///
/// `append` refuses such characters, but a history can arrive without `append` (a git clone,
/// a copied folder), so every human output escapes them: the text renderers through
/// `CommandContext.print` and `writeText`, each stored text in a table or a line (`escaped`),
/// and every error message. JSON and CSV are written exactly (JSON escapes the C0 controls
/// itself); a backslash in a stored text is shown as it is.
enum DisplayText {
    /// `text` with every forbidden character written out, tab and line feed included: for one
    /// stored value inside a line (a name in a table, a summary in the log).
    static func escaped(_ text: String) -> String { escaped(text, keeping: []) }

    /// `text` with every stretch of more than `longest` characters without a space or line break
    /// cut to its first `kept` and a count: a message echoes what it refuses, and a 100 KB
    /// argument is not repeated whole.
    static func shortened(_ text: String, longest: Int = 512, kept: Int = 200) -> String {
        guard text.utf8.count > longest else { return text }
        var out = "", word = ""
        func flush() {
            out += word.count > longest ? word.prefix(kept) + "… (\(word.count) characters)" : word
            word = ""
        }
        for character in text {
            if character == " " || character.isNewline { flush(); out.append(character) } else { word.append(character) }
        }
        flush()
        return out
    }

    /// The same, but line feeds and tabs kept: for a whole output whose layout uses them.
    static func escapedKeepingLayout(_ text: String) -> String { escaped(text, keeping: ["\n", "\t"]) }

    private static func escaped(_ text: String, keeping layout: [Unicode.Scalar]) -> String {
        guard text.unicodeScalars.contains(where: { TextPolicy.isForbidden($0) && !layout.contains($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if TextPolicy.isForbidden(scalar) && !layout.contains(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
