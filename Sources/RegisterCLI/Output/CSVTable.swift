/// A table written as comma-separated values exactly as RFC 4180 defines them, for spreadsheets
/// and other tools: one header row, commas between fields, CRLF after every row.
///
/// A field is quoted when it holds a comma, a double quote, CR or LF, and its quotes are doubled,
/// so any text (a summary with a line break, a name with "quotes") comes back unchanged. The text
/// is a Swift `String`, written out as UTF-8 without a byte order mark. Every row has as many
/// fields as the header: a short row would shift every later column under the wrong heading.
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
    static func line(_ fields: [String]) -> String {
        // A lone empty field would be an empty line, which readers skip; quoting keeps the row.
        if fields.count == 1 && fields[0].isEmpty { return "\"\"\r\n" }
        return fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field, quoted when needed. Works on Unicode scalars: "\r\n" is a single Swift
    /// `Character`, and a quote followed by a combining accent is one too, so comparing
    /// characters would miss them.
    static func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
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
}
