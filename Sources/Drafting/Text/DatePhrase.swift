import EventStore

/// A date as a decision document writes it, with only the precision the text gives:
/// `31 december 2026` and `31-12-2022` are days, `juni 2019` is a month, `2023` a year and
/// `eind 2025` the end of a year.
///
/// The numeric forms are read by `DateText`, the reader `register record` uses (day first,
/// years in full). A month or a year is never silently turned into a day: `firstDay` and
/// `lastDay` are there for a rule that says, with its reason, which day it takes.
public enum DatePhrase: Hashable, Sendable {
    case day(CalendarDate)
    case month(year: Int, month: Int)
    case year(Int)
    /// `eind 2025`, `einde van 2022`: the year's last day, as the text means it.
    case endOfYear(Int)

    /// The month names `DateText` reads (Dutch and English, full and short), longest first, as
    /// a regular expression: `december`, `dec.`, `mrt`.
    static let monthAlternatives = "(?:" + DateText.monthsByName.keys.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }.joined(separator: "|") + ")\\.?"

    /// A day, as a regular expression: `31 december 2026`, `31-12-2022`, `2022-12-31`.
    static let dayPattern = #"(?:\d{1,2}\s+"# + monthAlternatives + #"\s+\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2})"#
    /// A month of a year: `juni 2019`.
    static let monthPattern = monthAlternatives + #"\s+\d{4}"#
    /// The end of a year: `eind 2025`, `einde van 2022`, `aan het einde van 2022`, `ultimo 2024`.
    static let endOfYearPattern = #"(?:(?:aan\s+het\s+)?einde?\s+(?:van\s+)?|ultimo\s+)\d{4}"#

    /// What `text` says: a day, a month, a year or a year's end. A day is read by `DateText`
    /// (`31 december 2026`, `31-12-2022`), so its errors are the ones `record` gives.
    public static func read(_ text: String) throws(DateTextError) -> DatePhrase {
        let words = text.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
        guard !words.isEmpty else { throw .empty(text) }
        if words.count == 1, words[0].count == 4, let year = Int(words[0]) { return .year(year) }
        var rest = words[...]
        while let first = rest.first, first == "aan" || first == "het" { rest = rest.dropFirst() }
        if let first = rest.first, first == "eind" || first == "einde" || first == "ultimo" {
            rest = rest.dropFirst()
            if rest.first == "van" { rest = rest.dropFirst() }
            guard rest.count == 1, let word = rest.first, word.count == 4, let year = Int(word) else { throw .malformed(text) }
            return .endOfYear(year)
        }
        if rest.count == 2, let month = DateText.monthsByName[rest.first!.hasSuffix(".") ? String(rest.first!.dropLast()) : rest.first!] {
            let word = rest.last!
            guard word.count == 4, let year = Int(word), year >= 1 else { throw word.count == 2 ? .twoDigitYear(text) : .malformed(text) }
            return .month(year: year, month: month)
        }
        let d = try DateText.date(words.joined(separator: " "))
        return .day(try calendarDate(d.year, d.month, d.day, text: text))
    }

    private static func calendarDate(_ year: Int, _ month: Int, _ day: Int, text: String) throws(DateTextError) -> CalendarDate {
        guard (1...12).contains(month) else { throw .impossible(text, reason: "there is no month \(month)") }
        guard (1...DateText.daysIn(month: month, year: year)).contains(day) else {
            throw .impossible(text, reason: "that month has \(DateText.daysIn(month: month, year: year)) days, not \(day)")
        }
        do { return try CalendarDate(year: year, month: month, day: day) } catch {
            throw .impossible(text, reason: "\(error)")
        }
    }

    /// The first day the phrase covers.
    public var firstDay: CalendarDate {
        switch self {
        case .day(let d): return d
        case .month(let y, let m): return Self.unchecked(y, m, 1)
        case .year(let y): return Self.unchecked(y, 1, 1)
        case .endOfYear(let y): return Self.unchecked(y, 12, 31)
        }
    }

    /// The last day the phrase covers: the day itself, a month's last day, 31 December.
    public var lastDay: CalendarDate {
        switch self {
        case .day(let d): return d
        case .month(let y, let m): return Self.unchecked(y, m, DateText.daysIn(month: m, year: y))
        case .year(let y), .endOfYear(let y): return Self.unchecked(y, 12, 31)
        }
    }

    /// Whether the text names one day (so no rule has to choose one).
    public var isDay: Bool {
        switch self {
        case .day, .endOfYear: return true
        case .month, .year: return false
        }
    }

    public var year: Int { firstDay.year }

    private static func unchecked(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate {
        // Every caller passes a month 1-12 and a day that month has, in a year DateText accepted.
        (try? CalendarDate(year: y, month: m, day: d)) ?? CalendarDate(daysSinceEpoch: 0)
    }
}
