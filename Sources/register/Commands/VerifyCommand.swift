import EventStore
import Foundation

/// `register verify`: walks the whole chain and names the first bad file.
struct VerifyCommand: Command {
    static let spec = CommandSpec(
        name: "verify", abstract: "Check every event file, the sequence and the hash chain.",
        arguments: "[--json]", options: [.json],
        discussion: """
            Exit 0 with a one-line summary (count, head hash) when the history is intact; exit 1 naming the first
            bad file and the damage (hash mismatch, missing or duplicate sequence number, renamed or unexpected
            file, broken link, unreadable JSON, leftover temporary file) otherwise.
            The chain cannot show that the newest events were deleted or that the history was rewritten from
            some point with a new chain; compare with a published checkpoint for that.
            """,
        examples: ["register verify", "register verify --events /archive/dordrecht/events --json"])

    let json: Bool
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.isEmpty else {
            throw .usage("verify takes no arguments; got '\(arguments.positionals[0])'", command: Self.spec.name)
        }
        json = arguments.flag("--json")
        store = try context.store(arguments, command: Self.spec.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let report = try StoreVerifier(store: store).verify()
        if json {
            var object: [String: JSONValue] = [
                "intact": .bool(report.isIntact), "events": JSONValue(report.eventCount), "bytes": JSONValue(report.byteCount),
                "head": .string(report.head.hex), "folder": .string(store.directory), "problem": .null,
            ]
            if let problem = report.problem {
                object["problem"] = .object(["file": .string(problem.file), "kind": .string(problem.damage.kind),
                                             "message": .string(problem.damage.description)])
            }
            context.printJSON(.object(object))
        } else if let problem = report.problem {
            context.print("damaged: \(problem.file): \(problem.damage)")
            context.print("checked \(report.eventCount) intact event(s) before it")
        } else {
            context.print("ok: \(report.eventCount) events, head \(report.head.hex)")
        }
        return report.isIntact ? .ok : .failure
    }
}
