/// Why a document gives no drafts, or a clerk's edit is refused; each case carries what the
/// clerk needs to act on it.
public enum DraftingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not UTF-8 plain text (`detail` says where).
    case notText(document: String, detail: String)
    /// The document holds no text at all.
    case empty(document: String)
    /// No zaaknummer, no decision, no raadsinformatiebrief heading, no table with a total and
    /// nothing any rule reads: not a decision document.
    case notADecisionDocument(document: String, lines: Int)
    /// A decision document (of `kind`) from which no rule could draft an event.
    case nothingToDraft(document: String, kind: DocumentKind, detail: String)
    /// A clerk's value for a field that cannot be read (`detail` lists the accepted forms).
    case invalidEdit(field: String, text: String, detail: String)
    /// A draft whose required fields are not all known (each named with the reason).
    case incomplete(fields: [String])
    /// A field the draft does not have, or one a clerk may not change.
    case unknownField(field: String, fields: [String])

    public var description: String {
        switch self {
        case let .notText(document, detail):
            return "'\(document)' is not plain text (\(detail)); give the document as UTF-8 text, e.g. copied from the PDF or "
                + "converted with pdftotext"
        case let .empty(document):
            return "'\(document)' is empty; nothing was drafted"
        case let .notADecisionDocument(document, lines):
            return "'\(document)' (\(lines) lines) is not a decision document: it has no zaaknummer, no 'Voorgesteld besluit', "
                + "'besluit :' or 'Aldus besloten', no 'Raadsinformatiebrief' heading and no table with a total, and no sentence "
                + "the drafter reads (a reserve's end date, an amount added or withdrawn, a contract's term); nothing was drafted. "
                + "Record its events with 'register record' if it does hold any"
        case let .nothingToDraft(document, kind, detail):
            return "'\(document)' is \(kind.words), but nothing could be drafted from it: \(detail). Record its events with "
                + "'register record' if it does hold any"
        case let .invalidEdit(field, text, detail):
            return "\(field) '\(text)': \(detail)"
        case let .incomplete(fields):
            return "this draft cannot be appended yet: unknown " + fields.joined(separator: "; ") + ". Edit the field first (e), or skip the draft (s)"
        case let .unknownField(field, fields):
            return "this draft has no field '\(field)'; its fields are " + fields.joined(separator: ", ")
        }
    }
}
