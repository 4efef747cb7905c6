import Drafting
import EventStore
import Foundation
import Projections

/// `register draft FILE`: proposes the events a decision document implies, every field quoted
/// from it, for the clerk to review one at a time; `--json` for scripts; `--compare` measures
/// the drafts against the events the register recorded from the same document.
///
/// Drafting is `Drafting.Drafter` (pure: text in, drafts out); this command reads the file,
/// shows the drafts, asks, and appends each accepted draft exactly as `record` does, through
/// `EventStore.append(…, policy: DomainPolicy())`, after a dry run.
struct DraftCommand: Command {
    static let name = "draft"
    static let spec = CommandSpec(
        name: name, abstract: "Draft the events a decision document implies, each field quoted from it; review and append them.",
        arguments: "FILE... [--json | --compare] [--source NAME] [--actor WHO]",
        options: [
            .json,
            OptionSpec(name: "--compare", valueName: nil,
                       help: "Compare the drafts with the events the register recorded from each FILE (those citing its name); writes nothing."),
            OptionSpec(name: "--source", valueName: "NAME", help: "The name events cite as source.document (default: the file's name)."),
            OptionSpec(name: "--actor", valueName: "WHO", help: "Who records accepted drafts (default: $REGISTER_ACTOR, else griffie:$USER, else griffie:clerk)."),
        ],
        discussion: """
            Reads a raadsvoorstel, raadsbesluit or raadsinformatiebrief as plain UTF-8 text and proposes the events a clerk
            would record: decisions (a proposal is decision-proposed, a signed besluit decision-taken; a raadsinformatiebrief
            decides nothing), reserve changes a signed decision makes, commitments with their basis (ongeveer, maximaal),
            estimate ranges, budgets per year and allocations from tables (x 1.000 read as thousands), stated totals,
            contract terms and intentions to extend. Every field shows the quote and line it comes from; a value the text
            does not give stays unknown, with the reason, and an assumed one (the last day of a month the text names) says so.
            In a terminal each draft is shown in turn: [a]ccept (it is checked and appended as 'record' does, citing the
            document by name, zaaknummer and SHA-256 in its note), [e]dit a field, [s]kip, [q]uit. Without a terminal the
            drafts are printed and nothing is appended; --json prints them, each with the event to give 'register append'
            once it is complete. A document from which nothing can be drafted is refused (exit 3).
            """,
        examples: [
            "register draft raadsvoorstel-2022-0177088.txt",
            "register draft rib.txt --json > drafts.json",
            "register draft Tests/DraftingTests/Fixtures/sources/*.txt --compare",
        ])

    /// A document is at most this large (a decision, not an archive).
    static let maximumBytes = 10 * 1024 * 1024

    let files: [String]
    let json: Bool
    let compare: Bool
    let sourceName: String?
    let actor: String
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        files = arguments.positionals
        guard !files.isEmpty else { throw .usage("draft needs a FILE: the decision document as plain text", command: Self.name) }
        json = arguments.flag("--json")
        compare = arguments.flag("--compare")
        sourceName = try arguments.value("--source", command: Self.name)
        guard files.count == 1 || compare else {
            throw .usage("draft reviews one FILE at a time; several are only compared (--compare)", command: Self.name)
        }
        guard sourceName == nil || files.count == 1 else {
            throw .usage("--source names one document; give one FILE with it", command: Self.name)
        }
        if let name = sourceName, name.isEmpty || name.count > 500 || name.contains(where: \.isNewline) {
            throw .usage("--source '\(name)': a document name of 1-500 characters on one line", command: Self.name)
        }
        actor = try arguments.value("--actor", command: Self.name)
            ?? context.defaultActor
        store = try context.store(arguments, command: Self.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        if compare { return try runCompare(context) }
        let drafts = try read(files[0], as: sourceName)
        // A damaged store is said, never read as an empty one.
        let recorded = FileManager.default.fileExists(atPath: store.directory) ? try store.events().map(\.envelope) : []
        if json {
            context.printJSON(DraftRendering.json(drafts, actor: actor, recorded: recorded))
            return .ok
        }
        if context.canAsk {
            var review = DraftReview(drafts: drafts, store: store, actor: actor, recorded: recorded)
            return try review.run(context)
        }
        context.writeOut(DraftRendering.text(drafts, recorded: recorded, language: context.language))
        context.print(context.language.text("Nothing was appended: review the drafts in a terminal ('register draft {1}'), or use --json for scripts.", files[0]))
        return .ok
    }

    private func runCompare(_ context: CommandContext) throws -> ExitCode {
        let recorded: [EventEnvelope]
        do { recorded = try store.events().map(\.envelope) } catch {
            throw CLIError.failure("cannot read the events folder to compare with: \(error)")
        }
        var comparisons: [DraftComparison] = []
        for file in files {
            let drafts = try read(file, as: files.count == 1 ? sourceName : nil)
            // A source-document event records the document's hash; it is the register's, not the document's content.
            comparisons.append(DraftComparison(drafts: drafts, recorded: recorded.filter {
                $0.source.document == drafts.document && $0.type != EventType.sourceDocument.rawValue
            }))
        }
        if json {
            context.printJSON(.array(comparisons.map(DraftRendering.json)))
        } else {
            context.writeOut(ComparisonReport.markdown(comparisons))
        }
        return .ok
    }

    /// Reads and drafts one document; a file that cannot be read is a usage error, one that
    /// gives no drafts is refused.
    private func read(_ file: String, as name: String?) throws -> DocumentDrafts {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), !isFolder.boolValue else {
            throw CLIError.usage("cannot read '\(file)': no such file", command: Self.name)
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int, size > Self.maximumBytes {
            throw CLIError.refused("'\(file)' is \(size) bytes; a document to draft from may be at most \(Self.maximumBytes) bytes")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIError.usage("cannot read '\(file)': permission denied or not a regular file", command: Self.name)
        }
        let document = name ?? URL(fileURLWithPath: file).lastPathComponent
        return try Drafter.draft(document: document, bytes: Array(data))
    }
}
