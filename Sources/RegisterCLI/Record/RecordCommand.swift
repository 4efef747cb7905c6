import Signing
import EventStore
import Foundation
import Projections

/// `register record TYPE --flag value …`: the clerk's way to append, with flags or questions.
///
/// Amounts and dates are read as clerks write them (`€ 5.000.000,00`, `31-12-2026`). The
/// event is shown before it is written; in a terminal the clerk confirms, in a script
/// `--yes` confirms and `--dry-run` only validates. In a terminal (standard input and output
/// terminals, no CI declared: `CommandContext.canAsk`) every field not given as a flag is asked
/// (`RecordQuestions`), optional ones skipped with Enter, also with `--dry-run`; without a TYPE a
/// menu of types is shown. Before a terminal append, and with `--dry-run`, what the audit would
/// newly report about the event is shown (`RecordAuditPreview`).
///
/// `record correction EVENT --FIELD VALUE …` and `record retraction EVENT --reason …` name the
/// event by its sequence number or id (`RecordCorrection`).
struct RecordCommand: Command {
    static let common: [OptionSpec] = [
        OptionSpec(name: "--effective", valueName: "DATE", help: "The date the change takes effect (2022-12-13 or 13-12-2022)."),
        OptionSpec(name: "--source", valueName: "DOCUMENT", help: "The source document (file name or title)."),
        OptionSpec(name: "--zaaknummer", valueName: "ZAAKNUMMER", help: "(optional) The source document's zaaknummer."),
        OptionSpec(name: "--actor", valueName: "WHO", help: "(optional) Who records it (default: $REGISTER_ACTOR, else griffie:$USER, else griffie:clerk)."),
        OptionSpec(name: "--id", valueName: "ID", help: "(optional) The event id (default: a new UUID)."),
        OptionSpec(name: "--note", valueName: "TEXT", help: "(optional) A remark kept with the event."),
        OptionSpec(name: "--assumption", valueName: "TEXT", help: "(optional, repeatable) An assumption and its reason, e.g. for a blank date."),
        OptionSpec(name: "--yes", valueName: nil, help: "Append without asking for confirmation (for scripts)."),
        OptionSpec(name: "--dry-run", valueName: nil, help: "Validate everything against the store, show the event, write nothing."),
        OptionSpec(name: "--sign", valueName: "KEY", help: "(optional) Sign the event with this OpenSSH private key."),
        .json,
    ]
    /// The options only a correction has.
    static let correctionOptions: [OptionSpec] = [
        OptionSpec(name: "--new-effective", valueName: "DATE", help: "(correction) The corrected event's right effective date."),
    ]

    static let name = "record"

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
            name: name, abstract: "Record an event with flags (or answer questions in a terminal), confirm, and append it.",
            arguments: "[TYPE | correction EVENT | retraction EVENT] --effective DATE --source DOCUMENT [field flags] [--yes | --dry-run] [--json]",
            options: common + correctionOptions + fieldOptions,
            discussion: """
                Amounts: 5000000, 5.000.000, € 5.000.000,00, 400.000,- (refused when ambiguous, e.g. 1.5).
                Dates: 2026-12-31, 31-12-2026, 31/12/2026 or 31 december 2026. The event is shown and checked in full before it is written.
                In a terminal every field not given is asked, again after a wrong answer; Enter skips an optional one.
                Without a TYPE in a terminal, a menu of types is shown. Dutch type names are accepted too (toevoeging, onttrekking, besluit, begroting, ...).
                correction EVENT (sequence number or id): give the fields to change as the event's own flags, --reason, and/or --new-effective.
                retraction EVENT (sequence number or id) --reason TEXT: the event never counts.
                TYPES and their flags:
                """ + types,
            examples: [
                "register record end-date-change --reserve 404 --end-date 31-12-2026 --decision 2022-0177088 --effective 2022-12-13 --source \"Raadsbesluit 2022-0177088\" --yes",
                "register record addition --reserve 404 --amount \"€ 5.000.000,00\" --decision 2403230 --effective 2019-06-30 --source 003_b485894c4d3abfa7.txt --dry-run",
                "register record allocation --reserve 404 --allocation \"FLITS=1.100.000\" --allocation \"BSO+=240.000,-\" --effective 2021-09-30 --source evaluatie",
                "register record correction 12 --amount 450.000 --reason \"typo in the amount\" --source \"Jaarstukken 2022\" --yes",
                "register record retraction 12 --reason \"recorded twice\" --source \"griffie\" --yes",
            ])
    }

    /// What is recorded: an event of a type, or a correction of an earlier event.
    enum Recording {
        /// nil: asked in a menu.
        case type(RecordType?)
        case correction(target: String?)
    }

    let what: Recording
    let arguments: ParsedArguments
    let store: EventStore

    static let correctionNames: Set<String> = ["correction", "correctie", "herstel"]

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let language = context.language
        let names = RecordType.all.map(\.name) + ["correction"]
        let positionals = arguments.positionals
        var what: Recording = .type(nil)
        if let name = positionals.first {
            if Self.correctionNames.contains(name.lowercased()) {
                what = .correction(target: positionals.dropFirst().first)
            } else if let type = RecordType.named(name) {
                what = .type(type)
            } else {
                var message = language.text("'{1}' is not a type to record; choose one of {2}", name, names.joined(separator: ", "))
                if let near = nearest(name.lowercased(), among: RecordType.allNames + ["correction"]) {
                    message += ". " + language.text("Did you mean '{1}'?", near)
                }
                throw .usage(message, command: "record")
            }
        } else if !context.canAsk {
            throw .usage(language.text("record needs a TYPE: {1}", names.joined(separator: ", ")), command: "record")
        }
        let takesEvent: Bool
        switch what {
        case .correction: takesEvent = true
        case .type(let type): takesEvent = type?.type == .retraction
        }
        guard positionals.count <= (takesEvent ? 2 : 1) else {
            throw .usage(language.text("record takes one TYPE{1}; unexpected '{2}' (quote values with spaces)",
                                       takesEvent ? " " + language.text("and one EVENT") : "", positionals[takesEvent ? 2 : 1]),
                         command: "record")
        }
        if case .type(let type?) = what {
            let allowed = Set(Self.common.map(\.name) + type.fields.map(\.flag) + OptionSpec.common.map(\.name))
            for flag in arguments.values.keys.sorted() + arguments.flags.sorted() where !allowed.contains(flag) {
                throw .usage(language.text("option '{1}' does not belong to 'record {2}'; its flags are {3}", flag, type.name,
                                           type.fields.map(\.flag).joined(separator: ", ")), command: "record")
            }
            if type.type == .retraction, positionals.count == 2, arguments.values["--retracts"] != nil {
                throw .usage(language.text("give the event to retract once: as EVENT or as --retracts, not both"), command: "record")
            }
        }
        _ = try arguments.signingKey(command: "record") // a bad key is refused before any question
        if arguments.flag("--yes") && arguments.flag("--dry-run") {
            throw .usage(language.text("give --yes or --dry-run, not both"), command: "record")
        }
        self.what = what
        self.arguments = arguments
        store = try context.store(arguments, command: "record")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let questions = RecordQuestions(context: context)
        let asking = context.canAsk && !arguments.flag("--yes")
        // The whole history, for questions and the audit preview: only when someone is there to see them.
        // Events this register cannot read do not stop it: a clerk must be able to retract them.
        let knowledge = try asking || arguments.flag("--dry-run") || needsEventLookup ? {
            let (history, unreadable) = try context.readableHistory(of: store)
            return RecordKnowledge(history: history, unreadable: unreadable)
        }() : nil
        switch what {
        case .correction(let target):
            let correction = try RecordCorrection(arguments: arguments, target: target, questions: asking ? questions : nil,
                                                  knowledge: knowledge!, context: context)
            return try finish(correction.type, payload: correction.payload, shown: correction.shown, asking: asking,
                              knowledge: knowledge, context: context)
        case .type(let chosen):
            let type = try chosen ?? Self.menu(questions)
            var payload: [String: JSONValue] = [:]
            var subject: Subject? = nil
            for field in type.fields {
                var texts = arguments.allValues(field.flag)
                if field.flag == "--retracts", texts.isEmpty, arguments.positionals.count == 2 { texts = [arguments.positionals[1]] }
                if texts.isEmpty {
                    if asking {
                        texts = try questions.field(field, knowledge: knowledge, about: subject) ?? []
                    } else if field.required {
                        throw CLIError.usage(context.language.text("record {1} needs {2} ({3})", type.name, field.flag,
                                                                   context.language.text(field.help)), command: "record")
                    }
                }
                guard !texts.isEmpty else { continue }
                var value = try field.value(texts)
                if field.reference == .event, let id = value.string, let knowledge {
                    guard let target = knowledge.event(id)?.id else {
                        throw CLIError.refused(context.language.text("there is no event '{1}' in the register; give its sequence number (1-{2}) or its id",
                                                                     id, knowledge.eventCount) + "; " + context.language.text("nothing was written"))
                    }
                    value = .string(target)
                }
                payload[field.key] = value
                if field.key == "reserve", let id = value.string { subject = .reserve(ReserveNumber(id)) }
                if field.key == "contract", let id = value.string { subject = .contract(ContractID(id)) }
            }
            return try finish(type.type, payload: payload, shown: nil, asking: asking, knowledge: knowledge, context: context)
        }
    }

    /// A retraction named by sequence number needs the history to find the event's id.
    private var needsEventLookup: Bool {
        switch what {
        case .correction: return true
        case .type(let type): return type?.type == .retraction
        }
    }

    /// Asks the envelope, shows the event and what the audit would say, confirms, appends.
    private func finish(_ type: EventType, payload fields: [String: JSONValue], shown: [String]?, asking: Bool,
                        knowledge: RecordKnowledge?, context: CommandContext) throws -> ExitCode {
        let language = context.language
        let questions = RecordQuestions(context: context)
        var payload = fields
        func envelopeText(_ flag: String, _ question: String, optional: Bool = false) throws -> String? {
            if let value = try arguments.value(flag, command: "record") { return value }
            guard asking else {
                if optional { return nil }
                throw CLIError.usage(language.text("record needs {1} ({2})", flag, language.text(question)), command: "record")
            }
            let label = String(flag.dropFirst(2))
            return try questions.ask("\(label) (\(language.text(question)))", optional: optional) { answer in
                if flag == "--effective" { _ = try RecordField.date(answer, flag: flag) }
                return answer
            }
        }
        let isAmendment = type == .correction || type == .retraction
        let effective: CalendarDate
        if isAmendment, try arguments.value("--effective", command: "record") == nil {
            effective = DateArguments.today()  // a correction or retraction takes effect the day it is made
        } else {
            effective = try RecordField.date(try envelopeText("--effective", "the date the change takes effect")!, flag: "--effective")
        }
        let source = try envelopeText("--source", "the source document")!
        let zaaknummer = try envelopeText("--zaaknummer", "the source document's zaaknummer", optional: true)
        if let note = try envelopeText("--note", "a remark kept with the event", optional: true) { payload["note"] = .string(note) }
        let assumptions = arguments.allValues("--assumption")
        if !assumptions.isEmpty { payload["assumptions"] = .array(assumptions.map(JSONValue.string)) }

        let actor = try arguments.value("--actor", command: "record")
            ?? context.defaultActor
        let draft = EventDraft(id: try arguments.value("--id", command: "record"), type: type.rawValue, schemaVersion: type.schemaVersion,
                               effectiveDate: effective,
                               actor: actor, source: EventSource(document: source, zaaknummer: zaaknummer),
                               payload: .object(payload))
        try draft.validateEnvelopeFields()
        let event = try DomainEvent(type: type, payload: .object(payload), rules: .append)

        let preview = try DomainAppend(store: store, context: context).append(draft, expecting: nil, dryRun: true)
        let findings = try knowledge.map { try RecordAuditPreview.findings(of: draft, sequence: preview.sequence, in: $0.history) } ?? []
        let json = arguments.flag("--json")
        if !json {
            context.print(language.text("Event {1} ({2}), effective {3}:", preview.sequence, type.rawValue, effective))
            for line in shown ?? [language.message(EventSummary.describe(event))] { context.print("  " + line) }
            context.print("  " + language.text("source: {1}", source) + (zaaknummer.map { " (" + language.text("zaaknummer {1}", $0) + ")" } ?? "")
                          + ", " + language.text("actor: {1}", actor))
            context.writeText(JSONWriter.prettyString(.object(payload)).split(separator: "\n").map { "  \($0)\n" }.joined())
            if knowledge != nil { context.writeText(RecordAuditPreview.text(findings, language: language)) }
            let retracted = type == .retraction ? payload["retracts"]?.string : nil
            for event in knowledge?.standing ?? [] where event.id != retracted {
                context.print(language.text("note: event {1} is one this register cannot read; no question is answered until it is retracted (register record retraction {1})",
                                            event.sequence))
            }
        }
        if arguments.flag("--dry-run") {
            if json {
                context.printJSON(.object(["valid": true, "sequence": JSONValue(preview.sequence), "written": false, "payload": .object(payload),
                                           "findings": RecordAuditPreview.json(findings)]))
            } else {
                context.print(language.text("valid: nothing was written (--dry-run)"))
            }
            return .ok
        }
        if !arguments.flag("--yes") {
            guard context.canAsk else {
                throw CLIError.usage(language.text("confirmation needed: standard input and output are not both a terminal, or CI is set; pass --yes to append or --dry-run to check"), command: "record")
            }
            let serious = findings.contains { $0.severity == .error || $0.severity == .warning }
            context.writeOut(language.text(serious ? "Append it anyway? [y/N]" : "Append this event? [y/N]") + " ")
            let answer = (context.readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            guard ["y", "yes", "j", "ja"].contains(answer) else {
                context.print(language.text("not appended"))
                return .ok
            }
        }
        let signingKey = try arguments.signingKey(command: "record")
        let receipt = try DomainAppend(store: store, context: context)
            .append(draft, expecting: .sequence(preview.sequence - 1), signer: signingKey.map(SSHEventSigner.init(keyPath:)))
        if json {
            context.printJSON(.object(["sequence": JSONValue(receipt.sequence), "id": .string(receipt.id), "hash": .string(receipt.hash.hex),
                                       "file": .string(receipt.path), "written": .bool(!receipt.alreadyStored)]))
        } else {
            context.print(receipt.alreadyStored
                ? language.text("already stored: event {1} as {2} is this very event; nothing was written", receipt.sequence, receipt.path)
                : language.text("appended event {1} (id {2}) as {3}", receipt.sequence, receipt.id, receipt.path))
            context.print(language.text("hash: {1}", receipt.hash.hex))
        }
        return .ok
    }

    /// The menu shown when `record` is started in a terminal without a TYPE.
    static func menu(_ questions: RecordQuestions) throws -> RecordType {
        let language = questions.language
        let context = questions.context
        context.print(language.text("What do you want to record?"))
        let width = RecordType.all.map(\.name.count).max() ?? 0
        for (i, type) in RecordType.all.enumerated() {
            let number = String(i + 1).padding(toLength: 3, withPad: " ", startingAt: 0)
            let names = language == .nl ? "\(type.dutchName ?? type.name) (\(type.name))" : type.name
            context.print("  \(number) " + names.padding(toLength: width + 24, withPad: " ", startingAt: 0) + language.text(type.abstract))
        }
        context.print("  " + language.text("(a correction: register record correction EVENT)"))
        return try questions.ask(language.text("type (number or name)"), optional: false) { answer in
            if let n = Int(answer), RecordType.all.indices.contains(n - 1) { return RecordType.all[n - 1] }
            if let type = RecordType.named(answer) { return type }
            throw CLIError.usage(language.text("'{1}' is not a number from 1 to {2} or a type name", answer, RecordType.all.count), command: "record")
        }!
    }
}
