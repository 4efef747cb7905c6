import Signing
import EventStore
import Foundation
import Projections

/// `register append [FILE|-]`: appends one event given as JSON, after every check passes.
struct AppendCommand: Command {
    static let name = "append"
    static let spec = CommandSpec(
        name: name, abstract: "Append one event given as JSON (from FILE, or standard input with - or no FILE).",
        arguments: "[FILE|-] [--expect-head HASH | --expect-seq N] [--sign KEY] [--json]",
        options: [
            OptionSpec(name: "--expect-head", valueName: "HASH", help: "Refuse unless the store's last event has this hash (optimistic concurrency)."),
            OptionSpec(name: "--expect-seq", valueName: "N", help: "Refuse unless the store's last sequence number is N (0: empty store)."),
            OptionSpec(name: "--sign", valueName: "KEY", help: "Sign the event with this OpenSSH private key (ssh-keygen -Y sign); the signature is stored beside it."),
            .json,
        ],
        discussion: """
            The input is one JSON object: id (optional), type, schemaVersion (default: the type's current version), effectiveDate (YYYY-MM-DD),
            actor, source {document, zaaknummer} and payload; every type's payload is in docs/reference/events.md.
            The store sets sequence, recordedAt and previousHash. The event is checked in full (fields, dates,
            cents, references) before anything is written; a refused event leaves the store unchanged (exit 3).
            Appending the same event again (same id and content) is safe: it writes nothing and answers with the
            stored event's receipt (exit 0, "already stored"); the same id with other content is refused (exit 3).
            When the event is stored but the folder sync after it failed, the error says so (exit 1): append
            the same event again to confirm it.
            """,
        examples: ["register append event.json", "cat event.json | register append - --expect-seq 25"])

    let input: String
    let expectation: HeadExpectation?
    let json: Bool
    let signingKey: String?
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.count <= 1 else {
            throw .usage("append takes one FILE (or -), not \(arguments.positionals.count)", command: Self.name)
        }
        input = arguments.positionals.first ?? "-"
        let head = try arguments.value("--expect-head", command: Self.name)
        let seq = try arguments.value("--expect-seq", command: Self.name)
        switch (head, seq) {
        case (.some, .some):
            throw .usage("give --expect-head or --expect-seq, not both", command: Self.name)
        case (let h?, nil):
            guard let digest = SHA256Digest(hex: h.lowercased()) else {
                throw .usage("--expect-head '\(h)' is not a SHA-256 hash (64 hex digits)", command: Self.name)
            }
            expectation = .head(digest)
        case (nil, let s?):
            guard let n = Int(s), n >= 0 else {
                throw .usage("--expect-seq '\(s)' is not a whole number 0 or more", command: Self.name)
            }
            expectation = .sequence(n)
        case (nil, nil):
            expectation = nil
        }
        json = arguments.flag("--json")
        signingKey = try arguments.signingKey(command: Self.name)
        store = try context.store(arguments, command: Self.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        // At most one byte more than an event may be is read: enough to know the input is too long.
        let limit = EventStore.maximumEventBytes
        let bytes: [UInt8]
        let name = input == "-" ? "standard input" : input
        if input == "-" {
            bytes = context.readStandardInput(atMost: limit + 1)
        } else {
            guard let handle = FileHandle(forReadingAtPath: input), let data = try? handle.read(upToCount: limit + 1) ?? Data() else {
                throw CLIError.usage("cannot read the input file '\(input)'", command: Self.name)
            }
            try? handle.close()
            bytes = Array(data)
        }
        guard bytes.count <= limit else {
            throw CLIError.refused("\(name) is more than \(limit) bytes; an event may be at most \(limit) bytes (1 MiB); nothing was written")
        }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw StoreError.unreadableInput(source: name, detail: error.description)
        }
        let draft = try EventDraft(json: value, defaultVersion: { EventType(rawValue: $0)?.schemaVersion ?? 1 })
        let receipt = try DomainAppend(store: store, context: context)
            .append(draft, expecting: expectation, signer: signingKey.map(SSHEventSigner.init(keyPath:)))
        if json {
            context.printJSON(.object([
                "sequence": JSONValue(receipt.sequence), "id": .string(receipt.id), "hash": .string(receipt.hash.hex),
                "file": .string(receipt.path), "recordedAt": .string(receipt.recordedAt.iso),
                "signed": .bool(signingKey != nil && !receipt.alreadyStored), "alreadyStored": .bool(receipt.alreadyStored),
            ]))
        } else if receipt.alreadyStored {
            let l = context.language
            context.print(l.text("already stored: event {1} as {2} is this very event (an earlier append stored it); nothing was written", receipt.sequence, receipt.path))
            context.print(l.text("id:   {1}", receipt.id))
            context.print(l.text("hash: {1}", receipt.hash.hex))
        } else {
            let l = context.language
            context.print(l.text("appended event {1} as {2}", receipt.sequence, receipt.path))
            context.print(l.text("id:   {1}", receipt.id))
            context.print(l.text("hash: {1}", receipt.hash.hex))
            if signingKey != nil { context.print(l.text("signed: {1}", receipt.path + EventFileName.signatureSuffix)) }
        }
        return .ok
    }
}
