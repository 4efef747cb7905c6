import EventStore

extension DraftEvent {
    /// The event this draft becomes once the clerk accepts it: the envelope without the store's
    /// fields, citing the document by name and zaaknummer, its SHA-256 and every quote in the
    /// payload's `note`, and every assumption in `assumptions`.
    ///
    /// The SHA-256 goes in `note` because the envelope's `source` holds only `document` and
    /// `zaaknummer` (see docs/reference/events.md); the note's first words are always
    /// `Drafted from <document> (SHA-256 <hex>)`, so a script can find it.
    ///
    /// Throws `DraftingError.incomplete` naming each field that must be known and is not.
    public func eventDraft(in drafts: DocumentDrafts, actor: String, id: String? = nil) throws(DraftingError) -> EventDraft {
        let missing = self.missing
        guard missing.isEmpty else {
            throw .incomplete(fields: missing.map { key in "\(key) (\(self[key]?.remark ?? "not in the draft"))" })
        }
        guard case .date(let effective)? = value("effectiveDate") else {
            throw .incomplete(fields: ["effectiveDate (not a date)"])
        }
        return EventDraft(id: id, type: type.rawValue, schemaVersion: type.schemaVersion, effectiveDate: effective, actor: actor,
                          source: EventSource(document: drafts.document, zaaknummer: drafts.zaaknummerValue),
                          payload: payload(in: drafts))
    }

    /// The payload: every known field (a blank as null), lists put together from their lines,
    /// then `note` and `assumptions`.
    public func payload(in drafts: DocumentDrafts) -> JSONValue {
        var object: [String: JSONValue] = [:]
        var lists: [String: [Int: [String: JSONValue]]] = [:]
        for field in fields where field.key != "effectiveDate" {
            guard let value = field.value else { continue }
            if let (list, line, item) = DraftSchema.listPath(field.key) {
                lists[list, default: [:]][line, default: [:]][item] = value.json
            } else {
                object[field.key] = value.json
            }
        }
        for (list, lines) in lists {
            object[list] = .array(lines.keys.sorted().map { JSONValue.object(lines[$0]!) })
        }
        object["note"] = .string(note(in: drafts))
        let assumptions = fields.compactMap { field -> String? in
            guard case .assumed(let reason, _)? = field.provenance else { return nil }
            return String("\(field.key): \(reason)".prefix(Self.textLimit))
        }
        if !assumptions.isEmpty { object["assumptions"] = .array(assumptions.map(JSONValue.string)) }
        return .object(object)
    }

    /// The texts of an event are at most 2.000 characters.
    static let textLimit = 2000

    /// `Drafted from 000_….txt (SHA-256 …) by register draft. Quotes: …`, at most 2.000 characters.
    func note(in drafts: DocumentDrafts) -> String {
        var parts = ["Drafted from \(drafts.document) (SHA-256 \(drafts.sha256.hex)) by register draft."]
        let clerk = fields.filter { $0.provenance == .clerk }.map(\.key)
        if !clerk.isEmpty { parts.append("Given by the clerk: \(clerk.joined(separator: ", ")).") }
        parts += remarks
        var byQuote: [(Quote, [String])] = []
        for field in fields {
            for quote in field.provenance?.quotes ?? [] {
                if let i = byQuote.firstIndex(where: { $0.0 == quote }) { byQuote[i].1.append(field.key) } else { byQuote.append((quote, [field.key])) }
            }
        }
        if let zaak = drafts.zaaknummer.provenance?.quotes.first { byQuote.append((zaak, ["source.zaaknummer"])) }
        let quotes = byQuote.sorted { $0.0 < $1.0 }.map { "\($0.1.joined(separator: ", ")): \($0.0.cited(limit: 100))" }
        if !quotes.isEmpty { parts.append("Quotes: " + quotes.joined(separator: "; ") + ".") }
        let text = parts.joined(separator: " ")
        return text.count <= Self.textLimit ? text : String(text.prefix(Self.textLimit - 1)) + "…"
    }

    /// Changes one field to what the clerk typed, read as the field's kind (a date as
    /// `DateText` reads it, an amount as `AmountText`); `unknown` (or `onbekend`) makes an
    /// optional field unknown, and a decision's date blank. `type` changes the kind of event
    /// among `DraftSchema.alternatives`.
    public mutating func edit(_ key: String, to text: String) throws(DraftingError) {
        let trimmed = String(Substring(text).trimmedOfSpaces)
        if key == "type" {
            guard let new = DraftSchema.alternatives(to: type).first(where: { $0.rawValue == trimmed }) else {
                throw .invalidEdit(field: key, text: trimmed, detail: "a \(type.rawValue) can become "
                                   + DraftSchema.alternatives(to: type).map(\.rawValue).joined(separator: ", "))
            }
            type = new
            return
        }
        let editable = fields.map(\.key) + DraftSchema.optional(type).filter { k in !fields.contains { $0.key == k } }
        guard editable.contains(key) else { throw .unknownField(field: key, fields: ["type"] + editable) }
        let kind = DraftSchema.kind(of: key)
        let unknownWords = ["unknown", "onbekend"]
        if unknownWords.contains(trimmed.lowercased()) {
            if kind == .dateOrBlank {
                set(DraftField(key, .blank, .clerk))
            } else {
                guard !key.contains("[") else {
                    throw .invalidEdit(field: key, text: trimmed, detail: "a line of a table must have a value; leave the line out with 'remove'")
                }
                set(.unknown(key, "left unknown by the clerk"))
            }
            return
        }
        if trimmed.lowercased() == "remove", let (list, line, _) = DraftSchema.listPath(key) {
            fields.removeAll { DraftSchema.listPath($0.key).map { $0.list == list && $0.line == line } ?? false }
            return
        }
        let value: DraftValue
        switch kind {
        case .date, .dateOrBlank:
            do {
                let d = try DateText.date(trimmed)
                value = .date(try CalendarDate(year: d.year, month: d.month, day: d.day))
            } catch let error as DateTextError {
                throw .invalidEdit(field: key, text: trimmed, detail: "\(error)")
            } catch {
                throw .invalidEdit(field: key, text: trimmed, detail: "\(error); \(DateText.acceptedForms)")
            }
        case .amount:
            do { value = .cents(try AmountText.cents(trimmed)) } catch { throw .invalidEdit(field: key, text: trimmed, detail: "\(error)") }
        case .year:
            guard let y = Int(trimmed), (1800...9999).contains(y) else {
                throw .invalidEdit(field: key, text: trimmed, detail: "expected a year of four digits, such as 2026")
            }
            value = .integer(y)
        case .choice(let options):
            guard options.contains(trimmed) else {
                throw .invalidEdit(field: key, text: trimmed, detail: "expected one of " + options.joined(separator: ", "))
            }
            value = .text(trimmed)
        case .identifier, .text:
            guard !trimmed.isEmpty, !trimmed.contains(where: { $0.isNewline }) else {
                throw .invalidEdit(field: key, text: trimmed, detail: "expected a text on one line")
            }
            value = .text(trimmed)
        }
        set(DraftField(key, value, .clerk))
    }
}
