/// A day in the proleptic Gregorian calendar, with no time and no time zone.
///
/// Effective dates are calendar dates ("the end date is 31-12-2026"), not instants:
/// the same date must mean the same day for a clerk in Dordrecht and a server in UTC.
/// Written and parsed as ISO 8601 `YYYY-MM-DD` only; `2026-02-30` is refused.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Fails with a message for an impossible date (month 13, 30 February, year 0).
    public init(year: Int, month: Int, day: Int) throws(CalendarDateError) {
        guard (1...9999).contains(year) else { throw .outOfRange("year \(year) is outside 1-9999") }
        guard (1...12).contains(month) else { throw .outOfRange("month \(month) does not exist") }
        let days = CalendarDate.daysIn(month: month, year: year)
        guard (1...days).contains(day) else {
            throw .outOfRange("day \(day) does not exist in \(year)-\(CalendarDate.pad2(month)) (it has \(days) days)")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly: four-digit year, two-digit month and day.
    public init(iso text: String) throws(CalendarDateError) {
        let u = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard u[i] >= 48 && u[i] <= 57 else { return nil }
                value = value * 10 + Int(u[i] - 48)
            }
            return value
        }
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else {
            throw .malformed(text)
        }
        try self.init(year: y, month: m, day: d)
    }

    public var iso: String { "\(CalendarDate.pad4(year))-\(CalendarDate.pad2(month))-\(CalendarDate.pad2(day))" }
    public var description: String { iso }

    /// Days since 1970-01-01 (negative before), from Howard Hinnant's days-from-civil.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` since 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// 31 December of this date's year.
    public var endOfYear: CalendarDate { CalendarDate(uncheckedYear: year, month: 12, day: 31) }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    static func pad4(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }
}

/// Why a text is not a calendar date.
public enum CalendarDateError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)
    case outOfRange(String)

    public var description: String {
        switch self {
        case .malformed(let text): return "'\(text)' is not a date of the form YYYY-MM-DD"
        case .outOfRange(let why): return why
        }
    }
}
