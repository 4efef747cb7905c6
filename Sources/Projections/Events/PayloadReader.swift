import EventStore

/// Reads typed fields out of a payload object; every failure names the field path.
///
/// Unknown fields are refused when `finish()` is called, so a typo such as `endDtae`
/// is an error, not a silently ignored value.
struct PayloadReader {
    private let object: [String: JSONValue]
    private let prefix: String
    /// The keys asked for that the object holds, each once (a payload has a handful of fields,
    /// so a list compares fewer bytes than a set hashes).
    private var asked: [String] = []
    /// Whether the text and name rules of a new event apply (`DecodingRules`).
    let rules: DecodingRules

    init(_ value: JSONValue, prefix: String = "payload", rules: DecodingRules) throws(DomainError) {
        guard let object = value.object else {
            throw .invalidField(field: prefix, problem: "is \(value.kindDescription)", expected: "an object")
        }
        self.object = object
        self.prefix = prefix
        self.rules = rules
    }

    private func path(_ key: String) -> String { "\(prefix).\(key)" }

    mutating func raw(_ key: String) -> JSONValue? {
        guard let v = object[key] else { return nil }
        if !asked.contains(key) { asked.append(key) }
        if case .null = v { return nil }
        return v
    }

    mutating func string(_ key: String, maxLength: Int = 300) throws(DomainError) -> String {
        guard let value = try optionalString(key, maxLength: maxLength) else {
            throw .invalidField(field: path(key), problem: "missing", expected: "a text")
        }
        return value
    }

    mutating func optionalString(_ key: String, maxLength: Int = 300) throws(DomainError) -> String? {
        guard let v = raw(key) else { return nil }
        guard let s = v.string else { throw .invalidField(field: path(key), problem: "is \(v.kindDescription)", expected: "a text") }
        guard !s.isBlank else { throw .invalidField(field: path(key), problem: "is empty", expected: "a non-empty text") }
        // A text has at least as many UTF-8 bytes as scalars: most are decided without counting.
        guard s.utf8.count <= maxLength || s.unicodeScalars.count <= maxLength else {
            throw .invalidField(field: path(key), problem: "is \(s.unicodeScalars.count) characters long", expected: "at most \(maxLength) characters")
        }
        if rules == .append, let (problem, expected) = TextPolicy.problem(in: s, maxLength: maxLength) {
            throw .invalidField(field: path(key), problem: problem, expected: expected)
        }
        return s
    }

    /// An identifier: a name (`name(_:)`) without path separators, `:` or `..`.
    mutating func identifier(_ key: String) throws(DomainError) -> String {
        guard let value = try optionalIdentifier(key) else {
            throw .invalidField(field: path(key), problem: "missing", expected: "an identifier")
        }
        return value
    }

    mutating func optionalIdentifier(_ key: String) throws(DomainError) -> String? {
        guard let s = try optionalString(key, maxLength: 100) else { return nil }
        if Self.holdsPathCharacters(s) || s.startsWithSpace || s.endsWithSpace {
            throw .invalidField(field: path(key), problem: "'\(s)' contains '/', '\\', ':', '..' or surrounding spaces",
                                expected: "an identifier such as 404 or dordrecht-sociaal")
        }
        if rules == .append, let (problem, expected) = IdentifierRules.problem(in: s) {
            throw .invalidField(field: path(key), problem: "'\(s)' \(problem)", expected: expected)
        }
        return s
    }

    /// Whether an identifier holds '/', '\\', ':' or '..' (read byte by byte: this runs for every
    /// identifier of every event read).
    static func holdsPathCharacters(_ s: String) -> Bool {
        var previousWasDot = false
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: ":"): return true
            case UInt8(ascii: "."):
                if previousWasDot { return true }
                previousWasDot = true
            default: previousWasDot = false
            }
        }
        return false
    }

    /// A name that identifies something but is not an id (a project): a text without white space
    /// at either end, invisible characters or double spaces (`IdentifierRules`).
    mutating func name(_ key: String, maxLength: Int) throws(DomainError) -> String {
        let s = try string(key, maxLength: maxLength)
        guard rules == .append else { return s }
        if s.startsWithSpace || s.endsWithSpace {
            throw .invalidField(field: path(key), problem: "'\(s)' has white space at its start or end", expected: "the name without it")
        }
        if let (problem, expected) = IdentifierRules.problem(in: s) {
            throw .invalidField(field: path(key), problem: "'\(s)' \(problem)", expected: expected)
        }
        return s
    }

    mutating func date(_ key: String) throws(DomainError) -> CalendarDate {
        guard let d = try optionalDate(key) else {
            throw .invalidField(field: path(key), problem: "missing", expected: "a date as YYYY-MM-DD")
        }
        return d
    }

    mutating func optionalDate(_ key: String) throws(DomainError) -> CalendarDate? {
        guard let v = raw(key) else { return nil }
        guard let s = v.string else { throw .invalidField(field: path(key), problem: "is \(v.kindDescription)", expected: "a date as YYYY-MM-DD") }
        do { return try CalendarDate(iso: s) } catch {
            throw .invalidField(field: path(key), problem: error.description, expected: "a real date as YYYY-MM-DD")
        }
    }

    /// Whole cents, from 0 (or 1 when `positive`) up to `Cents.limit`.
    mutating func cents(_ key: String, positive: Bool) throws(DomainError) -> Cents {
        guard let v = raw(key) else {
            throw .invalidField(field: path(key), problem: "missing", expected: "a whole number of cents")
        }
        return try Self.cents(v, path: path(key), positive: positive)
    }

    static func cents(_ v: JSONValue, path: String, positive: Bool) throws(DomainError) -> Cents {
        let expected = positive ? "a whole number of cents above 0 (EUR 12,50 is 1250)" : "a whole number of cents, 0 or more (EUR 12,50 is 1250)"
        guard case .number(let literal) = v else {
            throw .invalidField(field: path, problem: "is \(v.kindDescription)", expected: expected)
        }
        guard let n = Int64(literal) else {
            let problem = literal.contains(".") || literal.contains("e") || literal.contains("E")
                ? "\(literal) is not a whole number of cents" : "\(literal) is out of range"
            throw .invalidField(field: path, problem: problem, expected: expected)
        }
        guard n >= (positive ? 1 : 0) else { throw .invalidField(field: path, problem: "\(n) is too small", expected: expected) }
        guard n <= Cents.limit else { throw .invalidField(field: path, problem: "\(n) is above the limit of \(Cents.limit) cents", expected: expected) }
        return Cents(n)
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) throws(DomainError) -> Int {
        guard let i = try optionalInteger(key, in: range) else {
            throw .invalidField(field: path(key), problem: "missing", expected: "a whole number \(range.lowerBound)-\(range.upperBound)")
        }
        return i
    }

    mutating func optionalInteger(_ key: String, in range: ClosedRange<Int>) throws(DomainError) -> Int? {
        guard let v = raw(key) else { return nil }
        guard let n = v.integer, let i = Int(exactly: n), range.contains(i) else {
            throw .invalidField(field: path(key), problem: "is \(v.kindDescription)", expected: "a whole number \(range.lowerBound)-\(range.upperBound)")
        }
        return i
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws(DomainError) -> T where T.RawValue == String {
        let s = try string(key)
        guard let value = T(rawValue: s) else {
            throw .invalidField(field: path(key), problem: "'\(s)' is not known",
                                expected: "one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    mutating func array(_ key: String) throws(DomainError) -> [JSONValue] {
        guard let v = raw(key) else { throw .invalidField(field: path(key), problem: "missing", expected: "an array") }
        guard let a = v.array else { throw .invalidField(field: path(key), problem: "is \(v.kindDescription)", expected: "an array") }
        return a
    }

    /// Free-text notes on any event: assumptions and remarks are kept, not interpreted.
    mutating func skipNotes() throws(DomainError) {
        _ = try optionalString("note", maxLength: TextPolicy.maximumLength)
        if let v = raw("assumptions") {
            guard let items = v.array, items.allSatisfy({ $0.string != nil }) else {
                throw .invalidField(field: path("assumptions"), problem: "is \(v.kindDescription)", expected: "an array of texts")
            }
            for (i, item) in items.enumerated() where rules == .append {
                let text = item.string ?? ""
                guard !text.isBlank else {
                    throw .invalidField(field: path("assumptions") + "[\(i)]", problem: "is empty", expected: "a non-empty text")
                }
                if let (problem, expected) = TextPolicy.problem(in: text) {
                    throw .invalidField(field: path("assumptions") + "[\(i)]", problem: problem, expected: expected)
                }
            }
        }
    }

    /// Refuses any field that no reader asked for.
    func finish() throws(DomainError) {
        guard asked.count < object.count else { return }
        if let extra = object.keys.filter({ !asked.contains($0) }).sorted().first {
            throw .invalidField(field: path(extra), problem: "unknown field", expected: "only the fields of this event type (see README)")
        }
    }
}

/// How strictly a payload is read.
public enum DecodingRules: Sendable {
    /// A stored event, as it is: its texts may hold what `append` refuses today (controls, bidi
    /// characters, invisible characters in names), because a history can arrive without `append`
    /// (a git clone) or from before a rule existed. It is read, and every human output escapes
    /// such characters; the shape, types, dates, amounts and lengths are still checked.
    case stored
    /// A new event (an append, a pushed event): also `TextPolicy` for every text and
    /// `IdentifierRules` for every name.
    case append
}

extension String {
    /// Whether the text is empty or white space only (`trimmingSpaces` is empty); most texts are
    /// decided by their first byte (`startsWithSpace`).
    var isBlank: Bool { isEmpty || (startsWithSpace && trimmingSpaces.isEmpty) }

    /// Whether the first character is white space. A first byte that is ASCII and no space starts
    /// a character that is no space: the common case, decided without breaking the text into
    /// characters.
    var startsWithSpace: Bool {
        if let first = utf8.first, first < 0x80, !Self.isASCIISpace(first) { return false }
        return first?.isWhitespace == true
    }

    /// Whether the last character is white space. A last byte that is ASCII and no space is a
    /// character of its own (or ends one that a prepended mark starts, which is no space either).
    var endsWithSpace: Bool {
        if let last = utf8.last, last < 0x80, !Self.isASCIISpace(last) { return false }
        return last?.isWhitespace == true
    }

    private static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
