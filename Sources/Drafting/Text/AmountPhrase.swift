/// Reads the amounts decision documents write, which take more forms than a clerk's flags:
/// `€ 5 miljoen`, `€ 4,6 miljoen`, `€ 400.000,-`, `€340.160`, `30.000 Euro`, and table cells such as
/// `135.099` under a heading `x € 1.000,-` (`scale` 1.000).
///
/// The number itself is read by `AmountText`, the reader `register record` uses, so a dot is
/// always a thousands separator and a comma always comes before the cents: `1.5` and
/// `1,000.00` are refused, never guessed at. The one extension is a multiplier word after the
/// number (`miljoen`, `mln`, `miljard`), where a comma is a decimal comma (`4,6 miljoen` is
/// € 4.600.000,00); the result must be a whole number of cents.
public enum AmountPhrase {
    /// An amount in running text, as a regular expression: a euro sign or `EUR` before it, or
    /// `euro`, `miljoen` or `mln` after it (a bare number in prose is a count, not an amount).
    /// Numbers may break across a line end after the euro sign (`€ \n400.000,-`).
    static let pattern =
        #"(?:(?:€|EUR\b)\s*\d[\d.]*(?:,(?:\d+|-{1,2}))?(?:\s*(?:miljoen|mln\.?|miljard))?(?:\s+euro\b)?"#
        + #"|\d[\d.]*(?:,\d+)?\s*(?:miljoen|mln\.?|miljard)(?:\s+euro\b)?|\d[\d.]*(?:,(?:\d+|-{1,2}))?\s+[Ee]uro\b)"#

    /// The multiplier words, longest first, and what they multiply by.
    private static let multipliers: [(word: String, factor: Int64)] = [
        ("miljard", 1_000_000_000), ("miljoen", 1_000_000), ("mln.", 1_000_000), ("mln", 1_000_000),
    ]

    /// The amount `text` states, in cents, times `scale` (1.000 for a table in thousands).
    ///
    /// Throws `AmountTextError` with the text as written when it is not an amount, is
    /// ambiguous, has more precision than a cent, or is more than `AmountText.limitCents`.
    public static func cents(_ text: String, scale: Int64 = 1) throws(AmountTextError) -> Int64 {
        var rest = Substring(text).trimmedOfSpaces
        guard !rest.isEmpty else { throw .empty(text) }
        if rest.first == "€" { rest = rest.dropFirst().trimmedOfSpaces }
        else if rest.prefix(3).lowercased() == "eur", rest.dropFirst(3).first.map({ !$0.isLetter }) ?? true {
            rest = rest.dropFirst(3).trimmedOfSpaces
        }
        if rest.lowercased().hasSuffix("euro") { rest = rest.dropLast(4).trimmedOfSpaces }
        var factor: Int64 = 1
        for (word, value) in multipliers where rest.lowercased().hasSuffix(word) {
            factor = value
            rest = rest.dropLast(word.count).trimmedOfSpaces
            break
        }
        guard scale >= 1 else { throw .notAnAmount(text) }
        if factor == 1 {
            let cents = try AmountText.cents(String(rest))
            let (scaled, overflow) = cents.multipliedReportingOverflow(by: scale)
            guard !overflow, scaled <= AmountText.limitCents else { throw .tooLarge(text) }
            return scaled
        }
        return try multiplied(rest, by: factor * scale, text: text)
    }

    /// `4,6` times a multiplier: whole digits, then at most one decimal comma; no dots, which
    /// `4.6 miljoen` (English) would need and `4.600 miljoen` would make unclear.
    private static func multiplied(_ number: Substring, by factor: Int64, text: String) throws(AmountTextError) -> Int64 {
        let parts = number.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
              parts.allSatisfy({ $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }) else {
            throw number.contains(".") ? .ambiguous(text) : .notAnAmount(text)
        }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fraction.isEmpty else { throw .notAnAmount(text) }
        // cents = (whole + fraction / 10^digits) * factor * 100, exactly.
        var denominator: Int64 = 1
        for _ in fraction { denominator *= 10; if denominator > 1_000_000_000_000 { throw .ambiguous(text) } }
        guard let wholeValue = Int64(whole), let fractionValue = fraction.isEmpty ? 0 : Int64(fraction) else { throw .tooLarge(text) }
        let (perUnit, o1) = factor.multipliedReportingOverflow(by: 100)
        let (wholeCents, o2) = wholeValue.multipliedReportingOverflow(by: perUnit)
        let (fractionScaled, o3) = fractionValue.multipliedReportingOverflow(by: perUnit)
        guard !o1, !o2, !o3 else { throw .tooLarge(text) }
        guard fractionScaled % denominator == 0 else { throw .ambiguous(text) }
        let total = wholeCents + fractionScaled / denominator
        guard total <= AmountText.limitCents else { throw .tooLarge(text) }
        return total
    }
}

extension Substring {
    /// Without white space (spaces, no-break spaces, tabs, line ends) at either end.
    var trimmedOfSpaces: Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
