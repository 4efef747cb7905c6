import Projections

/// Reads the amounts Dutch clerks write into whole euro cents, exactly (never a `Double`).
///
/// A Dutch register writes a dot between thousands and a comma before the cents, so
/// `5.000.000,00` is five million euros and `5.000` is five thousand. Text that could also be
/// read the English way (`1.5`, `1,000.00`, `5,123`) is refused rather than guessed at: a wrong
/// guess would be off by a factor of a thousand in a register an accountant signs.
///
/// Accepted: `5000000`, `5.000.000`, `5.000.000,00`, `5000000,5` (= 50 cents), `400.000,-` or
/// `400.000,--` (no cents), with `€`, `€ ` or `EUR ` in front and spaces around. A leading
/// minus (`-€ 12,50`, `€ -12,50`) only where the caller allows negative amounts.
public enum AmountText {
    /// The largest amount accepted, in cents: ten trillion euros, the same cap as `Cents.limit`,
    /// so a sum of up to 9.000 amounts at the cap still fits in an `Int64`.
    public static let limitCents: Int64 = 1_000_000_000_000_000

    /// The forms every error message offers, so a clerk can see what to write instead.
    public static let acceptedForms = "5000000, 5.000.000, € 5.000.000,00, EUR 5.000.000,00, 0,50 or 400.000,-"

    /// The amount `text` means, in cents; `allowNegative` permits one leading minus sign.
    public static func cents(_ text: String, allowNegative: Bool = false) throws(AmountTextError) -> Int64 {
        var rest = text[...].trimmingWhitespace()
        guard !rest.isEmpty else { throw .empty(text) }
        var negative = false
        if rest.first == "-" {
            negative = true
            rest = rest.dropFirst()
        }
        if let afterCurrency = rest.droppingCurrency() {
            rest = afterCurrency.trimmingWhitespace()
            if !negative && rest.first == "-" {
                negative = true
                rest = rest.dropFirst()
            }
        }
        let magnitude = try number(rest, text: text)
        if negative && !allowNegative { throw .negative(text) }
        return negative ? -magnitude : magnitude
    }

    /// Reads the number without sign or currency: `5.000.000,00`, `5000000,5`, `400.000,-`.
    private static func number(_ body: Substring, text: String) throws(AmountTextError) -> Int64 {
        guard !body.isEmpty, body.unicodeScalars.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "," || $0 == "-" }) else {
            throw .notAnAmount(text)
        }
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw .ambiguous(text) }
        let whole = parts[0]
        guard !whole.contains("-"), !whole.isEmpty else { throw .notAnAmount(text) }

        var cents: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            if fraction.contains(".") { throw .ambiguous(text) }
            if fraction == "-" || fraction == "--" {
                cents = 0
            } else {
                guard !fraction.isEmpty, fraction.unicodeScalars.allSatisfy(\.isASCIIDigit) else { throw .notAnAmount(text) }
                guard fraction.count <= 2 else { throw .ambiguous(text) }
                cents = Int64(fraction)! * (fraction.count == 1 ? 10 : 1)
            }
        }

        let groups = whole.split(separator: ".", omittingEmptySubsequences: false)
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups[0].first != "0",
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { throw .ambiguous(text) }
        }
        let limitEuros = limitCents / 100
        var euros: Int64 = 0
        for scalar in whole.unicodeScalars where scalar != "." {
            euros = euros * 10 + Int64(scalar.value - 48)
            if euros > limitEuros { throw .tooLarge(text) }
        }
        let total = euros * 100 + cents
        guard total <= limitCents else { throw .tooLarge(text) }
        return total
    }
}

/// Why an amount was refused; each case carries the text as the clerk wrote it.
public enum AmountTextError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing (or only spaces) was written.
    case empty(String)
    /// Letters, spaces inside the number, or other characters an amount does not have.
    case notAnAmount(String)
    /// Separators that could be read two ways (`1.5`, `1,000.00`) or more than two cents digits.
    case ambiguous(String)
    /// More than ten trillion euros (`AmountText.limitCents`).
    case tooLarge(String)
    /// A minus sign where only zero or more is accepted.
    case negative(String)

    public var description: String {
        let examples = "e.g. \(AmountText.acceptedForms)"
        switch self {
        case .empty:
            return "no amount was given; write an amount in euros, \(examples)"
        case .notAnAmount(let text):
            return "'\(text)' is not an amount: use only digits, dots between groups of three digits and a comma before "
                + "at most two cents digits, optionally after € or EUR, with no spaces inside the number; \(examples)"
        case .ambiguous(let text):
            return "'\(text)' is not an amount the register can read unambiguously: a dot separates thousands (groups of "
                + "exactly three digits) and a comma comes before at most two cents digits\(Self.suggestion(for: text)); \(examples)"
        case .tooLarge(let text):
            return "'\(text)' is more than the register accepts (€ 10.000.000.000.000,00, ten trillion euros); "
                + "check the number of digits; \(examples)"
        case .negative(let text):
            return "'\(text)' is negative, and this amount must be zero or more; write it without a minus sign, \(examples)"
        }
    }

    /// For text written the English way (`1.5`, `1,000.00`), the Dutch amount it would then mean.
    private static func suggestion(for text: String) -> String {
        let swapped = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "." ? "," : $0 == "," ? "." : $0 }))
        guard let cents = try? AmountText.cents(swapped, allowNegative: true) else { return "" }
        let dutch = Cents(cents).dutch
        return "; if you mean \(dutch), write \(dutch)"
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Substring {
    /// Without leading and trailing white space (spaces, tabs, no-break spaces, line ends).
    fileprivate func trimmingWhitespace() -> Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }

    /// The text after a leading `€` or `EUR` (any case), or nil when there is none.
    fileprivate func droppingCurrency() -> Substring? {
        if first == "€" { return dropFirst() }
        if prefix(3).uppercased() == "EUR" { return dropFirst(3) }
        return nil
    }
}
