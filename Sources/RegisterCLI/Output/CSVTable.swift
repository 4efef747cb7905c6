/// A table written as comma-separated values exactly as RFC 4180 defines them, for spreadsheets
/// and other tools: one header row, commas between fields, CRLF after every row.
///
/// A field is quoted when it holds a comma, a double quote, CR or LF, and its quotes are doubled,
/// so any text (a summary with a line break, a name with "quotes") comes back unchanged. The text
/// is a Swift `String`, written out as UTF-8 (with a byte order mark only in the Dutch Excel
/// dialect, `CSVDialect.excelNL`, which also separates fields with `;`). Every row has as many
/// fields as the header: a short row would shift every later column under the wrong heading.
///
/// A field a spreadsheet would run as a formula (one beginning with `=`, `+`, `-`, `@`, a tab or
/// CR: CSV or formula injection, see OWASP) is written with a single quote in front, so it shows
/// as the text it is (`'=HYPERLINK(…)`). A plain number (`-1234.56`, `-5`) is a value, not a
/// formula, and is left as it is so amount columns stay numbers (see `neutralised`).
struct CSVTable {
    let header: [String]
    private(set) var rows: [[String]] = []

    init(header: [String]) {
        precondition(!header.isEmpty, "a CSV table needs at least one column")
        self.header = header
    }

    mutating func add(_ row: [String]) {
        precondition(row.count == header.count, "a CSV row has \(row.count) fields but the header has \(header.count) columns")
        rows.append(row)
    }

    /// The header and every row, each line ending in CRLF.
    var text: String {
        var out = Self.line(header)
        for row in rows { out += Self.line(row) }
        return out
    }

    /// One record with its CRLF, for writers that stream rows instead of building a table.
    /// The other dialect (`CSVDialect.excelNL`) separates fields with `;`.
    static func line(_ fields: [String], dialect: CSVDialect = .standard) -> String {
        // A lone empty field would be an empty line, which readers skip; quoting keeps the row.
        if fields.count == 1 && fields[0].isEmpty { return "\"\"\r\n" }
        return fields.map { field($0, dialect: dialect) }.joined(separator: dialect.separator) + "\r\n"
    }

    /// One field, quoted when needed. Works on Unicode scalars: "\r\n" is a single Swift
    /// `Character`, and a quote followed by a combining accent is one too, so comparing
    /// characters would miss them.
    static func field(_ raw: String, dialect: CSVDialect = .standard) -> String {
        let text = neutralised(raw, dialect: dialect)
        let separator = Unicode.Scalar(dialect == .standard ? "," : ";")
        let needsQuotes = text.unicodeScalars.contains { $0 == separator || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.append("\"") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }

    /// The characters that make a spreadsheet (Excel, LibreOffice, Google Sheets) read a cell as
    /// a formula when they begin it.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text` with a `'` in front when it begins like a formula; unchanged otherwise, and
    /// unchanged when it is a plain decimal number, optionally negative (`-1234.56`), which no
    /// spreadsheet runs. The quote is part of the field: a reader that wants the original text
    /// drops one leading `'` before `=`, `+`, `-`, `@`, tab or CR.
    static func neutralised(_ text: String, dialect: CSVDialect = .standard) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(first),
              !isPlainNumber(text, decimalMark: Character(dialect.decimalMark)) else { return text }
        return "'" + text
    }

    /// `-` or nothing, then digits, then optionally the decimal mark (`.`, or `,` in the Dutch
    /// dialect) and digits: `-5`, `-1234.56`, `0.50`; `-1234,56` with `decimalMark` `,`.
    static func isPlainNumber(_ text: String, decimalMark: Character = ".") -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        let parts = String(scalars).split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: { $0 == decimalMark })
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }
    }
}
