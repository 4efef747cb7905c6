import Testing
@testable import EventStore
import TestSupport

/// Calendar dates: exactly `YYYY-MM-DD`, real days only, and day arithmetic that round-trips.
@Suite struct CalendarDateTests {
    @Test(arguments: [
        ("2024-02-29", 2024, 2, 29),
        ("2000-02-29", 2000, 2, 29),
        ("2026-12-31", 2026, 12, 31),
        ("2026-04-30", 2026, 4, 30),
        ("1970-01-01", 1970, 1, 1),
        ("0001-01-01", 1, 1, 1),
        ("9999-12-31", 9999, 12, 31),
    ])
    func validDates(text: String, year: Int, month: Int, day: Int) throws {
        let date = try CalendarDate(iso: text)
        #expect(date.year == year && date.month == month && date.day == day)
        #expect(date.iso == text)
        #expect(date.description == text)
        #expect(try CalendarDate(year: year, month: month, day: day) == date)
    }

    @Test(arguments: ["2026-02-30", "2023-02-29", "1900-02-29", "2100-02-29", "2026-04-31", "2026-13-01",
                      "2026-00-10", "2026-01-00", "2026-01-32", "0000-01-01"])
    func impossibleDatesAreRefusedAsOutOfRange(text: String) {
        #expect {
            _ = try CalendarDate(iso: text)
        } throws: { error in
            guard case .outOfRange = error as? CalendarDateError else { return false }
            return true
        }
    }

    @Test(arguments: ["2026-1-01", "2026-01-1", "31-12-2026", "", "2026/01/01", "20260101", " 2026-01-01",
                      "2026-01-01 ", "2026-01-01T00:00", "+202-01-01", "-026-01-01", "2026-+1-01", "2026--1-01",
                      "\u{ff12}\u{ff10}26-01-01", "2026-0\u{663}-01", "abcd-ef-gh", "10000-01-01"])
    func otherFormatsAreRefusedAsMalformed(text: String) {
        #expect(throws: CalendarDateError.malformed(text)) { try CalendarDate(iso: text) }
    }

    @Test func refusalMessagesNameTheProblem() {
        #expect(throws: CalendarDateError.outOfRange("day 30 does not exist in 2026-02 (it has 28 days)")) {
            try CalendarDate(iso: "2026-02-30")
        }
        #expect(throws: CalendarDateError.outOfRange("month 13 does not exist")) { try CalendarDate(iso: "2026-13-01") }
        #expect(CalendarDateError.malformed("31-12-2026").description == "'31-12-2026' is not a date of the form YYYY-MM-DD")
    }

    @Test func componentInitialiserRefusesImpossibleDates() {
        #expect(throws: CalendarDateError.self) { try CalendarDate(year: 2026, month: 2, day: 29) }
        #expect(throws: CalendarDateError.self) { try CalendarDate(year: 0, month: 1, day: 1) }
        #expect(throws: CalendarDateError.self) { try CalendarDate(year: 10_000, month: 1, day: 1) }
        #expect(throws: CalendarDateError.self) { try CalendarDate(year: 2026, month: 0, day: 1) }
        #expect(throws: CalendarDateError.self) { try CalendarDate(year: 2026, month: 6, day: -1) }
    }

    @Test(arguments: [("1970-01-01", 0), ("1970-01-02", 1), ("1969-12-31", -1), ("2000-03-01", 11_017),
                      ("2024-02-29", 19_782), ("2026-11-23", 20_780), ("0001-01-01", -719_162), ("9999-12-31", 2_932_896)])
    func knownDaysSinceEpoch(text: String, days: Int) throws {
        let date = try CalendarDate(iso: text)
        #expect(date.daysSinceEpoch == days)
        #expect(CalendarDate(daysSinceEpoch: days) == date)
    }

    /// Walks day by day with an independent successor function (month lengths written out
    /// here) over 1899-12-01 ... 2101-01-31, covering the non-leap 1900 and 2100 and leap 2000.
    @Test func daysSinceEpochRoundTripsOverTwoCenturies() throws {
        func isLeap(_ y: Int) -> Bool { y % 400 == 0 || (y % 4 == 0 && y % 100 != 0) }
        func length(_ y: Int, _ m: Int) -> Int { [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] }
        var (y, m, d) = (1899, 12, 1)
        var days = try CalendarDate(iso: "1899-12-01").daysSinceEpoch
        var checked = 0
        while (y, m, d) <= (2101, 1, 31) {
            let date = CalendarDate(daysSinceEpoch: days)
            guard date.year == y, date.month == m, date.day == d, date.daysSinceEpoch == days,
                  (try? CalendarDate(iso: date.iso)) == date else {
                Issue.record("day \(days): expected \(y)-\(m)-\(d), got \(date)")
                return
            }
            checked += 1
            days += 1
            d += 1
            if d > length(y, m) { d = 1; m += 1 }
            if m > 12 { m = 1; y += 1 }
        }
        #expect(checked == 73_476)
    }

    @Test func addingDaysAndEndOfYear() throws {
        let date = try CalendarDate(iso: "2024-02-28")
        #expect(date.adding(days: 1).iso == "2024-02-29")
        #expect(date.adding(days: 2).iso == "2024-03-01")
        #expect(date.adding(days: -59).iso == "2023-12-31")
        #expect(date.adding(days: 366).iso == "2025-02-28")
        #expect(date.adding(days: 0) == date)
        #expect(date.endOfYear.iso == "2024-12-31")
        #expect(try CalendarDate(iso: "2026-12-31").endOfYear.iso == "2026-12-31")
    }

    @Test func leapYears() {
        #expect(CalendarDate.isLeap(2024) && CalendarDate.isLeap(2000) && CalendarDate.isLeap(1600))
        #expect(!CalendarDate.isLeap(2023) && !CalendarDate.isLeap(1900) && !CalendarDate.isLeap(2100))
    }

    @Test func orderingIsChronological() throws {
        let texts = ["2026-01-01", "2025-12-31", "2026-02-01", "2026-01-31", "0001-01-01", "9999-12-31", "2024-02-29", "2024-03-01"]
        let dates = try texts.map { try CalendarDate(iso: $0) }
        #expect(dates.sorted().map(\.iso) == texts.sorted())  // ISO text sorts chronologically
        #expect(dates.sorted().map(\.daysSinceEpoch) == dates.map(\.daysSinceEpoch).sorted())
        let a = try CalendarDate(iso: "2026-01-31"), b = try CalendarDate(iso: "2026-02-01")
        #expect(a < b && !(b < a) && !(a < a) && a <= a && b > a)
        var random = SplitMix64(seed: 99)
        for _ in 0..<500 {
            let x = Int.random(in: -719_162...2_932_896, using: &random)
            let y = Int.random(in: -719_162...2_932_896, using: &random)
            #expect((CalendarDate(daysSinceEpoch: x) < CalendarDate(daysSinceEpoch: y)) == (x < y))
        }
    }

    @Test func equalDatesAreEqualAndHashAlike() throws {
        let a = try CalendarDate(iso: "2026-03-05")
        let b = try CalendarDate(year: 2026, month: 3, day: 5)
        #expect(a == b)
        #expect(Set([a, b, CalendarDate(daysSinceEpoch: a.daysSinceEpoch)]).count == 1)
    }
}
