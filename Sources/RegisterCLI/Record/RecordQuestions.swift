import EventStore
import Projections

/// The questions `record` asks at a terminal: one at a time, each asked again until the answer
/// is accepted, with the reason and the accepted forms, so a typo never ends the session.
///
/// An optional question is skipped with Enter. Where there are choices (a body, a reserve the
/// register holds, the decisions of a subject) they are listed before the question. A line
/// holding an escape sequence (an arrow key, Home, End: the terminal's line editing knows only
/// backspace) is refused with an explanation and asked again, so no escape code reaches an event.
/// End of input (Ctrl-D) stops the command: nothing is written.
struct RecordQuestions {
    let context: CommandContext
    /// How many refused answers to one question end the session (a loop with no one typing).
    static let attempts = 10
    /// How many choices are listed at most (the rest are counted).
    static let listed = 12

    var language: Language { context.language }

    /// Asks `question` until `accept` takes the answer; nil when an optional one is skipped.
    /// `keeping`: the value Enter keeps (a correction's current value), said instead of "[Enter: skip]".
    func ask<Value>(_ question: String, optional: Bool, keeping current: String? = nil, choices: [(id: String, label: String)] = [],
                    accept: (String) throws -> Value) throws -> Value? {
        let hint = current.map { language.text("[now: {1}; Enter keeps it]", $0) } ?? (optional ? language.text("[Enter: skip]") : "")
        if !choices.isEmpty {
            context.print("  " + language.text("choices:"))
            let width = choices.prefix(Self.listed).map(\.id.count).max() ?? 0
            for choice in choices.prefix(Self.listed) {
                context.print("    " + choice.id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + choice.label)
            }
            if choices.count > Self.listed { context.print("    " + language.text("… and {1} more", choices.count - Self.listed)) }
        }
        for _ in 0..<Self.attempts {
            context.writeOut(question + (hint.isEmpty ? "" : " " + hint) + ": ")
            guard let line = context.readLine() else {
                context.writeOut("\n")
                throw CLIError.usage(language.text("no answer to '{1}'; nothing was written", question), command: "record")
            }
            if line.unicodeScalars.contains(where: { $0.value == 0x1B || (0x80...0x9F).contains($0.value) }) {
                context.print("  " + language.text("arrow keys, Home and End cannot edit an answer here (they arrive as escape codes); type the answer again, correcting with backspace"))
                continue
            }
            let answer = line.trimmingCharacters(in: .whitespaces)
            if answer.isEmpty {
                if optional { return nil }
                context.print("  " + language.text("an answer is needed here"))
                continue
            }
            do {
                return try accept(answer)
            } catch {
                context.print("  " + language.message(CLIError.from(error).description) + "; " + language.text("try again"))
            }
        }
        throw CLIError.usage(language.text("no accepted answer to '{1}' after {2} tries; nothing was written", question, Self.attempts),
                             command: "record")
    }

    /// Asks for one payload field: its help, its choices, an unknown reference refused at once.
    func field(_ field: RecordField, knowledge: RecordKnowledge?, about subject: Subject?, current: String? = nil) throws -> [String]? {
        var question = "\(field.label) (\(language.text(field.help)))"
        if field.isRepeatable { question += " " + language.text("(several separated by ';')") }
        var choices: [(id: String, label: String)] = []
        if case .choice(let options) = field.kind { choices = options.map { ($0, language.text(RecordField.choiceLabels[$0] ?? "")) } }
        if let reference = field.reference, let knowledge { choices = knowledge.choices(reference, about: subject) }
        return try ask(question, optional: !field.required || current != nil, keeping: current, choices: choices) { answer in
            let texts = field.isRepeatable ? answer.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) } : [answer]
            _ = try field.value(texts)
            if let reference = field.reference, let knowledge, !knowledge.holds(reference, answer) {
                let known = knowledge.choices(reference, about: subject).prefix(Self.listed).map(\.id)
                throw CLIError.refused(language.text("the register holds no {1} '{2}'", language.text("\(reference)"), answer)
                                       + (known.isEmpty ? "" : "; " + language.text("it holds {1}", known.joined(separator: ", "))))
            }
            return texts
        }
    }
}
