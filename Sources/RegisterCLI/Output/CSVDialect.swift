/// How a CSV file is written: the separator, the decimal mark of amounts in euros, and whether
/// the file starts with a UTF-8 byte order mark.
///
/// `standard` is RFC 4180 (`,`, `5000000.00`, no BOM): what scripts, databases and English-
/// language spreadsheets read. `excelNL` is what Excel with Dutch regional settings opens as it
/// is, by double-click: `;` between fields, a decimal comma (`5000000,00`), and a BOM so the file
/// is read as UTF-8 (without it Excel reads `€` and `é` as Windows-1252). Both end rows in CRLF
/// and quote a field that holds the separator, a quote, CR or LF.
enum CSVDialect: String, CaseIterable, Sendable {
    case standard
    case excelNL = "excel-nl"

    var separator: String { self == .standard ? "," : ";" }
    var decimalMark: String { self == .standard ? "." : "," }
    /// What the file starts with: nothing, or the UTF-8 byte order mark.
    var preamble: String { self == .standard ? "" : "\u{FEFF}" }

    /// Euros with two decimals and this dialect's decimal mark, no thousands separators: a
    /// number in the spreadsheet (`-1234.56` or `-1234,56`).
    func euros(_ decimal: String) -> String { self == .standard ? decimal : decimal.replacingOccurrences(of: ".", with: ",") }
}
