import EventStore
import Projections

/// `register timeline SUBJECT`: every event that touched a subject, in effect order.
struct TimelineCommand: Command {
    static let name = "timeline"
    static let spec = CommandSpec(
        name: name, abstract: "Show every event that touched a reserve, contract, programme or decision, in effect order.",
        arguments: "SUBJECT [--known-on DATE|DATETIME] [--json|--csv]", options: [.knownOn, .json, .csv],
        discussion: """
            SUBJECT is an id from 'register subjects': 404, dordrecht-sociaal, bestaanszekerheid, or qualified as
            reserve:404, contract:dordrecht-sociaal, programme:..., decision:2022-0177088, budget:2026.
            Each line shows the effective date, the recorded instant, the type, what changed (before -> after),
            the authorising decision and the source. Corrected and retracted events are marked. The timeline of a
            decision also lists the mutations (and settlements) that name it as their authority.
            """,
        examples: ["register timeline 404", "register timeline contract:dordrecht-sociaal --json", "register timeline decision:2022-0177088"])

    let subjectText: String
    let query: QueryOptions
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.count == 1 else {
            throw .usage("timeline needs exactly one SUBJECT, e.g. 'register timeline 404'", command: Self.name)
        }
        subjectText = arguments.positionals[0]
        query = try QueryOptions(arguments, command: Self.name)
        store = try context.store(arguments, command: Self.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        // Only the subject's events, their amendments and the decisions they name are read; for a
        // decision, also the events that name it as their authority.
        let subject = try context.subject(named: subjectText, in: store)
        var keys = [subject.description]
        if case .decision(let decision) = subject { keys.append(DomainPolicy.authorisedBy(decision)) }
        let records = try context.history(of: store, about: keys).resolved(knownOn: query.knownOn)
        let timeline = try Timeline(subject: subject, records: records)
        if query.csv {
            var table = CSVTable(header: ["sequence", "id", "type", "effective_date", "recorded_at", "summary", "changes", "decision",
                                          "source_document", "zaaknummer", "standing", "assumptions"])
            for e in timeline.entries {
                let standing: String
                switch e.standing {
                case .counts: standing = "counts"
                case .corrected(let by): standing = "corrected by " + by.joined(separator: " ")
                case .retracted(let by): standing = "retracted by " + by
                }
                table.add([String(e.sequence), e.id, e.type.rawValue, e.effectiveDate.iso, e.recordedAt.iso, e.summary,
                           e.changes.map { "\($0.field): \($0.before) -> \($0.after)" }.joined(separator: "; "), e.decision?.rawValue ?? "",
                           e.source.document, e.source.zaaknummer ?? "", standing, e.assumptions.joined(separator: " | ")])
            }
            context.writeOut(table.text)
            return .ok
        }
        if query.json {
            context.printJSON(.object([
                "subject": .string(subject.description), "knownOn": query.knownOn.map { .string($0.iso) } ?? .null,
                "entries": .array(timeline.entries.map(Self.json)),
            ]))
            return .ok
        }
        // Each stored text is escaped on its own (`DisplayText.escaped`): it stays on its line.
        let shown = DisplayText.escaped
        let l = context.language
        var lines = [l.text("Timeline of {1}", shown(subject.description)) + (query.knownOnLine.map { ", " + l.message($0) } ?? "")]
        for e in timeline.entries {
            let mark: String
            switch e.standing {
            case .counts: mark = ""
            case .corrected(let by): mark = " [" + l.text("CORRECTED by {1}", shown(by.joined(separator: ", "))) + "]"
            case .retracted(let by): mark = " [" + l.text("RETRACTED by {1}", shown(by)) + "]"
            }
            lines.append("\(e.effectiveDate)  #\(e.sequence) \(e.type.rawValue)\(mark)")
            lines.append("    \(shown(l.message(e.summary)))")
            for c in e.changes { lines.append("    \(shown(l.value(c.field))): \(shown(l.value(c.before))) -> \(shown(l.value(c.after)))") }
            lines.append("    " + l.text("decision: {1}", shown(e.decision?.rawValue ?? l.text("none"))) + "   " + l.text("source: {1}", shown(e.source.document))
                         + (e.source.zaaknummer.map { " (zaaknummer \(shown($0)))" } ?? "") + "   " + l.text("recorded {1}", e.recordedAt))
            for a in e.assumptions { lines.append("    " + l.text("assumption: {1}", shown(a))) }
        }
        context.writeText(lines.joined(separator: "\n") + "\n")
        return .ok
    }

    static func json(_ e: Timeline.Entry) -> JSONValue {
        let standing: JSONValue
        switch e.standing {
        case .counts: standing = .object(["status": .string("counts")])
        case .corrected(let by): standing = .object(["status": .string("corrected"), "by": .array(by.map(JSONValue.string))])
        case .retracted(let by): standing = .object(["status": .string("retracted"), "by": .array([.string(by)])])
        }
        return .object([
            "sequence": JSONValue(e.sequence), "id": .string(e.id), "type": .string(e.type.rawValue),
            "effectiveDate": e.effectiveDate.json, "recordedAt": .string(e.recordedAt.iso), "summary": .string(e.summary),
            "changes": .array(e.changes.map { .object(["field": .string($0.field), "before": .string($0.before), "after": .string($0.after)]) }),
            "decision": JSONValue(e.decision?.rawValue), "source": e.source.jsonValue, "standing": standing,
            "assumptions": .array(e.assumptions.map(JSONValue.string)),
        ])
    }
}
