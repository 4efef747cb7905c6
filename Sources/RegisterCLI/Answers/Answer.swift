import EventStore

/// What a query computes, as a value: rendered once per output format, and cached as its JSON.
///
/// `json` is exactly the object `--json` prints; `init(json:)` reads that object back, so an
/// answer from the cache is the same value a fresh computation gives.
protocol Answer: Equatable, Sendable {
    /// The moment the answer is about.
    var moment: QueryMoment { get }
    var json: JSONValue { get }
    init(json: JSONValue) throws(AnswerDecodingError)
}
