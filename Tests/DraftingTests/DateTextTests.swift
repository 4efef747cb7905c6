import TestSupport
import Testing
@testable import Drafting

/// Dates as clerks write them: ISO, Dutch day-first or with the month's name, full years, real days only.
@Suite struct DateTextTests {
    func iso(_ date: (year: Int, month: Int, day: Int)) -> String {
        func pad(_ v: Int, _ n: Int) -> String { String(repeating: "0", count: max(0, n - String(v).count)) + String(v) }
        return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))"
    }

    @Test(arguments: [
        ("2026-12-31", "2026-12-31"),
        ("31-12-2026", "2026-12-31"),
        ("31/12/2026", "2026-12-31"),
        ("31.12.2026", "2026-12-31"),
        ("1-2-2026", "2026-02-01"),
        ("1/2/2026", "2026-02-01"),
        ("01-02-2026", "2026-02-01"),
        ("2026-02-01", "2026-02-01"),
        ("29-02-2024", "2024-02-29"),
        ("2000-02-29", "2000-02-29"),
        ("  31-12-2026 ", "2026-12-31"),
        ("0001-01-01", "0001-01-01"),
        ("30-4-2023", "2023-04-30"),
        ("31 december 2026", "2026-12-31"),
        ("1 mrt 2026", "2026-03-01"),
        ("3 Okt. 2026", "2026-10-03"),
        ("15 May 2026", "2026-05-15"),
        ("1 mei 2026", "2026-05-01"),
    ])
    func accepted(text: String, expected: String) throws {
        #expect(iso(try DateText.date(text)) == expected)
    }

    @Test func theTupleHasYearMonthDay() throws {
        let date = try DateText.date("1-2-2026")
        #expect(date.year == 2026)
        #expect(date.month == 2)
        #expect(date.day == 1)
    }

    @Test(arguments: [
        ("", "empty"),
        ("   ", "empty"),
        ("31 februari 2026", "impossible"),
        ("30-02-2026", "impossible"),
        ("29-02-2026", "impossible"),
        ("29-02-1900", "impossible"),
        ("2026-02-30", "impossible"),
        ("31-04-2026", "impossible"),
        ("12/31/2026", "impossible"),
        ("2026-13-01", "impossible"),
        ("2026-00-10", "impossible"),
        ("00-01-2026", "impossible"),
        ("0000-01-01", "impossible"),
        ("31-12-26", "twoDigitYear"),
        ("31/12/26", "twoDigitYear"),
        ("1.2.26", "twoDigitYear"),
        ("2026/12/31", "malformed"),
        ("2026.12.31", "malformed"),
        ("31-12/2026", "malformed"),
        ("2026-1-5", "malformed"),
        ("31 decembre 2026", "malformed"),
        ("31 december 26", "malformed"),
        ("december 31 2026", "malformed"),
        ("31 12 2026", "malformed"),
        ("2026-12-31T10:00", "malformed"),
        ("20261231", "malformed"),
        ("31-12-02026", "malformed"),
        ("31-12-226", "malformed"),
        ("123-12-2026", "malformed"),
        ("31--12-2026", "malformed"),
        ("31-12-2026-", "malformed"),
        ("-31-12-2026", "malformed"),
        ("٣١-١٢-٢٠٢٦", "malformed"),
        ("gisteren", "malformed"),
    ])
    func refused(text: String, kind: String) {
        do {
            let date = try DateText.date(text)
            Issue.record("'\(text)' was read as \(iso(date))")
        } catch {
            switch error {
            case .empty(let t): #expect(kind == "empty" && t == text)
            case .malformed(let t): #expect(kind == "malformed" && t == text)
            case .twoDigitYear(let t): #expect(kind == "twoDigitYear" && t == text)
            case .impossible(let t, _): #expect(kind == "impossible" && t == text)
            }
            #expect(error.description.contains("expected YYYY-MM-DD or DD-MM-YYYY, e.g. 2026-12-31 or 31-12-2026"))
            if kind != "empty" { #expect(error.description.contains("'\(text)'")) }
        }
    }

    @Test(arguments: [
        ("30-02-2026", "February 2026 has no day 30 (it has 28 days)"),
        ("29-02-2026", "February 2026 has no day 29 (it has 28 days)"),
        ("31-04-2026", "April 2026 has no day 31 (it has 30 days)"),
        ("12/31/2026", "there is no month 31 (the day comes before the month: DD-MM-YYYY)"),
        ("0000-01-01", "there is no year 0"),
    ])
    func anImpossibleDateSaysWhy(text: String, reason: String) {
        #expect(throws: DateTextError.impossible(text, reason: reason)) { try DateText.date(text) }
    }

    @Test func aTwoDigitYearAsksForTheFullYear() {
        #expect(DateTextError.twoDigitYear("31-12-26").description
            == "'31-12-26' has a two-digit year, which could mean 19xx or 20xx; write the year in full: "
            + "expected YYYY-MM-DD or DD-MM-YYYY, e.g. 2026-12-31 or 31-12-2026 (also 31/12/2026, 31.12.2026 or 31 december 2026)")
    }

    @Test(arguments: [1900, 2023, 2100])
    func commonYearsHave365Days(year: Int) {
        #expect((1...12).map { DateText.daysIn(month: $0, year: year) }.reduce(0, +) == 365)
    }

    @Test(arguments: [2000, 2024, 2400])
    func leapYearsHave366Days(year: Int) {
        #expect((1...12).map { DateText.daysIn(month: $0, year: year) }.reduce(0, +) == 366)
    }
}
