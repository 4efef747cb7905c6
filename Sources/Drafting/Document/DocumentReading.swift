/// What the rules share about one document, read once: its zaaknummer and date, what kind of
/// document it is, where its proposed and its signed decision are, and which reserves it names.
///
/// Nothing here is guessed: a fact the text does not state is nil, and the rules then leave the
/// fields that need it unknown.
struct DocumentReading {
    let source: SourceText
    let zaaknummer: (value: String, quote: Quote)?
    /// The date the document is of, and what that date is (`the document's date`, `the college's proposal`).
    let documentDate: (date: DatePhrase, quote: Quote, what: String)?
    let kind: DocumentKind
    let kindQuotes: [Quote]
    let rib: Quote?
    let raadsvoorstel: Quote?
    /// The `Voorgesteld besluit` heading and the paragraph after it.
    let proposal: (heading: Quote, text: Range<String.Index>)?
    /// The decision text from `b e s l u i t :` to `Aldus besloten`, when the document has one.
    let decisionText: Range<String.Index>?
    let decisionMarker: Quote?
    /// `Aldus besloten in de vergadering van …`, with the meeting's date when it is filled in.
    let signature: (quote: Quote, date: (date: DatePhrase, quote: Quote)?)?
    /// `De raad van de gemeente …;` before the decision text.
    let decidingBody: (body: String, quote: Quote)?
    let title: (text: String, quote: Quote)?
    let legalBasis: (text: String, quote: Quote)?
    /// Every `reserve 404` the document names, in order.
    let reserveMentions: [(number: String, quote: Quote)]

    var text: String { source.text }

    init(_ source: SourceText) {
        self.source = source
        let text = source.text

        func first(_ pattern: TextPattern, _ group: String) -> (String, Quote)? {
            guard let m = pattern.firstMatch(in: text[...]), let r = m[group] else { return nil }
            return (String(text[r]), source.quote(m.range))
        }

        if let (z, quote) = first(Self.zaaknummerPattern, "z") {
            zaaknummer = (String(z.filter { !$0.isWhitespace }), quote)
        } else {
            zaaknummer = nil
        }

        var date: (DatePhrase, Quote, String)? = nil
        for (pattern, what) in Self.datePatterns where date == nil {
            if let (d, quote) = first(pattern, "d"), let phrase = try? DatePhrase.read(d), phrase.isDay {
                date = (phrase, quote, what)
            }
        }
        documentDate = date

        rib = Self.ribPattern.firstMatch(in: text[...]).map { source.quote($0.range) }
        raadsvoorstel = Self.raadsvoorstelPattern.firstMatch(in: text[...]).map { source.quote($0.range) }
        if let heading = Self.proposalPattern.firstMatch(in: text[...]) {
            let headingLine = source.line(at: heading.range.lowerBound)
            var last = headingLine
            while last < source.lineCount, !source.line(last + 1).allSatisfy(\.isWhitespace) { last += 1 }
            let body = last > headingLine ? source.range(ofLine: headingLine + 1).lowerBound..<source.range(ofLine: last).upperBound
                : heading.range.upperBound..<heading.range.upperBound
            proposal = (source.quote(heading.range), body)
        } else {
            proposal = nil
        }

        let marker = Self.decisionMarkerPattern.firstMatch(in: text[...])
        decisionMarker = marker.map { source.quote($0.range) }
        let signatureMatch = Self.signaturePattern.firstMatch(in: text[(marker?.range.upperBound ?? text.startIndex)...])
        if let s = signatureMatch {
            var signed: (DatePhrase, Quote)? = nil
            if let r = s["rest"], let m = Self.dayAnywhere.firstMatch(in: text[r]), let phrase = try? DatePhrase.read(String(text[m.range])) {
                signed = (phrase, source.quote(m.range))
            } else {
                // The date may stand on the next line of its own.
                let line = source.line(at: s.range.lowerBound)
                var next = line + 1
                while next <= source.lineCount, source.line(next).allSatisfy(\.isWhitespace), next <= line + 2 { next += 1 }
                if next <= source.lineCount, let m = Self.dayAnywhere.wholeMatch(source.line(next).trimmedOfSpaces),
                   let phrase = try? DatePhrase.read(String(text[m.range])) {
                    signed = (phrase, source.quote(m.range))
                }
            }
            signature = (source.quote(s["head"] ?? s.range), signed)
        } else {
            signature = nil
        }
        if let marker {
            decisionText = marker.range.upperBound..<(signatureMatch?.range.lowerBound ?? text.endIndex)
        } else {
            decisionText = nil
        }

        // The preamble of the decision: the lines above `besluit :` up to the zaaknummer.
        let preambleEnd = marker?.range.lowerBound ?? text.endIndex
        let preambleStart = zaaknummer.map { z in source.range(ofLine: z.quote.firstLine).lowerBound } ?? text.startIndex
        let preamble = preambleStart < preambleEnd ? text[preambleStart..<preambleEnd] : text[preambleEnd..<preambleEnd]
        if marker != nil, let m = Self.bodyPattern.firstMatch(in: preamble) {
            let body = m["raad"] != nil ? "raad" : m["college"] != nil ? "college" : "algemeen-bestuur"
            decidingBody = (body, source.quote(m.range))
        } else {
            decidingBody = nil
        }
        if let m = Self.titlePattern.firstMatch(in: text[...]), let r = m["t"] {
            title = (NameText.tidy(text[r]), source.quote(r))
        } else {
            title = nil
        }
        if let m = Self.legalBasisPattern.firstMatch(in: text[...]), let r = m["l"] {
            let words = NameText.tidy(text[r])
            // The register writes a legal basis as `artikel 192, lid 1 Gemeentewet`.
            let short = words.replacing(" van de ", with: " ").replacing(" van het ", with: " ")
            legalBasis = (short, source.quote(r))
        } else {
            legalBasis = nil
        }
        reserveMentions = Self.reservePattern.matches(in: text).compactMap { m in
            m["n"].map { (String(text[$0]), source.quote(m.range)) }
        }

        var quotes: [Quote] = []
        let kind: DocumentKind
        if let decisionMarker, let signature {
            quotes = [decisionMarker, signature.quote]
            if let heading = proposal?.heading ?? raadsvoorstel {
                quotes.insert(heading, at: 0)
                kind = .proposalWithDecision
            } else {
                kind = .decision
            }
        } else if let p = proposal?.heading ?? raadsvoorstel {
            quotes = [p]
            kind = .proposal
        } else if let rib {
            quotes = [rib]
            kind = .informationLetter
        } else {
            kind = .other
        }
        self.kind = kind
        kindQuotes = quotes
    }

    /// The reserve the document is about: the one number it names, when it names exactly one.
    var soleReserve: (number: String, quote: Quote)? {
        let numbers = Set(reserveMentions.map(\.number))
        return numbers.count == 1 ? reserveMentions.first : nil
    }

    /// The quote of a range of the text.
    func quote(_ range: Range<String.Index>) -> Quote { source.quote(range) }

    // MARK: Patterns

    static let zaaknummerPattern = TextPattern(Phrases.lineStart + #"zaaknummer\b[ \t*:_]*(?:[A-Za-z][A-Za-z ]*:[ \t]*)?(?<z>\d{4}-\d{4,8})"#)
    static let datePatterns: [(TextPattern, String)] = [
        (TextPattern(Phrases.lineStart + #"datum\b[ \t*:_]*(?<d>"# + Phrases.day + ")"), "the document's date"),
        (TextPattern(#"gezien\s+het\s+voorstel\s+van\s+(?:het\s+college\s+van\s+)?(?:burgemeester\s+en\s+wethouders|b\s*&\s*w)\s+van\s+(?<d>"#
                     + Phrases.day + ")"), "the college's proposal"),
        (TextPattern(#"(?:behandeling\s+in\s+(?:het\s+)?college|collegevergadering)\s+van\s+(?<d>"# + Phrases.day + ")"),
         "the college meeting that treats it"),
    ]
    static let ribPattern = TextPattern(Phrases.lineStart + "raadsinformatiebrief" + Phrases.lineEnd)
    static let raadsvoorstelPattern = TextPattern(Phrases.lineStart + "raadsvoorstel" + Phrases.lineEnd)
    static let proposalPattern = TextPattern(Phrases.lineStart + #"voorgestelde?\s+besluit"# + Phrases.lineEnd)
    static let decisionMarkerPattern = TextPattern(Phrases.lineStart + #"b[ \t]?e[ \t]?s[ \t]?l[ \t]?u[ \t]?i[ \t]?t[ \t]*:"#)
    static let signaturePattern = TextPattern(
        #"(?<head>aldus\s+(?:besloten|vastgesteld)\s+in\s+de\s+(?:openbare\s+)?(?:raads)?vergadering\s+van)(?<rest>[^\n]*)"#)
    static let dayAnywhere = TextPattern(Phrases.day)
    static let bodyPattern = TextPattern(
        #"(?m)^[ \t]*(?:(?<raad>de\s+(?:gemeente)?raad\s+van\s+(?:de\s+gemeente\s+)?\S+)|(?<college>(?:het\s+college\s+van\s+)?burgemeester\s+en\s+wethouders\s+van\s+(?:de\s+gemeente\s+)?\S+)|(?<ab>het\s+algemeen\s+bestuur\s+van\s+\S+))"#)
    static let titlePattern = TextPattern(#"\binzake\s+(?<t>[^;\n]+(?:\n[^;\n]+)?)\s*;"#)
    static let legalBasisPattern = TextPattern(#"gelet\s+op\s+(?<l>(?:de\s+)?artikel(?:en)?\s+[^;\n]+?)\s*[;\n]"#)
    static let reservePattern = TextPattern(#"\b(?:bestemmings)?reserve\s+(?<n>"# + Phrases.reserveNumber + ")")
}
