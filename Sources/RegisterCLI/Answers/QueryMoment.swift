import EventStore

/// The moment a query is about: `--on` (the date the answer is for) and `--known-on` (as the
/// register stood then; nil for now).
struct QueryMoment: Equatable, Sendable {
    let on: CalendarDate
    let knownOn: RecordedInstant?

    /// The `on` and `knownOn` keys every JSON answer carries.
    var jsonFields: [String: JSONValue] {
        ["on": .string(on.iso), "knownOn": knownOn.map { .string($0.iso) } ?? .null]
    }

    init(on: CalendarDate, knownOn: RecordedInstant?) {
        self.on = on
        self.knownOn = knownOn
    }

    init(_ reader: AnswerJSONReader) throws(AnswerDecodingError) {
        on = try reader.date("on")
        knownOn = try reader.optionalInstant("knownOn")
    }

    /// "as recorded by …" for human output; `spelling` is `--known-on` as the user wrote it.
    func knownOnLine(spelledAs spelling: String?) -> String? {
        knownOn.map { "as recorded by \($0.iso) (--known-on \(spelling ?? ""))" }
    }
}
