/// An exact amount of euros as a whole number of cents.
///
/// Money is never a `Double`: 0.1 + 0.2 must be 0.30 in a register an accountant signs.
/// Amounts in events are capped at `Cents.limit` (EUR 10 trillion, far above any municipal
/// or national budget line), and so is every total: a sum or difference beyond ±`limit` throws
/// `AmountOutOfRange` (never traps, never wraps around). About 9,000 amounts at the cap would fill
/// an `Int64`; `append` refuses an event that would take a total past the cap, and a history that
/// arrived otherwise ends its answer with the typed error, naming the total and the event.
public struct Cents: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: Int64
    public static let limit: Int64 = 1_000_000_000_000_000
    public static let zero = Cents(0)

    public init(_ value: Int64) { self.value = value }

    public static func + (a: Cents, b: Cents) throws(AmountOutOfRange) -> Cents {
        let (sum, overflow) = a.value.addingReportingOverflow(b.value)
        guard !overflow, sum.magnitude <= limit.magnitude else { throw AmountOutOfRange(left: a, operation: "+", right: b) }
        return Cents(sum)
    }
    public static func - (a: Cents, b: Cents) throws(AmountOutOfRange) -> Cents {
        let (difference, overflow) = a.value.subtractingReportingOverflow(b.value)
        guard !overflow, difference.magnitude <= limit.magnitude else { throw AmountOutOfRange(left: a, operation: "-", right: b) }
        return Cents(difference)
    }
    public static func += (a: inout Cents, b: Cents) throws(AmountOutOfRange) { a = try a + b }
    public static func -= (a: inout Cents, b: Cents) throws(AmountOutOfRange) { a = try a - b }
    public static func < (a: Cents, b: Cents) -> Bool { a.value < b.value }

    /// Dutch notation with the euro sign: `€ 5.000.000,00`, `-€ 12,50`.
    public var dutch: String {
        let negative = value < 0
        let magnitude = value.magnitude
        let euros = String(magnitude / 100)
        let cents = magnitude % 100
        var grouped = ""
        for (i, ch) in euros.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped.append(".") }
            grouped.append(ch)
        }
        let text = "€ " + String(grouped.reversed()) + "," + (cents < 10 ? "0\(cents)" : "\(cents)")
        return negative ? "-" + text : text
    }

    /// Plain decimal euros for CSV and ledger output: `5000000.00`, no thousands separators.
    public var decimal: String {
        let negative = value < 0
        let magnitude = value.magnitude
        let cents = magnitude % 100
        return (negative ? "-" : "") + "\(magnitude / 100)." + (cents < 10 ? "0\(cents)" : "\(cents)")
    }

    public var description: String { dutch }
}

extension Sequence where Element == Cents {
    /// The exact sum; throws when a partial sum passes the cap.
    public func sum() throws(AmountOutOfRange) -> Cents {
        var total = Cents.zero
        for amount in self { try total += amount }
        return total
    }
}
