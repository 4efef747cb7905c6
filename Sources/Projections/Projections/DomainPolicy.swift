import EventStore

/// The domain's rules for an append: the payload must decode, and every reference must exist.
///
/// Plugged into `EventStore.append` as its `AppendPolicy`, so the store stays domain-free.
/// Decisions, reserves, contracts and budget years are names that events define (`keys`); the
/// store indexes them, and `check` asks the index. A mutation naming a decision the register
/// does not hold is refused; one naming no decision is accepted (the audit reports it).
/// Corrections and retractions must name an event in the store that is not a retraction.
///
/// Every name an event introduces (a reserve, contract, programme, decision, or a project within
/// a reserve) is also indexed by its `IdentifierRules.identity`, so a new name that differs from
/// an existing one only in case or leading zeros is refused, naming the existing one.
public struct DomainPolicy: AppendPolicy {
    public init() {}

    public func keys(definedBy envelope: EventEnvelope) -> [(key: String, value: String)] {
        // Stored events were checked when appended; one that no longer decodes is verify's business.
        guard let event = try? DomainEvent(envelope: envelope) else { return [] }
        return keys(of: event, envelope: envelope)
    }

    public func indexEntries(of envelope: EventEnvelope, resolve: (String) -> EventEnvelope?)
        -> (keys: [(key: String, value: String)], subjects: [String]) {
        guard let event = try? DomainEvent(envelope: envelope) else { return ([], [Self.unreadable]) }
        return (keys(of: event, envelope: envelope), subjects(of: event, resolve: resolve, depth: 0))
    }

    private func keys(of event: DomainEvent, envelope: EventEnvelope) -> [(key: String, value: String)] {
        // The names it introduces, and which events stand on which (see `dependencyKeys`).
        let common = Self.names(introducedBy: event).map { (key: Self.nameKey($0), value: $0.name) }
            + Self.dependencyKeys(of: event, id: envelope.id) + Self.magnitudeKeys(of: event)
        switch event {
        case .decision(let d): return [(Self.key(.decision(d.id)), d.status.rawValue)] + common
        case .reserveEstablished(let r, _, _, _): return [(Self.key(.reserve(r)), envelope.id)] + common
        case .contractAwarded(let a): return [(Self.key(.contract(a.contract)), envelope.id)] + common
        case .budgetSet(let year, _, _): return [(Self.key(.budget(year: year)), envelope.id)] + common
        case .correction(let c):
            return [("corrects:" + envelope.id, c.target), (Self.correctionsKey(c.target), envelope.id)] + Self.magnitudeKeys(of: event)
        case .retraction(let target, _): return [(Self.retractedKey(target), envelope.id)]
        case .commitment(let c): return [(Self.commitmentKey(envelope.id), c.reserve.rawValue)] + common
        case .sourceDocument(let d): return [(Self.sourceDocumentKey(d.document), envelope.id)] + common
        default: return common
        }
    }

    /// A name an event brings into the register, where it stands in the payload, and what kind of
    /// thing it names (a project's kind includes its reserve: projects are named per reserve).
    struct IntroducedName {
        let kind: NameKind
        let name: String
        let field: String
    }

    /// What a name names, for `IdentifierRules.identity` comparisons.
    enum NameKind: Hashable {
        case subject(String)
        case project(reserve: ReserveNumber)

        var description: String {
            switch self {
            case .subject(let kind): return kind
            case .project(let reserve): return "project of reserve \(reserve)"
            }
        }
    }

    /// The index key under which the spelling of a name is kept, by the name's identity.
    static func nameKey(_ kind: NameKind, _ name: String) -> String {
        switch kind {
        case .subject(let kind): return "name:\(kind):" + IdentifierRules.identity(name)
        case .project(let reserve): return "name:project:\(IdentifierRules.identity(reserve.rawValue)):" + IdentifierRules.identity(name)
        }
    }

    static func nameKey(_ name: IntroducedName) -> String { nameKey(name.kind, name.name) }

    /// The names `event` introduces or uses as its own (a decision event names its decision).
    static func names(introducedBy event: DomainEvent) -> [IntroducedName] {
        switch event {
        case .decision(let d): return [IntroducedName(kind: .subject("decision"), name: d.id.rawValue, field: "payload.decision")]
        case .reserveEstablished(let r, _, _, _): return [IntroducedName(kind: .subject("reserve"), name: r.rawValue, field: "payload.reserve")]
        case .contractAwarded(let a): return [IntroducedName(kind: .subject("contract"), name: a.contract.rawValue, field: "payload.contract")]
        case .budgetSet(_, let lines, _):
            return lines.enumerated().map {
                IntroducedName(kind: .subject("programme"), name: $0.element.programme.rawValue, field: "payload.programmes[\($0.offset)].programme")
            }
        case .allocation(let r, let lines, _), .reallocation(let r, let lines, _):
            return lines.enumerated().map {
                IntroducedName(kind: .project(reserve: r), name: $0.element.project, field: "payload.allocations[\($0.offset)].project")
            }
        case .commitment(let c): return [IntroducedName(kind: .project(reserve: c.reserve), name: c.project, field: "payload.project")]
        default: return []
        }
    }

    static func key(_ subject: Subject) -> String { subject.description }

    /// The index key of the `source-document` event that records a document's hash.
    static func sourceDocumentKey(_ document: String) -> String { "source:" + document }

    /// The catalogue key under which the events that create subjects of a kind are indexed, so
    /// "which reserves are there" reads only the establishments.
    public static func catalog(_ kind: String) -> String { "catalog:" + kind }

    /// Where the index lists the events this register cannot read (a newer schema version, an
    /// unknown type, a payload outside the rules: files that did not come through this append).
    /// Such an event may be about any subject, so a question reads this list with its subject's.
    public static let unreadable = catalog("unreadable")

    /// The index group of every decision's events: a question reads the decisions its subject's
    /// mutations name from this one list (see `StoreIndex.locations(inGroup:members:)`).
    public static let decisionGroup = "decision"

    public func group(ofSubject subject: String) -> String? {
        subject.hasPrefix(Self.decisionSubjectPrefix) ? Self.decisionGroup : nil
    }

    /// How every decision's subject key begins (`decision:`), made once: `group(ofSubject:)` runs for every subject of every event indexed.
    private static let decisionSubjectPrefix = Subject.decision(DecisionID("")).description

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
        // The store's own rules first (safe id and type, `TextPolicy` for every text): a pushed
        // event is judged by this policy alone, and must meet what an append's draft meets.
        try EventDraft(id: candidate.id, type: candidate.type, schemaVersion: candidate.schemaVersion, effectiveDate: candidate.effectiveDate,
                       actor: candidate.actor, source: candidate.source, payload: candidate.payload).validateEnvelopeFields()
        do {
            try checkDomain(candidate, lookup: lookup)
        } catch {
            throw StoreError.refused(PolicyRefusal(error))
        }
    }

    private func checkDomain(_ candidate: EventEnvelope, lookup: EventLookup) throws(DomainError) {
        let record = try DomainRecord(envelope: candidate, rules: .append)
        let event = record.event
        try Self.checkPlausible(record)
        try requireDistinctNames(event, lookup: lookup)
        switch event {
        case .reserveEstablished(let r, _, _, _):
            if try known(.reserve(r), lookup) { throw .conflict("reserve \(r) is already established; use reserve-end-date-changed or a correction") }
        case .contractAwarded(let a):
            if try known(.contract(a.contract), lookup) { throw .conflict("contract \(a.contract) is already awarded; record an extension or a correction") }
        case .sourceDocument(let d):
            if let existing = try spelling(Self.sourceDocumentKey(d.document), lookup) {
                throw .conflict("source document '\(d.document)' already has its hash recorded, by event \(existing); correct that event to change it")
            }
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

    /// How the register spells the name kept under `key`, or nil.
    func spelling(_ key: String, _ lookup: EventLookup) throws(DomainError) -> String? {
        do { return try lookup.value(forKey: key) } catch { throw .conflict("cannot read the store's index: \(error)") }
    }

    /// A name new to the register may not be an existing name spelled another way. A
    /// reallocation restates the whole table of earmarks, so it may respell a project (the
    /// shipped history's does); its spelling is the one later events are compared with.
    func requireDistinctNames(_ event: DomainEvent, lookup: EventLookup, fieldPrefix: String = "payload") throws(DomainError) {
        if case .reallocation = event { return }
        for introduced in Self.names(introducedBy: event) {
            if let existing = try spelling(Self.nameKey(introduced), lookup), existing != introduced.name {
                throw .sameNameAs(field: introduced.field.replacingPrefix("payload", with: fieldPrefix), kind: introduced.kind.description,
                                  name: introduced.name, existing: existing)
            }
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
                if subject.kind != "budget", let existing = try spelling(Self.nameKey(.subject(subject.kind), subject.id), lookup) {
                    throw .sameNameAs(field: prefix + "." + field, kind: subject.kind, name: subject.id, existing: existing)
                }
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
        guard let stored else { throw .unknownReference(field: field, kind: "event", id: target) }
        guard let type = EventType(rawValue: stored) else {
            throw .conflict("event \(target) is of type '\(stored)', which this register cannot read; it can only be retracted")
        }
        if type == .retraction { throw .conflict("event \(target) is a retraction; a retraction cannot be corrected or retracted") }
        return type
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
