import EventStore

/// The domain's rules for an append: the payload must decode, and every reference must exist.
///
/// Plugged into `EventStore.append` as its `AppendPolicy`, so the store stays domain-free.
/// Decisions, reserves, contracts and budget years are names that events define (`keys`); the
/// store indexes them, and `check` asks the index. A mutation naming a decision the register
/// does not hold is refused; one naming no decision is accepted (the audit reports it).
/// Corrections and retractions must name an event in the store that is not a retraction.
public struct DomainPolicy: AppendPolicy {
    public init() {}

    public func keys(definedBy envelope: EventEnvelope) -> [(key: String, value: String)] {
        // Stored events were checked when appended; one that no longer decodes is verify's business.
        guard let event = try? DomainEvent(envelope: envelope) else { return [] }
        return keys(of: event, envelope: envelope)
    }

    public func indexEntries(of envelope: EventEnvelope, resolve: (String) -> EventEnvelope?)
        -> (keys: [(key: String, value: String)], subjects: [String]) {
        guard let event = try? DomainEvent(envelope: envelope) else { return ([], []) }
        return (keys(of: event, envelope: envelope), subjects(of: event, resolve: resolve, depth: 0))
    }

    private func keys(of event: DomainEvent, envelope: EventEnvelope) -> [(key: String, value: String)] {
        switch event {
        case .decision(let d): return [(Self.key(.decision(d.id)), d.status.rawValue)]
        case .reserveEstablished(let r, _, _, _): return [(Self.key(.reserve(r)), envelope.id)]
        case .contractAwarded(let a): return [(Self.key(.contract(a.contract)), envelope.id)]
        case .budgetSet(let year, _, _): return [(Self.key(.budget(year: year)), envelope.id)]
        case .correction(let c): return [("corrects:" + envelope.id, c.target), (Self.correctionsKey(c.target), envelope.id)]
        case .retraction(let target, _): return [(Self.retractedKey(target), envelope.id)]
        case .commitment(let c): return [(Self.commitmentKey(envelope.id), c.reserve.rawValue)] + Self.dependencyKeys(of: event, id: envelope.id)
        default: return Self.dependencyKeys(of: event, id: envelope.id)
        }
    }

    static func key(_ subject: Subject) -> String { subject.description }

    /// The catalogue key under which the events that create subjects of a kind are indexed, so
    /// "which reserves are there" reads only the establishments.
    public static func catalog(_ kind: String) -> String { "catalog:" + kind }

    /// The subjects a stored event touches (`DomainEvent.subjects`, as `kind:id`), plus the
    /// catalogue of its kind for an event that creates a subject. A correction or retraction
    /// touches what its target touches (followed through corrections of corrections) and, for a
    /// correction with a new payload, what that payload touches: so the history of one subject,
    /// read through the index, holds every amendment that can change it.
    public func subjects(of envelope: EventEnvelope, resolve: (String) -> EventEnvelope?) -> [String] {
        subjects(of: envelope, resolve: resolve, depth: 0)
    }

    private func subjects(of envelope: EventEnvelope, resolve: (String) -> EventEnvelope?, depth: Int) -> [String] {
        guard depth < 32, let event = try? DomainEvent(envelope: envelope) else { return [] }
        return subjects(of: event, resolve: resolve, depth: depth)
    }

    private func subjects(of event: DomainEvent, resolve: (String) -> EventEnvelope?, depth: Int) -> [String] {
        var keys = event.subjects.map(Self.key) + Self.authorisation(of: event)
        switch event {
        case .reserveEstablished: keys.append(Self.catalog("reserve"))
        case .contractAwarded: keys.append(Self.catalog("contract"))
        case .budgetSet: keys.append(Self.catalog("budget"))
        case .correction(let c):
            if let target = resolve(c.target) {
                keys += subjects(of: target, resolve: resolve, depth: depth + 1)
                if c.change != nil, let type = EventType(rawValue: target.type), let before = try? DomainEvent(envelope: target),
                   let replaced = try? DomainEvent(type: type, payload: c.corrected(before.payload)) {
                    keys += replaced.subjects.map(Self.key) + Self.authorisation(of: replaced)
                }
            }
        case .retraction(let target, _):
            if let target = resolve(target) { keys += subjects(of: target, resolve: resolve, depth: depth + 1) }
        default: break
        }
        return keys
    }

    public func check(_ candidate: EventEnvelope, lookup: EventLookup) throws {
        do {
            try checkDomain(candidate, lookup: lookup)
        } catch {
            throw StoreError.refused(reason: error.description)
        }
    }

    private func checkDomain(_ candidate: EventEnvelope, lookup: EventLookup) throws(DomainError) {
        let record = try DomainRecord(envelope: candidate)
        let event = record.event
        try Self.checkPlausible(record)
        switch event {
        case .reserveEstablished(let r, _, _, _):
            if try known(.reserve(r), lookup) { throw .conflict("reserve \(r) is already established; use reserve-end-date-changed or a correction") }
        case .contractAwarded(let a):
            if try known(.contract(a.contract), lookup) { throw .conflict("contract \(a.contract) is already awarded; record an extension or a correction") }
        default:
            break
        }
        switch event {
        case .correction(let c):
            try checkCorrection(c, lookup: lookup)
        case .retraction(let target, _):
            try checkRetraction(of: target, lookup: lookup)
        default:
            try checkReferences(of: event, lookup: lookup)
        }
    }

    func known(_ subject: Subject, _ lookup: EventLookup) throws(DomainError) -> Bool {
        do { return try lookup.value(forKey: Self.key(subject)) != nil } catch {
            throw .conflict("cannot read the store's index: \(error)")
        }
    }

    /// Every name the event refers to must be in the register: its authorising decision and the
    /// reserve, contract or budget year it changes. The same for a corrected payload.
    func checkReferences(of event: DomainEvent, lookup: EventLookup, field prefix: String = "payload") throws(DomainError) {
        func require(_ subject: Subject, field: String) throws(DomainError) {
            guard try known(subject, lookup) else {
                throw .unknownReference(field: prefix + "." + field, kind: subject.kind == "budget" ? "budget for" : subject.kind, id: subject.id)
            }
        }
        if let decision = event.authorisingDecision { try require(.decision(decision), field: "decision") }
        switch event {
        case .reserveEndDateChanged(let r, _, _), .reserveAddition(let r, _, _, _), .reserveWithdrawal(let r, _, _, _),
             .allocation(let r, _, _), .reallocation(let r, _, _), .balanceEstimate(let r, _, _, _), .balanceActual(let r, _, _, _),
             .statedTotal(.allocations(let r), _):
            try require(.reserve(r), field: "reserve")
        case .commitment(let c):
            try require(.reserve(c.reserve), field: "reserve")
        case .commitmentSettled(let r, let commitment, _, _), .commitmentReleased(let r, let commitment, _, _):
            try require(.reserve(r), field: "reserve")
            try Self.requireCommitment(commitment, of: r, lookup: lookup)
        case .contractExtensionIntended(let c, _, _, _), .contractExtended(let c, _, _):
            try require(.contract(c), field: "contract")
        case .statedTotal(.budget(let year), _):
            try require(.budget(year: year), field: "of")
        default:
            break
        }
    }

    func requireAmendable(_ target: String, field: String, lookup: EventLookup) throws(DomainError) -> EventType {
        let stored: String?
        do { stored = try lookup.type(ofEvent: target) } catch {
            throw .conflict("cannot look up event \(target) in the store: \(error)")
        }
        guard let type = stored.flatMap(EventType.init(rawValue:)) else { throw .unknownReference(field: field, kind: "event", id: target) }
        if type == .retraction { throw .conflict("event \(target) is a retraction; a retraction cannot be corrected or retracted") }
        return type
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
