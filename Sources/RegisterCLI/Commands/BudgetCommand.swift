import EventStore
import Projections

/// `register budget --year YEAR`: the programme budgets of a year and their total.
struct BudgetCommand: Command {
    static let name = "budget"
    static let spec = CommandSpec(
        name: name, abstract: "Show the programme budgets of a year, their computed total and the stated total.",
        arguments: "--year YEAR [--on DATE] [--known-on DATE|DATETIME] [--json|--csv] [--no-cache]",
        options: [OptionSpec(name: "--year", valueName: "YEAR", help: "The budget year, e.g. 2026.")] + QueryOptions.specs + [.registers],
        discussion: "The total is always the sum of the programmes; a total stated by the source is shown beside it and compared.",
        examples: ["register budget --year 2026", "register budget --year 2025 --json"])

    let year: Int
    let query: QueryOptions
    let stores: [EventStore]

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.isEmpty else {
            throw .usage("budget takes --year YEAR, not '\(arguments.positionals[0])'", command: Self.name)
        }
        guard let text = try arguments.value("--year", command: Self.name) else {
            throw .usage("budget needs --year YEAR, e.g. 'register budget --year 2026'", command: Self.name)
        }
        guard let y = Int(text), (1800...9999).contains(y) else {
            throw .usage("--year '\(text)' is not a year; expected four digits such as 2026", command: Self.name)
        }
        year = y
        query = try QueryOptions(arguments, command: Self.name)
        stores = try context.stores(arguments, command: Self.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        try query.answerEach("budget \(year)", stores: stores, context: context,
                             text: BudgetTextRenderer(knownOnSpelling: query.knownOnText, language: context.language), csv: BudgetCSVRenderer()) { store in
            try answer(context, store)
        }
    }

    private func answer(_ context: CommandContext, _ store: EventStore) throws -> BudgetAnswer {
        let history = try context.history(of: store, about: [Subject.budget(year: year).description])
        let records = history.resolved(knownOn: query.knownOn)
        guard let state = try BudgetProjection.project(year: year, on: query.on, records: records) else {
            if let later = try query.recordedAfterKnownOn("budget for \(year) on \(query.on)", .budget(year: year), history: history, exists: {
                try BudgetProjection.project(year: year, on: query.on, records: $0) != nil
            }) { throw later }
            let all = try context.history(of: store, about: [DomainPolicy.catalog("budget")]).resolved(knownOn: query.knownOn)
            let years = BudgetProjection.years(in: all).map(String.init)
            throw CLIError.refused("the register holds no budget for \(year) on \(query.on)"
                + (years.isEmpty ? "" : "; budgets exist for \(years.joined(separator: ", "))"))
        }
        return BudgetAnswer(state, moment: query.moment)
    }
}
