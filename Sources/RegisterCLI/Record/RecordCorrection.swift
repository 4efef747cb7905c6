import EventStore
import Projections

/// `record correction EVENT …`: the payload of a correction (schema version 2) of the event a
/// clerk names by sequence number or id, and its before → after lines.
///
/// The fields to change are the corrected event's own flags (`--amount` of an addition); the
/// fields that say what the event is about (`reserve`, `project`, `contract`, `year`, `of`, a
/// decision event's `decision`) cannot be corrected: retract the event and record a new one.
/// `--new-effective` moves the event's effective date. In a terminal each correctable field
/// is asked with its current value, Enter keeping it. A retraction cannot be corrected.
struct RecordCorrection {
    let type = EventType.correction
    let payload: [String: JSONValue]
    /// `field: before → after`, one line per change, as the confirmation shows them.
    let shown: [String]

    /// Keys that say what an event is about: a correction may not change them.
    static let identityKeys: Set<String> = ["reserve", "project", "contract", "year", "of"]

    /// The refusal for a correction of an event this register cannot read.
    static func onlyRetractable(_ sequence: Int, _ language: Language) -> CLIError {
        .refused(language.text("event {1} is one this register cannot read; it can only be retracted: register record retraction {1} --reason TEXT", sequence)
                 + "; " + language.text("nothing was written"))
    }

    init(arguments: ParsedArguments, target targetText: String?, questions: RecordQuestions?, knowledge: RecordKnowledge,
         context: CommandContext) throws {
        let language = context.language
        let text: String
        if let targetText {
            text = targetText
        } else if let questions {
            text = try questions.ask(language.text("event to correct (its sequence number or id)"), optional: false) { answer in
                switch knowledge.event(answer) {
                case .readable?: break
                case .unreadable(let unreadable)?: throw Self.onlyRetractable(unreadable.sequence, language)
                case nil:
                    throw CLIError.refused(language.text("there is no event '{1}' in the register; give its sequence number (1-{2}) or its id",
                                                         answer, knowledge.eventCount))
                }
                return answer
            }!
        } else {
            throw CLIError.usage(language.text("record correction needs the EVENT to correct: its sequence number or id"), command: "record")
        }
        let target: ResolvedRecord
        switch knowledge.event(text) {
        case .readable(let record)?: target = record
        case .unreadable(let unreadable)?: throw Self.onlyRetractable(unreadable.sequence, language)
        case nil:
            throw CLIError.refused(language.text("there is no event '{1}' in the register; give its sequence number (1-{2}) or its id",
                                                 text, knowledge.eventCount) + "; " + language.text("nothing was written"))
        }
        guard let recordType = RecordType.all.first(where: { $0.type == target.original.type }), target.original.type != .retraction else {
            throw CLIError.refused(language.text("event {1} is a {2}, which 'record correction' cannot correct (a retraction cannot be corrected; a correction of a correction is written with 'register append')",
                                                 target.sequence, target.original.type.rawValue) + "; " + language.text("nothing was written"))
        }
        var identity = Self.identityKeys
        if case .decision = target.event { identity.insert("decision") }
        let correctable = recordType.fields.filter { !identity.contains($0.key) }
        let own = Set(RecordCommand.common.map(\.name) + RecordCommand.correctionOptions.map(\.name) + OptionSpec.common.map(\.name) + ["--reason"])
        for flag in arguments.values.keys.sorted() + arguments.flags.sorted() where !own.contains(flag) && !correctable.contains(where: { $0.flag == flag }) {
            let fixed = recordType.fields.contains { $0.flag == flag }
            throw CLIError.usage(fixed
                ? language.text("{1} says what event {2} is about and cannot be corrected; retract the event and record a new one", flag, target.sequence)
                : language.text("option '{1}' is not a field of event {2} ({3}); its correctable fields are {4}", flag, target.sequence,
                                target.original.type.rawValue, correctable.map(\.flag).joined(separator: ", ")),
                command: "record")
        }
        let current = target.event.payload.object ?? [:]
        var changes: [String: JSONValue] = [:]
        var shown: [String] = []
        context.writeText(questions == nil ? "" : language.text("Correcting event {1} ({2}, effective {3}): {4}", target.sequence,
                                                                target.original.type.rawValue, target.effectiveDate, language.message(EventSummary.describe(target.event))) + "\n")
        for field in correctable {
            var texts = arguments.allValues(field.flag)
            if texts.isEmpty, let questions {
                texts = try questions.field(field, knowledge: knowledge, about: target.event.subject,
                                            current: Self.text(current[field.key], key: field.key)) ?? []
            }
            guard !texts.isEmpty else { continue }
            let value = try field.value(texts)
            guard value != current[field.key] else { continue }
            changes[field.key] = value
            shown.append("\(field.key): \(Self.text(current[field.key], key: field.key)) → \(Self.text(value, key: field.key))")
        }
        var object: [String: JSONValue] = ["corrects": .string(target.id)]
        var newEffective = try arguments.value("--new-effective", command: "record")
        if newEffective == nil, let questions {
            newEffective = try questions.ask(language.text("effective date of event {1}", target.sequence), optional: true,
                                             keeping: target.effectiveDate.iso) { answer in
                _ = try RecordField.date(answer, flag: "--new-effective")
                return answer
            }
        }
        if let newEffective {
            let date = try RecordField.date(newEffective, flag: "--new-effective")
            if date != target.effectiveDate {
                object["effectiveDate"] = .string(date.iso)
                shown.append("effectiveDate: \(target.effectiveDate.iso) → \(date.iso)")
            }
        }
        guard !changes.isEmpty || object["effectiveDate"] != nil else {
            throw CLIError.usage(language.text("nothing to correct in event {1}: give a new value for one of {2}, or --new-effective",
                                               target.sequence, (correctable.map(\.flag)).joined(separator: ", ")), command: "record")
        }
        if !changes.isEmpty { object["payload"] = .object(changes) }
        var reason = try arguments.value("--reason", command: "record")
        if reason == nil, let questions { reason = try questions.ask(language.text("reason (why the event is corrected)"), optional: false) { $0 } }
        guard let reason else { throw CLIError.usage(language.text("record correction needs --reason (why the event is corrected)"), command: "record") }
        object["reason"] = .string(reason)
        payload = object
        self.shown = [language.text("corrects event {1} ({2}, {3}):", target.sequence, target.id, language.message(EventSummary.describe(target.event)))]
            + shown.map { "  " + $0 }
    }

    /// A payload value as a clerk reads it: amounts in euros, texts bare, absent as `-`.
    static func text(_ value: JSONValue?, key: String) -> String {
        switch value {
        case nil, .null?: return "-"
        case .string(let s)?: return s
        case let other?:
            if key.hasSuffix("Cents"), let cents = other.integer { return Cents(cents).dutch }
            return JSONWriter.compactString(other)
        }
    }
}
