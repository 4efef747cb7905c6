import Drafting
import EventStore
import Foundation

/// Parses the date and moment arguments of queries, in the griffie's time zone.
///
/// The register's days are days in Europe/Amsterdam: `--known-on 2023-01-15` means the
/// end of that day there (23:59:59.999 local), and "today" is today there.
enum DateArguments {
    static let zone = TimeZone(identifier: "Europe/Amsterdam") ?? TimeZone(secondsFromGMT: 3600)!

    /// A date in any form `record` reads (`DateText`): 2026-12-31, 31-12-2026, 31/12/2026, 31 december 2026.
    static func date(_ text: String, option: String, command: String) throws(CLIError) -> CalendarDate {
        do {
            let d = try DateText.date(text)
            return try CalendarDate(year: d.year, month: d.month, day: d.day)
        } catch let error as DateTextError {
            throw .usage("\(option) \(error)", command: command)
        } catch {
            throw .usage("\(option) '\(text)': \(error); \(DateText.acceptedForms)", command: command)
        }
    }

    /// Today in Europe/Amsterdam.
    static func today(now: RecordedInstant = .now()) -> CalendarDate {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(now.millisecondsSinceEpoch) / 1000))
        return RecordedInstant(millisecondsSinceEpoch: now.millisecondsSinceEpoch + Int64(offset) * 1000).utcDate
    }

    /// A date in any form `date` reads (end of that day in Amsterdam), `YYYY-MM-DDTHH:MM[:SS]` (Amsterdam time),
    /// or the same with `Z` or `+HH:MM` (that offset); seconds may carry milliseconds (`:SS.mmm`).
    static func moment(_ text: String, option: String, command: String) throws(CLIError) -> RecordedInstant {
        let fail = CLIError.usage("\(option) '\(text)' is not a date or date-time; expected a date (YYYY-MM-DD, 31-12-2026, 31 december 2026) or YYYY-MM-DDTHH:MM[:SS[.mmm]][Z|+HH:MM]", command: command)
        if !text.contains(":") {
            let day = try date(text, option: option, command: command)
            let nextMidnightUTC = Int64(day.adding(days: 1).daysSinceEpoch) * 86_400_000
            return RecordedInstant(millisecondsSinceEpoch: nextMidnightUTC - localOffsetMillis(atUTC: nextMidnightUTC) - 1)
        }
        guard text.count >= 16, Array(text)[10] == "T" else { throw fail }
        let day = try date(String(text.prefix(10)), option: option, command: command)
        var rest = Substring(text.dropFirst(11))
        var explicitOffset: Int64? = nil
        if rest.hasSuffix("Z") {
            explicitOffset = 0
            rest = rest.dropLast()
        } else if rest.count >= 6, let sign = rest.dropLast(5).last, sign == "+" || sign == "-" {
            let tz = rest.suffix(5)
            let parts = tz.split(separator: ":")
            guard parts.count == 2, let h = Int64(parts[0]), let m = Int64(parts[1]), h < 24, m < 60 else { throw fail }
            explicitOffset = (sign == "+" ? 1 : -1) * (h * 3600 + m * 60) * 1000
            rest = rest.dropLast(6)
        }
        let clock = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2 || clock.count == 3, clock.prefix(2).allSatisfy({ $0.count == 2 }),
              let h = Int64(clock[0]), let m = Int64(clock[1]), h < 24, m < 60 else { throw fail }
        var millis: Int64 = 0
        var s: Int64? = 0
        if clock.count == 3 {
            let secondsPart = clock[2].split(separator: ".", omittingEmptySubsequences: false)
            guard secondsPart.count <= 2, secondsPart[0].count == 2 else { throw fail }
            s = Int64(secondsPart[0])
            if secondsPart.count == 2 {
                guard (1...3).contains(secondsPart[1].count), let fraction = Int64(secondsPart[1]) else { throw fail }
                millis = fraction * [100, 10, 1][secondsPart[1].count - 1]
            }
        }
        guard let s, s < 60 else { throw fail }
        let wall = Int64(day.daysSinceEpoch) * 86_400_000 + (h * 3600 + m * 60 + s) * 1000 + millis
        let offset = explicitOffset ?? localOffsetMillis(atUTC: wall - localOffsetMillis(atUTC: wall))
        return RecordedInstant(millisecondsSinceEpoch: wall - offset)
    }

    private static func localOffsetMillis(atUTC ms: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(ms) / 1000))) * 1000
    }
}
