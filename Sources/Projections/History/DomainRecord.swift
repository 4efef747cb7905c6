import EventStore

/// One stored event with its domain meaning: the envelope facts and the decoded event.
public final class DomainRecord: Sendable {
    public let sequence: Int
    public let id: String
    public let type: EventType
    public let effectiveDate: CalendarDate
    public let recordedAt: RecordedInstant
    public let actor: String
    public let source: EventSource
    public let event: DomainEvent
    /// Assumptions the recorder wrote down (a blank date, an estimate taken as a date).
    public let assumptions: [String]
    public let note: String?

    /// Decodes a stored envelope (`rules`: see `DecodingRules`); throws what a clerk should fix.
    public init(envelope: EventEnvelope, rules: DecodingRules = .stored) throws(DomainError) {
        guard let type = EventType(rawValue: envelope.type) else { throw .unknownType(envelope.type) }
        self.sequence = envelope.sequence
        self.id = envelope.id
        self.type = type
        self.effectiveDate = envelope.effectiveDate
        self.recordedAt = envelope.recordedAt
        self.actor = envelope.actor
        self.source = envelope.source
        self.event = try DomainEvent(envelope: envelope, rules: rules)
        self.assumptions = envelope.payload["assumptions"]?.array?.compactMap(\.string) ?? []
        self.note = envelope.payload["note"]?.string
    }

    init(copying other: DomainRecord, effectiveDate: CalendarDate, event: DomainEvent) {
        self.sequence = other.sequence
        self.id = other.id
        self.type = other.type
        self.effectiveDate = effectiveDate
        self.recordedAt = other.recordedAt
        self.actor = other.actor
        self.source = other.source
        self.event = event
        self.assumptions = other.assumptions
        self.note = other.note
    }
}
