/// A total the register will not compute because it would pass the cap (`Cents.limit`): which
/// total, of what, and the event that took it there.
///
/// `append` refuses an event that would do this; a history that arrived without `append` (a git
/// clone) can still hold one, and then every answer that needs the total ends with this error
/// instead of a wrong figure or a crash.
public struct TotalOutOfRange: Error, Equatable, Sendable, CustomStringConvertible {
    /// The total, in words: `the authorised amount of reserve 404`, `the budget total of 2026`.
    public let total: String
    /// The id of the event whose amount took the total past the cap.
    public let event: String
    public let cause: AmountOutOfRange

    public init(total: String, event: String, cause: AmountOutOfRange) {
        self.total = total
        self.event = event
        self.cause = cause
    }

    public var description: String {
        "\(total) cannot be computed after event \(event): \(cause)"
    }
}
