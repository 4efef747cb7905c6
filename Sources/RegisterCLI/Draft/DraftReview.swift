import Drafting
import EventStore
import Foundation
import Projections

/// The clerk's review of a document's drafts in a terminal, one draft at a time: accept (the
/// draft is checked and appended exactly as `record` appends: a dry run, then
/// `EventStore.append(…, policy: DomainPolicy())` at the head the dry run saw), edit a field,
/// skip, or quit. A refused draft is shown with the reason and can be edited or skipped; the
/// review goes on. A reserve number the clerk gives for one draft is offered to the later
/// drafts of the same document that lack it.
struct DraftReview {
    var drafts: DocumentDrafts
    let store: EventStore
    let actor: String
    var recorded: [EventEnvelope]

    mutating func run(_ context: CommandContext) throws -> ExitCode {
        let l = context.language
        context.writeOut(DraftRendering.header(drafts, language: l))
        context.print(l.text("Review each draft: [a]ccept (check and append it), [e]dit a field, [s]kip it, [q]uit."))
        var appended: [Int] = []
        var skipped = 0
        var index = 0
        let count = drafts.drafts.count
        review: while index < count {
            context.writeOut("\n" + DraftRendering.text(drafts.drafts[index], number: index + 1, of: count,
                                                        held: DraftComparison.held(drafts.drafts[index], in: recorded), language: l))
            while true {
                context.writeOut(l.text("Accept, edit, skip or quit? [a/e/s/q] "))
                guard let line = context.readLine() else { break review }
                switch line.trimmingCharacters(in: .whitespaces).lowercased() {
                case "a", "accept", "y", "yes", "j", "ja":
                    if let held = DraftComparison.held(drafts.drafts[index], in: recorded) {
                        context.writeOut(l.text("The register already holds this as event {1} ({2}). Append it anyway? [y/N] ", held.sequence, held.id))
                        guard let answer = context.readLine(), ["y", "yes", "j", "ja"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
                            context.print(l.text("not appended"))
                            continue
                        }
                    }
                    do {
                        let receipt = try accept(index, context)
                        appended.append(receipt.sequence)
                        context.print(l.text("appended event {1} as {2}", receipt.sequence, receipt.path))
                        context.print(l.text("hash: {1}", receipt.hash.hex))
                        index += 1
                        continue review
                    } catch let error as DraftingError {
                        context.print(DraftRendering.displayable(l.text("not appended: {1}", l.message("\(error)"))))
                    } catch {
                        let cliError = CLIError.from(error)
                        guard cliError.exitCode == .refused else { throw error }
                        context.print(DraftRendering.displayable(l.text("not appended, refused: {1}. Edit the draft (e) or skip it (s).", l.message(cliError.description))))
                    }
                case "e", "edit":
                    if edit(index, context) {
                        context.writeOut(DraftRendering.text(drafts.drafts[index], number: index + 1, of: count,
                                                             held: DraftComparison.held(drafts.drafts[index], in: recorded), language: l))
                    }
                case "s", "skip", "n", "no", "nee":
                    skipped += 1
                    context.print(l.text("skipped"))
                    index += 1
                    continue review
                case "q", "quit", "stop":
                    break review
                default:
                    context.print(l.text("Answer a (accept), e (edit a field), s (skip) or q (quit)."))
                }
            }
        }
        let left = count - index
        var summary = l.text("Reviewed {1} of {2} drafts: {3} appended", index, count, appended.count)
        if let first = appended.first, let last = appended.last { summary += " " + (first == last ? l.text("(event {1})", first) : l.text("(events {1}-{2})", first, last)) }
        summary += ", " + l.text("{1} skipped", skipped)
        if left > 0 { summary += ", " + l.text("{1} not reviewed", left) }
        context.print(summary + ".")
        return .ok
    }

    /// Checks the draft and appends it: a dry run first (every check, nothing written), then
    /// the append, expecting the head the dry run saw.
    private mutating func accept(_ index: Int, _ context: CommandContext) throws -> AppendReceipt {
        let event = try drafts.drafts[index].eventDraft(in: drafts, actor: actor)
        // The same path as `append` and `record`: the domain's rules and the totals' cap.
        let appender = DomainAppend(store: store, context: context)
        let preview = try appender.append(event, expecting: nil, dryRun: true)
        let receipt = try appender.append(event, expecting: .sequence(preview.sequence - 1))
        // What the register now holds: the one event just appended, not a replay of the history.
        recorded.append(DomainAppend.envelope(event, sequence: receipt.sequence, head: .zero))
        return receipt
    }

    /// Asks which field to change and its new value; true when the draft changed.
    private mutating func edit(_ index: Int, _ context: CommandContext) -> Bool {
        let draft = drafts.drafts[index]
        let keys = ["type"] + draft.fields.map(\.key) + DraftSchema.optional(draft.type).filter { k in !draft.fields.contains { $0.key == k } }
        let l = context.language
        context.writeOut(l.text("Field to edit ({1}): ", keys.joined(separator: ", ")))
        guard let key = context.readLine()?.trimmingCharacters(in: .whitespaces), !key.isEmpty else {
            context.print(l.text("nothing changed"))
            return false
        }
        guard keys.contains(key) else {
            context.print(l.text("this draft has no field '{1}'", key) + (nearest(key, among: keys).map { "; " + l.text("did you mean '{1}'?", $0) } ?? ""))
            return false
        }
        for _ in 0..<3 {
            context.writeOut(l.text("New value for {1} ({2}): ", key, l.message(Self.hint(for: key, in: draft))))
            guard let text = context.readLine() else { return false }
            do {
                try drafts.drafts[index].edit(key, to: text)
                if key == "reserve", case .text(let number)? = drafts.drafts[index].value("reserve") { offer(reserve: number, from: index, context) }
                return true
            } catch {
                context.print(DraftRendering.displayable(l.message("\(error)")))
            }
        }
        context.print(l.text("nothing changed"))
        return false
    }

    /// Gives the reserve the clerk named to the later drafts that do not know theirs (and the
    /// stated total of their earmarks its `of`).
    private mutating func offer(reserve number: String, from index: Int, _ context: CommandContext) {
        var given: [Int] = []
        for later in (index + 1)..<drafts.drafts.count {
            var draft = drafts.drafts[later]
            if let field = draft["reserve"], !field.isKnown {
                try? draft.edit("reserve", to: number)
            }
            if draft.type == .statedTotal, let of = draft["of"], !of.isKnown {
                try? draft.edit("of", to: "reserve:\(number):allocations")
            }
            if draft != drafts.drafts[later] {
                drafts.drafts[later] = draft
                given.append(later + 1)
            }
        }
        if !given.isEmpty {
            let list = given.map(String.init).joined(separator: ", ")
            context.print(given.count == 1 ? context.language.text("reserve {1} also given to draft {2}", number, list)
                                           : context.language.text("reserve {1} also given to drafts {2}", number, list))
        }
    }

    private static func hint(for key: String, in draft: DraftEvent) -> String {
        if key == "type" { return DraftSchema.alternatives(to: draft.type).map(\.rawValue).joined(separator: "|") }
        let remove = DraftSchema.listPath(key) != nil ? "; 'remove' drops the line" : "; 'unknown' leaves it out"
        switch DraftSchema.kind(of: key) {
        case .date: return "YYYY-MM-DD or DD-MM-YYYY" + remove
        case .dateOrBlank: return "YYYY-MM-DD or DD-MM-YYYY, or 'unknown'"
        case .amount: return "e.g. 200.000 or € 200.000,00" + remove
        case .year: return "four digits" + remove
        case .choice(let options): return options.joined(separator: "|")
        case .identifier, .text: return "text on one line" + remove
        }
    }
}
