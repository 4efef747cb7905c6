import EventStore
import Projections

/// Drafts the events a decision document implies, each field with the quote it comes from.
///
/// Text in, drafts out: no file, store or clock is read. The rules (`DecisionRules`,
/// `ReserveRules`, `ContractRules`, `TableRules`) read sentences and tables the way a clerk
/// would, and propose a value only where the text states it or where a documented rule of the
/// register derives it from what the text states (an assumption is then written down as one).
/// What the text leaves blank stays unknown, with the reason, for the clerk to fill in.
///
/// What it does not cover: it reads Dutch municipal documents of the kinds named in
/// `DocumentKind`, in the phrasings the rules list; anything said otherwise is not drafted
/// (a miss, never a guess). A draft is a proposal: the append's checks decide.
public enum Drafter {
    /// The drafts for the document `name` whose exact bytes are `bytes`.
    public static func draft(document name: String, bytes: [UInt8]) throws(DraftingError) -> DocumentDrafts {
        guard !bytes.isEmpty else { throw .empty(document: name) }
        if let nul = bytes.firstIndex(of: 0) { throw .notText(document: name, detail: "it holds a NUL byte at offset \(nul)") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .notText(document: name, detail: "it is not valid UTF-8")
        }
        guard text.contains(where: { !$0.isWhitespace }) else { throw .empty(document: name) }
        return try draft(document: name, text: text, sha256: SHA256.hash(bytes))
    }

    static func draft(document name: String, text: String, sha256: SHA256Digest) throws(DraftingError) -> DocumentDrafts {
        let source = SourceText(text)
        let r = DocumentReading(source)
        let tables = TableReader.tables(in: source)

        let own = DecisionRules.own(r)
        let named = DecisionRules.named(r, excluding: r.zaaknummer?.value)
        let dated: DraftField = r.documentDate.map { .quoted("effectiveDate", .date($0.date.firstDay), $0.quote) }
            ?? .unknown("effectiveDate", "the document is not dated; give the day it states these facts (its date)")

        var drafts: [DraftEvent] = named.drafts
        if let p = own.proposed { drafts.append(p) }
        if let t = own.taken { drafts.append(t) }
        drafts += ReserveRules.fundings(r, named)
        drafts += ReserveRules.decided(r, decision: own.decision, effective: own.effective)
        drafts += ReserveRules.estimates(r, effective: dated)
        drafts += ReserveRules.commitments(r, decision: own.decision, effective: own.effective)
        if r.kind != .proposal {
            let decision: DraftField = r.kind.decides ? own.decision
                : .unknown("decision", "the document names no decision that set these amounts (the audit reports a change without one)")
            drafts += TableRules.drafts(r, tables: tables, effective: r.kind.decides ? own.effective : dated, decision: decision,
                                        earmarkAuthority: r.kind.decides ? own.decision : authority(named))
        }
        drafts += ContractRules.drafts(r)

        let zaaknummer: DraftField = r.zaaknummer.map { .quoted("source.zaaknummer", .text($0.value), $0.quote) }
            ?? .unknown("source.zaaknummer", "the document states no zaaknummer (recorded as null)")
        guard !drafts.isEmpty else {
            if r.kind == .other && r.zaaknummer == nil && tables.isEmpty {
                throw .notADecisionDocument(document: name, lines: source.lineCount)
            }
            throw .nothingToDraft(document: name, kind: r.kind, detail: r.kind == .proposal
                ? "it has no zaaknummer or proposed decision the drafter reads"
                : "it names no decision, reserve change, estimate, contract term or table with a total that the drafter reads")
        }
        return DocumentDrafts(document: name, sha256: sha256, lineCount: source.lineCount, kind: r.kind, kindQuotes: r.kindQuotes,
                              zaaknummer: zaaknummer, documentDate: r.documentDate.map { .quoted("documentDate", .date($0.date.firstDay), $0.quote) },
                              drafts: drafts)
    }

    /// The authority of a raadsinformatiebrief's earmarks: it decides nothing, so they execute the
    /// one decision the document says made the money available, when there is exactly one.
    private static func authority(_ named: DecisionRules.Named) -> DraftField {
        let funded = named.fundings.filter { $0.adoption.money != nil && $0.decision.isKnown }
        guard funded.count == 1, let decision = funded[0].decision.value, let money = funded[0].adoption.money else {
            return .unknown("decision", "the document names no decision these earmarks execute")
        }
        return DraftField("decision", decision, .assumed(
            reason: "The document decides nothing itself; the earmarks are taken as the execution of the decision that made the money "
                + "available ('\(money.quote.oneLine)'), which is named as their authority.",
            from: (funded[0].decision.provenance?.quotes ?? []) + [money.quote]))
    }
}
