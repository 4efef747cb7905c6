import Drafting
import EventStore
import Projections

/// Drafts as a clerk reads them (text) and as scripts read them (JSON).
enum DraftRendering {
    // MARK: Text

    static func text(_ drafts: DocumentDrafts, recorded: [EventEnvelope], language l: Language) -> String {
        var out = header(drafts, language: l)
        for (i, draft) in drafts.drafts.enumerated() {
            out += "\n" + text(draft, number: i + 1, of: drafts.drafts.count, held: DraftComparison.held(draft, in: recorded), language: l)
        }
        return out
    }

    /// The document's kind, facts and number of drafts. What the reading of the document says
    /// (its kind, a draft's basis, the reasons of assumptions) comes from `Drafting` in English
    /// and is translated where the catalogue knows it.
    static func header(_ drafts: DocumentDrafts, language l: Language) -> String {
        var lines = ["\(drafts.document): \(l.known(drafts.kind.words))" + (drafts.kindQuotes.isEmpty ? "" : " (" + drafts.kindQuotes.map { $0.cited(limit: 40) }.joined(separator: ", ") + ")")]
        var facts = ["SHA-256 \(drafts.sha256.hex)", l.text("{1} lines", drafts.lineCount)]
        if let z = drafts.zaaknummerValue, let q = drafts.zaaknummer.provenance?.quotes.first { facts.append(l.text("zaaknummer {1} ({2})", z, l.value(q.lines))) } else { facts.append(l.text("no zaaknummer")) }
        if let d = drafts.documentDate, let value = d.value, let q = d.provenance?.quotes.first { facts.append(l.text("dated {1} ({2})", value, l.value(q.lines))) } else { facts.append(l.text("not dated")) }
        lines.append(facts.joined(separator: "; "))
        lines.append(drafts.drafts.count == 1 ? l.text("1 draft event.") : l.text("{1} draft events.", drafts.drafts.count))
        return displayable(lines.joined(separator: "\n") + "\n")
    }

    static func text(_ draft: DraftEvent, number: Int, of count: Int, held: EventEnvelope?, language l: Language) -> String {
        var lines = [l.text("Draft {1} of {2}: {3}, {4}", number, count, draft.type.rawValue, l.known("from \(draft.basis)"))]
        let width = draft.fields.map(\.key.count).max() ?? 0
        for field in draft.fields {
            let value = field.value.map { "\($0)" } ?? "?"
            let head = "  " + field.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value
            lines.append(head + "  " + describe(field, language: l))
        }
        for remark in draft.remarks { lines.append("  " + l.text("note: {1}", l.known(remark))) }
        if let held { lines.append("  " + l.text("The register already holds this: event {1} ({2}, {3}).", held.sequence, held.id, held.type)) }
        let missing = draft.missing
        if !missing.isEmpty { lines.append("  " + l.text("Cannot be appended until given: {1}.", missing.joined(separator: ", "))) }
        return displayable(lines.joined(separator: "\n") + "\n")
    }

    /// The text with every control character (but the line ends), and every character that
    /// reorders text (bidi controls), shown as `�`: a document's text cannot reach the terminal
    /// as escape sequences.
    static func displayable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            let v = scalar.value
            let control = (v < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x2028 || v == 0x2029
            return control ? "\u{FFFD}" : scalar
        }))
    }

    /// Where a field's value comes from, in words.
    static func describe(_ field: DraftField, language l: Language) -> String {
        let remark = field.remark.map { " (\(l.known($0)))" } ?? ""
        switch field.provenance {
        case .quoted(let q)?: return "[\(q.cited(limit: 90))]" + remark
        case .derived(let how, let qs)?: return "[\(l.known(how)): " + qs.map { $0.cited(limit: 60) }.joined(separator: "; ") + "]" + remark
        case .assumed(let reason, let qs)?: return "[" + l.text("ASSUMED: {1}", l.known(reason)) + " " + qs.map { l.value($0.lines) }.joined(separator: ", ") + "]" + remark
        case .clerk?: return "[" + l.text("given by the clerk") + "]" + remark
        case nil: return "[" + l.text("unknown: {1}", field.remark.map { l.known($0) } ?? l.text("not in the document")) + "]"
        }
    }

    // MARK: JSON

    /// The drafts for scripts: every field with its value, quotes and provenance, and for each
    /// complete draft the `event` to give `register append`.
    static func json(_ drafts: DocumentDrafts, actor: String, recorded: [EventEnvelope]) -> JSONValue {
        .object([
            "document": .string(drafts.document),
            "sha256": .string(drafts.sha256.hex),
            "lines": JSONValue(drafts.lineCount),
            "kind": .string(drafts.kind.rawValue),
            "kindQuotes": .array(drafts.kindQuotes.map(json)),
            "zaaknummer": json(drafts.zaaknummer),
            "documentDate": drafts.documentDate.map(json) ?? .null,
            "drafts": .array(drafts.drafts.enumerated().map { i, draft in
                let held = DraftComparison.held(draft, in: recorded)
                return .object([
                    "number": JSONValue(i + 1),
                    "type": .string(draft.type.rawValue),
                    "basis": .string(draft.basis),
                    "fields": .array(draft.fields.map(json)),
                    "remarks": .array(draft.remarks.map(JSONValue.string)),
                    "missing": .array(draft.missing.map(JSONValue.string)),
                    "heldAs": held.map { .object(["sequence": JSONValue($0.sequence), "id": .string($0.id)]) } ?? .null,
                    "event": (try? draft.eventDraft(in: drafts, actor: actor)).map(appendInput) ?? .null,
                ])
            }),
        ])
    }

    static func json(_ field: DraftField) -> JSONValue {
        var object: [String: JSONValue] = ["field": .string(field.key), "value": field.value?.json ?? .null, "known": .bool(field.isKnown)]
        switch field.provenance {
        case .quoted(let q)?:
            object["source"] = "quoted"
            object["quotes"] = .array([json(q)])
        case .derived(let how, let qs)?:
            object["source"] = "derived"
            object["how"] = .string(how)
            object["quotes"] = .array(qs.map(json))
        case .assumed(let reason, let qs)?:
            object["source"] = "assumed"
            object["assumption"] = .string(reason)
            object["quotes"] = .array(qs.map(json))
        case .clerk?:
            object["source"] = "clerk"
        case nil:
            object["source"] = "unknown"
        }
        if let remark = field.remark { object["remark"] = .string(remark) }
        return .object(object)
    }

    static func json(_ quote: Quote) -> JSONValue {
        .object(["text": .string(quote.text), "firstLine": JSONValue(quote.firstLine), "lastLine": JSONValue(quote.lastLine)])
    }

    /// The input `register append` takes for this event.
    static func appendInput(_ draft: EventDraft) -> JSONValue {
        var object: [String: JSONValue] = [
            "type": .string(draft.type), "schemaVersion": JSONValue(draft.schemaVersion), "effectiveDate": .string(draft.effectiveDate.iso),
            "actor": .string(draft.actor),
            "source": .object(["document": .string(draft.source.document), "zaaknummer": JSONValue(draft.source.zaaknummer)]),
            "payload": draft.payload,
        ]
        if let id = draft.id { object["id"] = .string(id) }
        return .object(object)
    }

    /// One document's comparison: the counts per field and every field not proposed correctly.
    static func json(_ c: DraftComparison) -> JSONValue {
        .object([
            "document": .string(c.document),
            "recorded": JSONValue(c.recordedCount), "drafted": JSONValue(c.draftedCount), "matched": JSONValue(c.matchedCount),
            "extraDrafts": .array(c.extraDrafts.map(JSONValue.string)),
            "assumedCorrect": JSONValue(c.assumedCorrect),
            "fields": .object(Dictionary(uniqueKeysWithValues: DraftComparison.Category.allCases.map { category in
                (category.rawValue, JSONValue.object(["correct": JSONValue(c.count(category, .correct)), "wrong": JSONValue(c.count(category, .wrong)),
                                                      "missed": JSONValue(c.count(category, .missed)), "extra": JSONValue(c.count(category, .extra))]))
            })),
            "differences": .array(c.findings.filter { $0.outcome != .correct }.map { f in
                .object(["event": .string(f.event), "field": .string(f.field), "outcome": .string(f.outcome.rawValue),
                         "recorded": f.recorded.map(JSONValue.string) ?? .null, "drafted": f.drafted.map(JSONValue.string) ?? .null])
            }),
        ])
    }
}
