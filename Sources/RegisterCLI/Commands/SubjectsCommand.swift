import EventStore
import Projections

/// `register subjects`: what the register knows, with the ids the other commands take.
struct SubjectsCommand: Command {
    static let name = "subjects"
    static let spec = CommandSpec(
        name: name, abstract: "List the reserves, contracts, programmes, budgets and decisions the register knows.",
        arguments: "[--known-on DATE|DATETIME] [--json|--csv]", options: [.knownOn, .json, .csv], discussion: "",
        examples: ["register subjects", "register subjects --json"])

    let query: QueryOptions
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.isEmpty else {
            throw .usage("subjects takes no arguments; got '\(arguments.positionals[0])'", command: Self.name)
        }
        query = try QueryOptions(arguments, command: Self.name)
        store = try context.store(arguments, command: Self.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let catalog = SubjectCatalog(records: try query.records(context, store))
        if query.csv {
            var table = CSVTable(header: ["subject", "kind", "id", "label", "events"])
            for e in catalog.entries { table.add([e.subject.description, e.subject.kind, e.subject.id, e.label, String(e.eventCount)]) }
            context.writeOut(table.text)
        } else if query.json {
            context.printJSON(.object(["subjects": .array(catalog.entries.map {
                .object(["subject": .string($0.subject.description), "kind": .string($0.subject.kind), "id": .string($0.subject.id),
                         "label": .string($0.label), "events": JSONValue($0.eventCount)])
            })]))
        } else {
            let l = context.language
            var table = TextTable(["kind", "id", "events", "description"].map { l.text($0) }, rightAligned: [2])
            for e in catalog.entries { table.add([l.text(e.subject.kind), e.subject.id, String(e.eventCount), l.message(e.label)]) }
            context.writeText(table.render(indent: "") + "\n")
        }
        return .ok
    }
}
