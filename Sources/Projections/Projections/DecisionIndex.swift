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
    }

    public private(set) var entries: [DecisionID: Entry] = [:]

    /// Builds the index from the records that count, in effect order.
    public init(records: [ResolvedRecord]) {
        for record in records.inEffectOrder {
            guard case .decision(let d) = record.event else { continue }
            var entry = entries[d.id] ?? Entry(id: d.id, status: d.status, body: d.body, title: d.title, date: nil,
                                               proposedOn: nil, legalBasis: d.legalBasis, events: [])
            entry.status = d.status
            if d.body != .unknown { entry.body = d.body }
            entry.title = d.title ?? entry.title
            entry.legalBasis = d.legalBasis ?? entry.legalBasis
            if d.status == .proposed { entry.proposedOn = d.date ?? record.effectiveDate } else { entry.date = d.date }
            entry.events.append(record.id)
            entries[d.id] = entry
        }
    }

    public subscript(id: DecisionID) -> Entry? { entries[id] }
}
