import EventStore

/// Every event that touched one subject, in effect order, with what it changed.
public struct Timeline: Sendable {
    public let subject: Subject
    public let entries: [Entry]

    /// One event on the timeline.
    public struct Entry: Sendable {
        public let sequence: Int
        public let id: String
        public let type: EventType
        public let effectiveDate: CalendarDate
        public let recordedAt: RecordedInstant
        public let summary: String
        /// Field changes this event made to the subject: (field, before, after).
        public let changes: [Change]
        public let decision: DecisionID?
        public let source: EventSource
        public let standing: ResolvedRecord.Standing
        public let assumptions: [String]
    }

    /// A field's value before and after an event.
    public struct Change: Equatable, Sendable {
        public let field: String
        public let before: String
        public let after: String
    }

    /// Builds the timeline. Retracted events and corrections are included and marked; the
    /// before → after values follow the events that count.
    ///
    /// The timeline of a decision also lists the events that name it as their authority (the
    /// mutations it authorises).
    ///
    /// One pass over the records to pick out the subject's events and the amendments of them,
    /// then work and memory in the size of the subject's timeline, not of the history.
    /// Throws when a reserve's total passes the cap (`TotalOutOfRange`).
    public init(subject: Subject, records: [ResolvedRecord]) throws(TotalOutOfRange) {
        self.subject = subject
        func touches(_ record: ResolvedRecord) -> Bool {
            record.event.subjects.contains(subject) || record.original.event.subjects.contains(subject)
                || Timeline.authorises(subject, record.event) || Timeline.authorises(subject, record.original.event)
        }
        // The subject's events, then their amendments, the amendments of those, and so on: a
        // correction of a correction and a retraction of a correction are in the timeline too.
        var touchingIDs: Set<String> = []
        var amendmentsOf: [String: [String]] = [:]
        for record in records {
            if touches(record) { touchingIDs.insert(record.id) }
            if let target = Timeline.amendmentTarget(of: record) { amendmentsOf[target, default: []].append(record.id) }
        }
        var queue = Array(touchingIDs)
        while let id = queue.popLast() {
            for amendment in amendmentsOf[id] ?? [] where touchingIDs.insert(amendment).inserted { queue.append(amendment) }
        }
        let touching = records.filter { touchingIDs.contains($0.id) }
        let ordered = touching.sorted { ($0.effectiveDate, $0.sequence) < ($1.effectiveDate, $1.sequence) }
        var reserve: ReserveState? = nil
        var entries: [Entry] = []
        entries.reserveCapacity(ordered.count)
        for record in ordered {
            var changes: [Change] = []
            if record.counts, case .reserve(let number) = subject {
                if case .reserveEstablished(_, let name, let end, _) = record.event, reserve == nil {
                    reserve = ReserveState(reserve: number, name: name, establishedOn: record.effectiveDate, endDate: end)
                    changes.append(Change(field: "endDate", before: "-", after: end.iso))
                } else if reserve != nil {
                    // In place, comparing a few figures: a copy of the state would copy its growing arrays.
                    let before = Figures(reserve!)
                    let allocationsChanged = try reserve!.apply(record)
                    changes = Timeline.diff(before, Figures(reserve!), allocationsChanged: allocationsChanged)
                }
            }
            // A correction shows what it changed in its target, field by field.
            if case .correction(let c) = record.event {
                changes += record.changes.map { Change(field: "\(c.target) \($0.field)", before: $0.before, after: $0.after) }
            }
            // The row of a corrected event shows it as recorded, beside its own source; the
            // figures follow what counts now, and the correction's row says what changed.
            entries.append(Entry(
                sequence: record.sequence, id: record.id, type: record.original.type, effectiveDate: record.effectiveDate,
                recordedAt: record.original.recordedAt, summary: EventSummary.describe(record.original.event), changes: changes,
                decision: record.original.event.authorisingDecision, source: record.original.source, standing: record.standing,
                assumptions: record.original.assumptions))
        }
        self.entries = entries
    }

    /// Whether `subject` is the decision `event` names as its authority.
    static func authorises(_ subject: Subject, _ event: DomainEvent) -> Bool {
        guard case .decision(let decision) = subject else { return false }
        return event.authorisingDecision == decision
    }

    /// The event a correction or retraction amends.
    private static func amendmentTarget(of record: ResolvedRecord) -> String? {
        switch record.event {
        case .correction(let c): return c.target
        case .retraction(let t, _): return t
        default: return nil
        }
    }

    /// The parts of a reserve's state a timeline shows, cheap to take before and after an event.
    private struct Figures {
        let endDate: CalendarDate
        let authorised: Cents
        let allocated: Cents
        let projects: Int
        let committed: Cents
        let balance: Balance

        init(_ state: ReserveState) {
            endDate = state.endDate
            authorised = state.authorised
            allocated = state.allocated
            projects = state.allocations.count
            committed = state.committed
            balance = state.balance
        }
    }

    private static func diff(_ a: Figures, _ b: Figures, allocationsChanged: Bool) -> [Change] {
        var changes: [Change] = []
        if a.endDate != b.endDate { changes.append(Change(field: "endDate", before: a.endDate.iso, after: b.endDate.iso)) }
        if a.authorised != b.authorised { changes.append(Change(field: "authorised", before: a.authorised.dutch, after: b.authorised.dutch)) }
        if allocationsChanged {
            changes.append(Change(field: "allocated", before: "\(a.allocated.dutch) over \(a.projects) project(s)",
                                  after: "\(b.allocated.dutch) over \(b.projects) project(s)"))
        }
        if a.committed != b.committed { changes.append(Change(field: "committed", before: a.committed.dutch, after: b.committed.dutch)) }
        if a.balance != b.balance {
            changes.append(Change(field: "balance", before: describe(a.balance), after: describe(b.balance)))
        }
        return changes
    }

    static func describe(_ balance: Balance) -> String {
        switch balance {
        case .booked(let c): return "\(c.dutch) (booked)"
        case let .estimate(low, high, asOf): return "\(low.dutch) to \(high.dutch) (estimate for \(asOf))"
        case let .actual(c, asOf): return "\(c.dutch) (actual for \(asOf))"
        }
    }
}
