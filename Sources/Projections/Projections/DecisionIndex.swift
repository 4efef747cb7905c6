import EventStore

/// What the register knows of each decision: its latest status, body, title and dates.
public struct DecisionIndex: Sendable {
    /// A decision as the latest event about it describes it.
    public struct Entry: Equatable, Sendable {
        public let id: DecisionID
        public var status: DecisionStatus
        public var body: DecisionBody
        public var title: String?
        /// The date it was taken (or rejected, withdrawn); nil when unknown.
        public var date: CalendarDate?
        /// The date it was proposed, when a proposal was recorded.
        public var proposedOn: CalendarDate?
        public var legalBasis: String?
        public var events: [String]

        mutating func update(with d: DecisionRecord, record: ResolvedRecord) {
            status = d.status
            if d.body != .unknown { body = d.body }
            title = d.title ?? title
            legalBasis = d.legalBasis ?? legalBasis
            if d.status == .proposed { proposedOn = d.date ?? record.effectiveDate } else { date = d.date }
            events.append(record.id)
        }
    }

    public private(set) var entries: [DecisionID: Entry] = [:]

    /// Builds the index from the records that count, in effect order.
    public init(records: [ResolvedRecord]) {
        self.init(inEffectOrder: records.inEffectOrder)
    }

    /// The same index from records already in effect order that count.
    init(inEffectOrder ordered: [ResolvedRecord]) {
        for record in ordered {
            guard case .decision(let d) = record.event else { continue }
            // Changed in place in the dictionary: a copy taken out would copy `events` on every event.
            entries[d.id, default: Entry(id: d.id, status: d.status, body: d.body, title: d.title, date: nil,
                                         proposedOn: nil, legalBasis: d.legalBasis, events: [])].update(with: d, record: record)
        }
    }

    public subscript(id: DecisionID) -> Entry? { entries[id] }
}
