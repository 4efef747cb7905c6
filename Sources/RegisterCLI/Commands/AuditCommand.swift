import EventStore
import Projections

/// `register audit [SUBJECT]`: replays everything and reports findings for auditors.
struct AuditCommand: Command {
    static let name = "audit"
    static let spec = CommandSpec(
        name: name, abstract: "Replay the history and report findings: authority, timing, sums, deadlines.",
        arguments: "[SUBJECT] [--rule RULE] [--on DATE] [--known-on DATE|DATETIME] [--horizon DAYS] [--json|--csv] [--events DIR ...|--registers FILE]",
        options: QueryOptions.specs + [
            OptionSpec(name: "--rule", valueName: "RULE", help: "Only findings of this rule (see below)."),
            OptionSpec(name: "--horizon", valueName: "DAYS",
                       help: "How far ahead ends-soon looks: end dates from --on up to DAYS days later (default \(Audit.defaultHorizon))."),
            .registers,
        ],
        discussion: """
            Each finding has a stable id, <rule>/<key>: the key is a subject (reserve:404) or an event, named by its id
            when a person chose it and by subject/date/type when the store generated it, so two runs on the same
            history give the same ids. Each has a severity (error, warning, risk, info), the events involved and
            their sources. Exit 0 when there are no findings, 1 when there are.
            --on is the day deadlines and lapses are judged on (default: today); events that take effect after it
            are listed as scheduled, not judged. With several registers (repeat --events, or --registers FILE)
            every finding is labelled with the register it came from.
            Rules, each with the severity of its findings and an example finding:
            """ + AuditRule.allCases.map { "\n  \($0.rawValue): \($0.severity.rawValue); \($0.explanation)\n      e.g. \($0.example)" }.joined(),
        examples: ["register audit", "register audit 404 --json", "register audit --known-on 2026-11-01",
                   "register audit --on 2026-10-01 --horizon 120 --rule ends-soon",
                   "register audit --registers province.txt --rule lapsed-reserve-holds-money --json"])

    let subjectText: String?
    let rule: AuditRule?
    let horizon: Int
    let query: QueryOptions
    let stores: [EventStore]

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.count <= 1 else {
            throw .usage("audit takes at most one SUBJECT", command: Self.name)
        }
        subjectText = arguments.positionals.first
        if let text = try arguments.value("--rule", command: Self.name) {
            guard let rule = AuditRule(rawValue: text) else {
                throw .usage("--rule '\(text)' is not a rule; rules: " + AuditRule.allCases.map(\.rawValue).joined(separator: ", "), command: Self.name)
            }
            self.rule = rule
        } else {
            rule = nil
        }
        if let text = try arguments.value("--horizon", command: Self.name) {
            guard let days = Int(text), (0...36_600).contains(days) else {
                throw .usage("--horizon '\(text)' is not a number of days; expected a whole number from 0 to 36600, e.g. --horizon 90",
                             command: Self.name)
            }
            horizon = days
        } else {
            horizon = Audit.defaultHorizon
        }
        query = try QueryOptions(arguments, command: Self.name)
        stores = try context.stores(arguments, command: Self.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        var labelled: [(register: String?, finding: Finding)] = []
        var subject: Subject? = nil
        for store in stores {
            let records = try query.records(context, store)
            let now = RecordedInstant(millisecondsSinceEpoch: RecordedInstant.now().millisecondsSinceEpoch + StoreVerifier.clockToleranceMilliseconds)
            var findings = try Audit.run(records: records, on: query.on, now: now, horizon: horizon)
            if let subjectText {
                let resolved = try SubjectCatalog(records: records).resolve(subjectText)
                subject = resolved
                let touching = Set(records.filter { $0.event.subjects.contains(resolved) }.map(\.id))
                findings = findings.filter { $0.subject == resolved || $0.events.contains(where: touching.contains) }
            }
            if let rule { findings = findings.filter { $0.rule == rule } }
            labelled += findings.map { (stores.count > 1 ? store.directory : nil, $0) }
        }
        if query.csv {
            var table = CSVTable(header: ["register", "id", "severity", "rule", "subject", "message", "events", "sources"])
            for (register, f) in labelled {
                table.add([register ?? stores[0].directory, f.id, f.severity.rawValue, f.rule.rawValue, f.subject?.description ?? "", f.message,
                           f.events.joined(separator: " "),
                           Set(f.sources.map { $0.document + ($0.zaaknummer.map { " (\($0))" } ?? "") }).sorted().joined(separator: "; ")])
            }
            context.writeOut(table.text)
        } else if query.json {
            var object = query.jsonHeader
            object["subject"] = JSONValue(subject?.description)
            object["registers"] = .array(stores.map { .string($0.directory) })
            object["findings"] = .array(labelled.map { register, f in
                var item: [String: JSONValue] = [
                    "id": .string(f.id), "rule": .string(f.rule.rawValue), "severity": .string(f.severity.rawValue),
                    "subject": JSONValue(f.subject?.description), "message": .string(f.message),
                    "events": .array(f.events.map(JSONValue.string)), "sources": .array(f.sources.map(\.jsonValue)),
                ]
                if let register { item["register"] = .string(register) }
                return .object(item)
            })
            object["counts"] = .object(Dictionary(uniqueKeysWithValues: Severity.allCases.map { s in
                (s.rawValue, JSONValue(labelled.filter { $0.finding.severity == s }.count))
            }))
            context.printJSON(.object(object))
        } else {
            let l = context.language
            let scope = subject?.description ?? (stores.count > 1 ? l.text("{1} registers", stores.count) : l.text("the whole register"))
            var lines = [l.text("Audit of {1} on {2}", scope, query.on) + (query.knownOnLine.map { ", " + l.message($0) } ?? "")]
            if labelled.isEmpty { lines.append(l.text("no findings")) }
            for (register, f) in labelled {
                lines.append("\(l.text(f.severity.rawValue).uppercased())  \(f.id)" + (register.map { "  [\($0)]" } ?? ""))
                lines.append("    \(l.message(f.message))")
                let sources = Set(f.sources.map { $0.document + ($0.zaaknummer.map { " (\($0))" } ?? "") }).sorted()
                lines.append("    " + l.text("events: {1}", f.events.joined(separator: ", ")) + "   " + l.text("sources: {1}", sources.joined(separator: "; ")))
            }
            let counts = Severity.allCases.map { s in "\(labelled.filter { $0.finding.severity == s }.count) \(l.text(s.rawValue))" }
            lines.append(l.text("{1} finding(s): {2}", labelled.count, counts.joined(separator: ", ")))
            context.writeText(lines.joined(separator: "\n") + "\n")
        }
        return labelled.isEmpty ? .ok : .failure
    }
}
