import EventStore

/// A bound on every total, kept in the index so that an append need not fold a subject's
/// history to know that no total can pass the cap.
///
/// Every total the register computes for a reserve or a year's budget (authorised, withdrawn,
/// balance, allocated, committed, what commitments may draw on, the budget total) is a signed
/// sum of amounts recorded for it, each at most once. So none can exceed the sum of the
/// magnitudes of all amounts ever recorded for the subject, and when that sum, with the new
/// event's, stays within `Cents.limit`, no total can pass the cap (`TotalsCheck` is needed
/// only when it does not). The index tallies each event's magnitude under
/// `magnitude:<subject>` (it keeps the sum, see `AppendPolicy.isTally`); a correction's amounts go under `magnitude:corrections`, which counts
/// for every subject (corrections are rare, and their target's subject is not known here).
extension DomainPolicy {
    /// How every magnitude key begins; written once, for the keys and for `isTally`.
    static let magnitudePrefix = "magnitude:"

    public static let correctionsMagnitudeKey = magnitudePrefix + "corrections"

    public static func magnitudeKey(_ subject: Subject) -> String { magnitudePrefix + subject.description }

    /// The magnitude keys are tallies: the index keeps their sums, not every value.
    public func isTally(_ key: String) -> Bool { key.hasPrefix(Self.magnitudePrefix) }

    /// The subjects whose totals an event's amounts enter: its reserves and budget years.
    public static func totalled(_ event: DomainEvent) -> [Subject] {
        event.subjects.filter {
            switch $0 {
            case .reserve, .budget: return true
            default: return false
            }
        }
    }

    /// The sum of the magnitudes of the amounts an event records; nil when even that sum passes
    /// what an `Int64` holds (the event then needs the full check).
    public static func magnitude(of event: DomainEvent) -> Int64? {
        var amounts: [Cents] = []
        switch event {
        case .reserveAddition(_, let a, _, _), .reserveWithdrawal(_, let a, _, _), .balanceActual(_, _, let a, _),
             .commitmentSettled(_, _, let a, _):
            amounts = [a]
        case .allocation(_, let lines, _), .reallocation(_, let lines, _): amounts = lines.map(\.amount)
        case .commitment(let c): amounts = [c.amount]
        case .balanceEstimate(_, _, let low, let high): amounts = [low, high]
        case .budgetSet(_, let lines, _): amounts = lines.map(\.amount)
        case .correction(let c):
            switch c.change {
            case .fields(let fields)?: return magnitude(ofAmountsIn: .object(fields))
            case .whole(let whole)?: return magnitude(ofAmountsIn: whole)
            case nil: return 0
            }
        default: return 0
        }
        var sum: Int64 = 0
        for amount in amounts {
            let (s, overflow) = sum.addingReportingOverflow(Int64(amount.value.magnitude))
            if overflow { return nil }
            sum = s
        }
        return sum
    }

    /// Every whole number under a key ending in `Cents`, anywhere in a payload.
    private static func magnitude(ofAmountsIn value: JSONValue) -> Int64? {
        var sum: Int64 = 0
        func visit(_ v: JSONValue, key: String?) -> Bool {
            switch v {
            case .object(let o): return o.allSatisfy { visit($0.value, key: $0.key) }
            case .array(let a): return a.allSatisfy { visit($0, key: key) }
            default:
                guard let key, key.hasSuffix("Cents"), let n = v.integer else { return true }
                let (s, overflow) = sum.addingReportingOverflow(Int64(n.magnitude))
                sum = s
                return !overflow
            }
        }
        return visit(value, key: nil) ? sum : nil
    }

    static func magnitudeKeys(of event: DomainEvent) -> [(key: String, value: String)] {
        guard let m = magnitude(of: event), m > 0 else {
            // An event whose own amounts overflow a sum was refused at append; keep the bound unusable.
            return magnitude(of: event) == nil ? totalled(event).map { (magnitudeKey($0), "overflow") } : []
        }
        if case .correction = event { return [(correctionsMagnitudeKey, String(m))] }
        return totalled(event).map { (magnitudeKey($0), String(m)) }
    }
}
