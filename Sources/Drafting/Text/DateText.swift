/// Reads the dates clerks write: ISO `2026-12-31` or Dutch day-first `31-12-2026`.
///
/// The Dutch form may use `-`, `/` or `.` (the same one twice) and single-digit days and
/// months (`1-2-2026` is 1 February). The year is always written in full: `31-12-26` could be
/// 1926 or 2026, so it is refused. The date must exist (30 February is refused, and so is
/// `12/31/2026`, since there is no month 31: dates are never month-first). The caller turns the
/// result into its own date type.
public enum DateText {
    /// The forms every error message offers.
    public static let acceptedForms = "expected YYYY-MM-DD or DD-MM-YYYY, e.g. 2026-12-31 or 31-12-2026 (also 31/12/2026, 31.12.2026 or 31 december 2026)"

    /// Month names in Dutch and English, full and short (`december`, `dec`, `mrt`, `okt`, `mei`, `May`).
    static let monthsByName: [String: Int] = {
        let dutch = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
        let english = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        var names: [String: Int] = ["mrt": 3, "okt": 10, "sept": 9]
        for (i, name) in (dutch + english).enumerated() {
            names[name] = i % 12 + 1
            names[String(name.prefix(3)), default: i % 12 + 1] = i % 12 + 1
        }
        return names
    }()

    /// The calendar date `text` means.
    public static func date(_ text: String) throws(DateTextError) -> (year: Int, month: Int, day: Int) {
        let scalars = Array(text.unicodeScalars.drop(while: \.properties.isWhitespace).reversed()
            .drop(while: \.properties.isWhitespace).reversed())
        guard !scalars.isEmpty else { throw .empty(text) }
        let words = String(String.UnicodeScalarView(scalars)).split(whereSeparator: { $0 == " " })
        if words.count == 3, words[1].allSatisfy({ $0.isLetter || $0 == "." }) {
            // `31 december 2026`: the month by name.
            let monthWord = words[1].lowercased().trimmingSuffix(".")
            guard let month = monthsByName[monthWord], let day = Int(words[0]), words[0].count <= 2, words[0].allSatisfy(\.isASCII),
                  let year = Int(words[2]), words[2].count == 4, words[2].allSatisfy(\.isASCII) else { throw .malformed(text) }
            return try numeric(text, year: year, month: month, day: day, dayFirst: true)
        }
        guard let separator = scalars.first(where: { !$0.isASCIIDigit }), ["-", "/", "."].contains(separator),
              scalars.allSatisfy({ $0.isASCIIDigit || $0 == separator }) else { throw .malformed(text) }
        let parts = scalars.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { throw .malformed(text) }
        func value(_ part: ArraySlice<Unicode.Scalar>) -> Int { part.reduce(0) { $0 * 10 + Int($1.value - 48) } }

        let (year, month, day): (Int, Int, Int)
        let dayFirst = parts[0].count != 4
        if !dayFirst {
            guard separator == "-", parts[1].count == 2, parts[2].count == 2 else { throw .malformed(text) }
            (year, month, day) = (value(parts[0]), value(parts[1]), value(parts[2]))
        } else {
            guard parts[0].count <= 2, parts[1].count <= 2 else { throw .malformed(text) }
            if parts[2].count == 2 { throw .twoDigitYear(text) }
            guard parts[2].count == 4 else { throw .malformed(text) }
            (year, month, day) = (value(parts[2]), value(parts[1]), value(parts[0]))
        }
        return try numeric(text, year: year, month: month, day: day, dayFirst: dayFirst)
    }

    /// Checks that the date exists.
    private static func numeric(_ text: String, year: Int, month: Int, day: Int, dayFirst: Bool) throws(DateTextError)
        -> (year: Int, month: Int, day: Int) {
        guard year >= 1 else { throw .impossible(text, reason: "there is no year 0") }
        guard (1...12).contains(month) else {
            throw .impossible(text, reason: "there is no month \(month)" + (dayFirst ? " (the day comes before the month: DD-MM-YYYY)" : ""))
        }
        let length = daysIn(month: month, year: year)
        guard (1...length).contains(day) else {
            throw .impossible(text, reason: "\(monthNames[month - 1]) \(year) has no day \(day) (it has \(length) days)")
        }
        return (year, month, day)
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                     "September", "October", "November", "December"]
}

/// Why a date was refused; each case carries the text as the clerk wrote it.
public enum DateTextError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing (or only spaces) was written.
    case empty(String)
    /// Not in one of the accepted forms.
    case malformed(String)
    /// `31-12-26`: the century is missing.
    case twoDigitYear(String)
    /// The form is right but the date does not exist; `reason` says why.
    case impossible(String, reason: String)

    public var description: String {
        switch self {
        case .empty:
            return "no date was given; \(DateText.acceptedForms)"
        case .malformed(let text):
            return "'\(text)' is not a date; \(DateText.acceptedForms)"
        case .twoDigitYear(let text):
            return "'\(text)' has a two-digit year, which could mean 19xx or 20xx; write the year in full: \(DateText.acceptedForms)"
        case let .impossible(text, reason):
            return "'\(text)' is not a real date: \(reason); \(DateText.acceptedForms)"
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}

extension Unicode.Scalar {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
