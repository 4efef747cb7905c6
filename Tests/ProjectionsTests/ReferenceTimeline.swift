import EventStore
@testable import Projections

/// The timeline as it was before it was made O(N log N) (it scans every record per amendment
/// and copies the reserve state per event), as the reference `Timeline` must match; since
/// then a decision's timeline also lists the events that name it as their authority, and
/// (issue #15) it follows amendment chains in full, shows a corrected event as recorded and a
/// correction's field changes.
enum ReferenceTimeline {
    /// Builds the timeline. Retracted events and corrections are included and marked; the
    /// before → after values follow the events that count.
    static func entries(subject: Subject, records: [ResolvedRecord]) throws -> [Timeline.Entry] {
        // The subject's events, then amendments of anything already in, until nothing is added
        // (a correction of a correction, a retraction of a correction).
        var touching = records.filter { record in touches(record, subject) }
        while true {
            let more = records.filter { record in
                !touching.contains { $0.id == record.id } && ReferenceTimeline.isAmendment(record, ofAnyIn: touching)
            }
            if more.isEmpty { break }
            touching += more
        }
        let ordered = touching.sorted { ($0.effectiveDate, $0.sequence) < ($1.effectiveDate, $1.sequence) }
        var reserve: ReserveState? = nil
        var entries: [Timeline.Entry] = []
        for record in ordered {
            var changes: [Timeline.Change] = []
            if record.counts, case .reserve(let number) = subject {
                if case .reserveEstablished(_, let name, let end, _) = record.event, reserve == nil {
                    reserve = ReserveState(reserve: number, name: name, establishedOn: record.effectiveDate, endDate: end)
                    changes.append(Timeline.Change(field: "endDate", before: "-", after: end.iso))
                } else if var state = reserve {
                    let before = state
                    try state.apply(record)
                    changes = ReferenceTimeline.diff(before, state)
                    reserve = state
                }
            }
            if case .correction(let c) = record.event {
                changes += record.changes.map { Timeline.Change(field: "\(c.target) \($0.field)", before: $0.before, after: $0.after) }
            }
            entries.append(Timeline.Entry(
                sequence: record.sequence, id: record.id, type: record.original.type, effectiveDate: record.effectiveDate,
                recordedAt: record.original.recordedAt, summary: EventSummary.describe(record.original.event), changes: changes,
                decision: record.original.event.authorisingDecision, source: record.original.source, standing: record.standing,
                assumptions: record.original.assumptions))
        }
        return entries
    }

    private static func isAmendment(_ record: ResolvedRecord, ofAnyIn records: [ResolvedRecord]) -> Bool {
        let target: String
        switch record.event {
        case .correction(let c): target = c.target
        case .retraction(let t, _): target = t
        default: return false
        }
        return records.contains { $0.id == target }
    }

    /// An event about the subject, or, for a decision, an event that names it as its authority.
    private static func touches(_ record: ResolvedRecord, _ subject: Subject) -> Bool {
        for event in [record.event, record.original.event] {
            if event.subjects.contains(subject) { return true }
            if case .decision(let d) = subject, event.authorisingDecision == d { return true }
        }
        return false
    }

    private static func diff(_ a: ReserveState, _ b: ReserveState) -> [Timeline.Change] {
        var changes: [Timeline.Change] = []
        if a.endDate != b.endDate { changes.append(Timeline.Change(field: "endDate", before: a.endDate.iso, after: b.endDate.iso)) }
        if a.authorised != b.authorised { changes.append(Timeline.Change(field: "authorised", before: a.authorised.dutch, after: b.authorised.dutch)) }
        if a.allocations != b.allocations {
            changes.append(Timeline.Change(field: "allocated", before: "\(a.allocated.dutch) over \(a.allocations.count) project(s)",
                                  after: "\(b.allocated.dutch) over \(b.allocations.count) project(s)"))
        }
        if a.committed != b.committed { changes.append(Timeline.Change(field: "committed", before: a.committed.dutch, after: b.committed.dutch)) }
        if a.balance != b.balance {
            changes.append(Timeline.Change(field: "balance", before: Timeline.describe(a.balance), after: Timeline.describe(b.balance)))
        }
        return changes
    }
}
