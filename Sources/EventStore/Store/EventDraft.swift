import Foundation

/// An event as a caller proposes it, before the store gives it a place in the history.
///
/// The store adds `sequence`, `recordedAt` and `previousHash`. Build one in code, or
/// from the append input JSON with `init(json:)`, which checks every field it knows.
public struct EventDraft: Hashable, Sendable {
    /// Nil asks the store to make one (a random UUID).
    public var id: String?
    public var type: String
    public var schemaVersion: Int
    public var effectiveDate: CalendarDate
    public var actor: String
    public var source: EventSource
    public var payload: JSONValue

    public init(id: String? = nil, type: String, schemaVersion: Int = 1, effectiveDate: CalendarDate,
                actor: String, source: EventSource, payload: JSONValue) {
        self.id = id
        self.type = type
        self.schemaVersion = schemaVersion
        self.effectiveDate = effectiveDate
        self.actor = actor
        self.source = source
        self.payload = payload
    }

    /// The fields an append input may have.
    static let inputKeys: Set<String> = ["id", "type", "schemaVersion", "effectiveDate", "actor", "source", "payload"]

    /// Reads the append input shape (see the README); the store fields may not be supplied.
    /// - Parameter defaultVersion: the `schemaVersion` of an input that gives none, by type (1
    ///   unless the caller knows the type's current version).
    public init(json value: JSONValue, defaultVersion: (String) -> Int = { _ in 1 }) throws(StoreError) {
        guard let object = value.object else {
            throw .invalidField(field: "(document)", problem: "the input is \(value.kindDescription)", expected: "a JSON object")
        }
        for key in object.keys.sorted() where !EventDraft.inputKeys.contains(key) {
            let hint = ["sequence", "recordedAt", "previousHash"].contains(key)
                ? "the store sets '\(key)' itself; leave it out"
                : "one of \(EventDraft.inputKeys.sorted().joined(separator: ", "))"
            throw .invalidField(field: key, problem: "unknown field", expected: hint)
        }
        func string(_ key: String, in object: [String: JSONValue], path: String) throws(StoreError) -> String {
            guard let raw = object[key] else {
                throw .invalidField(field: path, problem: "missing", expected: "a string")
            }
            guard let s = raw.string else {
                throw .invalidField(field: path, problem: "is \(raw.kindDescription)", expected: "a string")
            }
            return s
        }
        var id: String? = nil
        if let rawID = object["id"], rawID != .null {
            guard let s = rawID.string else {
                throw .invalidField(field: "id", problem: "is \(rawID.kindDescription)", expected: "a string")
            }
            id = s
        }
        let type = try string("type", in: object, path: "type")
        var version = defaultVersion(type)
        if let rawVersion = object["schemaVersion"] {
            guard let v = rawVersion.integer, let i = Int(exactly: v), i >= 1 else {
                throw .invalidField(field: "schemaVersion", problem: "is \(rawVersion.kindDescription)", expected: "a whole number from 1")
            }
            version = i
        }
        let dateText = try string("effectiveDate", in: object, path: "effectiveDate")
        let date: CalendarDate
        do { date = try CalendarDate(iso: dateText) } catch {
            throw .invalidField(field: "effectiveDate", problem: error.description, expected: "a real date as YYYY-MM-DD")
        }
        let actor = try string("actor", in: object, path: "actor")
        guard let sourceValue = object["source"] else {
            throw .invalidField(field: "source", problem: "missing", expected: "an object with 'document' and 'zaaknummer'")
        }
        guard let sourceObject = sourceValue.object else {
            throw .invalidField(field: "source", problem: "is \(sourceValue.kindDescription)", expected: "an object with 'document' and 'zaaknummer'")
        }
        if let extra = Set(sourceObject.keys).subtracting(["document", "zaaknummer"]).sorted().first {
            throw .invalidField(field: "source.\(extra)", problem: "unknown field", expected: "only 'document' and 'zaaknummer'")
        }
        let document = try string("document", in: sourceObject, path: "source.document")
        var zaak: String? = nil
        if let rawZaak = sourceObject["zaaknummer"], rawZaak != .null {
            guard let s = rawZaak.string else {
                throw .invalidField(field: "source.zaaknummer", problem: "is \(rawZaak.kindDescription)", expected: "a string or null")
            }
            zaak = s
        }
        guard let payload = object["payload"] else {
            throw .invalidField(field: "payload", problem: "missing", expected: "an object")
        }
        guard payload.object != nil else {
            throw .invalidField(field: "payload", problem: "is \(payload.kindDescription)", expected: "an object")
        }
        self.init(id: id, type: type, schemaVersion: version, effectiveDate: date, actor: actor,
                  source: EventSource(document: document, zaaknummer: zaak), payload: payload)
        try validateEnvelopeFields()
    }

    /// Store-level checks that need no domain knowledge: safe ids and names, and `TextPolicy` for
    /// every text, the payload's at any depth included.
    public func validateEnvelopeFields() throws(StoreError) {
        guard payload.object != nil else {
            throw .invalidField(field: "payload", problem: "is \(payload.kindDescription)", expected: "an object")
        }
        guard schemaVersion >= 1 else {
            throw .invalidField(field: "schemaVersion", problem: "is \(schemaVersion)", expected: "a whole number from 1")
        }
        guard (1...9999).contains(effectiveDate.year) else {
            throw .invalidField(field: "effectiveDate", problem: "year \(effectiveDate.year) is outside 1-9999", expected: "a date as YYYY-MM-DD")
        }
        if let id {
            guard Self.isSafeIdentifier(id, maxLength: 100) else {
                throw .invalidField(field: "id", problem: "'\(id)' is not a safe id",
                                    expected: "1-100 letters, digits, '.', '_' or '-', starting with a letter or digit")
            }
        }
        guard Self.isTypeSlug(type) else {
            throw .invalidField(field: "type", problem: "'\(type)' is not a type name",
                                expected: "lowercase letters, digits and '-', starting with a letter (at most 48)")
        }
        try Self.requireText(actor, field: "actor", maxLength: 200)
        try Self.requireText(source.document, field: "source.document", maxLength: 500)
        if let zaak = source.zaaknummer { try Self.requireText(zaak, field: "source.zaaknummer", maxLength: 100) }
        try TextPolicy.check(payload, path: "payload")
    }

    static func requireText(_ text: String, field: String, maxLength: Int) throws(StoreError) {
        if text.unicodeScalars.allSatisfy({ $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }) {
            throw .invalidField(field: field, problem: "is empty", expected: "a non-empty text")
        }
        if let (problem, expected) = TextPolicy.problem(in: text, maxLength: maxLength) {
            throw .invalidField(field: field, problem: problem, expected: expected)
        }
    }

    static func isSafeIdentifier(_ text: String, maxLength: Int) -> Bool {
        let u = Array(text.utf8)
        guard !u.isEmpty, u.count <= maxLength else { return false }
        func alnum(_ c: UInt8) -> Bool { (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c) }
        guard alnum(u[0]) else { return false }
        return u.allSatisfy { alnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    static func isTypeSlug(_ text: String) -> Bool {
        let u = Array(text.utf8)
        guard !u.isEmpty, u.count <= 48, (97...122).contains(u[0]) else { return false }
        return u.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "-") }
    }
}
