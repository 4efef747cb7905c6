import EventStore

/// What the drafter made of one document: what kind of document it is, its zaaknummer and date
/// (or that it has none), and the events it proposes, in the order they can be appended
/// (decisions before the changes that name them, a budget before its stated total).
public struct DocumentDrafts: Sendable {
    /// The document's name as events cite it (`source.document`): its file name.
    public let document: String
    /// The SHA-256 of the document's exact bytes, cited in every accepted event's note.
    public let sha256: SHA256Digest
    public let lineCount: Int
    public let kind: DocumentKind
    /// The line that says what kind of document it is (`Raadsinformatiebrief`, `b e s l u i t :`).
    public let kindQuotes: [Quote]
    /// The document's zaaknummer (key `source.zaaknummer`), or unknown when it states none.
    public let zaaknummer: DraftField
    /// The date the document is of (its `Datum`, the college's proposal, the college meeting), if stated.
    public let documentDate: DraftField?
    public var drafts: [DraftEvent]

    public init(document: String, sha256: SHA256Digest, lineCount: Int, kind: DocumentKind, kindQuotes: [Quote],
                zaaknummer: DraftField, documentDate: DraftField?, drafts: [DraftEvent]) {
        self.document = document
        self.sha256 = sha256
        self.lineCount = lineCount
        self.kind = kind
        self.kindQuotes = kindQuotes
        self.zaaknummer = zaaknummer
        self.documentDate = documentDate
        self.drafts = drafts
    }

    /// The zaaknummer to cite in `source.zaaknummer`: the document's, or null.
    public var zaaknummerValue: String? {
        if case .text(let z)? = zaaknummer.value { return z }
        return nil
    }
}

/// What a document is, as far as what it can decide goes.
public enum DocumentKind: String, Hashable, Sendable {
    /// A raadsvoorstel with its proposed decision only: decides nothing yet.
    case proposal = "raadsvoorstel"
    /// A raadsvoorstel with the decision text the council signs ("b e s l u i t :", "Aldus besloten").
    case proposalWithDecision = "raadsvoorstel-and-besluit"
    /// A raadsbesluit (or collegebesluit) on its own.
    case decision = "besluit"
    /// A raadsinformatiebrief: informs, decides nothing.
    case informationLetter = "raadsinformatiebrief"
    /// None of these (an evaluation, a bijlage): only what its tables and sentences state.
    case other = "other"

    public var words: String {
        switch self {
        case .proposal: return "a raadsvoorstel (proposed decision only: it decides nothing yet)"
        case .proposalWithDecision: return "a raadsvoorstel with its decision text (besluit)"
        case .decision: return "a besluit"
        case .informationLetter: return "a raadsinformatiebrief (informs, decides nothing)"
        case .other: return "not a raadsvoorstel, besluit or raadsinformatiebrief"
        }
    }

    /// Whether the document holds a decision taken: only then are the changes it decides drafted.
    public var decides: Bool { self == .proposalWithDecision || self == .decision }
}
