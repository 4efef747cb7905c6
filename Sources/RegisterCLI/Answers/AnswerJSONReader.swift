import EventStore
import Projections

/// Reads the fields of an answer's JSON object back into values, failing on a missing or mistyped field.
struct AnswerJSONReader {
    let object: [String: JSONValue]

    init(_ json: JSONValue) throws(AnswerDecodingError) {
        guard let object = json.object else { throw AnswerDecodingError(description: "expected an object, found \(json.kindDescription)") }
        self.object = object
    }

    func value(_ key: String) throws(AnswerDecodingError) -> JSONValue {
        guard let value = object[key] else { throw AnswerDecodingError(description: "missing '\(key)'") }
        return value
    }

    /// Whether `key` is present and null.
    func isNull(_ key: String) throws(AnswerDecodingError) -> Bool {
        try value(key).isNull
    }

    /// The value of `key`, or nil when it is null. (`JSONValue` is itself nil-literal convertible,
    /// so the absence is spelled `Optional.none`.)
    func optional(_ key: String) throws(AnswerDecodingError) -> JSONValue? {
        let found = try value(key)
        return found.isNull ? Optional.none : found
    }

    func string(_ key: String) throws(AnswerDecodingError) -> String {
        try Self.string(try value(key), key)
    }

    func optionalString(_ key: String) throws(AnswerDecodingError) -> String? {
        try isNull(key) ? nil : try string(key)
    }

    func bool(_ key: String) throws(AnswerDecodingError) -> Bool {
        guard let b = try value(key).bool else { throw mistyped(key, "true/false") }
        return b
    }

    func int(_ key: String) throws(AnswerDecodingError) -> Int {
        guard let n = try value(key).integer, let i = Int(exactly: n) else { throw mistyped(key, "a whole number") }
        return i
    }

    func optionalInt(_ key: String) throws(AnswerDecodingError) -> Int? {
        try isNull(key) ? nil : try int(key)
    }

    func cents(_ key: String) throws(AnswerDecodingError) -> Cents {
        guard let n = try value(key).integer else { throw mistyped(key, "whole cents") }
        return Cents(n)
    }

    func optionalCents(_ key: String) throws(AnswerDecodingError) -> Cents? {
        try isNull(key) ? nil : try cents(key)
    }

    func date(_ key: String) throws(AnswerDecodingError) -> CalendarDate {
        let text = try string(key)
        do { return try CalendarDate(iso: text) } catch { throw mistyped(key, "a date") }
    }

    func optionalDate(_ key: String) throws(AnswerDecodingError) -> CalendarDate? {
        try isNull(key) ? nil : try date(key)
    }

    func optionalInstant(_ key: String) throws(AnswerDecodingError) -> RecordedInstant? {
        guard let text = try optionalString(key) else { return nil }
        do { return try RecordedInstant(iso: text) } catch { throw mistyped(key, "a moment") }
    }

    /// A string naming one case of `E`.
    func enumeration<E: RawRepresentable>(_ key: String, as type: E.Type = E.self) throws(AnswerDecodingError) -> E where E.RawValue == String {
        guard let value = E(rawValue: try string(key)) else { throw mistyped(key, "one of the known \(E.self) values") }
        return value
    }

    /// An array whose elements are each read by `element`.
    func array<T>(_ key: String, _ element: (AnswerJSONReader) throws(AnswerDecodingError) -> T) throws(AnswerDecodingError) -> [T] {
        guard let values = try value(key).array else { throw mistyped(key, "an array") }
        var result: [T] = []
        for value in values { result.append(try element(try AnswerJSONReader(value))) }
        return result
    }

    func strings(_ key: String) throws(AnswerDecodingError) -> [String] {
        guard let values = try value(key).array else { throw mistyped(key, "an array") }
        var result: [String] = []
        for value in values { result.append(try Self.string(value, key)) }
        return result
    }

    private static func string(_ value: JSONValue, _ key: String) throws(AnswerDecodingError) -> String {
        guard let s = value.string else { throw AnswerDecodingError(description: "'\(key)' should be a string, found \(value.kindDescription)") }
        return s
    }

    private func mistyped(_ key: String, _ expected: String) -> AnswerDecodingError {
        AnswerDecodingError(description: "'\(key)' should be \(expected), found \(object[key]?.kindDescription ?? "nothing")")
    }
}
