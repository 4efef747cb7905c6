import EventStore

/// A value a draft proposes for one field.
public enum DraftValue: Hashable, Sendable, CustomStringConvertible {
    case text(String)
    case date(CalendarDate)
    case cents(Int64)
    case integer(Int)
    /// The document leaves the field blank, and says so (a signed decision without a meeting
    /// date): stored as `null`, which the register reads as unknown.
    case blank

    public var description: String {
        switch self {
        case .text(let t): return t
        case .date(let d): return d.iso
        case .cents(let c): return Self.dutch(c)
        case .integer(let i): return "\(i)"
        case .blank: return "unknown (blank in the document)"
        }
    }

    /// The value in an event payload.
    public var json: JSONValue {
        switch self {
        case .text(let t): return .string(t)
        case .date(let d): return .string(d.iso)
        case .cents(let c): return JSONValue(c)
        case .integer(let i): return JSONValue(i)
        case .blank: return .null
        }
    }

    static func dutch(_ cents: Int64) -> String {
        let rest = cents % 100
        return "€ " + grouped(cents / 100) + "," + (rest < 10 ? "0\(rest)" : "\(rest)")
    }

    /// A whole number with a dot between thousands: `1.000`.
    static func grouped(_ number: Int64) -> String {
        var grouped = ""
        for (i, ch) in String(number).reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped.append(".") }
            grouped.append(ch)
        }
        return String(grouped.reversed())
    }
}

/// Where a proposed value comes from. Every value the drafter proposes has one; a value that
/// would have none is not proposed, and its field stays unknown.
public enum Provenance: Hashable, Sendable {
    /// Read from this quote of the document.
    case quoted(Quote)
    /// Worked out from quotes by the rule `how` (a contract's end plus the four years of an
    /// intended extension; a programme's id made from its name).
    case derived(how: String, from: [Quote])
    /// Not stated by the document; chosen by a rule the register follows (the latest day of a
    /// month the text names), for `reason`. Recorded in the event's `assumptions`.
    case assumed(reason: String, from: [Quote])
    /// Given by the clerk in review.
    case clerk

    public var quotes: [Quote] {
        switch self {
        case .quoted(let q): return [q]
        case .derived(_, let qs), .assumed(_, let qs): return qs
        case .clerk: return []
        }
    }

    public var isAssumed: Bool {
        if case .assumed = self { return true }
        return false
    }
}

/// One field of a draft event: its key in the event (`reserve`, `allocations[2].amountCents`,
/// `effectiveDate`), the value proposed and where it comes from, or why it is unknown.
public struct DraftField: Hashable, Sendable {
    public let key: String
    /// The proposed value; nil when the document does not give it.
    public var value: DraftValue?
    /// Where `value` comes from; nil exactly when `value` is nil.
    public var provenance: Provenance?
    /// For an unknown field, why the drafter could not propose it (and, for a blank, what the
    /// document leaves blank); shown to the clerk.
    public var remark: String?

    public init(_ key: String, _ value: DraftValue, _ provenance: Provenance, remark: String? = nil) {
        self.key = key
        self.value = value
        self.provenance = provenance
        self.remark = remark
    }

    private init(unknown key: String, reason: String) {
        self.key = key
        value = nil
        provenance = nil
        remark = reason
    }

    /// A field the document does not give: the clerk must fill it in (or leave it out, where the
    /// event allows that).
    public static func unknown(_ key: String, _ reason: String) -> DraftField {
        DraftField(unknown: key, reason: reason)
    }

    public static func quoted(_ key: String, _ value: DraftValue, _ quote: Quote, remark: String? = nil) -> DraftField {
        DraftField(key, value, .quoted(quote), remark: remark)
    }

    public var isKnown: Bool { value != nil }
}
