import EventStore

/// One line saying what an event records, in the register's human output.
public enum EventSummary {
    public static func describe(_ event: DomainEvent) -> String {
        switch event {
        case .decision(let d):
            let date = d.date.map { " on \($0)" } ?? " (date unknown)"
            return "decision \(d.id) \(d.status.phrase(d.body))\(date)" + (d.title.map { ": \($0)" } ?? "")
        case let .reserveEstablished(r, name, end, _):
            return "reserve \(r) established: \(name), end date \(end)"
        case let .reserveEndDateChanged(r, end, _):
            return "reserve \(r) end date set to \(end)"
        case let .reserveAddition(r, amount, _, _):
            return "addition of \(amount.dutch) to reserve \(r)"
        case let .reserveWithdrawal(r, amount, _, _):
            return "withdrawal of \(amount.dutch) from reserve \(r)"
        case let .allocation(r, lines, _):
            return "allocation in reserve \(r): \(lines.count) project(s), \(total(lines.map(\.amount)))"
        case let .reallocation(r, lines, _):
            return "reallocation in reserve \(r): \(lines.count) project(s), \(total(lines.map(\.amount)))"
        case .commitment(let c):
            let basis = c.basis == .exact ? "" : c.basis == .maximum ? "at most " : "about "
            return "commitment in reserve \(c.reserve): \(c.project) \(basis)\(c.amount.dutch)" + (c.year.map { " in \($0)" } ?? "")
        case let .commitmentSettled(r, commitment, spent, _):
            return "commitment \(commitment) in reserve \(r) settled: \(spent.dutch) spent"
        case let .commitmentReleased(r, commitment, reason, _):
            return "commitment \(commitment) in reserve \(r) released: \(reason)"
        case let .balanceEstimate(r, asOf, low, high):
            return "balance of reserve \(r) on \(asOf) estimated at \(low.dutch) to \(high.dutch)"
        case let .balanceActual(r, asOf, amount, _):
            return "balance of reserve \(r) on \(asOf) is \(amount.dutch) (actual)"
        case .contractAwarded(let a):
            return "contract \(a.contract) awarded to \(a.counterparty), \(a.start) to \(a.end)"
        case let .contractExtensionIntended(c, end, decideBy, body):
            return "\(body.rawValue) intends to extend contract \(c) to \(end)" + (decideBy.map { ", to be decided by \($0)" } ?? "")
        case let .contractExtended(c, end, _):
            return "contract \(c) extended to \(end)"
        case let .budgetSet(year, lines, _):
            return "budget \(year) set for \(lines.count) programme(s), \(total(lines.map(\.amount)))"
        case let .statedTotal(subject, amount):
            return "source states total of \(subject) as \(amount.dutch)"
        case .correction(let c):
            return "correction of event \(c.target): \(c.reason)"
        case let .retraction(target, reason):
            return "retraction of event \(target): \(reason)"
        case .sourceDocument(let d):
            return "source document \(d.document) has SHA-256 \(d.sha256)" + (d.address.map { ", at \($0)" } ?? "")
        }
    }

    /// The sum of one event's amounts, or "more than" the cap for a stored event whose amounts
    /// add up beyond it (`append` refuses those; a summary still describes it).
    private static func total(_ amounts: [Cents]) -> String {
        (try? amounts.sum())?.dutch ?? "more than \(Cents(Cents.limit).dutch)"
    }
}
