import EventStore

extension DomainEvent {
    /// Decodes an envelope's payload by its type, after upcasting old schema versions.
    ///
    /// Refuses unknown types, unknown or missing fields, impossible dates, fractional or
    /// negative cents and unsafe identifiers, each with the field path.
    public init(envelope: EventEnvelope, rules: DecodingRules = .stored) throws(DomainError) {
        guard let type = EventType(rawValue: envelope.type) else { throw .unknownType(envelope.type) }
        let payload = try EventUpcaster.upcast(type: type, version: envelope.schemaVersion, payload: envelope.payload)
        try self.init(type: type, payload: payload, rules: rules)
    }

    /// Decodes a current-version payload of a known type.
    public init(type: EventType, payload: JSONValue, rules: DecodingRules = .stored) throws(DomainError) {
        var p = try PayloadReader(payload, rules: rules)
        try p.skipNotes()
        switch type {
        case .decisionProposed, .decisionTaken, .decisionRejected, .decisionWithdrawn:
            let status: DecisionStatus = switch type {
            case .decisionProposed: .proposed
            case .decisionTaken: .taken
            case .decisionRejected: .rejected
            default: .withdrawn
            }
            let id = DecisionID(try p.identifier("decision"))
            let body = try p.choice("body", DecisionBody.self)
            let title = try p.optionalString("title")
            let date = try p.optionalDate("date")
            _ = try p.optionalString("dateNote", maxLength: 2000)
            _ = try p.optionalString("proposedBy")
            let legalBasis = try p.optionalString("legalBasis")
            self = .decision(DecisionRecord(id: id, status: status, body: body, title: title, date: date, legalBasis: legalBasis))
        case .reserveEstablished:
            self = .reserveEstablished(reserve: ReserveNumber(try p.identifier("reserve")), name: try p.string("name"),
                                       endDate: try p.date("endDate"), decision: try p.decision())
        case .reserveEndDateChanged:
            self = .reserveEndDateChanged(reserve: ReserveNumber(try p.identifier("reserve")), endDate: try p.date("endDate"),
                                          decision: try p.decision())
        case .reserveAddition, .reserveWithdrawal:
            let reserve = ReserveNumber(try p.identifier("reserve"))
            let amount = try p.cents("amountCents", positive: true)
            let decision = try p.decision()
            let description = try p.optionalString("description")
            self = type == .reserveAddition
                ? .reserveAddition(reserve: reserve, amount: amount, decision: decision, description: description)
                : .reserveWithdrawal(reserve: reserve, amount: amount, decision: decision, description: description)
        case .allocation, .reallocation:
            let reserve = ReserveNumber(try p.identifier("reserve"))
            let decision = try p.decision()
            var lines: [ProjectAmount] = []
            var seen: Set<String> = []
            for (i, item) in try p.array("allocations").enumerated() {
                var line = try PayloadReader(item, prefix: "payload.allocations[\(i)]", rules: rules)
                let project = try line.name("project", maxLength: 200)
                let amount = try line.cents("amountCents", positive: false)
                try line.finish()
                guard seen.insert(IdentifierRules.identity(project)).inserted else {
                    throw .invalidField(field: "payload.allocations[\(i)].project", problem: "'\(project)' appears twice",
                                        expected: "each project once (names that differ only in case or leading zeros are one project)")
                }
                lines.append(ProjectAmount(project: project, amount: amount))
            }
            guard !lines.isEmpty else {
                throw .invalidField(field: "payload.allocations", problem: "is empty", expected: "at least one {project, amountCents}")
            }
            try Self.requireSumWithinCap(lines.map(\.amount), field: "payload.allocations", rules: rules)
            self = type == .allocation ? .allocation(reserve: reserve, lines: lines, decision: decision)
                : .reallocation(reserve: reserve, lines: lines, decision: decision)
        case .commitment:
            self = .commitment(Commitment(
                reserve: ReserveNumber(try p.identifier("reserve")), project: try p.name("project", maxLength: 200),
                amount: try p.cents("amountCents", positive: true), basis: try p.choice("basis", AmountBasis.self),
                year: try p.optionalInteger("year", in: 1800...9999), decision: try p.decision()))
        case .commitmentSettled:
            self = .commitmentSettled(reserve: ReserveNumber(try p.identifier("reserve")), commitment: try p.identifier("commitment"),
                                      spent: try p.cents("amountCents", positive: false), decision: try p.decision())
        case .commitmentReleased:
            self = .commitmentReleased(reserve: ReserveNumber(try p.identifier("reserve")), commitment: try p.identifier("commitment"),
                                       reason: try p.string("reason", maxLength: 2000), decision: try p.decision())
        case .balanceEstimate:
            let reserve = ReserveNumber(try p.identifier("reserve"))
            let asOf = try p.date("asOf")
            let low = try p.cents("lowCents", positive: false)
            let high = try p.cents("highCents", positive: false)
            guard low <= high else {
                throw .invalidField(field: "payload.highCents", problem: "\(high.value) is below lowCents \(low.value)", expected: "lowCents <= highCents")
            }
            self = .balanceEstimate(reserve: reserve, asOf: asOf, low: low, high: high)
        case .balanceActual:
            self = .balanceActual(reserve: ReserveNumber(try p.identifier("reserve")), asOf: try p.date("asOf"),
                                  amount: try p.cents("amountCents", positive: false), decision: try p.decision())
        case .contractAwarded:
            let contract = ContractID(try p.identifier("contract"))
            let counterparty = try p.string("counterparty")
            let title = try p.optionalString("title")
            let start = try p.date("start")
            let end = try p.date("end")
            guard start <= end else {
                throw .invalidField(field: "payload.end", problem: "\(end) is before the start \(start)", expected: "an end on or after the start")
            }
            self = .contractAwarded(ContractAward(contract: contract, counterparty: counterparty, title: title, start: start, end: end,
                                                  noticeDeadline: try p.optionalDate("noticeDeadline"), decision: try p.decision()))
        case .contractExtensionIntended:
            self = .contractExtensionIntended(contract: ContractID(try p.identifier("contract")), newEndDate: try p.date("newEndDate"),
                                              decideBy: try p.optionalDate("decideBy"), body: try p.choice("body", DecisionBody.self))
        case .contractExtended:
            self = .contractExtended(contract: ContractID(try p.identifier("contract")), newEndDate: try p.date("newEndDate"),
                                     decision: try p.decision())
        case .budgetSet:
            let year = try p.integer("year", in: 1800...9999)
            let decision = try p.decision()
            var lines: [ProgrammeAmount] = []
            var seen: Set<String> = []
            for (i, item) in try p.array("programmes").enumerated() {
                var line = try PayloadReader(item, prefix: "payload.programmes[\(i)]", rules: rules)
                let programme = ProgrammeID(try line.identifier("programme"))
                let name = try line.optionalString("name") ?? programme.rawValue
                let amount = try line.cents("amountCents", positive: false)
                try line.finish()
                guard seen.insert(IdentifierRules.identity(programme.rawValue)).inserted else {
                    throw .invalidField(field: "payload.programmes[\(i)].programme", problem: "'\(programme)' appears twice",
                                        expected: "each programme once (names that differ only in case or leading zeros are one programme)")
                }
                lines.append(ProgrammeAmount(programme: programme, name: name, amount: amount))
            }
            guard !lines.isEmpty else {
                throw .invalidField(field: "payload.programmes", problem: "is empty", expected: "at least one {programme, amountCents}")
            }
            try Self.requireSumWithinCap(lines.map(\.amount), field: "payload.programmes", rules: rules)
            self = .budgetSet(year: year, lines: lines, decision: decision)
        case .statedTotal:
            let text = try p.string("of")
            let amount = try p.cents("amountCents", positive: false)
            let subject: StatedTotalSubject
            let parts = text.split(separator: ":").map(String.init)
            if parts.count == 2, parts[0] == "budget", let year = Int(parts[1]) {
                // One spelling of a year from now on ("budget:02026" and "budget:+2026" were taken); stored ones still read.
                if rules == .append, String(year) != parts[1] {
                    throw .invalidField(field: "payload.of", problem: "'\(text)' spells the year \(year) another way", expected: "budget:\(year)")
                }
                subject = .budget(year: year)
            } else if parts.count == 3, parts[0] == "reserve", parts[2] == "allocations" {
                subject = .allocations(ReserveNumber(parts[1]))
            } else {
                throw .invalidField(field: "payload.of", problem: "'\(text)' is not a total the register can check",
                                    expected: "budget:YEAR or reserve:ID:allocations")
            }
            self = .statedTotal(subject: subject, amount: amount)
        case .correction:
            let target = try p.identifier("corrects")
            let reason = try p.string("reason", maxLength: 2000)
            let date = try p.optionalDate("effectiveDate")
            let fields = p.raw("payload")
            let whole = p.raw("replacement")
            let change: Correction.Change?
            switch (fields, whole) {
            case (let fields?, nil):
                guard let object = fields.object, !object.isEmpty else {
                    throw .invalidField(field: "payload.payload", problem: "is \(fields.object == nil ? fields.kindDescription : "an empty object")",
                                        expected: "an object with the fields the correction changes, each with its corrected value (null removes an optional field)")
                }
                change = .fields(object)
            case (nil, let whole?):
                guard whole.object != nil else {
                    throw .invalidField(field: "payload.replacement", problem: "is \(whole.kindDescription)", expected: "the complete corrected payload as an object")
                }
                change = .whole(whole)
            case (nil, nil):
                change = nil
            case (.some, .some):
                throw .invalidField(field: "payload.replacement", problem: "is given with 'payload'",
                                    expected: "either 'payload' (the fields it changes) or 'replacement' (a whole payload), not both")
            }
            guard date != nil || change != nil else {
                throw .invalidField(field: "payload", problem: "a correction changes nothing",
                                    expected: "'effectiveDate', 'payload' (the fields it changes) or both")
            }
            self = .correction(Correction(target: target, reason: reason, effectiveDate: date, change: change))
        case .retraction:
            self = .retraction(target: try p.identifier("retracts"), reason: try p.string("reason", maxLength: 2000))
        case .sourceDocument:
            let document = try p.string("document", maxLength: 500)
            let sha256 = try p.string("sha256", maxLength: 64)
            guard SourceDocument.isSHA256(sha256) else {
                throw .invalidField(field: "payload.sha256", problem: "'\(sha256)' is not a SHA-256",
                                    expected: "64 lowercase hex digits, as 'sha256sum FILE' prints them")
            }
            let address = try p.optionalString("address", maxLength: 2000)
            if let address, !SourceDocument.isAddress(address) {
                throw .invalidField(field: "payload.address", problem: "'\(address)' is not a public address",
                                    expected: "an address starting with https:// or http://, without spaces")
            }
            self = .sourceDocument(SourceDocument(document: document, sha256: sha256, address: address, title: try p.optionalString("title")))
        }
        try p.finish()
    }
}

extension DomainEvent {
    /// A new event's lines may not add up beyond the cap (`Cents.limit`): their sum is a total.
    /// A stored one is read, and the total it feeds ends its answers with `TotalOutOfRange`.
    static func requireSumWithinCap(_ amounts: [Cents], field: String, rules: DecodingRules) throws(DomainError) {
        guard rules == .append else { return }
        do { _ = try amounts.sum() } catch {
            throw .invalidField(field: field, problem: "the amounts add up to more than \(Cents(Cents.limit).dutch)",
                                expected: "amounts whose sum, like any total, is at most \(Cents.limit) cents")
        }
    }
}

extension PayloadReader {
    mutating func decision() throws(DomainError) -> DecisionID? {
        try optionalIdentifier("decision").map(DecisionID.init)
    }
}
