/// A decision document as plain text, with its lines numbered from 1, so that every value the
/// drafter proposes can name the exact text and the lines it came from.
///
/// The text is kept exactly as given (after a leading byte-order mark is dropped and Windows line
/// ends are read as `\n`): a quote is a slice of it, not a cleaned-up copy. Patterns match across line ends, because sentences in
/// documents converted from PDF break anywhere (`tussen de € ⏎ 400.000,-`).
public struct SourceText: Sendable {
    public let text: String
    /// The UTF-8 offset of each line's first byte; line n starts at `lineStarts[n - 1]`.
    private let lineStarts: [Int]

    public init(_ text: String) {
        var scalars = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            if previousCR && scalar != "\n" { scalars.append("\r") }
            previousCR = scalar == "\r"
            if !previousCR { scalars.append(scalar) }
        }
        if previousCR { scalars.append("\r") }
        var text = String(scalars)
        if text.first == "\u{FEFF}" { text.removeFirst() }
        self.text = text
        var starts = [0]
        var offset = 0
        for byte in text.utf8 {
            offset += 1
            if byte == UInt8(ascii: "\n") { starts.append(offset) }
        }
        if starts.count > 1, starts.last == text.utf8.count { starts.removeLast() }
        lineStarts = starts
    }

    public var lineCount: Int { text.isEmpty ? 0 : lineStarts.count }

    /// The line (1-based) that holds the character at `index`.
    public func line(at index: String.Index) -> Int {
        let offset = text.utf8.distance(from: text.startIndex, to: index)
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// The characters of line `n` (1-based), without its line end.
    public func range(ofLine n: Int) -> Range<String.Index> {
        let start = text.utf8.index(text.startIndex, offsetBy: lineStarts[n - 1])
        let end = n < lineStarts.count ? text.utf8.index(text.startIndex, offsetBy: lineStarts[n] - 1) : text.endIndex
        return start..<max(start, end)
    }

    public func line(_ n: Int) -> Substring { text[range(ofLine: n)] }

    /// The quote of `range`: its exact text and the lines it spans. White space at either end
    /// is left out, so a quote starts and ends with what was matched.
    public func quote(_ range: Range<String.Index>) -> Quote {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, text[lower].isWhitespace { lower = text.index(after: lower) }
        while upper > lower, text[text.index(before: upper)].isWhitespace { upper = text.index(before: upper) }
        let last = upper > lower ? text.index(before: upper) : lower
        return Quote(text: String(text[lower..<upper]), firstLine: line(at: lower), lastLine: line(at: last))
    }

    /// The quote of a whole line, trimmed.
    public func quote(line n: Int) -> Quote { quote(range(ofLine: n)) }
}

/// Exactly what a document says, and where: the text (line ends included, as in the document)
/// and the first and last line it spans.
public struct Quote: Hashable, Sendable, Comparable {
    public let text: String
    public let firstLine: Int
    public let lastLine: Int

    public init(text: String, firstLine: Int, lastLine: Int) {
        self.text = text
        self.firstLine = firstLine
        self.lastLine = lastLine
    }

    /// `line 126` or `lines 2-3`.
    public var lines: String { firstLine == lastLine ? "line \(firstLine)" : "lines \(firstLine)-\(lastLine)" }

    /// The text on one line: every run of white space (line ends too) one space.
    public var oneLine: String { NameText.tidy(Substring(text)) }

    /// `line 126 'Zaaknummer 2022-0177088'`, shortened to `limit` characters of text.
    public func cited(limit: Int = 160) -> String {
        let words = oneLine
        let shown = words.count <= limit ? words : String(words.prefix(limit - 1)) + "…"
        return "\(lines) '\(shown)'"
    }

    public static func < (a: Quote, b: Quote) -> Bool { (a.firstLine, a.lastLine, a.text) < (b.firstLine, b.lastLine, b.text) }
}
