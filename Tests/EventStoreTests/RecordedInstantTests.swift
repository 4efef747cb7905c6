import Testing
@testable import EventStore
import TestSupport

/// The store's transaction time: `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC, nothing else.
@Suite struct RecordedInstantTests {
    @Test(arguments: [
        (0 as Int64, "1970-01-01T00:00:00.000Z"),
        (1, "1970-01-01T00:00:00.001Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (1_700_000_000_123, "2023-11-14T22:13:20.123Z"),
        (SteppingClock.start, "2026-11-23T14:27:17.123Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (-62_135_596_800_000, "0001-01-01T00:00:00.000Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
    func knownInstants(milliseconds: Int64, text: String) throws {
        let instant = RecordedInstant(millisecondsSinceEpoch: milliseconds)
        #expect(instant.iso == text)
        #expect(instant.description == text)
        #expect(try RecordedInstant(iso: text) == instant)
    }

    @Test func isoRoundTripsForRandomInstantsInYears1To9999() throws {
        var random = SplitMix64(seed: 2026)
        for _ in 0..<2000 {
            let ms = Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &random)
            let instant = RecordedInstant(millisecondsSinceEpoch: ms)
            let text = instant.iso
            #expect(text.utf8.count == 24, "\(ms)")
            #expect(try RecordedInstant(iso: text) == instant, "\(ms) -> \(text)")
        }
    }

    @Test func utcDateIsTheCalendarDayInUTC() throws {
        #expect(RecordedInstant(millisecondsSinceEpoch: 0).utcDate.iso == "1970-01-01")
        #expect(RecordedInstant(millisecondsSinceEpoch: -1).utcDate.iso == "1969-12-31")
        #expect(try RecordedInstant(iso: "2026-12-31T23:59:59.999Z").utcDate.iso == "2026-12-31")
        #expect(try RecordedInstant(iso: "2027-01-01T00:00:00.000Z").utcDate.iso == "2027-01-01")
    }

    @Test func orderingFollowsTime() throws {
        let a = try RecordedInstant(iso: "2026-11-23T14:27:17.123Z")
        let b = try RecordedInstant(iso: "2026-11-23T14:27:17.124Z")
        let c = try RecordedInstant(iso: "2026-11-24T00:00:00.000Z")
        #expect(a < b && b < c && !(b < a) && !(a < a))
        #expect([c, a, b].sorted() == [a, b, c])
    }

    @Test func nowIsCloseToTheSystemClockAndRoundTrips() throws {
        // Not a timing assertion: only that `now` is a plausible present-day instant in the format.
        let now = RecordedInstant.now()
        #expect(now.utcDate.year >= 2024)
        #expect(try RecordedInstant(iso: now.iso) == now)
    }

    @Test(arguments: [
        "",
        "2026-11-23",
        "2026-11-23T14:27:17Z",             // no milliseconds
        "2026-11-23T14:27:17.12Z",          // two digits of milliseconds
        "2026-11-23T14:27:17.1234Z",        // four
        "2026-11-23T14:27:17.123",          // no zone
        "2026-11-23T14:27:17.123+01:00",    // offset instead of Z
        "2026-11-23T14:27:17.123z",
        "2026-11-23t14:27:17.123Z",
        "2026-11-23 14:27:17.123Z",
        "2026-11-23T14.27.17.123Z",
        "2026-11-23T14:27:17,123Z",
        "2026-11-23T24:00:00.000Z",
        "2026-11-23T14:60:00.000Z",
        "2026-11-23T14:27:60.000Z",         // no leap seconds
        "2026-02-30T14:27:17.123Z",
        "2026-13-01T00:00:00.000Z",
        "26-11-23T14:27:17.123Z",
        "2026-11-23T4:27:17.1234Z",
        "2026-11-23Tab:27:17.123Z",
        "2026-11-23T14:27:17.abcZ",
    ])
    func otherFormatsAreRefused(text: String) {
        #expect(throws: CalendarDateError.self) { try RecordedInstant(iso: text) }
    }

    /// Each field must be digits only: a sign is refused (`Int(_:)` alone would accept one).
    @Test(arguments: [
              "2026-11-23T-1:27:17.123Z",
              "2026-11-23T+1:27:17.123Z",
              "2026-11-23T14:-5:17.123Z",
              "2026-11-23T14:27:+7.123Z",
              "2026-11-23T14:27:17.-12Z",
              "2026-11-23T14:27:17.+12Z",
          ])
    func signedTimeFieldsAreRefused(text: String) {
        #expect(throws: CalendarDateError.self) { try RecordedInstant(iso: text) }
    }
}
