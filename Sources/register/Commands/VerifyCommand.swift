import EventStore
import Foundation

/// `register verify`: walks the whole chain and names the first bad file.
struct VerifyCommand: Command {
    static let spec = CommandSpec(
        name: "verify", abstract: "Check every event file, the sequence and the hash chain.",
        arguments: "[--checkpoint FILE|TEXT] [--json]",
        options: [OptionSpec(name: "--checkpoint", valueName: "FILE|TEXT",
                             help: "Also prove the store begins with exactly the events of this published checkpoint."), .json],
        discussion: """
            Exit 0 with a one-line summary (count, head hash) when the history is intact; exit 1 naming the first
            bad file and the damage (hash mismatch, missing or duplicate sequence number, renamed or unexpected
            file, broken link, unreadable JSON) otherwise. A leftover temporary file of an interrupted append is
            reported as a note: it was never part of the history, and the next append removes it.
            The chain alone cannot show that the newest events were deleted or that the history was rewritten
            from some point with a new chain; --checkpoint catches both (see 'register checkpoint').
            """,
        examples: ["register verify", "register verify --checkpoint checkpoint-2026-11-23.txt",
                   "register verify --events /archive/dordrecht/events --json"])

    let json: Bool
    let checkpoint: Checkpoint?
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.isEmpty else {
            throw .usage("verify takes no arguments; got '\(arguments.positionals[0])'", command: Self.spec.name)
        }
        json = arguments.flag("--json")
        checkpoint = try arguments.value("--checkpoint", command: Self.spec.name).map { (a) throws(CLIError) in
            try CheckpointCommand.load(a, command: Self.spec.name)
        }
        store = try context.store(arguments, command: Self.spec.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let report = try StoreVerifier(store: store).verify()
        let checkpointProblem = try report.isIntact ? checkpoint.flatMap { try store.mismatch(with: $0) } : nil
        if json {
            var object: [String: JSONValue] = [
                "intact": .bool(report.isIntact), "events": JSONValue(report.eventCount), "bytes": JSONValue(report.byteCount),
                "head": .string(report.head.hex), "folder": .string(store.directory), "problem": .null,
                "leftoverTemporaryFiles": .array(report.leftoverTemporaries.map(JSONValue.string)),
            ]
            if let problem = report.problem {
                object["problem"] = .object(["file": .string(problem.file), "kind": .string(problem.damage.kind),
                                             "message": .string(problem.damage.description)])
            } else if let checkpointProblem {
                object["intact"] = .bool(false)
                object["problem"] = .object(["file": .null, "kind": .string("checkpoint-mismatch"), "message": .string(checkpointProblem)])
            }
            if let checkpoint { object["checkpoint"] = .object(["events": JSONValue(checkpoint.eventCount), "root": .string(checkpoint.root.hex),
                                                                "extended": .bool(report.isIntact && checkpointProblem == nil)]) }
            context.printJSON(.object(object))
        } else {
            if let problem = report.problem {
                context.print("damaged: \(problem.file): \(problem.damage)")
                context.print("checked \(report.eventCount) intact event(s) before it")
            } else if let checkpointProblem {
                context.print("damaged: \(checkpointProblem)")
            } else {
                context.print("ok: \(report.eventCount) events, head \(report.head.hex)")
                if let checkpoint {
                    context.print("ok: extends the checkpoint of \(checkpoint.time) (\(checkpoint.eventCount) events, root \(checkpoint.root.hex))")
                }
            }
            for temporary in report.leftoverTemporaries {
                context.print("note: \(temporary): \(Damage.leftoverTemporaryFile)")
            }
        }
        return report.isIntact && checkpointProblem == nil ? .ok : .failure
    }
}
