extension SourceText {
    /// The sentence around `range`: back to the end of the previous sentence or paragraph, on to
    /// the end of this one. A sentence ends at `.`, `?` or `!` followed by white space and a
    /// capital letter or a paragraph break, and at a `;` that ends a line (the points of a
    /// decision); abbreviations such as `t.b.v.` and amounts such as `€ 400.000,-` do not end one.
    public func sentence(around range: Range<String.Index>) -> Range<String.Index> {
        var start = range.lowerBound
        while start > text.startIndex {
            let before = text.index(before: start)
            if isParagraphBreak(endingAt: start) || (isSentenceEnd(at: before) && startsSentence(at: start)) || endsPoint(at: before) { break }
            start = before
        }
        var end = range.upperBound
        while end < text.endIndex {
            if isParagraphBreak(endingAt: end) { break }
            if endsPoint(at: end) { end = text.index(after: end); break }
            if isSentenceEnd(at: end) {
                let next = text.index(after: end)
                if next == text.endIndex || startsSentence(at: next) || isParagraphBreak(endingAt: next) { end = next; break }
            }
            end = text.index(after: end)
        }
        return start..<end
    }

    /// The paragraph around `index`: between blank lines.
    public func paragraph(around index: String.Index) -> Range<String.Index> {
        let line = line(at: index)
        var first = line, last = line
        while first > 1, !self.line(first - 1).allSatisfy(\.isWhitespace) { first -= 1 }
        while last < lineCount, !self.line(last + 1).allSatisfy(\.isWhitespace) { last += 1 }
        return range(ofLine: first).lowerBound..<range(ofLine: last).upperBound
    }

    /// A `;` at the end of a line.
    private func endsPoint(at index: String.Index) -> Bool {
        guard index < text.endIndex, text[index] == ";" else { return false }
        var next = text.index(after: index)
        while next < text.endIndex, text[next] == " " || text[next] == "\t" { next = text.index(after: next) }
        return next == text.endIndex || text[next] == "\n"
    }

    private func isSentenceEnd(at index: String.Index) -> Bool {
        guard index < text.endIndex, ".?!".contains(text[index]) else { return false }
        let next = text.index(after: index)
        return next == text.endIndex || text[next].isWhitespace
    }

    /// Whether, after white space from `index`, a sentence starts (a capital, a digit, a bullet).
    private func startsSentence(at index: String.Index) -> Bool {
        var i = index
        var sawSpace = false
        while i < text.endIndex, text[i].isWhitespace { sawSpace = true; i = text.index(after: i) }
        guard sawSpace || index == text.startIndex else { return false }
        guard i < text.endIndex else { return true }
        let c = text[i]
        return c.isUppercase || c.isNumber || c == "•" || c == "(" || c == "*"
    }

    /// Whether the text before `index` ends a paragraph (a blank line lies between).
    private func isParagraphBreak(endingAt index: String.Index) -> Bool {
        var i = index
        var newlines = 0
        while i > text.startIndex {
            let before = text.index(before: i)
            let c = text[before]
            if c == "\n" { newlines += 1; if newlines == 2 { return true } } else if !c.isWhitespace { return false }
            i = before
        }
        return false
    }
}
