import EventStore
import Testing
@testable import Drafting

/// Dates as decision documents write them, with only the precision they give.
@Suite struct DatePhraseTests {
    @Test(arguments: [
        ("31 december 2026", "2026-12-31"),   // 000 line 3
        ("8 november 2022", "2022-11-08"),    // 000 line 130
        ("15 december 2020", "2020-12-15"),   // 003 line 6
        ("17 december 2024", "2024-12-17"),   // 002 line 2
        ("1 februari 2022", "2022-02-01"),    // 001 line 192
        ("7 juni 2022", "2022-06-07"),
        ("27 September 2022", "2022-09-27"),
        ("1 jan. 2024", "2024-01-01"),
        ("3 mrt 2025", "2025-03-03"),
        ("3 Okt. 2026", "2026-10-03"),
        ("29 februari 2024", "2024-02-29"),
        ("31-12-2022", "2022-12-31"),         // 000 line 115
        ("30-06-2028", "2028-06-30"),
        ("2026-12-31", "2026-12-31"),
    ])
    func days(_ text: String, _ iso: String) throws {
        let phrase = try DatePhrase.read(text)
        #expect(phrase == .day(try CalendarDate(iso: iso)))
        #expect(phrase.isDay && phrase.firstDay.iso == iso && phrase.lastDay.iso == iso)
    }

    @Test(arguments: [
        ("juni 2019", "2019-06-01", "2019-06-30"),       // 000 line 12, 003 line 29
        ("maart 2024", "2024-03-01", "2024-03-31"),      // 002 line 7
        ("februari 2024", "2024-02-01", "2024-02-29"),
        ("februari 2023", "2023-02-01", "2023-02-28"),
    ])
    func monthsAreNotDays(_ text: String, _ first: String, _ last: String) throws {
        let phrase = try DatePhrase.read(text)
        #expect(!phrase.isDay)
        #expect(phrase.firstDay.iso == first && phrase.lastDay.iso == last)
    }

    @Test(arguments: [
        ("eind 2025", "2025-12-31"),                     // 001 line 60
        ("eind 2026", "2026-12-31"),
        ("einde van 2022", "2022-12-31"),
        ("aan het einde van 2022", "2022-12-31"),        // 000 line 38
        ("ultimo 2024", "2024-12-31"),
    ])
    func theEndOfAYearIsItsLastDay(_ text: String, _ iso: String) throws {
        let phrase = try DatePhrase.read(text)
        #expect(phrase.isDay && phrase.lastDay.iso == iso)
    }

    @Test func aYearAlone() throws {
        let phrase = try DatePhrase.read("2023")                  // 001: 'loopt van 2023'
        #expect(phrase == .year(2023) && !phrase.isDay)
        #expect(phrase.firstDay.iso == "2023-01-01" && phrase.lastDay.iso == "2023-12-31")
    }

    @Test(arguments: [
        ("31 september 2026", true), ("30 februari 2024", true), ("31 december 26", false), ("december", false),
        ("eind", false), ("vijf mei 2024", false), ("31-02-2026", true),
    ])
    func refuses(_ text: String, impossible: Bool) {
        do {
            _ = try DatePhrase.read(text)
            Issue.record("'\(text)' was read")
        } catch {
            if case .impossible = error { #expect(impossible, "\(error)") } else { #expect(!impossible, "\(error)") }
        }
    }
}
