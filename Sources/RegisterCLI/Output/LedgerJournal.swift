import EventStore
import Projections

/// Writes the money of the history as a ledger-cli / hledger journal, so the same question
/// can be put to those tools (and so an accountant can load the register into them) and the
/// figures reconcile with `register reserve … --json` and `register budget … --json`.
///
/// The journal is made by the same fold as the answers (`ReserveStates`): after each record it
/// posts what changed in the reserve's state. The convention (docs/auditor-guide.md):
///
/// - `Reserves:<r>` is the balance the answer gives as its figure: the booked balance, an actual,
///   or the low end of an estimate. Additions post against `Equity:Council`, withdrawals against
///   `Spending:<r>`. A balance statement (a `balance-actual` or `balance-estimate`) posts the
///   difference to `Unbooked:<r>` (what the source's figure says was spent, or received, that
///   the register did not book), with a balance assertion `= EUR …` on `Reserves:<r>`.
/// - Virtual postings (in parentheses, which both tools leave out with `--real`):
///   `(Estimate-range:<r>)` the width of an estimate (high minus low: high = `Reserves` + this),
///   `(Allocated:<r>:<project>)` the earmarks, `(Committed:<r>:<project>)` the open commitments.
/// - Tags: `end-date:` on every transaction that sets a reserve's end date, `balance:` (estimate,
///   actual or booked) and `as-of:` on a statement, `event:`, `source:` and `decision:` on every one.
/// - Budgets: `Budget:<year>:<programme>` against `Equity:Budget:<year>`, dated in the year they
///   are for (the effective date, moved into that year when it lies outside it: a budget decided
///   on 2024-12-17 for 2026 is dated 2026-01-01) with the effective date as the secondary date
///   (`2026-01-01=2024-12-17`), so `bal --yearly` puts each budget in its year.
///
/// Only what counts now is exported (corrections applied, retractions left out). Amounts are
/// `EUR` with two decimals. Ids become account names through `accountComponent`, so any stored id
/// (one with two spaces, a tab, `;`, `:`, brackets, `@`, `*` or `!`, from a history that did not
/// come through `append`) gives a journal both tools parse, and different ids stay different
/// accounts. Texts in comments are written with their control characters escaped (`commentText`),
/// so a line break in a source document's name cannot end the comment and start a posting.
struct LedgerJournal {
    private var budgets: [Int: [ProgrammeID: Cents]] = [:]
    private var reserves = ReserveStates()

    /// The event types a journal is made from: the ones that change a reserve or a budget, and amendments.
    static let reads: Set<EventType> = [
        .reserveEstablished, .reserveEndDateChanged, .reserveAddition, .reserveWithdrawal, .allocation, .reallocation,
        .commitment, .commitmentSettled, .commitmentReleased, .balanceEstimate, .balanceActual, .budgetSet,
        .correction, .retraction,
    ]

    static func header(events: Int, head: String) -> String {
        """
        ; register export --format ledger: \(events) events, head \(head)
        ; amounts in EUR; dates are effective dates (budgets: in their year, effective date as date2)
        ; Reserves:R = the balance figure (booked, actual, or the low end of an estimate);
        ; (Estimate-range:R) = high minus low; (Allocated:R:P) earmarks; (Committed:R:P) open commitments

        commodity EUR 1000.00


        """
    }

    private static func amount(_ c: Cents) -> String { "EUR " + c.decimal }

    /// The transaction for one record, or nil when it changes nothing a journal shows.
    mutating func transaction(for record: ResolvedRecord) throws(TotalOutOfRange) -> String? {
        if case .budgetSet(let year, let lines, _) = record.event { return try budget(year: year, lines: lines, record: record) }
        // What the journal compares, taken before the record is applied: only the figures, never a
        // copy of the state (holding one would make the fold copy the reserve's tables at every record).
        let parts = Snapshot.Parts(record)
        let candidate = record.event.subjects.lazy.compactMap { if case .reserve(let r) = $0 { r } else { nil } }.first
        let old = candidate.flatMap { reserves.states[$0] }.map { Snapshot($0, parts) }
        let touched = try reserves.apply(record)
        guard let reserve = touched.first, let state = reserves.states[reserve] else { return nil }
        let after = Snapshot(state, parts)
        let r = Self.accountComponent(reserve.rawValue)
        var postings: [String] = []
        var tags: [String] = []

        let delta = try Self.difference(after.balance.low, old?.balance.low ?? .zero, "the balance of reserve \(reserve)", record)
        let isStatement: Bool
        switch record.event {
        case .balanceEstimate, .balanceActual: isStatement = true
        default: isStatement = false
        }
        if delta != .zero || isStatement {
            let assertion = isStatement ? " = \(Self.amount(after.balance.low))" : ""
            postings.append("    Reserves:\(r)  \(Self.amount(delta))\(assertion)")
            switch record.event {
            case .reserveWithdrawal: postings.append("    Spending:\(r)")
            case .balanceEstimate, .balanceActual: postings.append("    Unbooked:\(r)  \(Self.amount(try Self.difference(.zero, delta, "the balance of reserve \(reserve)", record)))")
            default: postings.append("    Equity:Council")
            }
        }
        if isStatement {
            tags.append("balance: \(after.balance.kind)")
            if let asOf = after.balance.asOf { tags.append("as-of: \(asOf.iso)") }
        }
        let oldRange = try Self.difference(old?.balance.high ?? .zero, old?.balance.low ?? .zero, "the estimate range of reserve \(reserve)", record)
        let newRange = try Self.difference(after.balance.high, after.balance.low, "the estimate range of reserve \(reserve)", record)
        let rangeDelta = try Self.difference(newRange, oldRange, "the estimate range of reserve \(reserve)", record)
        if rangeDelta != .zero { postings.append("    (Estimate-range:\(r))  \(Self.amount(rangeDelta))") }

        postings += try Self.changes(from: old?.allocations ?? [], to: after.allocations, account: "Allocated:\(r)",
                                     what: "the allocations of reserve \(reserve)", record)
        postings += try Self.changes(from: old?.openCommitments ?? [], to: after.openCommitments, account: "Committed:\(r)",
                                     what: "the commitments of reserve \(reserve)", record)
        if old?.endDate != after.endDate { tags.append("end-date: \(after.endDate.iso)") }
        guard !postings.isEmpty || !tags.isEmpty else { return nil }
        if postings.isEmpty { postings.append("    (Reserves:\(r))  EUR 0.00") }
        let title = "Reserve \(r) \(record.original.type.rawValue)"
        return "\(record.effectiveDate.iso) * \(title)\n" + meta(record, tags: tags) + postings.joined(separator: "\n") + "\n"
    }

    private func meta(_ record: ResolvedRecord, tags: [String]) -> String {
        var lines = ["event: \(record.id)", "source: \(record.original.source.document)"]
        if let decision = record.event.authorisingDecision { lines.append("decision: \(decision)") }
        return (lines + tags).map { "    ; " + Self.commentText($0) + "\n" }.joined()
    }

    private mutating func budget(year: Int, lines: [ProgrammeAmount], record: ResolvedRecord) throws(TotalOutOfRange) -> String? {
        var postings: [String] = []
        for line in lines {
            let previous = budgets[year]?[line.programme] ?? .zero
            let delta = try Self.difference(line.amount, previous, "the change of programme \(line.programme) in the budget of \(year)", record)
            budgets[year, default: [:]][line.programme] = line.amount
            if delta != .zero { postings.append("    Budget:\(year):\(Self.accountComponent(line.programme.rawValue))  \(Self.amount(delta))") }
        }
        guard !postings.isEmpty else { return nil }
        let effective = record.effectiveDate
        let date = Self.dateInYear(effective, year: year)
        let dates = date == effective.iso ? date : "\(date)=\(effective.iso)"
        return "\(dates) * Budget \(year)\n" + meta(record, tags: []) + postings.joined(separator: "\n") + "\n    Equity:Budget:\(year)\n"
    }

    /// The date a budget for `year` is journaled on: its effective date when that lies in the
    /// year, else the first (or last) day of the year.
    static func dateInYear(_ date: CalendarDate, year: Int) -> String {
        let iso = date.iso
        guard let y = Int(iso.prefix(4)) else { return iso }
        let padded = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        if y < year { return padded + "-01-01" }
        if y > year { return padded + "-12-31" }
        return iso
    }

    private static func difference(_ a: Cents, _ b: Cents, _ total: String, _ record: ResolvedRecord) throws(TotalOutOfRange) -> Cents {
        do { return try a - b } catch { throw TotalOutOfRange(total: total, event: record.id, cause: error) }
    }

    /// The figures of a reserve's state the journal posts changes of. The per-project tables are
    /// read only for a record that can change them, so each record costs what it changes, not
    /// the size of the reserve's tables.
    private struct Snapshot {
        let balance: Balance
        let endDate: CalendarDate
        let allocations: [(String, Cents)]
        let openCommitments: [(String, Cents)]

        /// Which tables a record can change.
        struct Parts {
            let allocations: Bool
            /// The commitments it can open or end, by their events' ids; nil: any (read the whole book).
            let commitments: [String]?

            init(_ record: ResolvedRecord) {
                switch record.event {
                case .allocation, .reallocation: (allocations, commitments) = (true, [])
                case .commitment: (allocations, commitments) = (false, [record.id])
                case .commitmentSettled(_, let commitment, _, _), .commitmentReleased(_, let commitment, _, _):
                    (allocations, commitments) = (false, [commitment])
                // An actual supersedes every open commitment; an establishment applies the records
                // that came before it, which may be of any kind.
                case .balanceActual: (allocations, commitments) = (false, nil)
                case .reserveEstablished: (allocations, commitments) = (true, nil)
                default: (allocations, commitments) = (false, [])
                }
            }
        }

        init(_ state: ReserveState, _ parts: Parts) {
            balance = state.balance
            endDate = state.endDate
            allocations = parts.allocations ? state.allocations.map { ($0.project, $0.amount) } : []
            let book = state.commitmentBook
            let lines = (parts.commitments ?? book.openEvents).compactMap(book.line)
            openCommitments = lines.filter(\.isOpen).map { ($0.project, $0.amount) }
        }
    }

    /// Virtual postings to `account:<project>` that take the per-project sums from `old` to `new`.
    private static func changes(from old: [(String, Cents)], to new: [(String, Cents)], account: String,
                                what: String, _ record: ResolvedRecord) throws(TotalOutOfRange) -> [String] {
        var sums: [String: Cents] = [:]
        var order: [String] = []
        func add(_ project: String, _ amount: Cents) throws(TotalOutOfRange) {
            if sums[project] == nil { order.append(project) }
            do { sums[project] = try (sums[project] ?? .zero) + amount } catch {
                throw TotalOutOfRange(total: what, event: record.id, cause: error)
            }
        }
        for (project, amount) in new { try add(project, amount) }
        for (project, amount) in old {
            let negated: Cents
            do { negated = try .zero - amount } catch { throw TotalOutOfRange(total: what, event: record.id, cause: error) }
            try add(project, negated)
        }
        return order.compactMap { project in
            guard let delta = sums[project], delta != .zero else { return nil }
            return "    (\(account):\(accountComponent(project)))  \(amount(delta))"
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
