extension EventEnvelope {
    /// The keys of a stored envelope; anything else in an event file is damage.
    static let keys: Set<String> = [
        "sequence", "id", "type", "schemaVersion", "effectiveDate", "recordedAt",
        "actor", "source", "payload", "previousHash",
    ]

    /// The canonical JSON form written to disk (see `JSONWriter`).
    public var json: JSONValue {
        .object([
            "sequence": JSONValue(sequence),
            "id": .string(id),
            "type": .string(type),
            "schemaVersion": JSONValue(schemaVersion),
            "effectiveDate": .string(effectiveDate.iso),
            "recordedAt": .string(recordedAt.iso),
            "actor": .string(actor),
            "source": source.json,
            "payload": payload,
            "previousHash": .string(previousHash.hex),
        ])
    }

    /// The exact bytes of the event file.
    public var fileBytes: [UInt8] { JSONWriter.pretty(json) }

    /// Reads an envelope from a stored file's JSON; the error text says which field is wrong.
    public init(stored value: JSONValue) throws(EnvelopeDecodingError) {
        guard let object = value.object else { throw EnvelopeDecodingError("the file is not a JSON object") }
        // Every key is required: an object with as many keys as there are, all present, has
        // none other (the common case, decided without making a set of its keys).
        let onlyKnown = object.count == EventEnvelope.keys.count && EventEnvelope.keys.allSatisfy { object[$0] != nil }
        if !onlyKnown, let extra = object.keys.filter({ !EventEnvelope.keys.contains($0) }).sorted().first {
            throw EnvelopeDecodingError("unknown field '\(extra)'")
        }
        func field(_ key: String) throws(EnvelopeDecodingError) -> JSONValue {
            guard let v = object[key] else { throw EnvelopeDecodingError("missing field '\(key)'") }
            return v
        }
        func text(_ key: String) throws(EnvelopeDecodingError) -> String {
            let value = try field(key)
            guard let s = value.string else { throw EnvelopeDecodingError("field '\(key)' is not a string") }
            return s
        }
        func int(_ key: String) throws(EnvelopeDecodingError) -> Int {
            let value = try field(key)
            guard let n = value.integer, let i = Int(exactly: n) else {
                throw EnvelopeDecodingError("field '\(key)' is not a whole number")
            }
            return i
        }
        let sourceValue = try field("source")
        guard let document = sourceValue["document"]?.string else {
            throw EnvelopeDecodingError("field 'source.document' is not a string")
        }
        let zaak = sourceValue["zaaknummer"]
        guard zaak == nil || zaak == .null || zaak?.string != nil else {
            throw EnvelopeDecodingError("field 'source.zaaknummer' is not a string or null")
        }
        let effective: CalendarDate
        let recorded: RecordedInstant
        let effectiveText = try text("effectiveDate")
        do { effective = try CalendarDate(iso: effectiveText) } catch {
            throw EnvelopeDecodingError("field 'effectiveDate': \(error)")
        }
        let recordedText = try text("recordedAt")
        do { recorded = try RecordedInstant(iso: recordedText) } catch {
            throw EnvelopeDecodingError("field 'recordedAt': \(error)")
        }
        guard let previous = SHA256Digest(hex: try text("previousHash")) else {
            throw EnvelopeDecodingError("field 'previousHash' is not 64 lower-case hex digits, the one form a hash is written in")
        }
        let payload = try field("payload")
        guard payload.object != nil else { throw EnvelopeDecodingError("field 'payload' is not an object") }
        self.init(sequence: try int("sequence"), id: try text("id"), type: try text("type"),
                  schemaVersion: try int("schemaVersion"), effectiveDate: effective, recordedAt: recorded,
                  actor: try text("actor"), source: EventSource(document: document, zaaknummer: zaak?.string),
                  payload: payload, previousHash: previous)
    }
}

/// Why a stored file is not an event envelope.
public struct EnvelopeDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
