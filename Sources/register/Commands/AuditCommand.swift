import EventStore
import Projections

/// `register audit [SUBJECT]`: replays everything and reports findings for auditors.
struct AuditCommand: Command {
    static let spec = CommandSpec(
        name: "audit", abstract: "Replay the history and report findings: authority, timing, sums, deadlines.",
        arguments: "[SUBJECT] [--on DATE] [--known-on DATE|DATETIME] [--json]", options: QueryOptions.specs,
        discussion: """
            Each finding has a stable id (<rule>/<event or subject>), a severity (error, warning, risk, info),
            the events involved and their sources. Exit 0 when there are no findings, 1 when there are.
            --on is the day deadlines and lapses are judged on (default: today).
            Rules:
            """ + AuditRule.allCases.map { "\n  \($0.rawValue): \($0.explanation)" }.joined(),
        examples: ["register audit", "register audit 404 --json", "register audit --known-on 2026-11-01"])

    let subjectText: String?
    let query: QueryOptions
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.count <= 1 else {
            throw .usage("audit takes at most one SUBJECT", command: Self.spec.name)
        }
        subjectText = arguments.positionals.first
        query = try QueryOptions(arguments, command: Self.spec.name)
        store = try context.store(arguments, command: Self.spec.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let records = try query.records(context, store)
        var findings = Audit.run(records: records, on: query.on)
        var subject: Subject? = nil
        if let subjectText {
            let resolved = try SubjectCatalog(records: records).resolve(subjectText)
            subject = resolved
            let touching = Set(records.filter { $0.event.subjects.contains(resolved) }.map(\.id))
            findings = findings.filter { $0.subject == resolved || $0.events.contains(where: touching.contains) }
        }
        if query.json {
            var object = query.jsonHeader
            object["subject"] = JSONValue(subject?.description)
            object["findings"] = .array(findings.map { f in
                .object([
                    "id": .string(f.id), "rule": .string(f.rule.rawValue), "severity": .string(f.severity.rawValue),
                    "subject": JSONValue(f.subject?.description), "message": .string(f.message),
                    "events": .array(f.events.map(JSONValue.string)), "sources": .array(f.sources.map(\.jsonValue)),
                ])
            })
            object["counts"] = .object(Dictionary(uniqueKeysWithValues: Severity.allCases.map { s in
                (s.rawValue, JSONValue(findings.filter { $0.severity == s }.count))
            }))
            context.printJSON(.object(object))
        } else {
            var lines = ["Audit of \(subject?.description ?? "the whole register") on \(query.on)"
                         + (query.knownOnLine.map { ", \($0)" } ?? "")]
            if findings.isEmpty { lines.append("no findings") }
            for f in findings {
                lines.append("\(f.severity.rawValue.uppercased())  \(f.id)")
                lines.append("    \(f.message)")
                let sources = Set(f.sources.map { $0.document + ($0.zaaknummer.map { " (\($0))" } ?? "") }).sorted()
                lines.append("    events: \(f.events.joined(separator: ", "))   sources: \(sources.joined(separator: "; "))")
            }
            let counts = Severity.allCases.map { s in "\(findings.filter { $0.severity == s }.count) \(s.rawValue)" }
            lines.append("\(findings.count) finding(s): \(counts.joined(separator: ", "))")
            context.writeOut(lines.joined(separator: "\n") + "\n")
        }
        return findings.isEmpty ? .ok : .failure
    }
}
