/// Finds the tables in a document's text.
///
/// A table is found from its stated total (a row labelled `Totaal`) or from a row of column
/// years (`2025 2026 2027`), and reaches up (and, from a row of years, down) over lines that
/// look like a table's: rows of a label and amounts, headings, blank lines. It ends at a line
/// of prose (a sentence ending in a full stop, or more than twelve words). Labels broken over
/// two lines (`Algemene` / `voorzieningen 33.485 …`) are joined when the second part starts in
/// lower case. Amounts are read as `AmountPhrase` reads them, never guessed.
enum TableReader {
    static func tables(in source: SourceText) -> [DocumentTable] {
        guard source.lineCount > 0 else { return [] }
        let lines = (1...source.lineCount).map { LineShape(source: source, line: $0) }
        var tables: [DocumentTable] = []
        var used = Set<Int>()
        for (i, line) in lines.enumerated() where !used.contains(i + 1) {
            let last: Int
            var first: Int
            switch line.kind {
            case .total:
                last = i
                first = i
                while first > 0, first > i - 200, lines[first - 1].kind.belongsToTable, !used.contains(first) { first -= 1 }
            case .years:
                first = i
                var end = i
                while end + 1 < lines.count, end < i + 200, lines[end + 1].kind.belongsToTable || lines[end + 1].kind.isTotal {
                    end += 1
                    if lines[end].kind.isTotal { break }
                }
                while first > 0, lines[first - 1].kind.isHeading { first -= 1 }
                last = end
            default:
                continue
            }
            if let table = assemble(lines[first...last], source: source) {
                tables.append(table)
                for n in (first + 1)...(last + 1) { used.insert(n) }
            }
        }
        return tables
    }

    /// Builds the table from its lines: joins broken labels, finds the header, the years, the
    /// scale, the rows and the total.
    private static func assemble(_ lines: ArraySlice<LineShape>, source: SourceText) -> DocumentTable? {
        var rows: [DocumentTable.Row] = []
        var withoutAmount: [DocumentTable.Row] = []
        var header: [Quote] = []
        var years: [(Int, Quote)] = []
        var scale: (Int64, Quote)? = nil
        var total: DocumentTable.Row? = nil
        var pendingLabel: [LineShape] = []

        func flushPending() {
            guard !pendingLabel.isEmpty else { return }
            let label = pendingLabel.map(\.label).joined(separator: " ")
            let quote = source.quote(pendingLabel.first!.range.lowerBound..<pendingLabel.last!.range.upperBound)
            if rows.isEmpty {
                header.append(quote)
            } else if !pendingLabel[0].isHeading {
                withoutAmount.append(DocumentTable.Row(label: NameText.tidy(Substring(label)), quote: quote, cells: []))
            }
            pendingLabel = []
        }

        for line in lines {
            switch line.kind {
            case .blank:
                continue
            case .scale(let factor):
                flushPending()
                scale = (factor, source.quote(line.range))
                header.append(source.quote(line.range))
            case .years(let found):
                flushPending()
                years = found.map { ($0.year, source.quote($0.range)) }
                header.append(source.quote(line.range))
            case .label:
                if let previous = pendingLabel.last, line.label.first?.isLowercase == true, previous.continues(with: line) {
                    pendingLabel.append(line)
                } else {
                    flushPending()
                    pendingLabel = [line]
                }
            case .row, .total:
                var label = line.label
                var start = line.range.lowerBound
                if let previous = pendingLabel.last, label.first?.isLowercase == true || label.isEmpty, previous.continues(with: line) {
                    label = pendingLabel.map(\.label).joined(separator: " ") + " " + label
                    start = pendingLabel.first!.range.lowerBound
                    pendingLabel = []
                } else {
                    flushPending()
                }
                let row = DocumentTable.Row(label: NameText.tidy(Substring(label)), quote: source.quote(start..<line.range.upperBound),
                                            cells: line.cells)
                if line.kind.isTotal {
                    total = row
                } else if row.amounts.isEmpty && rows.isEmpty {
                    header.append(row.quote)
                } else if row.amounts.isEmpty {
                    withoutAmount.append(row)
                } else {
                    rows.append(row)
                }
            case .prose:
                flushPending()
            }
        }
        flushPending()
        guard rows.count >= 2 else { return nil }
        // A row has as many amounts as the table has years, or one: more numbers at its start
        // belong to its label (`Jongerenwerk 2023 700.000`).
        let columns = years.count >= 2 ? years.count : 1
        rows = rows.map { row in
            guard row.cells.count > columns else { return row }
            let extra = row.cells.dropLast(columns)
            let label = row.label + " " + extra.map { source.text[$0.range] }.joined(separator: " ")
            return DocumentTable.Row(label: NameText.tidy(Substring(label)), quote: row.quote, cells: Array(row.cells.suffix(columns)))
        }
        if scale == nil, let first = lines.first {
            // The scale may stand just above the table: `Bedragen (x € 1.000)`.
            for n in stride(from: source.line(at: first.range.lowerBound) - 1, through: max(1, source.line(at: first.range.lowerBound) - 2), by: -1) {
                if case .scale(let factor) = LineShape(source: source, line: n).kind { scale = (factor, source.quote(line: n)) }
            }
        }
        return DocumentTable(header: header, years: years, scale: scale, rows: rows, withoutAmount: withoutAmount, total: total,
                             firstLine: source.line(at: lines.first!.range.lowerBound),
                             lastLine: source.line(at: lines.last!.range.lowerBound))
    }
}

/// What one line of a document looks like, to the table reader.
struct LineShape {
    enum Kind {
        case blank, prose
        /// A label without amounts: a heading, a column name, or the first half of a broken label.
        case label
        case row, total
        case years([(year: Int, range: Range<String.Index>)])
        case scale(Int64)

        var belongsToTable: Bool {
            switch self {
            case .blank, .label, .row, .years, .scale: return true
            case .prose, .total: return false
            }
        }

        var isTotal: Bool { if case .total = self { return true } else { return false } }

        var isHeading: Bool {
            switch self {
            case .label, .scale, .blank: return true
            default: return false
            }
        }
    }

    let range: Range<String.Index>
    let kind: Kind
    /// The label: the text before the amounts, without markup.
    let label: String
    let cells: [DocumentTable.Cell]
    /// Whether the line's columns are separated by tabs or `|` (then a label never breaks over lines).
    let separated: Bool
    /// Whether the line starts in bold (`<b>`, `**`).
    let bold: Bool

    /// Whether `next` is the second half of this line's label: neither is laid out in columns
    /// and this one is no numbered heading.
    func continues(with next: LineShape) -> Bool { !separated && !next.separated && !isNumberedHeading }

    /// A numbered heading (`1. Basis op orde`) or one in bold (`<b>zorgvernieuwing</b>`).
    var isHeading: Bool { isNumberedHeading || bold }

    /// `1. Basis op orde`: a numbered heading, never the first half of a label.
    var isNumberedHeading: Bool {
        let first = label.split(separator: " ").first ?? ""
        return first.count >= 2 && first.hasSuffix(".") && first.dropLast().allSatisfy(\.isNumber)
    }

    init(source: SourceText, line n: Int) {
        let range = source.range(ofLine: n)
        self.range = range
        let text = source.text
        let raw = text[range]
        let plain = LineShape.withoutMarkup(raw)
        bold = ["<b>", "<B>", "<strong>", "**", "__"].contains(where: raw.trimmedOfSpaces.hasPrefix)
        guard !plain.allSatisfy({ $0.isWhitespace || $0 == "|" || $0 == "-" || $0 == ":" }) || plain.contains(where: \.isNumber) else {
            kind = .blank; label = ""; cells = []; separated = false
            return
        }
        if LineShape.scalePattern.firstMatch(in: raw) != nil {
            kind = .scale(LineShape.millionPattern.firstMatch(in: raw) != nil ? 1_000_000 : 1000)
            label = NameText.tidy(Substring(plain)); cells = []; separated = false
            return
        }
        // Cells: by tab or `|` when the line has them, else by spaces.
        let separated = raw.contains("\t") || raw.trimmedOfSpaces.hasPrefix("|")
        self.separated = separated
        var pieces: [(text: String, range: Range<String.Index>)] = []
        if separated {
            var start = raw.startIndex
            var i = raw.startIndex
            while i <= raw.endIndex {
                if i == raw.endIndex || raw[i] == "\t" || raw[i] == "|" {
                    let piece = raw[start..<i]
                    pieces.append((LineShape.withoutMarkup(piece).trimmedText, piece.trimmedRange))
                    if i == raw.endIndex { break }
                    start = raw.index(after: i)
                }
                i = raw.index(after: i)
            }
            pieces = pieces.filter { !$0.text.isEmpty }
        } else {
            var i = raw.startIndex
            while i < raw.endIndex {
                while i < raw.endIndex, raw[i].isWhitespace { i = raw.index(after: i) }
                guard i < raw.endIndex else { break }
                var j = i
                while j < raw.endIndex, !raw[j].isWhitespace { j = raw.index(after: j) }
                pieces.append((LineShape.withoutMarkup(raw[i..<j]).trimmedText, i..<j))
                i = j
            }
            pieces = pieces.filter { !$0.text.isEmpty }
        }
        // Years: the line is (a label and) only years.
        let yearPieces = pieces.reversed().prefix { $0.text.count == 4 && Int($0.text).map { (1900...2100).contains($0) } == true }
        if yearPieces.count >= 2, pieces.count - yearPieces.count <= 1 {
            kind = .years(yearPieces.reversed().map { (Int($0.text)!, $0.range) })
            label = ""; cells = []
            return
        }
        // Values from the end: amounts, dashes, and (in a separated line) a text in the last column.
        var cells: [DocumentTable.Cell] = []
        var labelEnd = pieces.count
        var k = pieces.count - 1
        while k >= 0 {
            let piece = pieces[k]
            if LineShape.isAmount(piece.text) {
                var range = piece.range
                var amount = piece.text
                if k > 0, pieces[k - 1].text == "€" || pieces[k - 1].text.uppercased() == "EUR" {
                    range = pieces[k - 1].range.lowerBound..<range.upperBound
                    amount = "€ " + amount
                    k -= 1
                }
                cells.insert(DocumentTable.Cell(value: .amount(amount), range: range), at: 0)
            } else if ["-", "–", "—"].contains(piece.text) {
                cells.insert(DocumentTable.Cell(value: .dash, range: piece.range), at: 0)
            } else if separated, k == pieces.count - 1, k > 0 {
                cells.insert(DocumentTable.Cell(value: .text(NameText.tidy(Substring(piece.text))), range: piece.range), at: 0)
                labelEnd = k
                break
            } else {
                break
            }
            labelEnd = k
            k -= 1
        }
        let labelPieces = separated ? Array(pieces.prefix(min(1, labelEnd))) : Array(pieces.prefix(labelEnd))
        let label = NameText.tidy(Substring(labelPieces.map(\.text).joined(separator: " ")))
        self.label = label
        self.cells = cells
        let isTotal = LineShape.totalPattern.wholeMatch(Substring(label)) != nil
        if !cells.isEmpty {
            kind = isTotal && cells.contains(where: { if case .amount = $0.value { true } else { false } }) ? .total : .row
            return
        }
        let words = plain.split(whereSeparator: \.isWhitespace)
        let sentence = (Substring(plain).trimmedOfSpaces.last.map { ".:;".contains($0) } ?? false) && words.count > 3
        kind = !separated && (words.count > 12 || sentence) ? .prose : .label
    }

    /// Whether a cell's text is an amount: `135.099`, `5.000.000`, `€ 262.500`, `400.000,-`, `73000`.
    static func isAmount(_ text: String) -> Bool {
        amountPattern.wholeMatch(Substring(text)) != nil
    }

    static func withoutMarkup(_ text: Substring) -> String {
        var s = String(text)
        for tag in ["<b>", "</b>", "<strong>", "</strong>", "<B>", "</B>", "**", "__"] { s = s.replacing(tag, with: "") }
        while s.hasSuffix("*") { s.removeLast() }
        return s
    }

    static let amountPattern = TextPattern(#"(?:€\s?)?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,(?:\d{1,2}|-{1,2}))?"#)
    static let totalPattern = TextPattern(#"(?:sub)?tota(?:a)?l(?:\s+generaal)?:?"#)
    static let scalePattern = TextPattern(
        #"(?:\bx|×)\s*(?:€|eur\b)?\s*1\.000(?:\.000)?(?:,-)?|\bin\s+duizenden\b|\bx\s+duizend\b|\bin\s+miljoenen\b|\bx\s+(?:€\s*)?1\s+miljoen\b"#)
    static let millionPattern = TextPattern(#"1\.000\.000|miljoen"#)
}

extension Substring {
    /// The range of the text without white space at either end.
    var trimmedRange: Range<String.Index> {
        let t = trimmedOfSpaces
        return t.startIndex..<t.endIndex
    }
}

extension String {
    var trimmedText: String { String(Substring(self).trimmedOfSpaces) }
}
