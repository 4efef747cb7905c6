import Projections

/// One event the drafter proposes: its type and fields, each with the quote it comes from, or
/// unknown with the reason.
///
/// A draft is a proposal for the clerk, not an event: it becomes one only when the clerk accepts
/// it and the append's checks pass (`EventDraft(from:…)`).
public struct DraftEvent: Hashable, Sendable {
    public var type: EventType
    /// `effectiveDate` first, then the payload fields in the order the event reference lists them.
    public var fields: [DraftField]
    /// Why the drafter proposes this event, for the clerk: `the signed decision (lines 135-140)`.
    public var basis: String
    /// What the clerk should know that is no field: rows of a table without an amount, a total
    /// that differs from the sum of its rows. Kept in the event's note.
    public var remarks: [String]

    public init(type: EventType, basis: String, fields: [DraftField], remarks: [String] = []) {
        self.type = type
        self.basis = basis
        self.fields = fields
        self.remarks = remarks
    }

    public subscript(key: String) -> DraftField? {
        fields.first { $0.key == key }
    }

    /// Sets (or adds) a field.
    public mutating func set(_ field: DraftField) {
        if let i = fields.firstIndex(where: { $0.key == field.key }) { fields[i] = field } else { fields.append(field) }
    }

    /// The value of a field, when known.
    public func value(_ key: String) -> DraftValue? { self[key]?.value }

    public func text(_ key: String) -> String? {
        if case .text(let t)? = value(key) { return t }
        return nil
    }

    /// The fields that must be known before this draft can be appended and are not.
    public var missing: [String] {
        DraftSchema.required(type).filter { key in !(self[key]?.isKnown ?? false) }
            + (type == .allocation || type == .reallocation ? (lines("allocations").isEmpty ? ["allocations"] : []) : [])
            + (type == .budgetSet && lines("programmes").isEmpty ? ["programmes"] : [])
    }

    /// The indices of the lines of a list field (`allocations[0]…`, `allocations[1]…`).
    public func lines(_ list: String) -> [Int] {
        var seen: [Int] = []
        for field in fields {
            if let path = DraftSchema.listPath(field.key), path.list == list, !seen.contains(path.line) { seen.append(path.line) }
        }
        return seen
    }

    /// Every quote the draft stands on, in document order.
    public var quotes: [Quote] {
        Array(Set(fields.flatMap { $0.provenance?.quotes ?? [] })).sorted()
    }

    /// What the event is about, for matching it with recorded events: the decision, reserve,
    /// contract, budget year or total it concerns.
    public var subject: String? {
        switch type {
        case .decisionProposed, .decisionTaken, .decisionRejected, .decisionWithdrawn: return text("decision").map { "decision:\($0)" }
        case .contractAwarded, .contractExtensionIntended, .contractExtended: return text("contract").map { "contract:\($0)" }
        case .budgetSet: if case .integer(let y)? = value("year") { return "budget:\(y)" } else { return nil }
        case .statedTotal: return text("of").map { "total:\($0)" }
        default: return text("reserve").map { "reserve:\($0)" }
        }
    }
}
