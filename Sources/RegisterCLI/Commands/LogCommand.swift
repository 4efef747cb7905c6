import EventStore
import Projections

/// `register log`: the events in append order, one line each.
struct LogCommand: Command {
    static let name = "log"
    static let spec = CommandSpec(
        name: name, abstract: "List the events in append order, one line each.",
        arguments: "[--json|--csv]", options: [.json, .csv], discussion: "",
        examples: ["register log", "register log --json", "register log --csv > events.csv"])

    let json: Bool
    let csv: Bool
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.isEmpty else {
            throw .usage("log takes no arguments; got '\(arguments.positionals[0])'", command: Self.name)
        }
        json = arguments.flag("--json")
        csv = arguments.flag("--csv")
        if json && csv { throw .usage("give --json or --csv, not both", command: Self.name) }
        store = try context.store(arguments, command: Self.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        if csv { context.writeOut(CSVTable.line(ExportCommand.csvHeader)) }
        if json { context.writeOut("[") }
        var first = true
        try store.replay { stored in
            let e = stored.envelope
            if csv {
                context.writeOut(CSVTable.line(ExportCommand.csvRow(stored)))
            } else if json {
                var object = e.json.object ?? [:]
                object["hash"] = .string(stored.hash.hex)
                object["file"] = .string(stored.path)
                context.writeOut((first ? "\n" : ",\n") + JSONWriter.compactString(.object(object)))
            } else {
                let summary = context.language.message((try? DomainEvent(envelope: e)).map(EventSummary.describe) ?? "(not readable by this version)")
                // Stored texts are escaped one by one: a tab or line break in one cannot forge a column or a line.
                let shown = [e.type, e.id, summary].map(DisplayText.escaped)
                context.print("\(e.sequence)\t\(e.effectiveDate)\t\(e.recordedAt)\t" + shown.joined(separator: "\t"))
            }
            first = false
        }
        if json { context.writeOut(first ? "]\n" : "\n]\n") }
        return .ok
    }
}
