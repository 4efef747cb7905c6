import EventStore
import Projections

/// `register contract ID`: a contract's decided end, intended extension and deadline on a date.
struct ContractCommand: Command {
    static let name = "contract"
    static let spec = CommandSpec(
        name: name, abstract: "Show a contract on a date: counterparty, start, decided end, intended extension.",
        arguments: "ID [--on DATE] [--known-on DATE|DATETIME] [--json|--csv] [--no-cache]", options: QueryOptions.specs + [.registers],
        discussion: "An intention (voornemen) to extend does not move the decided end date; it is shown beside it.",
        examples: ["register contract dordrecht-sociaal", "register contract dordrecht-sociaal --on 2024-01-01 --json"])

    let contract: ContractID
    let query: QueryOptions
    let stores: [EventStore]

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.count == 1 else {
            throw .usage("contract needs exactly one contract id, e.g. 'register contract dordrecht-sociaal'", command: Self.name)
        }
        contract = ContractID(arguments.positionals[0])
        query = try QueryOptions(arguments, command: Self.name)
        stores = try context.stores(arguments, command: Self.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        try query.answerEach("contract \(contract.rawValue)", stores: stores, context: context,
                             text: ContractTextRenderer(knownOnSpelling: query.knownOnText, language: context.language), csv: ContractCSVRenderer()) { store in
            try answer(context, store)
        }
    }

    private func answer(_ context: CommandContext, _ store: EventStore) throws -> ContractAnswer {
        let history = try context.history(of: store, about: [Subject.contract(contract).description])
        let records = history.resolved(knownOn: query.knownOn)
        guard let projected = ContractProjection.project(contract, on: query.on, records: records) else {
            if let later = try query.recordedAfterKnownOn("contract '\(contract)'", .contract(contract), history: history, exists: {
                ContractProjection.project(contract, on: query.on, records: $0) != nil
            }) { throw later }
            let awarded = try context.history(of: store, about: [DomainPolicy.catalog("contract")]).resolved(knownOn: query.knownOn)
            let known = ContractProjection.contracts(in: awarded).keys.sorted().map(\.rawValue)
            throw CLIError.refused("the register holds no contract '\(contract)'"
                + (known.isEmpty ? "" : "; known contracts: \(known.joined(separator: ", "))") + " (see 'register subjects')")
        }
        return ContractAnswer(projected, contract: contract, moment: query.moment, decisions: DecisionIndex(records: records))
    }
}
