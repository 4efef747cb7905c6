import EventStore
import Projections

/// `register sources`: every source document the history cites, its recorded SHA-256 and
/// public address, and the events citing it.
struct SourcesCommand: Command {
    static let name = "sources"
    static let spec = CommandSpec(
        name: name, abstract: "List the source documents the history cites, with their SHA-256 and the events citing each.",
        arguments: "[--known-on DATE|DATETIME] [--json]", options: [.knownOn, .json],
        discussion: """
            A document's SHA-256 and public address are recorded by a source-document event (register append);
            'no hash recorded' means no such event names the document yet. Check a folder of copies with
            'register verify-sources DIR'.
            """,
        examples: ["register sources", "register sources --json"])

    /// The human texts of this command, in one place, in the language asked for.
    enum Text {
        static func noHash(_ l: Language) -> String { l.text("no hash recorded") }
        static func address(_ a: String, _ l: Language) -> String { "  " + l.text("address: {1}", a) }
        static func title(_ t: String, _ l: Language) -> String { "  " + l.text("title: {1}", t) }
        static func citedBy(_ ids: [String], _ l: Language) -> String {
            "  " + (ids.isEmpty ? l.text("cited by: no event") : l.text("cited by: {1}", ids.joined(separator: ", ")))
        }
    }

    let knownOn: RecordedInstant?
    let json: Bool
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.isEmpty else {
            throw .usage("sources takes no arguments; got '\(arguments.positionals[0])'", command: Self.name)
        }
        knownOn = try arguments.value("--known-on", command: Self.name).map { (t) throws(CLIError) in
            try DateArguments.moment(t, option: "--known-on", command: Self.name)
        }
        json = arguments.flag("--json")
        store = try context.store(arguments, command: Self.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let catalog = SourceCatalog(records: try context.history(of: store).resolved(knownOn: knownOn))
        if json {
            context.printJSON(.object(["sources": .array(catalog.entries.map(Self.json))]))
        } else {
            let l = context.language
            var lines: [String] = []
            for entry in catalog.entries {
                lines.append("\(entry.document)  \(entry.recorded?.sha256 ?? Text.noHash(l))")
                if let title = entry.recorded?.title { lines.append(Text.title(title, l)) }
                if let address = entry.recorded?.address { lines.append(Text.address(address, l)) }
                lines.append(Text.citedBy(entry.citedBy, l))
            }
            context.writeText(lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n"))
        }
        return .ok
    }

    /// One document as JSON: the same keys for every document, null where nothing is recorded.
    static func json(_ entry: SourceCatalog.Entry) -> JSONValue {
        func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        return .object([
            "document": .string(entry.document), "sha256": text(entry.recorded?.sha256), "address": text(entry.recorded?.address),
            "title": text(entry.recorded?.title), "recordedBy": text(entry.recordedBy),
            "citedBy": .array(entry.citedBy.map(JSONValue.string)),
        ])
    }
}
