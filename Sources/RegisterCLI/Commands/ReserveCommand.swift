import EventStore
import Projections

/// `register reserve ID`: a reserve's end date, status, money and decisions on a date.
struct ReserveCommand: Command {
    static let name = "reserve"
    static let spec = CommandSpec(
        name: name, abstract: "Show a reserve on a date: end date, status, allocations, commitments, balance.",
        arguments: "ID [--on DATE] [--known-on DATE|DATETIME] [--json|--csv] [--no-cache]", options: QueryOptions.specs + [.registers],
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
            throw .usage("reserve needs exactly one reserve number, e.g. 'register reserve 404'", command: Self.name)
        }
        reserve = ReserveNumber(arguments.positionals[0])
        query = try QueryOptions(arguments, command: Self.name)
        stores = try context.stores(arguments, command: Self.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        try query.answerEach("reserve \(reserve.rawValue)", stores: stores, context: context,
                             text: ReserveTextRenderer(knownOnSpelling: query.knownOnText, language: context.language), csv: ReserveCSVRenderer()) { store in
            try answer(context, store)
        }
    }

    private func answer(_ context: CommandContext, _ store: EventStore) throws -> ReserveAnswer {
        let history = try context.history(of: store, about: [Subject.reserve(reserve).description])
        let records = history.resolved(knownOn: query.knownOn)
        guard let projected = try ReserveProjection.project(reserve, on: query.on, records: records) else {
            if let later = try query.recordedAfterKnownOn("reserve '\(reserve)'", .reserve(reserve), history: history, exists: {
                try ReserveProjection.project(reserve, on: query.on, records: $0) != nil
            }) { throw later }
            let established = try context.history(of: store, about: [DomainPolicy.catalog("reserve")]).resolved(knownOn: query.knownOn)
            let known = ReserveProjection.reserves(in: established).keys.sorted().map(\.rawValue)
            throw CLIError.refused("the register holds no reserve '\(reserve)'"
                + (known.isEmpty ? "" : "; known reserves: \(known.joined(separator: ", "))") + " (see 'register subjects')")
        }
        return ReserveAnswer(projected, reserve: reserve, moment: query.moment, decisions: DecisionIndex(records: records))
    }
}
