import Signing
import EventStore
import Foundation
import Projections

/// `register record TYPE --flag value …`: the clerk's way to append, with flags or questions.
///
/// Amounts and dates are read as clerks write them (`€ 5.000.000,00`, `31-12-2026`). The
/// event is shown before it is written; in a terminal the clerk confirms, in a script
/// `--yes` confirms and `--dry-run` only validates. Missing fields are asked for in turn when
/// standard input and output are terminals and no CI is declared (`CommandContext.canAsk`).
struct RecordCommand: Command {
    static let common: [OptionSpec] = [
        OptionSpec(name: "--effective", valueName: "DATE", help: "The date the change takes effect (2022-12-13 or 13-12-2022)."),
        OptionSpec(name: "--source", valueName: "DOCUMENT", help: "The source document (file name or title)."),
        OptionSpec(name: "--zaaknummer", valueName: "ZAAKNUMMER", help: "(optional) The source document's zaaknummer."),
        OptionSpec(name: "--actor", valueName: "WHO", help: "(optional) Who records it (default: $REGISTER_ACTOR, else griffie:$USER)."),
        OptionSpec(name: "--id", valueName: "ID", help: "(optional) The event id (default: a new UUID)."),
        OptionSpec(name: "--note", valueName: "TEXT", help: "(optional) A remark kept with the event."),
        OptionSpec(name: "--assumption", valueName: "TEXT", help: "(optional, repeatable) An assumption and its reason, e.g. for a blank date."),
        OptionSpec(name: "--yes", valueName: nil, help: "Append without asking for confirmation (for scripts)."),
        OptionSpec(name: "--dry-run", valueName: nil, help: "Validate everything against the store, show the event, write nothing."),
        OptionSpec(name: "--sign", valueName: "KEY", help: "(optional) Sign the event with this OpenSSH private key."),
        .json,
    ]

    static var spec: CommandSpec {
        var seen = Set(common.map(\.name))
        var fieldOptions: [OptionSpec] = []
        for type in RecordType.all { for field in type.fields where seen.insert(field.flag).inserted { fieldOptions.append(field.option) } }
        let types = RecordType.all.map { type in
            "\n  \(type.name) (\(type.type.rawValue)): \(type.abstract)\n    "
                + type.fields.map { $0.required ? "\($0.flag) \($0.option.valueName ?? "")" : "[\($0.flag) \($0.option.valueName ?? "")]" }
                    .joined(separator: " ")
        }.joined()
        return CommandSpec(
            name: "record", abstract: "Record an event with flags (or answer questions in a terminal), confirm, and append it.",
            arguments: "TYPE --effective DATE --source DOCUMENT [field flags] [--yes | --dry-run]",
            options: common + fieldOptions,
            discussion: """
                Amounts: 5000000, 5.000.000, € 5.000.000,00, 400.000,- (refused when ambiguous, e.g. 1.5).
                Dates: 2026-12-31 or 31-12-2026. The event is shown and checked in full before it is written.
                TYPES and their flags:
                """ + types,
            examples: [
                "register record end-date-change --reserve 404 --end-date 31-12-2026 --decision 2022-0177088 --effective 2022-12-13 --source \"Raadsbesluit 2022-0177088\" --yes",
                "register record addition --reserve 404 --amount \"€ 5.000.000,00\" --decision 2403230 --effective 2019-06-30 --source 003_b485894c4d3abfa7.txt --dry-run",
                "register record allocation --reserve 404 --allocation \"FLITS=1.100.000\" --allocation \"BSO+=240.000,-\" --effective 2021-09-30 --source evaluatie",
            ])
    }

    let type: RecordType
    let arguments: ParsedArguments
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard let name = arguments.positionals.first else {
            throw .usage("record needs a TYPE: " + RecordType.all.map(\.name).joined(separator: ", "), command: "record")
        }
        guard arguments.positionals.count == 1 else {
            throw .usage("record takes one TYPE; unexpected '\(arguments.positionals[1])' (quote values with spaces)", command: "record")
        }
        guard let type = RecordType.named(name) else {
            var message = "'\(name)' is not a type to record; choose one of " + RecordType.all.map(\.name).joined(separator: ", ")
            if let near = nearest(name, among: RecordType.all.map(\.name)) { message += ". Did you mean '\(near)'?" }
            throw .usage(message, command: "record")
        }
        let allowed = Set(Self.common.map(\.name) + type.fields.map(\.flag) + OptionSpec.common.map(\.name))
        for flag in arguments.values.keys.sorted() + arguments.flags.sorted() where !allowed.contains(flag) {
            throw .usage("option '\(flag)' does not belong to 'record \(type.name)'; its flags are "
                         + type.fields.map(\.flag).joined(separator: ", "), command: "record")
        }
        if arguments.flag("--yes") && arguments.flag("--dry-run") {
            throw .usage("give --yes or --dry-run, not both", command: "record")
        }
        self.type = type
        self.arguments = arguments
        store = try context.store(arguments, command: "record")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let ask = context.canAsk && !arguments.flag("--yes") && !arguments.flag("--dry-run")
        var payload: [String: JSONValue] = [:]
        for field in type.fields {
            var texts = arguments.allValues(field.flag)
            if texts.isEmpty && field.required {
                guard ask else {
                    throw CLIError.usage("record \(type.name) needs \(field.flag) (\(field.help))", command: "record")
                }
                texts = try Self.prompt(field.isRepeatable ? "\(field.flag) (\(field.help); several separated by ';')" : "\(field.flag) (\(field.help))",
                                        context: context, splitting: field.isRepeatable)
            }
            guard !texts.isEmpty else { continue }
            payload[field.key] = try field.value(texts)
        }
        if let note = try arguments.value("--note", command: "record") { payload["note"] = .string(note) }
        let assumptions = arguments.allValues("--assumption")
        if !assumptions.isEmpty { payload["assumptions"] = .array(assumptions.map(JSONValue.string)) }

        func envelopeText(_ flag: String, _ question: String) throws -> String {
            if let value = try arguments.value(flag, command: "record") { return value }
            guard ask else { throw CLIError.usage("record needs \(flag) (\(question))", command: "record") }
            return try Self.prompt("\(flag) (\(question))", context: context, splitting: false)[0]
        }
        let effective = try RecordField.date(try envelopeText("--effective", "the date the change takes effect"), flag: "--effective")
        let source = try envelopeText("--source", "the source document")
        let actor = try arguments.value("--actor", command: "record")
            ?? context.environment["REGISTER_ACTOR"] ?? "griffie:\(context.environment["USER"] ?? "clerk")"
        let draft = EventDraft(id: try arguments.value("--id", command: "record"), type: type.type.rawValue, effectiveDate: effective,
                               actor: actor, source: EventSource(document: source, zaaknummer: try arguments.value("--zaaknummer", command: "record")),
                               payload: .object(payload))
        try draft.validateEnvelopeFields()
        let shown = try DomainEvent(type: type.type, payload: .object(payload), rules: .append)

        let preview = try DomainAppend(store: store, context: context).append(draft, expecting: nil, dryRun: true)
        if !arguments.flag("--json") {
            context.print("Event \(preview.sequence) (\(type.type.rawValue)), effective \(effective):")
            context.print("  " + EventSummary.describe(shown))
            context.print("  source: \(source)" + (draft.source.zaaknummer.map { " (zaaknummer \($0))" } ?? "") + ", actor: \(actor)")
            context.writeText(JSONWriter.prettyString(.object(payload)).split(separator: "\n").map { "  \($0)\n" }.joined())
        }
        if arguments.flag("--dry-run") {
            if arguments.flag("--json") {
                context.printJSON(.object(["valid": true, "sequence": JSONValue(preview.sequence), "written": false, "payload": .object(payload)]))
            } else {
                context.print("valid: nothing was written (--dry-run)")
            }
            return .ok
        }
        if !arguments.flag("--yes") {
            guard context.canAsk else {
                throw CLIError.usage("confirmation needed: standard input and output are not both a terminal, or CI is set; pass --yes to append or --dry-run to check", command: "record")
            }
            context.writeOut("Append this event? [y/N] ")
            let answer = (context.readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            guard ["y", "yes", "j", "ja"].contains(answer) else {
                context.print("not appended")
                return .ok
            }
        }
        let signingKey = try arguments.value("--sign", command: "record")
        let receipt = try DomainAppend(store: store, context: context)
            .append(draft, expecting: .sequence(preview.sequence - 1), signer: signingKey.map(SSHEventSigner.init(keyPath:)))
        if arguments.flag("--json") {
            context.printJSON(.object(["sequence": JSONValue(receipt.sequence), "id": .string(receipt.id), "hash": .string(receipt.hash.hex),
                                       "file": .string(receipt.path), "written": .bool(!receipt.alreadyStored)]))
        } else {
            context.print(receipt.alreadyStored ? "already stored: event \(receipt.sequence) as \(receipt.path) is this very event; nothing was written"
                                                : "appended event \(receipt.sequence) as \(receipt.path)")
            context.print("hash: \(receipt.hash.hex)")
        }
        return .ok
    }

    /// Asks one question on the terminal until the clerk answers something.
    static func prompt(_ question: String, context: CommandContext, splitting: Bool) throws -> [String] {
        for _ in 0..<3 {
            context.writeOut("\(question): ")
            guard let line = context.readLine() else { break }
            let answer = line.trimmingCharacters(in: .whitespaces)
            if answer.isEmpty { continue }
            return splitting ? answer.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) } : [answer]
        }
        throw CLIError.usage("no answer for \(question); nothing was written", command: "record")
    }
}
