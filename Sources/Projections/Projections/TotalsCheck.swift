import EventStore

/// Whether a new event keeps every total within the cap (`Cents.limit`): the part of the append
/// rules that needs the history of what the event touches, not only the names it defines.
///
/// Each amount is capped on its own, but many capped amounts add up past any limit (and past
/// what an `Int64` holds). So the totals of every reserve and budget the candidate touches (its
/// amendment target's too, for a correction or retraction) are folded with the candidate in the
/// history, in effect order: each fold checks every total after every event (reserve authorised,
/// withdrawn, balance, allocated, committed; a year's budget total), so no answer on any date
/// can pass the cap. Answers known before the candidate was recorded do not change by it.
public enum TotalsCheck {
    /// Whether `event` can change a total at all: money and balances, budgets, and amendments
    /// (which may change those). Other events need no check.
    public static func concerns(_ event: DomainEvent) -> Bool {
        switch event {
        case .reserveAddition, .reserveWithdrawal, .allocation, .reallocation, .commitment, .commitmentSettled, .balanceEstimate,
             .balanceActual, .budgetSet, .correction, .retraction:
            return true
        default:
            return false
        }
    }

    /// - Parameters:
    ///   - candidate: the new event, decoded.
    ///   - history: at least every stored event that touches what the candidate touches (with
    ///     their corrections and retractions); more does no harm.
    public static func check(_ candidate: DomainRecord, in history: History) throws(TotalOutOfRange) {
        var combined = history
        combined.append(candidate)
        let records = combined.resolved()
        var subjects = Set(candidate.event.subjects)
        let target: String?
        switch candidate.event {
        case .correction(let c): target = c.target
        case .retraction(let t, _): target = t
        default: target = nil
        }
        // Down a chain of corrections of corrections (or a retraction of one) to the event whose
        // amounts change: every subject on the way is checked.
        var next = target
        for _ in 0..<32 {
            guard let id = next, let amended = records.first(where: { $0.id == id }) else { break }
            subjects.formUnion(amended.original.event.subjects)
            subjects.formUnion(amended.event.subjects)
            switch amended.original.event {
            case .correction(let c): next = c.target
            case .retraction(let t, _): next = t
            default: next = nil
            }
        }
        let end = CalendarDate(daysSinceEpoch: 2_932_896) // 9999-12-31, the last day an event can take effect
        let ordered = records.inEffectOrder
        for subject in subjects.sorted() {
            switch subject {
            case .reserve(let reserve): _ = try ReserveProjection.project(reserve, on: end, inEffectOrder: ordered)
            case .budget(let year): _ = try BudgetProjection.project(year: year, on: end, records: records)
            default: break
            }
        }
    }
}
