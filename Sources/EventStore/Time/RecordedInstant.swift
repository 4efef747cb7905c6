import Foundation

/// The instant the store recorded an event, in UTC with millisecond precision.
///
/// Written as `2026-11-23T14:27:17.123Z`. Set by the store from the system clock when it
/// appends, never taken from the caller; this is the register's "transaction time",
/// beside the event's effective date.
public struct RecordedInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = millisecondsSinceEpoch }

    /// The current time from the system clock.
    public static func now() -> RecordedInstant {
        RecordedInstant(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// Parses exactly the form the store writes: `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public init(iso text: String) throws(CalendarDateError) {
        let u = Array(text.utf8)
        guard u.count == 24, u[10] == UInt8(ascii: "T"), u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"),
              u[19] == UInt8(ascii: "."), u[23] == UInt8(ascii: "Z") else {
            throw .malformed(text)
        }
        let date = try CalendarDate(iso: String(decoding: u[0..<10], as: UTF8.self))
        func number(_ r: Range<Int>) -> Int? {
            var value = 0
            for i in r {
                guard u[i] >= 48 && u[i] <= 57 else { return nil }
                value = value * 10 + Int(u[i] - 48)
            }
            return value
        }
        guard let h = number(11..<13), let m = number(14..<16), let s = number(17..<19), let ms = number(20..<23),
              h < 24, m < 60, s < 60 else { throw .malformed(text) }
        let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(h * 3600 + m * 60 + s)
        self.millisecondsSinceEpoch = seconds * 1000 + Int64(ms)
    }

    /// The UTC calendar date of this instant.
    public var utcDate: CalendarDate {
        CalendarDate(daysSinceEpoch: Int(floorDiv(millisecondsSinceEpoch, 86_400_000)))
    }

    public var iso: String {
        let ms = millisecondsSinceEpoch
        let days = floorDiv(ms, 86_400_000)
        let rest = ms - days * 86_400_000
        let date = CalendarDate(daysSinceEpoch: Int(days))
        let h = Int(rest / 3_600_000), m = Int(rest / 60_000 % 60), s = Int(rest / 1000 % 60), milli = Int(rest % 1000)
        let millis = milli < 10 ? "00\(milli)" : milli < 100 ? "0\(milli)" : "\(milli)"
        return "\(date.iso)T\(CalendarDate.pad2(h)):\(CalendarDate.pad2(m)):\(CalendarDate.pad2(s)).\(millis)Z"
    }

    public var description: String { iso }

    public static func < (a: RecordedInstant, b: RecordedInstant) -> Bool {
        a.millisecondsSinceEpoch < b.millisecondsSinceEpoch
    }
}

private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
