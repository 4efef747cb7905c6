import EventStore

/// The state of one reserve on a date: a pure fold over the resolved history.
public enum ReserveProjection {
    /// What the register can say about a reserve on a date.
    public enum Answer: Equatable, Sendable {
        /// The reserve is established only later (on this date).
        case notYetEstablished(establishedOn: CalendarDate)
        case state(ReserveState)
    }

    /// Nil when the register holds no reserve with this number at all.
    public static func project(_ reserve: ReserveNumber, on date: CalendarDate, records: [ResolvedRecord]) -> Answer? {
        var state: ReserveState? = nil
        var firstEstablished: CalendarDate? = nil
        for record in records.inEffectOrder {
            guard case .reserveEstablished(let r, let name, let endDate, _) = record.event, r == reserve else { continue }
            firstEstablished = record.effectiveDate
            if record.effectiveDate <= date {
                state = ReserveState(reserve: reserve, name: name, establishedOn: record.effectiveDate, endDate: endDate)
            }
            break
        }
        guard let established = firstEstablished else { return nil }
        guard var current = state else { return .notYetEstablished(establishedOn: established) }
        for record in records.effective(on: date) { current.apply(record) }
        return .state(current)
    }

    /// Every reserve the records establish, by number.
    public static func reserves(in records: [ResolvedRecord]) -> [ReserveNumber: String] {
        var result: [ReserveNumber: String] = [:]
        for record in records.inEffectOrder {
            if case .reserveEstablished(let r, let name, _, _) = record.event, result[r] == nil { result[r] = name }
        }
        return result
    }
}
