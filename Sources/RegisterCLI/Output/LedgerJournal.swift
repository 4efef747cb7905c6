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
///
/// Ids become account names through `accountComponent`, so any stored id (one with two spaces,
/// a tab, `;`, `:`, brackets, `@`, `*` or `!`, from a history that did not come through
/// `append`) gives a journal both tools parse, and different ids stay different accounts.
/// Texts in comments are written with their control characters escaped (`commentText`), so a
/// line break in a source document's name cannot end the comment and start a posting.
struct LedgerJournal {
    private var budgets: [Int: [ProgrammeID: Cents]] = [:]

    /// The event types a journal is made from: the ones with a transaction, and their amendments.
    static let reads: Set<EventType> = [.reserveAddition, .reserveWithdrawal, .budgetSet, .correction, .retraction]

    static func header(events: Int, head: String) -> String {
        "; register export --format ledger: \(events) events, head \(head)\n; amounts in EUR; dates are effective dates\n\n"
    }

    /// The transaction for one record, or nil when it moves no money.
    mutating func transaction(for record: ResolvedRecord) throws(TotalOutOfRange) -> String? {
        let date = record.effectiveDate.iso
        let meta = "    ; " + Self.commentText("event: \(record.id)  source: \(record.original.source.document)"
            + (record.event.authorisingDecision.map { "  decision: \($0)" } ?? ""))
        func amount(_ c: Cents) -> String { "EUR " + c.decimal }
        switch record.event {
        case let .reserveAddition(reserve, cents, _, _):
            let r = Self.accountComponent(reserve.rawValue)
            return "\(date) * Reserve \(r) addition\n\(meta)\n    Reserves:\(r)  \(amount(cents))\n    Equity:Council\n"
        case let .reserveWithdrawal(reserve, cents, _, _):
            let r = Self.accountComponent(reserve.rawValue)
            return "\(date) * Reserve \(r) withdrawal\n\(meta)\n    Spending:\(r)  \(amount(cents))\n    Reserves:\(r)\n"
        case let .budgetSet(year, lines, _):
            var postings: [String] = []
            for line in lines {
                let previous = budgets[year]?[line.programme] ?? .zero
                let delta: Cents
                do { delta = try line.amount - previous } catch {
                    throw TotalOutOfRange(total: "the change of programme \(line.programme) in the budget of \(year)", event: record.id, cause: error)
                }
                budgets[year, default: [:]][line.programme] = line.amount
                if delta != .zero { postings.append("    Budget:\(year):\(Self.accountComponent(line.programme.rawValue))  \(amount(delta))") }
            }
            guard !postings.isEmpty else { return nil }
            return "\(date) * Budget \(year)\n\(meta)\n" + postings.joined(separator: "\n") + "\n    Equity:Budget:\(year)\n"
        default:
            return nil
        }
    }

    /// One part of an account name (`Reserves:<this>`) for any id: letters (any script), digits,
    /// `-`, `_` and `.` as they are; every other character as `%` and the two hex digits of each of
    /// its UTF-8 bytes, `%` itself included (`a  b` is `a%20%20b`, `x;y` is `x%3By`). ledger and
    /// hledger end an account name at two spaces or a tab, read `;` as a comment, `:` as a sub-account,
    /// `(…)` and `[…]` as virtual postings, `@` as a price and a leading `*` or `!` as a status;
    /// none of those can occur. One id gives one component and two ids never give the same.
    static func accountComponent(_ id: String) -> String {
        guard !id.isEmpty else { return "%" }
        var out = ""
        for scalar in id.unicodeScalars {
            let p = scalar.properties
            if scalar == "-" || scalar == "_" || scalar == "." || p.generalCategory == .decimalNumber
                || (p.isAlphabetic && p.generalCategory != .nonspacingMark && p.generalCategory != .spacingMark
                    && p.generalCategory != .enclosingMark) {
                out.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 {
                    out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
                }
            }
        }
        return out
    }

    /// Text for a `;` comment: control characters, line and paragraph separators and bidi
    /// controls written out (`DisplayText.escaped`), so the comment stays on its line.
    static func commentText(_ text: String) -> String { DisplayText.escaped(text) }
}
