/// One event as stored: the envelope fields the store controls, and a payload it does not read.
///
/// The store sets `sequence`, `recordedAt` and `previousHash`; the caller supplies the
/// rest through an `EventDraft`. The payload's meaning belongs to the `Projections`
/// module, keyed by `type` and `schemaVersion`.
public struct EventEnvelope: Hashable, Sendable {
    /// 1-based position in the history; gapless.
    public let sequence: Int
    /// Unique across the store; corrections and proofs refer to events by it.
    public let id: String
    /// A short lowercase slug such as `reserve-end-date-changed`.
    public let type: String
    /// The version of this type's payload shape; old versions are upcast when read.
    public let schemaVersion: Int
    /// The calendar date the change takes effect.
    public let effectiveDate: CalendarDate
    /// When the store recorded it (UTC).
    public let recordedAt: RecordedInstant
    /// Who appended it, for example `griffie:j.jansen`.
    public let actor: String
    public let source: EventSource
    /// A JSON object; its shape is defined by `type` and `schemaVersion`.
    public let payload: JSONValue
    /// SHA-256 of the previous event file's bytes; zeros for the first event.
    public let previousHash: SHA256Digest

    public init(sequence: Int, id: String, type: String, schemaVersion: Int, effectiveDate: CalendarDate,
                recordedAt: RecordedInstant, actor: String, source: EventSource, payload: JSONValue,
                previousHash: SHA256Digest) {
        self.sequence = sequence
        self.id = id
        self.type = type
        self.schemaVersion = schemaVersion
        self.effectiveDate = effectiveDate
        self.recordedAt = recordedAt
        self.actor = actor
        self.source = source
        self.payload = payload
        self.previousHash = previousHash
    }

    /// The file name this event must have: a pure function of sequence and type.
    public var fileName: String { EventFileName.make(sequence: sequence, type: type) }
}
