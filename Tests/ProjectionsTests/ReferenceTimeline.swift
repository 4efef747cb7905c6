import EventStore
@testable import Projections

/// The timeline as it was before it was made O(N log N), kept verbatim (it scans every record
/// per amendment and copies the reserve state per event) as the reference `Timeline` must match.
enum ReferenceTimeline {
    /// Builds the timeline. Retracted events and corrections are included and marked; the
    /// before → after values follow the events that count.
    static func entries(subject: Subject, records: [ResolvedRecord]) throws -> [Timeline.Entry] {
        let touching = records.filter { record in
            record.event.subjects.contains(subject) || record.original.event.subjects.contains(subject)
                || ReferenceTimeline.isAmendment(record, ofAnyIn: records, touching: subject)
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
            entries.append(Timeline.Entry(
                sequence: record.sequence, id: record.id, type: record.original.type, effectiveDate: record.effectiveDate,
                recordedAt: record.original.recordedAt, summary: EventSummary.describe(record.event), changes: changes,
                decision: record.event.authorisingDecision, source: record.original.source, standing: record.standing,
                assumptions: record.original.assumptions))
        }
        return entries
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
