/// An `AppendPolicy`'s refusal of an event, carrying the policy's own typed error (for the
/// register, a `DomainError`), so the edge that reports it can tell its cases apart instead of
/// reading a message. Two refusals are equal when they say the same.
public struct PolicyRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// What the policy threw.
    public let cause: any Error

    public init(_ cause: any Error) { self.cause = cause }

    public var description: String { "\(cause)" }

    public static func == (a: PolicyRefusal, b: PolicyRefusal) -> Bool { a.description == b.description }
}
