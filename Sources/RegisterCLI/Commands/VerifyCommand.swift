import Signing
import EventStore
import Projections
import Foundation

/// `register verify`: walks the whole chain and names every bad file.
struct VerifyCommand: Command {
    static let name = "verify"
    static let spec = CommandSpec(
        name: name, abstract: "Check every event file, the sequence and the hash chain.",
        arguments: "[--checkpoint FILE|TEXT|TAG [--require-signed]] [--require-signatures] [--decode] [--json]",
        options: [OptionSpec(name: "--checkpoint", valueName: "FILE|TEXT",
                             help: "Also prove the store begins with exactly the events of this published checkpoint (a file, its text, or a git tag)."),
                  OptionSpec(name: "--require-signed", valueName: nil,
                             help: "With --checkpoint: fail unless it is a checkpoint tag signed by a key in events/allowed_signers."),
                  OptionSpec(name: "--require-signatures", valueName: nil,
                             help: "Fail on unsigned events and on events signed by a key not in events/allowed_signers."),
                  OptionSpec(name: "--decode", valueName: nil,
                             help: "Also decode every event, and name those this register cannot read (about a fifth more time)."),
                  .json],
        discussion: """
            Exit 0 with a one-line summary (count, head hash) when the history is intact; exit 1 naming every
            bad file (up to 100, then a count) and its damage otherwise: hash mismatch, missing or duplicate
            sequence number, duplicate event id, renamed, misplaced or unexpected file, a symbolic link or other
            non-file where an event or shard folder belongs, broken link, upper-case or malformed hash, unreadable
            JSON, an instant recorded in the future (more than 5 minutes ahead of this machine's clock). A leftover temporary file of an interrupted append is
            reported as a note: it was never part of the history, and the next append removes it.
            With --decode, an intact event this register cannot read (an unknown type, a newer schema, a payload outside the
            rules) that no retraction set aside is a note too (--json: "unreadable"): the chain holds it, but every question refuses.
            When the store uses signatures (an allowed_signers file or any .sig file), each event's signature is
            checked with ssh-keygen: a signature that does not match its event is damage; unsigned events and
            keys not allowed are reported, and are failures with --require-signatures.
            The chain alone cannot show that the newest events were deleted or that the history was rewritten
            from some point with a new chain; --checkpoint catches both (see 'register checkpoint').
            A checkpoint tag says whether it is signed and by whom (its OpenSSH signature checked with ssh-keygen against
            events/allowed_signers); an unsigned one is only a note, and a failure with --require-signed. A signature that
            does not sign its tag always fails.
            """,
        examples: ["register verify", "register verify --checkpoint checkpoint-2026-11-23.txt", "register verify --checkpoint latest --require-signed",
                   "register verify --require-signatures", "register verify --decode",
                   "register verify --events /archive/dordrecht/events --json"])

    let json: Bool
    let checkpoint: CheckpointArgument?
    let requireSigned: Bool
    let requireSignatures: Bool
    let decode: Bool
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.isEmpty else {
            throw .usage("verify takes no arguments; got '\(arguments.positionals[0])'", command: Self.name)
        }
        json = arguments.flag("--json")
        requireSignatures = arguments.flag("--require-signatures")
        decode = arguments.flag("--decode")
        let store = try context.store(arguments, command: Self.name)
        self.store = store
        checkpoint = try arguments.value("--checkpoint", command: Self.name).map { (a) throws(CLIError) in
            try CheckpointArgument.load(a, command: Self.name, eventsFolder: store.directory)
        }
        requireSigned = arguments.flag("--require-signed")
        if requireSigned && checkpoint == nil {
            throw .usage("--require-signed goes with --checkpoint (it says the checkpoint tag must be signed)", command: Self.name)
        }
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let progress = Progress(context: context, label: "verified")
        let verifier = StoreVerifier(store: store)
        // With --decode, an event this register cannot read (not damage to the chain, but every
        // question refuses while it counts) is named: each event is decoded as it is read, on all
        // cores. verify reads the events alone, never the index or any other cache.
        var unreadable = UnreadableEvents()
        let checker = StoreVerifier(store: store, signatures: SSHSignatureChecker(allowedSigners: verifier.allowedSignersPath))
        let report = try decode
            ? checker.verify(progress: { progress.tick($0) }, prepare: UnreadableEvents.decode) { stored, decoded in _ = unreadable.take(stored, decoded) }
            : checker.verify(progress: { progress.tick($0) })
        progress.finish()
        let unanswerable = report.isIntact ? unreadable.standing : []
        // Problems beyond the chain itself: a checkpoint's signature, a checkpoint the store does not extend, missing signatures.
        let checkpointSignature = try checkpoint?.signature(allowedSigners: verifier.allowedSignersPath)
        let mismatch = try report.isIntact ? checkpoint.flatMap { try store.mismatch(with: $0.checkpoint) } : nil
        var beyondChain: (kind: String, message: String)? = nil
        if report.isIntact, let checkpointSignature {
            if case .invalid = checkpointSignature {
                beyondChain = ("checkpoint-signature-invalid", checkpointSignature.description)
            } else if requireSigned && !checkpointSignature.isTrusted {
                beyondChain = ("checkpoint-not-signed", checkpointSignature.description + " (--require-signed)")
            }
        }
        if beyondChain == nil, let mismatch { beyondChain = ("checkpoint-mismatch", mismatch) }
        let signatures = report.signatures
        let unsignedOrNotAllowed = signatures.unsigned.count + signatures.notAllowed.count
        if report.isIntact, beyondChain == nil, requireSignatures, unsignedOrNotAllowed > 0 || !signatures.checked {
            beyondChain = ("signatures-required", signatures.checked
                ? "\(signatures.unsigned.count) unsigned event(s) and \(signatures.notAllowed.count) signed by a key not allowed (--require-signatures)"
                : "no event is signed and there is no allowed_signers file (--require-signatures)")
        }
        if json {
            var object: [String: JSONValue] = [
                "intact": .bool(report.isIntact), "events": JSONValue(report.eventCount), "bytes": JSONValue(report.byteCount),
                "head": .string(report.head.hex), "folder": .string(store.directory), "problem": .null,
                "leftoverTemporaryFiles": .array(report.leftoverTemporaries.map(JSONValue.string)),
            ]
            let problems: [JSONValue] = report.problems.map {
                .object(["file": .string($0.file), "kind": .string($0.damage.kind), "message": .string($0.damage.description)])
            }
            object["problems"] = .array(problems)
            if decode {
                object["unreadable"] = .array(unanswerable.map {
                    .object(["file": .string($0.file), "id": .string($0.id), "sequence": JSONValue($0.sequence), "message": .string($0.message)])
                })
            }
            object["problemCount"] = JSONValue(report.problemCount)
            if let first = problems.first {
                object["problem"] = first
            } else if let beyondChain {
                object["intact"] = .bool(false)
                object["problem"] = .object(["file": .null, "kind": .string(beyondChain.kind), "message": .string(beyondChain.message)])
            }
            if signatures.checked || requireSignatures {
                object["signatures"] = .object([
                    "valid": JSONValue(signatures.valid.count),
                    "unsigned": .array(signatures.unsigned.map(JSONValue.string)),
                    "notAllowed": .array(signatures.notAllowed.map { .object(["file": .string($0.file), "reason": .string($0.reason)]) }),
                ])
            }
            if let checkpoint, let checkpointSignature {
                var tagName: JSONValue = .null, signer: JSONValue = .null, key: JSONValue = .null
                if case .tag(let tag) = checkpoint.origin { tagName = .string(tag.name) }
                if case let .signed(_, principal, k) = checkpointSignature { signer = .string(principal); key = k.map(JSONValue.string) ?? .null }
                if case let .notAllowed(_, k, _) = checkpointSignature { key = k.map(JSONValue.string) ?? .null }
                object["checkpoint"] = .object([
                    "events": JSONValue(checkpoint.checkpoint.eventCount), "root": .string(checkpoint.checkpoint.root.hex),
                    "extended": .bool(report.isIntact && mismatch == nil), "tag": tagName,
                    "signature": .string(checkpointSignature.kind), "signer": signer, "key": key,
                ])
            }
            context.printJSON(.object(object))
        } else {
            let l = context.language
            if !report.isIntact {
                for problem in report.problems { context.print(l.text("damaged: {1}: {2}", problem.file, l.message(problem.damage.description))) }
                if report.problemCount > report.problems.count {
                    context.print(l.text("damaged: … and {1} more ({2} damaged or foreign files in all; --json lists the first {3} too)",
                                         report.problemCount - report.problems.count, report.problemCount, report.problems.count))
                }
                context.print(context.language.text("{1} problem(s); {2} event(s) passed every check", report.problemCount, report.eventCount))
            } else if let beyondChain {
                context.print(context.language.text("failed: {1}", context.language.message(beyondChain.message)))
            } else {
                context.print(context.language.text("ok: {1} events, head {2}", report.eventCount, report.head.hex))
                if let checkpoint {
                    context.print(context.language.text("ok: extends the checkpoint of {1} ({2} events, root {3})", checkpoint.checkpoint.time,
                                                        checkpoint.checkpoint.eventCount, checkpoint.checkpoint.root.hex))
                }
            }
            // Where the checkpoint came from and who signed it, unless the failure above already says so.
            if report.isIntact, let checkpointSignature, !["checkpoint-signature-invalid", "checkpoint-not-signed"].contains(beyondChain?.kind ?? "") {
                context.print(l.text(checkpointSignature.isTrusted ? "checkpoint: {1}" : "note: {1}", l.message(checkpointSignature.description)))
            }
            if signatures.checked {
                context.print(context.language.text("signatures: {1} valid, {2} unsigned, {3} by a key not allowed", signatures.valid.count, signatures.unsigned.count, signatures.notAllowed.count))
                for file in signatures.unsigned.prefix(20) { context.print(context.language.text("note: {1} is not signed", file)) }
                for (file, why) in signatures.notAllowed.prefix(20) { context.print(l.text("note: {1}", file) + ": " + l.message(why)) }
            }
            for event in unanswerable { context.print(l.text("note: {1}", l.message(event.message))) }
            for temporary in report.leftoverTemporaries {
                context.print(l.text("note: {1}", temporary) + ": " + l.message(Damage.leftoverTemporaryFile.description))
            }
        }
        return report.isIntact && beyondChain == nil ? .ok : .failure
    }
}
