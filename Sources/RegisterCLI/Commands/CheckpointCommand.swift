import Replication
import EventStore
import Foundation

/// `register checkpoint`: prints a checkpoint (count, Merkle root, head, time) to publish.
struct CheckpointCommand: Command {
    static let name = "checkpoint"
    static let spec = CommandSpec(
        name: name, abstract: "Print a checkpoint (event count, Merkle root, time) to publish outside the register.",
        arguments: "[--tag [--sign KEY] [--remote NAME]] [--json]",
        options: [
            OptionSpec(name: "--tag", valueName: nil, help: "Also record it as an annotated git tag checkpoint-<count> on the published commit (only when every local event is published)."),
            OptionSpec(name: "--sign", valueName: "KEY", help: "With --tag: sign the tag with this OpenSSH key (git tag -s, gpg.format=ssh)."),
            OptionSpec(name: "--remote", valueName: "NAME", help: "With --tag: push the tag to this remote, so 'git fetch --tags' distributes it."),
            .json,
        ],
        discussion: """
            Publish the printed text where the register cannot change it (council minutes, the archive, an
            email to the accountant). 'register verify --checkpoint FILE' later proves that the store still
            begins with exactly those events, which catches deleted tail events and rewritten history.
            The root is an RFC 9162 Merkle tree hash over the events' SHA-256 hashes.
            A tag covers only published history: --tag refuses (exit 3) while local events are not published to the
            remote (--remote, default origin); run 'register publish' first. The push hook refuses a checkpoint-* tag
            whose count and root are not those of the history it points at.
            """,
        examples: ["register checkpoint > checkpoint-2026-11-23.txt", "register verify --checkpoint checkpoint-2026-11-23.txt",
                   "register checkpoint --tag --remote origin && register verify --checkpoint latest"])

    let json: Bool
    let tag: Bool
    let signingKey: String?
    let remote: String?
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.isEmpty else {
            throw .usage("checkpoint takes no arguments; got '\(arguments.positionals[0])'", command: Self.name)
        }
        json = arguments.flag("--json")
        tag = arguments.flag("--tag")
        signingKey = try arguments.signingKey(command: Self.name)
        remote = try arguments.value("--remote", command: Self.name)
        if !tag && (signingKey != nil || remote != nil) { throw .usage("--sign and --remote go with --tag", command: Self.name) }
        store = try context.store(arguments, command: Self.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let checkpoint = try store.checkpoint()
        if tag {
            let replica: Replica
            do { replica = try Replica(store: store, remote: remote ?? "origin") } catch ReplicationError.repository(let why) {
                throw CLIError.refused("--tag: \(why)")
            }
            let name = try replica.tag(checkpoint, signingKey: signingKey, push: remote != nil)
            let l = context.language
            context.writeError(l.text("tagged {1}", name) + (signingKey == nil ? "" : " " + l.text("(signed)")) + (remote.map { " " + l.text("and pushed it to {1}", $0) } ?? "") + "\n")
        }
        if json {
            context.printJSON(.object(["events": JSONValue(checkpoint.eventCount), "root": .string(checkpoint.root.hex),
                                       "head": .string(checkpoint.head.hex), "time": .string(checkpoint.time.iso),
                                       "text": .string(checkpoint.text)]))
        } else {
            context.writeOut(checkpoint.text)
        }
        return .ok
    }
}

/// `register prove EVENT`: an inclusion proof for one event against the current root.
struct ProveCommand: Command {
    static let name = "prove"
    static let spec = CommandSpec(
        name: name, abstract: "Print an inclusion proof (JSON) for one event against the current Merkle root.",
        arguments: "EVENT", options: [],
        discussion: "EVENT is a sequence number or an event id. Check the proof with 'register verify-proof'.",
        examples: ["register prove 13 > proof.json", "register prove res-404-end-date-2026"])

    let event: String
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.count == 1 else {
            throw .usage("prove needs exactly one EVENT (a sequence number or an event id)", command: Self.name)
        }
        event = arguments.positionals[0]
        store = try context.store(arguments, command: Self.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        var sequence = Int(event)
        if sequence == nil {
            try store.replay { if $0.envelope.id == event { sequence = $0.envelope.sequence } }
        }
        guard let sequence, let proof = try store.inclusionProof(sequence: sequence) else {
            throw CLIError.refused("the register holds no event '\(event)' (give a sequence number or an event id; see 'register log')")
        }
        context.printJSON(proof.json)
        return .ok
    }
}

/// `register verify-proof FILE|-`: checks an inclusion proof, optionally against a published checkpoint.
struct VerifyProofCommand: Command {
    static let name = "verify-proof"
    static let spec = CommandSpec(
        name: name, abstract: "Check an inclusion proof from 'register prove', without the store.",
        arguments: "[FILE|-] [--checkpoint FILE|TEXT] [--event EVENTFILE] [--json]",
        options: [
            OptionSpec(name: "--checkpoint", valueName: "FILE|TEXT", help: "Also require the proof's root and size to be this published checkpoint's."),
            OptionSpec(name: "--event", valueName: "EVENTFILE", help: "Also require this event file to hash to the proof's event hash."),
            .json,
        ],
        discussion: "Exit 0 when the proof holds, 1 when it does not.",
        examples: ["register verify-proof proof.json --checkpoint checkpoint.txt --event events/00000013-reserve-end-date-changed.json"])

    let input: String
    let checkpoint: Checkpoint?
    let eventFile: String?
    let json: Bool

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.count <= 1 else { throw .usage("verify-proof takes one FILE (or -)", command: Self.name) }
        input = arguments.positionals.first ?? "-"
        checkpoint = try arguments.value("--checkpoint", command: Self.name).map { (a) throws(CLIError) in
            try CheckpointArgument.load(a, command: Self.name).checkpoint
        }
        eventFile = try arguments.value("--event", command: Self.name)
        json = arguments.flag("--json")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let bytes: [UInt8]
        if input == "-" { bytes = context.readStandardInput() } else {
            guard let data = FileManager.default.contents(atPath: input) else {
                throw CLIError.usage("cannot read the proof file '\(input)'", command: Self.name)
            }
            bytes = Array(data)
        }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw StoreError.unreadableInput(source: input, detail: error.description) }
        let proof = try InclusionProof(json: value)
        var problems: [String] = []
        if !proof.isValid { problems.append("the path does not lead from the event hash to the root") }
        if let checkpoint, checkpoint.eventCount != proof.treeSize || checkpoint.root != proof.root {
            problems.append("the proof is against \(proof.treeSize) events with root \(proof.root.hex), not the checkpoint's \(checkpoint.eventCount) events with root \(checkpoint.root.hex)")
        }
        if let eventFile {
            guard let data = FileManager.default.contents(atPath: eventFile) else {
                throw CLIError.usage("cannot read the event file '\(eventFile)'", command: Self.name)
            }
            let actual = SHA256.hash(Array(data))
            if actual != proof.eventHash { problems.append("\(eventFile) hashes to \(actual.hex), not the proof's event hash \(proof.eventHash.hex)") }
        }
        if json {
            context.printJSON(.object(["valid": .bool(problems.isEmpty), "event": .string(proof.eventID), "sequence": JSONValue(proof.sequence),
                                       "treeSize": JSONValue(proof.treeSize), "root": .string(proof.root.hex),
                                       "problems": .array(problems.map(JSONValue.string))]))
        } else if problems.isEmpty {
            context.print(context.language.text("valid: event {1} ({2}) is in the history of {3} events with root {4}", proof.sequence, proof.eventID, proof.treeSize, proof.root.hex))
        } else {
            for p in problems { context.print(context.language.text("invalid: {1}", context.language.message(p))) }
        }
        return problems.isEmpty ? .ok : .failure
    }
}
