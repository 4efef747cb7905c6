import Projections

/// The event types a clerk can record with flags, under the names a clerk uses.
///
/// Each maps to a stored event type and lists its payload fields as flags. The envelope
/// flags (`--effective`, `--source`, `--zaaknummer`, `--actor`, `--id`, `--note`,
/// `--assumption`) are common to all.
struct RecordType {
    let name: String
    let type: EventType
    let abstract: String
    let fields: [RecordField]

    static let decisionFields: [RecordField] = [
        RecordField("--decision", "decision", .identifier, "The decision's id: its zaaknummer where it has one."),
        RecordField("--body", "body", .choice(DecisionBody.allCases.map(\.rawValue)), "Who decides."),
        RecordField("--title", "title", .text, required: false, "The decision's title."),
        RecordField("--date", "date", .dateOrUnknown, "The decision date, or 'unknown' when the source leaves it blank."),
        RecordField("--legal-basis", "legalBasis", .text, required: false, "E.g. 'artikel 192, lid 1 Gemeentewet'."),
    ]
    static let decisionRef = RecordField("--decision", "decision", .identifier, required: false, refers: .decision, "The authorising decision (its id).")
    static let reserve = RecordField("--reserve", "reserve", .identifier, refers: .reserve, "The reserve number, e.g. 404.")
    static let newReserve = RecordField("--reserve", "reserve", .identifier, "The reserve number, e.g. 404.")
    static let contract = RecordField("--contract", "contract", .identifier, refers: .contract, "The contract id, e.g. dordrecht-sociaal.")
    static let newContract = RecordField("--contract", "contract", .identifier, "The contract id, e.g. dordrecht-sociaal.")
    static let commitment = RecordField("--commitment", "commitment", .identifier, refers: .commitment, "The id of the commitment event.")

    static let all: [RecordType] = [
        RecordType(name: "decision-proposed", type: .decisionProposed, abstract: "A proposal (raadsvoorstel): changes nothing by itself.",
                   fields: decisionFields),
        RecordType(name: "decision-taken", type: .decisionTaken, abstract: "A decision taken (besluit).", fields: decisionFields),
        RecordType(name: "decision-rejected", type: .decisionRejected, abstract: "A proposal rejected.", fields: decisionFields),
        RecordType(name: "decision-withdrawn", type: .decisionWithdrawn, abstract: "A proposal withdrawn.", fields: decisionFields),
        RecordType(name: "reserve", type: .reserveEstablished, abstract: "A new bestemmingsreserve.", fields: [
            newReserve, RecordField("--name", "name", .text, "The reserve's name."),
            RecordField("--end-date", "endDate", .date, "Its end date."), decisionRef,
        ]),
        RecordType(name: "end-date-change", type: .reserveEndDateChanged, abstract: "A reserve's end date moves.", fields: [
            reserve, RecordField("--end-date", "endDate", .date, "The new end date."), decisionRef,
        ]),
        RecordType(name: "addition", type: .reserveAddition, abstract: "Money added to a reserve (toevoeging).", fields: [
            reserve, RecordField("--amount", "amountCents", .amount, "The amount, e.g. 5.000.000 or € 5.000.000,00."), decisionRef,
            RecordField("--description", "description", .text, required: false, "What it is for."),
        ]),
        RecordType(name: "withdrawal", type: .reserveWithdrawal, abstract: "Money taken from a reserve (onttrekking).", fields: [
            reserve, RecordField("--amount", "amountCents", .amount, "The amount."), decisionRef,
            RecordField("--description", "description", .text, required: false, "What it is for."),
        ]),
        RecordType(name: "allocation", type: .allocation, abstract: "Money earmarked for projects (adds to existing earmarks).", fields: [
            reserve, RecordField("--allocation", "allocations", .amounts(nameKey: "project"), "A project and its amount; repeat per project."),
            decisionRef,
        ]),
        RecordType(name: "reallocation", type: .reallocation, abstract: "The whole table of earmarks replaced (money moves between projects).", fields: [
            reserve, RecordField("--allocation", "allocations", .amounts(nameKey: "project"), "A project and its new amount; repeat per project."),
            decisionRef,
        ]),
        RecordType(name: "commitment", type: .commitment, abstract: "An obligation against a reserve.", fields: [
            reserve, RecordField("--project", "project", .text, "The project."), RecordField("--amount", "amountCents", .amount, "The amount."),
            RecordField("--basis", "basis", .choice(AmountBasis.allCases.map(\.rawValue)), "How exact the amount is."),
            RecordField("--year", "year", .year, required: false, "The year it is for."), decisionRef,
        ]),
        RecordType(name: "settlement", type: .commitmentSettled, abstract: "A commitment paid: it ends (book the payment as a withdrawal).", fields: [
            reserve, commitment,
            RecordField("--amount", "amountCents", .amount, "What was spent on it."), decisionRef,
        ]),
        RecordType(name: "release", type: .commitmentReleased, abstract: "A commitment withdrawn unpaid: it ends.", fields: [
            reserve, commitment,
            RecordField("--reason", "reason", .text, "Why it is released."), decisionRef,
        ]),
        RecordType(name: "estimate", type: .balanceEstimate, abstract: "A reserve's balance estimated as a range.", fields: [
            reserve, RecordField("--as-of", "asOf", .date, "The date the estimate is for."),
            RecordField("--low", "lowCents", .amount, "The lowest amount."), RecordField("--high", "highCents", .amount, "The highest amount."),
        ]),
        RecordType(name: "actual", type: .balanceActual, abstract: "A reserve's actual balance (e.g. from the jaarstukken).", fields: [
            reserve, RecordField("--as-of", "asOf", .date, "The date it is for."), RecordField("--amount", "amountCents", .amount, "The amount."),
            decisionRef,
        ]),
        RecordType(name: "contract", type: .contractAwarded, abstract: "A contract awarded.", fields: [
            newContract, RecordField("--counterparty", "counterparty", .text, "Who the contract is with."),
            RecordField("--title", "title", .text, required: false, "What it is for."),
            RecordField("--start", "start", .date, "First day."), RecordField("--end", "end", .date, "Last day."),
            RecordField("--notice-deadline", "noticeDeadline", .date, required: false, "By when parties say whether they continue."),
            decisionRef,
        ]),
        RecordType(name: "extension-intended", type: .contractExtensionIntended, abstract: "An intention (voornemen) to extend: moves no date.", fields: [
            contract, RecordField("--new-end-date", "newEndDate", .date, "The end date if extended."),
            RecordField("--decide-by", "decideBy", .date, required: false, "When it must be decided."),
            RecordField("--body", "body", .choice(DecisionBody.allCases.map(\.rawValue)), "Whose intention."),
        ]),
        RecordType(name: "extension", type: .contractExtended, abstract: "A contract extension decided.", fields: [
            contract, RecordField("--new-end-date", "newEndDate", .date, "The new end date."), decisionRef,
        ]),
        RecordType(name: "budget", type: .budgetSet, abstract: "Programme budgets of a year.", fields: [
            RecordField("--year", "year", .year, "The budget year."),
            RecordField("--programme", "programmes", .amounts(nameKey: "programme"), "A programme id and its amount; repeat per programme."),
            decisionRef,
        ]),
        RecordType(name: "stated-total", type: .statedTotal, abstract: "A total as a source states it (checked, never used).", fields: [
            RecordField("--of", "of", .text, "budget:YEAR or reserve:ID:allocations."), RecordField("--amount", "amountCents", .amount, "The stated total."),
        ]),
        RecordType(name: "retraction", type: .retraction, abstract: "An earlier event should never have counted.", fields: [
            RecordField("--retracts", "retracts", .identifier, refers: .event, "The event: its sequence number or id."), RecordField("--reason", "reason", .text, "Why."),
        ]),
    ]

    /// Dutch names for each type, by its clerk name.
    static let dutchNames: [String: [String]] = [
        "decision-proposed": ["voorstel", "raadsvoorstel"],
        "decision-taken": ["besluit", "raadsbesluit"],
        "decision-rejected": ["verworpen", "afwijzing"],
        "decision-withdrawn": ["ingetrokken-voorstel"],
        "reserve": ["bestemmingsreserve", "instelling"],
        "end-date-change": ["einddatum", "einddatumwijziging"],
        "addition": ["toevoeging", "storting"],
        "withdrawal": ["onttrekking"],
        "allocation": ["toewijzing", "toekenning"],
        "reallocation": ["herverdeling", "herschikking"],
        "commitment": ["verplichting"],
        "settlement": ["afrekening", "afwikkeling"],
        "release": ["vrijval"],
        "estimate": ["raming", "schatting"],
        "actual": ["werkelijk", "saldo"],
        "contract": ["gunning", "overeenkomst"],
        "extension-intended": ["voornemen", "verlengingsvoornemen"],
        "extension": ["verlenging"],
        "budget": ["begroting", "begrotingswijziging"],
        "stated-total": ["totaal", "vermeld-totaal"],
        "retraction": ["intrekking"],
        "correction": ["correctie", "herstel"],
    ]

    /// The first Dutch name of a type (for the menu in Dutch).
    var dutchName: String? { Self.dutchNames[name]?.first }

    /// Finds a type by its clerk name, its stored type name or a Dutch name (any case).
    static func named(_ text: String) -> RecordType? {
        let name = text.lowercased()
        return all.first { $0.name == name } ?? all.first { $0.type.rawValue == name }
            ?? all.first { Self.dutchNames[$0.name]?.contains(name) == true }
    }

    /// Every name `named` accepts, for suggestions.
    static var allNames: [String] { all.map(\.name) + dutchNames.values.flatMap { $0 } }
}
