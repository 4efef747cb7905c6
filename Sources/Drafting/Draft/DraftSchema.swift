import Projections

/// What each event type needs, as far as drafting is concerned: which fields must be known
/// before a draft can be appended, and how a clerk's text for a field is read.
///
/// This mirrors the payload table of `docs/reference/events.md`; the append checks every
/// payload in full anyway (`DomainPolicy`), so a mismatch here shows as a refusal, never as a
/// wrong event.
public enum DraftSchema {
    /// How a field's text is read when the clerk edits it.
    public enum Kind: Hashable, Sendable {
        case date, amount, year, text, identifier
        /// A date, or `unknown` / `onbekend` for a blank one (a decision's date).
        case dateOrBlank
        case choice([String])
    }

    /// The fields that must be known before an event of `type` can be appended.
    public static func required(_ type: EventType) -> [String] {
        let fields: [String]
        switch type {
        case .decisionProposed, .decisionTaken, .decisionRejected, .decisionWithdrawn: fields = ["decision", "body", "date"]
        case .reserveEstablished: fields = ["reserve", "name", "endDate"]
        case .reserveEndDateChanged: fields = ["reserve", "endDate"]
        case .reserveAddition, .reserveWithdrawal: fields = ["reserve", "amountCents"]
        case .allocation, .reallocation: fields = ["reserve"]
        case .commitment: fields = ["reserve", "project", "amountCents", "basis"]
        case .balanceEstimate: fields = ["reserve", "asOf", "lowCents", "highCents"]
        case .balanceActual: fields = ["reserve", "asOf", "amountCents"]
        case .contractAwarded: fields = ["contract", "counterparty", "start", "end"]
        case .contractExtensionIntended: fields = ["contract", "newEndDate", "body"]
        case .contractExtended: fields = ["contract", "newEndDate"]
        case .budgetSet: fields = ["year"]
        case .statedTotal: fields = ["of", "amountCents"]
        case .commitmentSettled: fields = ["reserve", "commitment", "amountCents"]
        case .commitmentReleased: fields = ["reserve", "commitment", "reason"]
        case .sourceDocument: fields = ["document", "sha256"]
        case .correction, .retraction: fields = []
        }
        return ["effectiveDate"] + fields
    }

    /// The optional fields of `type` a clerk may add in review.
    public static func optional(_ type: EventType) -> [String] {
        switch type {
        case .decisionProposed, .decisionTaken, .decisionRejected, .decisionWithdrawn: return ["title", "dateNote", "proposedBy", "legalBasis"]
        case .reserveEstablished, .reserveEndDateChanged, .allocation, .reallocation, .balanceActual, .contractExtended, .budgetSet,
             .commitmentSettled, .commitmentReleased: return ["decision"]
        case .reserveAddition, .reserveWithdrawal: return ["decision", "description"]
        case .commitment: return ["year", "decision"]
        case .contractAwarded: return ["title", "noticeDeadline", "decision"]
        case .contractExtensionIntended: return ["decideBy"]
        case .sourceDocument: return ["address", "title"]
        case .balanceEstimate, .statedTotal, .correction, .retraction: return []
        }
    }

    /// How the clerk's text for `key` is read (the last part of a path such as
    /// `allocations[2].amountCents` decides).
    public static func kind(of key: String) -> Kind {
        let leaf = key.split(separator: ".").last.map(String.init) ?? key
        switch leaf {
        case "effectiveDate", "endDate", "asOf", "start", "end", "noticeDeadline", "decideBy", "newEndDate": return .date
        case "date": return .dateOrBlank
        case "amountCents", "lowCents", "highCents": return .amount
        case "year": return .year
        case "body": return .choice(DecisionBody.allCases.map(\.rawValue))
        case "basis": return .choice(AmountBasis.allCases.map(\.rawValue))
        case "reserve", "decision", "contract", "programme", "commitment", "of": return .identifier
        default: return .text
        }
    }

    /// The parts of a list field's key: `allocations[2].amountCents` is (`allocations`, 2, `amountCents`).
    public static func listPath(_ key: String) -> (list: String, line: Int, item: String)? {
        guard let open = key.firstIndex(of: "["), let close = key[open...].firstIndex(of: "]"),
              let line = Int(key[key.index(after: open)..<close]) else { return nil }
        let rest = key[key.index(after: close)...]
        guard rest.first == ".", rest.count > 1 else { return nil }
        return (String(key[..<open]), line, String(rest.dropFirst()))
    }

    /// The types a draft of `type` may be changed to in review: a table of earmarks is an
    /// allocation or a reallocation, a decision proposed or taken; nothing else changes kind.
    public static func alternatives(to type: EventType) -> [EventType] {
        switch type {
        case .allocation, .reallocation: return [.allocation, .reallocation]
        case .decisionProposed, .decisionTaken, .decisionRejected, .decisionWithdrawn:
            return [.decisionProposed, .decisionTaken, .decisionRejected, .decisionWithdrawn]
        default: return [type]
        }
    }
}
