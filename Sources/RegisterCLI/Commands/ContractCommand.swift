import EventStore
import Projections

/// `register contract ID`: a contract's decided end, intended extension and deadline on a date.
struct ContractCommand: Command {
    static let spec = CommandSpec(
        name: "contract", abstract: "Show a contract on a date: counterparty, start, decided end, intended extension.",
        arguments: "ID [--on DATE] [--known-on DATE|DATETIME] [--json]", options: QueryOptions.specs + [.registers],
        discussion: "An intention (voornemen) to extend does not move the decided end date; it is shown beside it.",
        examples: ["register contract dordrecht-sociaal", "register contract dordrecht-sociaal --on 2024-01-01 --json"])

    static let csvHeader = ["contract", "counterparty", "on", "status", "start", "end_date", "intended_end_date", "decide_by",
                            "notice_deadline", "awarded_on"]

    let contract: ContractID
    let query: QueryOptions
    let stores: [EventStore]

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.count == 1 else {
            throw .usage("contract needs exactly one contract id, e.g. 'register contract dordrecht-sociaal'", command: Self.spec.name)
        }
        contract = ContractID(arguments.positionals[0])
        query = try QueryOptions(arguments, command: Self.spec.name)
        stores = try context.stores(arguments, command: Self.spec.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        try query.answerEach("contract \(contract.rawValue)", stores: stores, context: context, compute: compute)
    }

    private func compute(_ context: CommandContext, _ store: EventStore) throws -> ExitCode {
        let records = try context.history(of: store, about: [Subject.contract(contract).description]).resolved(knownOn: query.knownOn)
        guard let answer = ContractProjection.project(contract, on: query.on, records: records) else {
            let awarded = try context.history(of: store, about: [DomainPolicy.catalog("contract")]).resolved(knownOn: query.knownOn)
            let known = ContractProjection.contracts(in: awarded).keys.sorted().map(\.rawValue)
            throw CLIError.refused("the register holds no contract '\(contract)'"
                + (known.isEmpty ? "" : "; known contracts: \(known.joined(separator: ", "))") + " (see 'register subjects')")
        }
        let decisions = DecisionIndex(records: records)
        switch answer {
        case .notYetAwarded(let awardedOn):
            if query.csv {
                var table = CSVTable(header: Self.csvHeader)
                table.add([contract.rawValue, "", query.on.iso, "not-awarded", "", "", "", "", "", awardedOn.iso])
                context.writeOut(table.text)
            } else if query.json {
                var object = query.jsonHeader
                object.merge(["contract": .string(contract.rawValue), "exists": .bool(false), "status": .string("not-awarded"),
                              "awardedOn": awardedOn.json, "counterparty": .null, "endDate": .null, "intendedEndDate": .null]) { $1 }
                context.printJSON(.object(object))
            } else {
                context.print("Contract \(contract) was not awarded yet on \(query.on); it was awarded on \(awardedOn).")
            }
        case .state(let s):
            if query.csv {
                var table = CSVTable(header: Self.csvHeader)
                table.add([s.contract.rawValue, s.counterparty, query.on.iso, s.status(on: query.on).rawValue, s.start.iso, s.endDate.iso,
                           s.intendedEndDate?.iso ?? "", s.intendedExtension?.decideBy?.iso ?? "", s.noticeDeadline?.iso ?? "", ""])
                context.writeOut(table.text)
            } else if query.json {
                var object = query.jsonHeader
                object.merge([
                    "contract": .string(s.contract.rawValue), "exists": .bool(true), "counterparty": .string(s.counterparty),
                    "title": JSONValue(s.title), "status": .string(s.status(on: query.on).rawValue), "start": s.start.json,
                    "endDate": s.endDate.json, "intendedEndDate": s.intendedEndDate.json,
                    "intendedExtension": s.intendedExtension.map { i in
                        .object(["newEndDate": i.newEndDate.json, "decideBy": i.decideBy.json, "body": .string(i.body.rawValue),
                                 "decided": .bool(false), "event": .string(i.eventID)])
                    } ?? .null,
                    "noticeDeadline": s.noticeDeadline.json, "decisions": decisions.json(s.decisions),
                    "events": .array(s.events.map(JSONValue.string)),
                ]) { $1 }
                context.printJSON(.object(object))
            } else {
                var lines = ["Contract \(s.contract) with \(s.counterparty)", "  on               \(query.on)"]
                if let known = query.knownOnLine { lines.append("  known            \(known)") }
                if let title = s.title { lines.append("  title            \(title)") }
                lines += [
                    "  status           \(s.status(on: query.on).rawValue)",
                    "  start            \(s.start)",
                    "  end (decided)    \(s.endDate)",
                ]
                if let i = s.intendedExtension {
                    lines.append("  intended end     \(i.newEndDate) (intention of the \(i.body.rawValue), not decided)")
                    if let by = i.decideBy {
                        lines.append("  decide by        \(by)" + (query.on > by ? " (passed without a decision)" : ""))
                    }
                } else {
                    lines.append("  intended end     none")
                }
                if let notice = s.noticeDeadline { lines.append("  notice deadline  \(notice)") }
                context.writeOut(lines.joined(separator: "\n") + "\n")
            }
        }
        return .ok
    }
}
