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
    public init(subject: Subject, records: [ResolvedRecord]) {
        self.subject = subject
        let touching = records.filter { record in
            record.event.subjects.contains(subject) || record.original.event.subjects.contains(subject)
                || Timeline.isAmendment(record, ofAnyIn: records, touching: subject)
        }
        let ordered = touching.sorted { ($0.effectiveDate, $0.sequence) < ($1.effectiveDate, $1.sequence) }
        var reserve: ReserveState? = nil
        var entries: [Entry] = []
        for record in ordered {
            var changes: [Change] = []
            if record.counts, case .reserve(let number) = subject {
                if case .reserveEstablished(_, let name, let end, _) = record.event, reserve == nil {
                    reserve = ReserveState(reserve: number, name: name, establishedOn: record.effectiveDate, endDate: end)
                    changes.append(Change(field: "endDate", before: "-", after: end.iso))
                } else if var state = reserve {
                    let before = state
                    state.apply(record)
                    changes = Timeline.diff(before, state)
                    reserve = state
                }
            }
            entries.append(Entry(
                sequence: record.sequence, id: record.id, type: record.original.type, effectiveDate: record.effectiveDate,
                recordedAt: record.original.recordedAt, summary: EventSummary.describe(record.event), changes: changes,
                decision: record.event.authorisingDecision, source: record.original.source, standing: record.standing,
                assumptions: record.original.assumptions))
        }
        self.entries = entries
    }

    private static func isAmendment(_ record: ResolvedRecord, ofAnyIn records: [ResolvedRecord], touching subject: Subject) -> Bool {
        let target: String
        switch record.event {
        case .correction(let c): target = c.target
        case .retraction(let t, _): target = t
        default: return false
        }
        return records.contains { $0.id == target && ($0.original.event.subjects.contains(subject) || $0.event.subjects.contains(subject)) }
    }

    private static func diff(_ a: ReserveState, _ b: ReserveState) -> [Change] {
        var changes: [Change] = []
        if a.endDate != b.endDate { changes.append(Change(field: "endDate", before: a.endDate.iso, after: b.endDate.iso)) }
        if a.authorised != b.authorised { changes.append(Change(field: "authorised", before: a.authorised.dutch, after: b.authorised.dutch)) }
        if a.allocations != b.allocations {
            changes.append(Change(field: "allocated", before: "\(a.allocated.dutch) over \(a.allocations.count) project(s)",
                                  after: "\(b.allocated.dutch) over \(b.allocations.count) project(s)"))
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
