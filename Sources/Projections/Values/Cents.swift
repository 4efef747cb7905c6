/// An exact amount of euros as a whole number of cents.
///
/// Money is never a `Double`: 0.1 + 0.2 must be 0.30 in a register an accountant signs.
/// Amounts in events are capped at `Cents.limit` (EUR 10 trillion, far above any municipal
/// or national budget line); about 9,000 amounts at the cap would fill an `Int64`, so sums
/// use checked arithmetic and stop with a clear message rather than wrap around.
public struct Cents: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: Int64
    public static let limit: Int64 = 1_000_000_000_000_000
    public static let zero = Cents(0)

    public init(_ value: Int64) { self.value = value }

    public static func + (a: Cents, b: Cents) -> Cents {
        let (sum, overflow) = a.value.addingReportingOverflow(b.value)
        precondition(!overflow, "a sum of amounts exceeds EUR 92 quadrillion; the register cannot represent it")
        return Cents(sum)
    }
    public static func - (a: Cents, b: Cents) -> Cents {
        let (difference, overflow) = a.value.subtractingReportingOverflow(b.value)
        precondition(!overflow, "a difference of amounts exceeds EUR 92 quadrillion; the register cannot represent it")
        return Cents(difference)
    }
    public static func += (a: inout Cents, b: Cents) { a = a + b }
    public static func -= (a: inout Cents, b: Cents) { a = a - b }
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
    /// The exact sum.
    public func sum() -> Cents { reduce(.zero, +) }
}
