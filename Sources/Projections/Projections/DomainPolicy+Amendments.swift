import EventStore

/// The append rules for corrections and retractions, and the keys they are checked against.
///
/// - A correction's corrected payload (its fields applied to the target as it stands, after
///   every earlier correction) must decode as the target's type and pass the reference checks
///   of an append of that type; the fields that say what the event is about (`identity`) may
///   not change. When the target is itself a correction, the corrected correction must pass the
///   same rules against the event it corrects (as that stands without it), and so on down.
/// - A retraction may not retract an event already retracted, nor one that other events that
///   count stand on: a reserve's or a contract's creation with later events about it, or the
///   only event of a decision that mutations name.
extension DomainPolicy {
    static func correctionsKey(_ target: String) -> String { "corrections:" + target }
    /// The key whose value is the retraction of `target` (the first that counts).
    public static func retractedKey(_ target: String) -> String { "retracted:" + target }
    static func dependentsKey(_ subject: Subject) -> String { "dependents:" + subject.description }
    static func decisionEventsKey(_ decision: DecisionID) -> String { "decision-events:" + decision.rawValue }

    /// The keys whose every value a check reads (`values(forKey:)`): who stands on whom, and an
    /// event's corrections and retraction. Every other key the policy defines is a name, a status
    /// or a pointer whose last value is all anyone asks (`isSingleValued`).
    private static let listPrefixes = [correctionsKey(""), retractedKey(""), "dependents:", decisionEventsKey(DecisionID(""))]

    public func isSingleValued(_ key: String) -> Bool {
        !isTally(key) && !Self.listPrefixes.contains { key.utf8.starts(with: $0.utf8) }
    }

    /// The keys that say which events stand on which: every event about a reserve or contract
    /// (other than its creation) under that subject, every mutation under the decision it names,
    /// and every decision event under its decision.
    static func dependencyKeys(of event: DomainEvent, id: String) -> [(key: String, value: String)] {
        var keys: [(key: String, value: String)] = []
        switch event {
        case .decision(let d):
            keys.append((decisionEventsKey(d.id), id))
        case .reserveEstablished, .contractAwarded:
            break
        default:
            for subject in event.subjects {
                switch subject {
                case .reserve, .contract: keys.append((dependentsKey(subject), id))
                default: break
                }
            }
        }
        if let decision = event.authorisingDecision { keys.append((dependentsKey(.decision(decision)), id)) }
        return keys
    }

    func checkCorrection(_ c: Correction, lookup: EventLookup) throws(DomainError) {
        try checkCorrection(c, lookup: lookup, replacing: [])
    }

    /// `replacing`: the corrections this one stands in for, further up a chain of corrections of
    /// corrections; the events they correct are judged as they stand without them.
    private func checkCorrection(_ c: Correction, lookup: EventLookup, replacing: Set<String>) throws(DomainError) {
        let targetType = try requireAmendable(c.target, field: "payload.corrects", lookup: lookup)
        guard c.change != nil else {
            // A new effective date alone must still make a plausible event (an establishment
            // moved past its reserve's end date was accepted).
            guard let date = c.effectiveDate else { return }
            let current = try currentRecord(of: c.target, lookup: lookup, excluding: replacing)
            do {
                try Self.checkPlausible(DomainRecord(copying: current, effectiveDate: date, event: current.event))
            } catch .invalidField(_, let problem, let expected) {
                throw .invalidField(field: "payload.effectiveDate", problem: problem, expected: expected)
            }
            return
        }
        let current = try currentRecord(of: c.target, lookup: lookup, excluding: replacing)
        let corrected: DomainEvent
        do { corrected = try DomainEvent(type: targetType, payload: c.corrected(current.event.payload), rules: .append) } catch {
            guard case .invalidField(let field, let problem, let expected) = error else { throw error }
            throw .invalidField(field: field.replacingPrefix("payload", with: "payload.payload"), problem: problem, expected: expected)
        }
        for (before, after) in zip(current.event.identity, corrected.identity)
        where KeyIndex.normalised(before.value) != KeyIndex.normalised(after.value) {
            throw .invalidField(field: "payload.payload." + before.field,
                                problem: "a correction cannot change what the event is about ('\(before.value)' to '\(after.value)')",
                                expected: "'\(before.value)'; to move the event, retract it and record a new one")
        }
        do {
            try Self.checkPlausible(DomainRecord(copying: current, effectiveDate: c.effectiveDate ?? current.effectiveDate, event: corrected))
        } catch .invalidField(let field, let problem, let expected) {
            throw .invalidField(field: field.replacingPrefix("payload", with: "payload.payload"), problem: problem, expected: expected)
        }
        try requireDistinctNames(corrected, lookup: lookup, fieldPrefix: "payload.payload")
        try checkReferences(of: corrected, lookup: lookup, field: "payload.payload")
        // A correction of a correction changes what that one does to its own target: check that too.
        guard case .correction(let inner) = corrected, replacing.count < 32 else { return }
        do {
            try checkCorrection(inner, lookup: lookup, replacing: replacing.union([KeyIndex.normalised(c.target)]))
        } catch {
            switch error {
            case let .invalidField(field, problem, expected):
                throw .invalidField(field: field.replacingPrefix("payload", with: "payload.payload"),
                                    problem: problem + " (in what the corrected \(c.target) makes of \(inner.target))", expected: expected)
            case let .unknownReference(field, kind, id):
                throw .unknownReference(field: field.replacingPrefix("payload", with: "payload.payload"), kind: kind, id: id)
            default:
                throw error
            }
        }
    }

    /// Whether a retraction sets an event this register cannot read aside: only one recorded after
    /// it does (one before it came from outside append, and counts for nothing).
    public static func setsAside(retractionAt retraction: Int, eventAt event: Int) -> Bool { retraction > event }

    func checkRetraction(of target: String, lookup: EventLookup) throws(DomainError) {
        // An event this register cannot read (from a clone; no question is answered while it
        // counts) may be retracted, once: that sets it aside, and the register answers again.
        if let stored = try? lookup.envelope(ofEvent: target), (try? DomainRecord(envelope: stored)) == nil {
            let retractions = ((try? lookup.values(forKey: Self.retractedKey(target))) ?? []).compactMap { by -> (id: String, sequence: Int)? in
                ((try? lookup.sequence(ofEvent: by)) ?? nil).map { (by, $0) }
            }
            if let earlier = retractions.first(where: { Self.setsAside(retractionAt: $0.sequence, eventAt: stored.sequence) }) {
                throw .conflict("event \(target) is already retracted by \(earlier.id); an event is retracted once")
            }
            return
        }
        let type = try requireAmendable(target, field: "payload.retracts", lookup: lookup)
        do {
            if let by = try lookup.value(forKey: Self.retractedKey(target)) {
                throw DomainError.conflict("event \(target) is already retracted by \(by); an event is retracted once")
            }
            guard let stored = try lookup.envelope(ofEvent: target) else { return }
            let event = try DomainRecord(envelope: stored).event
            let dependents: [String]
            var what: String
            switch event {
            case .reserveEstablished(let r, _, _, _):
                dependents = try standing(lookup.values(forKey: Self.dependentsKey(.reserve(r))), lookup)
                what = "reserve \(r)"
            case .contractAwarded(let a):
                dependents = try standing(lookup.values(forKey: Self.dependentsKey(.contract(a.contract))), lookup)
                what = "contract \(a.contract)"
            case .decision(let d):
                let others = try standing(lookup.values(forKey: Self.decisionEventsKey(d.id)), lookup).filter { $0 != target }
                dependents = others.isEmpty ? try standing(lookup.values(forKey: Self.dependentsKey(.decision(d.id))), lookup) : []
                what = "decision \(d.id)"
            default:
                dependents = []
                what = ""
            }
            _ = type
            if !dependents.isEmpty {
                let named = dependents.prefix(3).joined(separator: ", ") + (dependents.count > 3 ? " and \(dependents.count - 3) more" : "")
                throw DomainError.conflict("event \(target) cannot be retracted: \(dependents.count) event(s) that count stand on \(what) (\(named)); retract those first, or record a correction")
            }
        } catch let error as DomainError {
            throw error
        } catch {
            throw .conflict("cannot look up event \(target) in the store: \(error)")
        }
    }

    /// The ids of these events that are not retracted.
    private func standing(_ ids: [String], _ lookup: EventLookup) throws -> [String] {
        try ids.filter { try lookup.value(forKey: Self.retractedKey($0)) == nil }
    }

    /// An event as it stands now: the stored event with every correction of it (and of those)
    /// applied, and retracted corrections left out, by the same rules as every answer (`History`).
    /// `excluding`: (normalised) ids of corrections left out, with everything that stands on them.
    func currentRecord(of id: String, lookup: EventLookup, excluding: Set<String> = []) throws(DomainError) -> DomainRecord {
        var records: [DomainRecord] = []
        var queue = [id]
        var seen: Set<String> = excluding
        do {
            while let next = queue.popLast(), records.count < 256 {
                guard seen.insert(KeyIndex.normalised(next)).inserted, let envelope = try lookup.envelope(ofEvent: next) else { continue }
                records.append(try DomainRecord(envelope: envelope))
                queue += try lookup.values(forKey: Self.correctionsKey(next))
                queue += try lookup.values(forKey: Self.retractedKey(next))
            }
        } catch let error as DomainError {
            throw error
        } catch {
            throw .conflict("cannot read event \(id) to check the correction against it: \(error)")
        }
        records.sort { $0.sequence < $1.sequence }
        guard let current = History(records: records).resolved().first(where: { $0.id == id })?.current else {
            throw .unknownReference(field: "payload.corrects", kind: "event", id: id)
        }
        return current
    }
}
