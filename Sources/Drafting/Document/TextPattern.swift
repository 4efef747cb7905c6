/// A regular expression the drafting rules look for in a document, compiled once, case-insensitive
/// unless the pattern says `(?-i)`; `\s` matches line ends, so a phrase may break across lines.
///
/// Patterns are constants of this module: one that does not compile is a programming error,
/// caught by the first test that drafts anything.
struct TextPattern: @unchecked Sendable {
    // `Regex` is a value that is never mutated after this init; sharing it between threads is safe.
    private let regex: Regex<AnyRegexOutput>
    private let names: [String]

    init(_ source: String) {
        do {
            regex = try Regex(source).ignoresCase()
        } catch {
            fatalError("drafting pattern does not compile: \(source): \(error)")
        }
        var names: [String] = []
        var rest = Substring(source)
        while let open = rest.firstRange(of: "(?<") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: ">") else { break }
            let name = after[..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber }) { names.append(String(name)) }
            rest = after[close...]
        }
        self.names = names
    }

    /// Every non-overlapping match in `text`, in order.
    func matches(in text: Substring) -> [TextMatch] {
        text.matches(of: regex).map { match($0) }
    }

    func matches(in text: String) -> [TextMatch] { matches(in: text[...]) }

    /// The first match in `text`, if any.
    func firstMatch(in text: Substring) -> TextMatch? {
        text.firstMatch(of: regex).map { match($0) }
    }

    /// A match that starts where `text` starts.
    func prefixMatch(in text: Substring) -> TextMatch? {
        text.prefixMatch(of: regex).map { match($0) }
    }

    /// Whether the whole of `text` matches.
    func wholeMatch(_ text: Substring) -> TextMatch? {
        text.wholeMatch(of: regex).map { match($0) }
    }

    private func match(_ m: Regex<AnyRegexOutput>.Match) -> TextMatch {
        var captures: [String: Range<String.Index>] = [:]
        for name in names { if let range = m.output[name]?.range { captures[name] = range } }
        return TextMatch(range: m.range, captures: captures)
    }
}

/// One match of a `TextPattern`: where it is, and where each named group is.
struct TextMatch {
    let range: Range<String.Index>
    let captures: [String: Range<String.Index>]

    subscript(_ name: String) -> Range<String.Index>? { captures[name] }
}
