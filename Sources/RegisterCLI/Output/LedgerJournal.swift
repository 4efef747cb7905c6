import EventStore
import Projections

/// Writes the money of the history as a ledger-cli / hledger journal, so the same question
/// can be put to those tools (and so an accountant can load the register into them).
///
/// Reserves are accounts `Reserves:<number>`, balanced against `Equity:Council` (additions)
/// and `Spending:<number>` (withdrawals); a year's programme budgets are accounts
/// `Budget:<year>:<programme>` against `Equity:Budget:<year>`, with a later `budget-set`
/// posting only the difference. Amounts are `EUR` with two decimals. Only what counts now is
/// exported (corrections applied, retractions left out); earmarks, commitments, estimates and
/// dates have no place in a journal and are left to `register`.
struct LedgerJournal {
    private var budgets: [Int: [ProgrammeID: Cents]] = [:]

    /// The event types a journal is made from: the ones with a transaction, and their amendments.
    static let reads: Set<EventType> = [.reserveAddition, .reserveWithdrawal, .budgetSet, .correction, .retraction]

    static func header(events: Int, head: String) -> String {
        "; register export --format ledger: \(events) events, head \(head)\n; amounts in EUR; dates are effective dates\n\n"
    }

    /// The transaction for one record, or nil when it moves no money.
    mutating func transaction(for record: ResolvedRecord) -> String? {
        let date = record.effectiveDate.iso
        let meta = "    ; event: \(record.id)  source: \(record.original.source.document)"
            + (record.event.authorisingDecision.map { "  decision: \($0)" } ?? "")
        func amount(_ c: Cents) -> String { "EUR " + c.decimal }
        switch record.event {
        case let .reserveAddition(reserve, cents, _, _):
            return "\(date) * Reserve \(reserve) addition\n\(meta)\n    Reserves:\(reserve)  \(amount(cents))\n    Equity:Council\n"
        case let .reserveWithdrawal(reserve, cents, _, _):
            return "\(date) * Reserve \(reserve) withdrawal\n\(meta)\n    Spending:\(reserve)  \(amount(cents))\n    Reserves:\(reserve)\n"
        case let .budgetSet(year, lines, _):
            var postings: [String] = []
            for line in lines {
                let previous = budgets[year]?[line.programme] ?? .zero
                let delta = line.amount - previous
                budgets[year, default: [:]][line.programme] = line.amount
                if delta != .zero { postings.append("    Budget:\(year):\(line.programme)  \(amount(delta))") }
            }
            guard !postings.isEmpty else { return nil }
            return "\(date) * Budget \(year)\n\(meta)\n" + postings.joined(separator: "\n") + "\n    Equity:Budget:\(year)\n"
        default:
            return nil
        }
    }
}
