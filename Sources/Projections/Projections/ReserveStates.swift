import EventStore

/// Every reserve's state, folded one record at a time in effect order: what a reader that walks
/// the whole history once (the ledger journal) needs, with the same fold as `ReserveProjection`.
///
/// A reserve gets a state at its first `reserve-established`; records about it from before then
/// are applied at that moment, as `ReserveProjection` applies them once the reserve exists. So the
/// state after a record is the answer of `register reserve R --on` that record's effective date
/// (for the last record of that date), except that before the establishment there is no state.
public struct ReserveStates: Sendable {
    public private(set) var states: [ReserveNumber: ReserveState] = [:]
    private var early: [ReserveNumber: [ResolvedRecord]] = [:]

    public init() {}

    /// Applies one record; returns the reserves whose state it touched (empty for any other record).
    /// Throws when a total of a reserve passes the cap, as the projection does.
    public mutating func apply(_ record: ResolvedRecord) throws(TotalOutOfRange) -> [ReserveNumber] {
        var touched: [ReserveNumber] = []
        for case .reserve(let reserve) in record.event.subjects {
            if states[reserve] != nil {
                // In place: a copy taken out of the dictionary would copy the state's tables at every record.
                try states[reserve]!.apply(record)
            } else if case .reserveEstablished(let r, let name, let endDate, _) = record.event, r == reserve {
                var state = ReserveState(reserve: reserve, name: name, establishedOn: record.effectiveDate, endDate: endDate)
                for earlier in early.removeValue(forKey: reserve) ?? [] { try state.apply(earlier) }
                try state.apply(record)
                states[reserve] = state
            } else {
                early[reserve, default: []].append(record)
                continue
            }
            touched.append(reserve)
        }
        return touched
    }
}
