/// A sum or difference of amounts beyond what any total in the register may be: more than
/// `Cents.limit` (EUR 10 trillion) either way. The operands say which amounts met.
public struct AmountOutOfRange: Error, Equatable, Sendable, CustomStringConvertible {
    public let left: Cents
    public let operation: Character
    public let right: Cents

    public var description: String {
        "\(left.dutch) \(operation) \(right.dutch) is beyond \(Cents(Cents.limit).dutch), the most any total in the register may be"
    }
}
