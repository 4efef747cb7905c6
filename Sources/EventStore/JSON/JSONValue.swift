/// A JSON document as a value, with numbers kept as their exact literal text.
///
/// Keeping the literal (not a `Double`) is what lets the register refuse `1.5` or
/// `1e400` as cents instead of silently rounding them. Object keys are unique; two keys
/// that are the same text in NFC and NFD count as the same key, as Swift `String` does.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// The number as written, for example `-12`, `0.5` or `1e3`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// A whole number that fits in `Int64`, written without fraction or exponent.
    public var integer: Int64? {
        guard case .number(let text) = self else { return nil }
        return Int64(text)
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var object: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var array: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// A short name of the kind of value, for error messages ("a string", "an object").
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "true/false"
        case .number(let n): return "the number \(n)"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Looks up a key of an object; nil for other kinds and for a missing key.
    public subscript(key: String) -> JSONValue? {
        object?[key]
    }

    public init(_ integer: Int64) { self = .number(String(integer)) }
    public init(_ integer: Int) { self = .number(String(integer)) }
    public init(_ string: String) { self = .string(string) }
    public init(_ string: String?) { self = string.map(JSONValue.string) ?? .null }
}
