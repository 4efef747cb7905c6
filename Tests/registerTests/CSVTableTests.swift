import TestSupport
import Testing
@testable import RegisterCLI

/// A strict RFC 4180 reader, only for checking what `CSVTable` writes: every record ends in
/// CRLF, quotes only around whole fields, doubled quotes inside. Returns nil on anything else.
func parseRFC4180(_ text: String, separator: Unicode.Scalar = ",") -> [[String]]? {
    let s = Array(text.unicodeScalars)
    var records: [[String]] = []
    var record: [String] = []
    var i = 0
    guard !s.isEmpty else { return [] }
    while i < s.count {
        var field = String.UnicodeScalarView()
        if s[i] == "\"" {
            i += 1
            while true {
                guard i < s.count else { return nil }
                if s[i] == "\"" {
                    if i + 1 < s.count && s[i + 1] == "\"" {
                        field.append("\"")
                        i += 2
                    } else {
                        i += 1
                        break
                    }
                } else {
                    field.append(s[i])
                    i += 1
                }
            }
        } else {
            while i < s.count && s[i] != separator && s[i] != "\r" {
                guard s[i] != "\"" && s[i] != "\n" else { return nil }
                field.append(s[i])
                i += 1
            }
        }
        record.append(String(field))
        guard i < s.count else { return nil }  // the last record must end in CRLF
        if s[i] == separator {
            i += 1
        } else if s[i] == "\r" && i + 1 < s.count && s[i + 1] == "\n" {
            records.append(record)
            record = []
            i += 2
        } else {
            return nil
        }
    }
    return records
}

@Suite struct CSVTableTests {
    @Test func headerOnlyIsOneLine() {
        #expect(CSVTable(header: ["date", "amount"]).text == "date,amount\r\n")
    }

    @Test func rowsFollowTheHeaderWithCRLF() {
        var table = CSVTable(header: ["date", "amount"])
        table.add(["2026-12-31", "5000000.00"])
        table.add(["2027-01-01", ""])
        #expect(table.text == "date,amount\r\n2026-12-31,5000000.00\r\n2027-01-01,\r\n")
        #expect(table.rows.count == 2)
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("\"", "\"\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("dos\r\nline", "\"dos\r\nline\""),
        ("cr\ronly", "\"cr\ronly\""),
        ("€ 5.000,00", "\"€ 5.000,00\""),
        ("€ 5.000", "€ 5.000"),
        ("café", "café"),
        (" spaced ", " spaced "),
        ("\"\u{301}", "\"\"\"\u{301}\""),
    ])
    func fieldQuoting(text: String, written: String) {
        #expect(CSVTable.field(text).unicodeScalars.elementsEqual(written.unicodeScalars))
    }

    @Test(arguments: [
        "plain",
        "",
        "a,b,c",
        "say \"hi\", then \"bye\"",
        "\"\"",
        "line one\nline two",
        "windows\r\nline",
        "trailing newline\n",
        "\r",
        "€ 5.000.000,00",
        "Café Één, Dordrecht",
        "quote with accent \"\u{301}",
        "emoji 🇳🇱 and tab\there",
        ",",
        "  spaces  ",
    ])
    func roundTrips(field: String) throws {
        var table = CSVTable(header: ["id", "text", "after"])
        table.add(["1", field, "x"])
        table.add([field, "middle", field])
        let parsed = try #require(parseRFC4180(table.text))
        #expect(parsed.count == 3)
        #expect(parsed[0] == ["id", "text", "after"])
        // A field that begins like a formula comes back with its protective quote (see below).
        let back = CSVTable.neutralised(field)
        #expect(parsed[1].map { Array($0.unicodeScalars) } == ["1", back, "x"].map { Array($0.unicodeScalars) })
        #expect(parsed[2].map { Array($0.unicodeScalars) } == [back, "middle", back].map { Array($0.unicodeScalars) })
    }

    /// CSV injection (OWASP): a cell a spreadsheet would run as a formula gets a `'` in front.
    @Test(arguments: [
        ("=HYPERLINK(\"http://evil.example\",\"klik\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klik\"\")\""),
        ("=1+1", "'=1+1"),
        ("+31 78 770 4911", "'+31 78 770 4911"),
        ("-2+3", "'-2+3"),
        ("-", "'-"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "\"'\r=1+1\""),
        ("a=1", "a=1"),
        (" =1", " =1"),
    ])
    func aFieldThatBeginsLikeAFormulaIsQuotedWithAnApostrophe(text: String, written: String) {
        #expect(CSVTable.field(text).unicodeScalars.elementsEqual(written.unicodeScalars), "\(CSVTable.field(text))")
    }

    /// Plain numbers are values, not formulas: negative amounts stay numbers a spreadsheet sums.
    @Test(arguments: ["-1234.56", "-5", "-0.50", "1234.56", "0", "-100000000000000"])
    func plainNumbersAreLeftAsTheyAre(_ number: String) {
        #expect(CSVTable.field(number) == number)
    }

    @Test(arguments: ["-1.", "-.5", "-1.2.3", "-1e5", "--1", "-1,5", "- 1"])
    func almostNumbersAreNeutralised(_ text: String) {
        #expect(CSVTable.neutralised(text) == "'" + text)
    }

    @Test func aHeaderThatNeedsQuotingRoundTripsToo() throws {
        var table = CSVTable(header: ["amount, in €", "note \"x\""])
        table.add(["1", "2"])
        #expect(try #require(parseRFC4180(table.text)) == [["amount, in €", "note \"x\""], ["1", "2"]])
    }

    @Test func aSingleEmptyFieldKeepsItsRow() throws {
        var table = CSVTable(header: ["note"])
        table.add([""])
        table.add(["x"])
        #expect(table.text == "note\r\n\"\"\r\nx\r\n")
        #expect(try #require(parseRFC4180(table.text)) == [["note"], [""], ["x"]])
    }

    @Test func everyLineEndsInCRLFAndNoLoneLineFeedsOutsideQuotes() {
        var table = CSVTable(header: ["a", "b"])
        for i in 0..<5 { table.add(["\(i)", "row \(i)"]) }
        let bytes = Array(table.text.utf8)
        #expect(bytes.suffix(2) == [13, 10])
        for (i, byte) in bytes.enumerated() where byte == 10 { #expect(i > 0 && bytes[i - 1] == 13) }
        #expect(table.text.split(separator: "\r\n").count == 6)
    }

    @Test func textIsUTF8WithoutByteOrderMark() {
        var table = CSVTable(header: ["bedrag"])
        table.add(["€ é"])
        let bytes = Array(table.text.utf8)
        #expect(bytes.prefix(3) != [0xEF, 0xBB, 0xBF])
        #expect(bytes == Array("bedrag\r\n".utf8) + [0xE2, 0x82, 0xAC, 0x20, 0xC3, 0xA9, 13, 10])
    }

    @Test func streamedLinesMatchTheTable() {
        var table = CSVTable(header: ["a", "b"])
        table.add(["1,5", "x"])
        #expect(table.text == CSVTable.line(["a", "b"]) + CSVTable.line(["1,5", "x"]))
    }

    @Test func theReaderInThisFileRefusesBrokenCSV() {
        #expect(parseRFC4180("a,b\r\n") == [["a", "b"]])
        #expect(parseRFC4180("a,b") == nil)
        #expect(parseRFC4180("a,b\n") == nil)
        #expect(parseRFC4180("\"a,b\r\n") == nil)
        #expect(parseRFC4180("a\"b\r\n") == nil)
    }

    @Test func aRowWithTheWrongNumberOfFieldsStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            var table = CSVTable(header: ["a", "b"])
            table.add(["only one"])
        }
    }
}
