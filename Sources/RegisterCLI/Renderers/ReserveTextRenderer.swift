import EventStore
import Projections

/// `register reserve` for people: status, end date, money, allocations, commitments and decisions.
struct ReserveTextRenderer: TextAnswerRenderer {
    /// `--known-on` as the user wrote it, echoed beside the moment it means.
    let knownOnSpelling: String?

    func render(_ answer: ReserveAnswer) -> String {
        switch answer.standing {
        case .notYetEstablished(let establishedOn):
            return "Reserve \(answer.reserve) did not exist yet on \(answer.moment.on); it was established on \(establishedOn).\n"
        case .established(let r):
            return render(r, of: answer)
        }
    }

    private func render(_ r: ReserveAnswer.Reserve, of answer: ReserveAnswer) -> String {
        let on = answer.moment.on
        let shown = DisplayText.escaped
        var lines = ["Reserve \(shown(answer.reserve.rawValue)) \(shown(r.name))", "  on           \(on)"]
        if let known = answer.moment.knownOnLine(spelledAs: knownOnSpelling) { lines.append("  known        \(known)") }
        lines += [
            "  status       \(r.status.rawValue) (end date \(r.endDate); established \(r.establishedOn))",
            "  end date     \(r.endDate)",
            "  authorised   \(r.authorised.dutch)" + (r.withdrawn == .zero ? "" : "; withdrawn \(r.withdrawn.dutch)"),
            "  balance      \(Self.describe(r.balance, on: on))",
        ]
        if !r.allocations.isEmpty {
            lines.append("  allocations  \(r.allocated.dutch) over \(r.allocations.count) project(s)")
            var table = TextTable(["project", "amount"], rightAligned: [1])
            for a in r.allocations { table.add([a.project, a.amount.dutch]) }
            lines.append(table.render(indent: "    "))
        }
        if !r.commitments.isEmpty {
            let open = r.commitments.filter { $0.status == "open" }.count
            lines.append("  commitments  \(r.committed.dutch) open in \(open) of \(r.commitments.count) commitment(s)")
            var table = TextTable(["project", "amount", "basis", "year", "decision", "status"], rightAligned: [1])
            for c in r.commitments {
                let status = c.status + (c.spent.map { " (\($0.dutch) spent)" } ?? "") + (c.endedBy.map { " by \($0)" } ?? "")
                table.add([c.project, c.amount.dutch, c.basis.rawValue, c.year.map(String.init) ?? "-", c.decision?.rawValue ?? "none", status])
            }
            lines.append(table.render(indent: "    "))
        }
        if !r.decisions.isEmpty {
            lines.append("  decisions")
            for d in r.decisions {
                let date = d.known?.date?.iso ?? "date unknown"
                lines.append("    \(shown(d.id.rawValue))  \(d.known?.status.rawValue ?? "unknown") by \(d.known?.body.rawValue ?? "?"), \(date)"
                             + (d.known?.title.map { ": \(shown($0))" } ?? ""))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ balance: Balance, on date: CalendarDate) -> String {
        let age = balance.age(on: date).map { Self.age(days: $0, asOf: balance.asOf!, on: date) } ?? ""
        switch balance {
        case .booked(let c): return "\(c.dutch) booked (additions minus withdrawals recorded in the register)"
        case let .estimate(low, high, asOf): return "estimate \(low.dutch) to \(high.dutch) for \(asOf) (not an actual amount; \(age))"
        case let .actual(c, asOf): return "\(c.dutch) actual for \(asOf) (\(age))"
        }
    }

    /// How old a figure for `asOf` is on `date`: "3 years and 11 months old on 2026-12-01".
    static func age(days: Int, asOf: CalendarDate, on date: CalendarDate) -> String {
        func plural(_ n: Int, _ unit: String) -> String { "\(n) \(unit)" + (n == 1 ? "" : "s") }
        if days == 0 { return "of \(date) itself" }
        if days < 0 { return "for a date \(plural(-days, "day")) after \(date)" }
        var months = (date.year - asOf.year) * 12 + (date.month - asOf.month)
        if date.day < asOf.day { months -= 1 }
        let span: String
        switch (months / 12, months % 12) {
        case (0, 0): span = plural(days, "day")
        case (0, let m): span = plural(m, "month")
        case (let y, 0): span = plural(y, "year")
        case (let y, let m): span = plural(y, "year") + " and " + plural(m, "month")
        }
        return "\(span) old on \(date)"
    }
}
