import EventStore

/// The append rules for what a history can plausibly hold, apart from the reference checks in
/// `DomainPolicy.swift`. What can be judged from the event alone is refused here; what needs
/// the history (a date before the establishment, a balance below zero) is accepted and reported
/// by the audit (see docs/semantics.md, "Impossible and implausible histories").
extension DomainPolicy {
    /// The index key under which a commitment event names its reserve.
    static func commitmentKey(_ event: String) -> String { "commitment:" + event }

    /// The subject key under which the index lists the events that name `decision` as their
    /// authority, so the timeline of a decision reads the mutations it authorises. Apart from
    /// `decision:ID` (the decision's own events), so reading a reserve's decisions stays cheap.
    public static func authorisedBy(_ decision: DecisionID) -> String { "authorised-by:" + decision.rawValue }

    static func authorisation(of event: DomainEvent) -> [String] {
        event.authorisingDecision.map { [authorisedBy($0)] } ?? []
    }

    /// Refuses what contradicts itself: a reserve that ends before it is established, and a
    /// decision taken, rejected or withdrawn on a date after the day it is recorded.
    static func checkPlausible(_ record: DomainRecord) throws(DomainError) {
        switch record.event {
        case .reserveEstablished(let reserve, _, let end, _)
            where Plausibility.endsBeforeEstablishment(end, established: record.effectiveDate):
            throw .invalidField(field: "payload.endDate", problem: "reserve \(reserve) would end on \(end), before it is established on \(record.effectiveDate)",
                                expected: "an end date on or after the effective date")
        case .decision(let d) where d.status != .proposed:
            if let day = d.date, Plausibility.isDatedAfterRecording(day, recordedAt: record.recordedAt) {
                throw .invalidField(field: "payload.date", problem: "decision \(d.id) would be \(d.status.rawValue) on \(day), after the day it is recorded (\(record.recordedAt.utcDate))",
                                    expected: "the date the decision was taken, today or earlier; record a proposal for a decision still to come")
            }
        default:
            break
        }
    }

    /// A settlement or release must name a commitment event of the same reserve.
    static func requireCommitment(_ commitment: String, of reserve: ReserveNumber, lookup: EventLookup) throws(DomainError) {
        let stored: String?, type: String?
        do {
            stored = try lookup.value(forKey: commitmentKey(commitment))
            type = stored == nil ? try lookup.type(ofEvent: commitment) : nil
        } catch {
            throw .conflict("cannot read the store's index: \(error)")
        }
        guard let stored else {
            if let type {
                throw .invalidField(field: "payload.commitment", problem: "event \(commitment) is a \(type), not a commitment",
                                    expected: "the id of a commitment event")
            }
            throw .unknownReference(field: "payload.commitment", kind: "commitment", id: commitment)
        }
        guard ReserveNumber(stored) == reserve else {
            throw .invalidField(field: "payload.reserve", problem: "commitment \(commitment) is in reserve \(stored), not \(reserve)",
                                expected: "'\(stored)'")
        }
    }
}
