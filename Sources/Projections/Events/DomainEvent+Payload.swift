import EventStore

extension DomainEvent {
    /// The payload that decodes to this event (`DomainEvent(type:payload:)` of it gives it back),
    /// so a correction that names only the fields it changes is applied to the event as it
    /// stands: its payload with those fields replaced, decoded and checked again.
    ///
    /// Texts the register keeps but does not interpret (`note`, `assumptions`, a decision's
    /// `dateNote` and `proposedBy`) are not part of the event and are not written.
    public var payload: JSONValue {
        var o: [String: JSONValue] = [:]
        func put(_ key: String, _ value: String?) { if let value { o[key] = .string(value) } }
        func put(_ key: String, _ date: CalendarDate?) { if let date { o[key] = .string(date.iso) } }
        func put(_ key: String, _ cents: Cents) { o[key] = JSONValue(cents.value) }
        switch self {
        case .decision(let d):
            put("decision", d.id.rawValue); put("body", d.body.rawValue); put("title", d.title)
            o["date"] = d.date.map { .string($0.iso) } ?? .null
            put("legalBasis", d.legalBasis)
        case let .reserveEstablished(r, name, end, decision):
            put("reserve", r.rawValue); put("name", name); put("endDate", end); put("decision", decision?.rawValue)
        case let .reserveEndDateChanged(r, end, decision):
            put("reserve", r.rawValue); put("endDate", end); put("decision", decision?.rawValue)
        case let .reserveAddition(r, amount, decision, description), let .reserveWithdrawal(r, amount, decision, description):
            put("reserve", r.rawValue); put("amountCents", amount); put("decision", decision?.rawValue); put("description", description)
        case let .allocation(r, lines, decision), let .reallocation(r, lines, decision):
            put("reserve", r.rawValue); put("decision", decision?.rawValue)
            o["allocations"] = .array(lines.map { .object(["project": .string($0.project), "amountCents": JSONValue($0.amount.value)]) })
        case .commitment(let c):
            put("reserve", c.reserve.rawValue); put("project", c.project); put("amountCents", c.amount); put("basis", c.basis.rawValue)
            if let year = c.year { o["year"] = JSONValue(year) }
            put("decision", c.decision?.rawValue)
        case let .commitmentSettled(r, commitment, spent, decision):
            put("reserve", r.rawValue); put("commitment", commitment); put("amountCents", spent); put("decision", decision?.rawValue)
        case let .commitmentReleased(r, commitment, reason, decision):
            put("reserve", r.rawValue); put("commitment", commitment); put("reason", reason); put("decision", decision?.rawValue)
        case let .balanceEstimate(r, asOf, low, high):
            put("reserve", r.rawValue); put("asOf", asOf); put("lowCents", low); put("highCents", high)
        case let .balanceActual(r, asOf, amount, decision):
            put("reserve", r.rawValue); put("asOf", asOf); put("amountCents", amount); put("decision", decision?.rawValue)
        case .contractAwarded(let a):
            put("contract", a.contract.rawValue); put("counterparty", a.counterparty); put("title", a.title)
            put("start", a.start); put("end", a.end); put("noticeDeadline", a.noticeDeadline); put("decision", a.decision?.rawValue)
        case let .contractExtensionIntended(c, newEnd, decideBy, body):
            put("contract", c.rawValue); put("newEndDate", newEnd); put("decideBy", decideBy); put("body", body.rawValue)
        case let .contractExtended(c, newEnd, decision):
            put("contract", c.rawValue); put("newEndDate", newEnd); put("decision", decision?.rawValue)
        case let .budgetSet(year, lines, decision):
            o["year"] = JSONValue(year); put("decision", decision?.rawValue)
            o["programmes"] = .array(lines.map {
                .object(["programme": .string($0.programme.rawValue), "name": .string($0.name), "amountCents": JSONValue($0.amount.value)])
            })
        case let .statedTotal(subject, amount):
            put("of", subject.description); put("amountCents", amount)
        case .correction(let c):
            put("corrects", c.target); put("reason", c.reason); put("effectiveDate", c.effectiveDate)
            switch c.change {
            case .fields(let fields)?: o["payload"] = .object(fields)
            case .whole(let whole)?: o["replacement"] = whole
            case nil: break
            }
        case let .retraction(target, reason):
            put("retracts", target); put("reason", reason)
        case .sourceDocument(let d):
            put("document", d.document); put("sha256", d.sha256); put("address", d.address); put("title", d.title)
        }
        return .object(o)
    }

    /// What the event is about: the fields a correction may not change (to move an event to
    /// another reserve, contract, year or project, retract it and record a new one).
    public var identity: [(field: String, value: String)] {
        switch self {
        case .decision(let d): return [("decision", d.id.rawValue)]
        case .reserveEstablished(let r, _, _, _), .reserveEndDateChanged(let r, _, _), .reserveAddition(let r, _, _, _),
             .reserveWithdrawal(let r, _, _, _), .allocation(let r, _, _), .reallocation(let r, _, _),
             .balanceEstimate(let r, _, _, _), .balanceActual(let r, _, _, _):
            return [("reserve", r.rawValue)]
        case .commitment(let c): return [("reserve", c.reserve.rawValue), ("project", c.project)]
        case .commitmentSettled(let r, let commitment, _, _), .commitmentReleased(let r, let commitment, _, _):
            return [("reserve", r.rawValue), ("commitment", commitment)]
        case .contractAwarded(let a): return [("contract", a.contract.rawValue)]
        case .contractExtensionIntended(let c, _, _, _), .contractExtended(let c, _, _): return [("contract", c.rawValue)]
        case .budgetSet(let year, _, _): return [("year", String(year))]
        case .statedTotal(let s, _): return [("of", s.description)]
        case .correction(let c): return [("corrects", c.target)]
        case .retraction(let t, _): return [("retracts", t)]
        case .sourceDocument(let d): return [("document", d.document)]
        }
    }
}
