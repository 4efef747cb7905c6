import EventStore
import Projections

/// `register reserve ID`: a reserve's end date, status, money and decisions on a date.
struct ReserveCommand: Command {
    static let spec = CommandSpec(
        name: "reserve", abstract: "Show a reserve on a date: end date, status, allocations, commitments, balance.",
        arguments: "ID [--on DATE] [--known-on DATE|DATETIME] [--json]", options: QueryOptions.specs + [.registers],
        discussion: """
            On DATE the answer counts every change effective on or before DATE. A reserve is open through its
            end date and lapsed from the day after. The balance says how it is known: booked (additions minus
            withdrawals in the register), estimate (a range a source gave) or actual (e.g. from the jaarstukken).
            """,
        examples: ["register reserve 404 --on 2023-06-30", "register reserve 404 --on 2022-06-30 --json",
                   "register reserve 404 --on 2023-06-30 --known-on 2026-11-23T15:00Z"])

    let reserve: ReserveNumber
    let query: QueryOptions
    let stores: [EventStore]

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.count == 1 else {
            throw .usage("reserve needs exactly one reserve number, e.g. 'register reserve 404'", command: Self.spec.name)
        }
        reserve = ReserveNumber(arguments.positionals[0])
        query = try QueryOptions(arguments, command: Self.spec.name)
        stores = try context.stores(arguments, command: Self.spec.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        try query.answerEach("reserve \(reserve.rawValue)", stores: stores, context: context, compute: compute)
    }

    private func compute(_ context: CommandContext, _ store: EventStore) throws -> ExitCode {
        let records = try context.history(of: store, about: [Subject.reserve(reserve).description]).resolved(knownOn: query.knownOn)
        guard let answer = ReserveProjection.project(reserve, on: query.on, records: records) else {
            let established = try context.history(of: store, about: [DomainPolicy.catalog("reserve")]).resolved(knownOn: query.knownOn)
            let known = ReserveProjection.reserves(in: established).keys.sorted().map(\.rawValue)
            throw CLIError.refused("the register holds no reserve '\(reserve)'"
                + (known.isEmpty ? "" : "; known reserves: \(known.joined(separator: ", "))") + " (see 'register subjects')")
        }
        let decisions = DecisionIndex(records: records)
        switch answer {
        case .notYetEstablished(let establishedOn):
            if query.csv {
                var table = CSVTable(header: Self.csvHeader)
                table.add([reserve.rawValue, "", query.on.iso, "not-established", "", "established_on", establishedOn.iso, "", "", "", "", ""])
                context.writeOut(table.text)
            } else if query.json {
                var object = query.jsonHeader
                object.merge([
                    "reserve": .string(reserve.rawValue), "name": .null, "exists": .bool(false), "status": .string("not-established"),
                    "establishedOn": establishedOn.json, "endDate": .null, "allocations": .array([]), "allocatedCents": .number("0"),
                ]) { $1 }
                context.printJSON(.object(object))
            } else {
                context.print("Reserve \(reserve) did not exist yet on \(query.on); it was established on \(establishedOn).")
            }
        case .state(let state):
            if query.csv {
                context.writeOut(csv(state))
            } else if query.json {
                context.printJSON(json(state, decisions))
            } else {
                context.writeOut(text(state, decisions))
            }
        }
        return .ok
    }

    static let csvHeader = ["reserve", "name", "on", "status", "end_date", "kind", "item", "amount_cents", "amount_eur", "basis", "year", "decision"]

    /// One row per figure: authorised, withdrawn, balance low and high, each allocation and commitment.
    private func csv(_ s: ReserveState) -> String {
        var table = CSVTable(header: Self.csvHeader)
        let head = [s.reserve.rawValue, s.name, query.on.iso, s.status(on: query.on).rawValue, s.endDate.iso]
        func row(_ kind: String, _ item: String, _ c: Cents, basis: String = "", year: String = "", decision: String = "") {
            table.add(head + [kind, item, String(c.value), c.decimal, basis, year, decision])
        }
        row("authorised", "", s.authorised)
        row("withdrawn", "", s.withdrawn)
        row("balance_low", s.balance.kind, s.balance.low)
        row("balance_high", s.balance.kind, s.balance.high)
        for a in s.allocations { row("allocation", a.project, a.amount) }
        for c in s.commitments {
            row("commitment", c.project, c.amount, basis: c.basis.rawValue, year: c.year.map(String.init) ?? "", decision: c.decision?.rawValue ?? "")
        }
        return table.text
    }

    private func json(_ s: ReserveState, _ decisions: DecisionIndex) -> JSONValue {
        var object = query.jsonHeader
        object.merge([
            "reserve": .string(s.reserve.rawValue), "name": .string(s.name), "exists": .bool(true),
            "status": .string(s.status(on: query.on).rawValue), "establishedOn": s.establishedOn.json, "endDate": s.endDate.json,
            "authorisedCents": s.authorised.json, "withdrawnCents": s.withdrawn.json,
            "allocations": .array(s.allocations.map { .object(["project": .string($0.project), "amountCents": $0.amount.json]) }),
            "allocatedCents": s.allocated.json,
            "commitments": .array(s.commitments.map {
                .object(["project": .string($0.project), "amountCents": $0.amount.json, "basis": .string($0.basis.rawValue),
                         "year": $0.year.map(JSONValue.init) ?? .null, "decision": JSONValue($0.decision?.rawValue)])
            }),
            "committedCents": s.committed.json, "balance": s.balance.json,
            "decisions": decisions.json(s.decisions), "events": .array(s.events.map(JSONValue.string)),
        ]) { $1 }
        return .object(object)
    }

    private func text(_ s: ReserveState, _ decisions: DecisionIndex) -> String {
        var lines = ["Reserve \(s.reserve) \(s.name)", "  on           \(query.on)"]
        if let known = query.knownOnLine { lines.append("  known        \(known)") }
        lines += [
            "  status       \(s.status(on: query.on).rawValue) (end date \(s.endDate); established \(s.establishedOn))",
            "  end date     \(s.endDate)",
            "  authorised   \(s.authorised.dutch)" + (s.withdrawn == .zero ? "" : "; withdrawn \(s.withdrawn.dutch)"),
            "  balance      \(Self.describe(s.balance))",
        ]
        if !s.allocations.isEmpty {
            lines.append("  allocations  \(s.allocated.dutch) over \(s.allocations.count) project(s)")
            var table = TextTable(["project", "amount"], rightAligned: [1])
            for a in s.allocations { table.add([a.project, a.amount.dutch]) }
            lines.append(table.render(indent: "    "))
        }
        if !s.commitments.isEmpty {
            lines.append("  commitments  \(s.committed.dutch) over \(s.commitments.count) commitment(s)")
            var table = TextTable(["project", "amount", "basis", "year", "decision"], rightAligned: [1])
            for c in s.commitments {
                table.add([c.project, c.amount.dutch, c.basis.rawValue, c.year.map(String.init) ?? "-", c.decision?.rawValue ?? "none"])
            }
            lines.append(table.render(indent: "    "))
        }
        if !s.decisions.isEmpty {
            lines.append("  decisions")
            for id in s.decisions {
                let e = decisions[id]
                let date = e?.date?.iso ?? "date unknown"
                lines.append("    \(id)  \(e?.status.rawValue ?? "unknown") by \(e?.body.rawValue ?? "?"), \(date)" + (e?.title.map { ": \($0)" } ?? ""))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func describe(_ balance: Balance) -> String {
        switch balance {
        case .booked(let c): return "\(c.dutch) booked (additions minus withdrawals recorded in the register)"
        case let .estimate(low, high, asOf): return "estimate \(low.dutch) to \(high.dutch) for \(asOf) (not an actual amount)"
        case let .actual(c, asOf): return "\(c.dutch) actual for \(asOf)"
        }
    }
}
