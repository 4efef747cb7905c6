import TestSupport
import EventStore
import Foundation
import Testing
@testable import RegisterCLI

/// `export --format csv`: amount columns beside the payload's JSON, and the Dutch Excel dialect.
@Suite struct CSVExportTests {
    static func export(_ extra: [String]) throws -> (bytes: [UInt8], text: String) {
        let temp = try TemporaryFolder("csv-export")
        let out = temp.path("events.csv")
        let r = CLI.run(["export", "--format", "csv", "--output", out, "--events", Repository.shippedEvents] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = try readBytes(out)
        return (bytes, String(decoding: bytes, as: UTF8.self))
    }

    /// The rows by event id, each as column -> value.
    static func rows(_ table: [[String]]) -> [String: [String: String]] {
        guard let header = table.first else { return [:] }
        var result: [String: [String: String]] = [:]
        for row in table.dropFirst() { result[row[1]] = Dictionary(uniqueKeysWithValues: zip(header, row)) }
        return result
    }

    @Test func theStandardDialectHasAmountColumns() throws {
        let (bytes, text) = try Self.export([])
        #expect(Array(bytes.prefix(3)) != [0xEF, 0xBB, 0xBF])
        let table = try #require(parseRFC4180(text))
        #expect(table.first == ExportCommand.csvHeader)
        let rows = Self.rows(table)
        #expect(rows["res-404-addition-2019"]?["amount_cents"] == "500000000")
        #expect(rows["res-404-addition-2019"]?["amount_eur"] == "5000000.00")
        #expect(rows["res-404-addition-2019"]?["subjects"] == "reserve:404")
        #expect(rows["res-404-estimate-2022"]?["amount_eur"] == "")
        #expect(rows["res-404-estimate-2022"]?["low_eur"] == "400000.00")
        #expect(rows["res-404-estimate-2022"]?["high_eur"] == "450000.00")
        #expect(rows["budget-2026-set"]?["amount_cents"] == "26624200000")
        #expect(rows["dec-2403230-taken"]?["amount_cents"] == "")
        // A spreadsheet's sum of the column is the register's: the commitments of reserve 404.
        let committed = rows.values.filter { $0["type"] == "commitment" }.compactMap { Int($0["amount_cents"] ?? "") }.reduce(0, +)
        #expect(committed == 44_000_000)
    }

    @Test func theDutchExcelDialectHasASemicolonADecimalCommaAndABOM() throws {
        let (bytes, text) = try Self.export(["--dialect", "excel-nl"])
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let body = String(text.unicodeScalars.dropFirst())
        let table = try #require(parseRFC4180(body, separator: ";"))
        #expect(table.first == ExportCommand.csvHeader)
        #expect(table.allSatisfy { $0.count == ExportCommand.csvHeader.count })
        let rows = Self.rows(table)
        #expect(rows["res-404-addition-2019"]?["amount_eur"] == "5000000,00")
        #expect(rows["res-404-estimate-2022"]?["high_eur"] == "450000,00")
        #expect(rows["res-404-addition-2019"]?["amount_cents"] == "500000000")
        // Texts are the same as in the standard dialect.
        let standard = Self.rows(try #require(parseRFC4180(try Self.export([]).text)))
        #expect(rows["alloc-404-2020"]?["summary"] == standard["alloc-404-2020"]?["summary"])
        #expect(rows["alloc-404-2020"]?["payload_json"] == standard["alloc-404-2020"]?["payload_json"])
    }

    @Test func aNegativeAmountWithADecimalCommaIsANumberNotAFormula() {
        #expect(CSVTable.field("-1234,56", dialect: .excelNL) == "-1234,56")
        #expect(CSVTable.field("a;b", dialect: .excelNL) == "\"a;b\"")
        #expect(CSVTable.field("a;b") == "a;b")
        #expect(CSVTable.field("-1;2", dialect: .excelNL) == "\"'-1;2\"")
    }

    @Test func theDialectIsForCSVOnly() {
        let r = CLI.run(["export", "--format", "ledger", "--dialect", "excel-nl", "--events", Repository.shippedEvents])
        #expect(r.status == 2 && r.stderr.contains("--dialect applies to --format csv only"), "\(r.stderr)")
        let bad = CLI.run(["export", "--format", "csv", "--dialect", "excel", "--events", Repository.shippedEvents])
        #expect(bad.status == 2 && bad.stderr.contains("is not standard or excel-nl"), "\(bad.stderr)")
    }
}
