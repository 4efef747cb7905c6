import EventStore
import Projections

/// `register reserve` for people: status, end date, money, allocations, commitments and decisions.
struct ReserveTextRenderer: TextAnswerRenderer {
    /// `--known-on` as the user wrote it, echoed beside the moment it means.
    let knownOnSpelling: String?
    /// The language of the labels and phrases (amounts and dates are written the same in both).
    var language: Language = .en

    func render(_ answer: ReserveAnswer) -> String {
        switch answer.standing {
        case .notYetEstablished(let establishedOn):
            return language.text("Reserve {1} did not exist yet on {2}; it was established on {3}.", answer.reserve, answer.moment.on, establishedOn) + "\n"
        case .established(let r):
            return render(r, of: answer)
        }
    }

    private func render(_ r: ReserveAnswer.Reserve, of answer: ReserveAnswer) -> String {
        let on = answer.moment.on
        let shown = DisplayText.escaped
        let l = language
        let labels = ["on", "known", "status", "end date", "authorised", "balance", "allocations", "commitments"].map { l.text($0) }
        let width = (labels.map(\.count).max() ?? 11) + 2
        func row(_ label: String, _ value: String) -> String { "  " + l.text(label).padding(toLength: width, withPad: " ", startingAt: 0) + value }
        var lines = [l.text("Reserve") + " \(shown(answer.reserve.rawValue)) \(shown(r.name))", row("on", "\(on)")]
        if let known = answer.moment.knownOnLine(spelledAs: knownOnSpelling) { lines.append(row("known", l.message(known))) }
        lines += [
            row("status", l.text("{1} (end date {2}; established {3})", l.text(r.status.rawValue), r.endDate, r.establishedOn)),
            row("end date", "\(r.endDate)"),
            row("authorised", r.authorised.dutch + (r.withdrawn == .zero ? "" : "; " + l.text("withdrawn {1}", r.withdrawn.dutch))),
            row("balance", Self.describe(r.balance, on: on, language: l)),
        ]
        if !r.allocations.isEmpty {
            lines.append(row("allocations", l.text("{1} over {2} project(s)", r.allocated.dutch, r.allocations.count)))
            var table = TextTable(["project", "amount"].map { l.text($0) }, rightAligned: [1])
            for a in r.allocations { table.add([a.project, a.amount.dutch]) }
            lines.append(table.render(indent: "    "))
        }
        if !r.commitments.isEmpty {
            let open = r.commitments.filter { $0.status == "open" }.count
            lines.append(row("commitments", l.text("{1} open in {2} of {3} commitment(s)", r.committed.dutch, open, r.commitments.count)))
            var table = TextTable(["project", "amount", "basis", "year", "decision", "status"].map { l.text($0) }, rightAligned: [1])
            for c in r.commitments {
                let status = l.text(c.status) + (c.spent.map { " (" + l.text("{1} spent", $0.dutch) + ")" } ?? "")
                    + (c.endedBy.map { " " + l.text("by {1}", $0) } ?? "")
                table.add([c.project, c.amount.dutch, l.text(c.basis.rawValue), c.year.map(String.init) ?? "-", c.decision?.rawValue ?? l.text("none"), status])
            }
            lines.append(table.render(indent: "    "))
        }
        if !r.decisions.isEmpty {
            lines.append("  " + l.text("decisions"))
            for d in r.decisions {
                let date = d.known?.date?.iso ?? l.text("date unknown")
                lines.append("    \(shown(d.id.rawValue))  " + (d.known.map { l.message($0.status.phrase($0.body)) } ?? l.text("unknown"))
                             + ", \(date)" + (d.known?.title.map { ": \(shown($0))" } ?? ""))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func describe(_ balance: Balance, on date: CalendarDate, language l: Language) -> String {
        let age = balance.age(on: date).map { l.message(Self.age(days: $0, asOf: balance.asOf!, on: date)) } ?? ""
        switch balance {
        case .booked(let c): return l.text("{1} booked (additions minus withdrawals recorded in the register)", c.dutch)
        case let .estimate(low, high, asOf): return l.text("estimate {1} to {2} for {3} (not an actual amount; {4})", low.dutch, high.dutch, asOf, age)
        case let .actual(c, asOf): return l.text("{1} actual for {2} ({3})", c.dutch, asOf, age)
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
