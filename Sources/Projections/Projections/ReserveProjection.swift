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
    /// Throws when a total of the reserve passes the cap (`TotalOutOfRange`).
    public static func project(_ reserve: ReserveNumber, on date: CalendarDate, records: [ResolvedRecord]) throws(TotalOutOfRange) -> Answer? {
        try project(reserve, on: date, inEffectOrder: records.inEffectOrder)
    }

    /// The same answer from records already in effect order that count (`inEffectOrder`),
    /// for example only those that touch the reserve: one pass, no sorting.
    static func project(_ reserve: ReserveNumber, on date: CalendarDate, inEffectOrder ordered: [ResolvedRecord]) throws(TotalOutOfRange) -> Answer? {
        guard let established = Self.establishment(of: reserve, in: ordered) else { return nil }
        guard established.effectiveDate <= date, case .reserveEstablished(_, let name, let endDate, _) = established.event else {
            return .notYetEstablished(establishedOn: established.effectiveDate)
        }
        var current = ReserveState(reserve: reserve, name: name, establishedOn: established.effectiveDate, endDate: endDate)
        for record in ordered {
            guard record.effectiveDate <= date else { break }
            try current.apply(record)
        }
        return .state(current)
    }

    /// Calls `body` with the reserve's state at the end of each of `days` (in ascending order) on
    /// which it is established: for each day what `project(_:on:records:)` gives, in one pass over
    /// the history instead of one fold per day. The state is lent, not kept: a caller that stored
    /// every day's state would make the fold copy the reserve's tables at every record.
    public static func forEachState(_ reserve: ReserveNumber, endingDays days: [CalendarDate], records: [ResolvedRecord],
                                    _ body: (CalendarDate, ReserveState) throws(TotalOutOfRange) -> Void) throws(TotalOutOfRange) {
        let ordered = records.inEffectOrder
        guard let established = Self.establishment(of: reserve, in: ordered),
              case .reserveEstablished(_, let name, let endDate, _) = established.event else { return }
        var current = ReserveState(reserve: reserve, name: name, establishedOn: established.effectiveDate, endDate: endDate)
        var next = ordered.startIndex
        for day in days where day >= established.effectiveDate {
            while next < ordered.endIndex, ordered[next].effectiveDate <= day {
                try current.apply(ordered[next])
                next += 1
            }
            try body(day, current)
        }
    }

    /// The reserve's establishment: the one recorded first (the one append accepted), whatever
    /// the dates; a later one changes nothing (`ReserveState.apply`), and the audit says so.
    static func establishment(of reserve: ReserveNumber, in records: some Sequence<ResolvedRecord>) -> ResolvedRecord? {
        records.filter { establishes(reserve, $0) }.min { $0.sequence < $1.sequence }
    }

    static func establishes(_ reserve: ReserveNumber, _ record: ResolvedRecord) -> Bool {
        if case .reserveEstablished(let r, _, _, _) = record.event { return r == reserve }
        return false
    }

    /// Every reserve the records establish, by number.
    public static func reserves(in records: [ResolvedRecord]) -> [ReserveNumber: String] {
        reserves(inEffectOrder: records.inEffectOrder)
    }

    static func reserves(inEffectOrder ordered: [ResolvedRecord]) -> [ReserveNumber: String] {
        // Each by its establishment recorded first, whatever the dates.
        var result: [ReserveNumber: String] = [:]
        var at: [ReserveNumber: Int] = [:]
        for record in ordered {
            if case .reserveEstablished(let r, let name, _, _) = record.event, at[r].map({ record.sequence < $0 }) ?? true {
                at[r] = record.sequence
                result[r] = name
            }
        }
        return result
    }
}
