import EventStore
import Projections

/// `register changes --known-since T1 [--known-on T2]`: what was recorded between two moments,
/// and per subject each answer that changed, before and after: the first question of an audit.
struct ChangesCommand: Command {
    static let name = "changes"
    static let spec = CommandSpec(
        name: name, abstract: "List the events recorded between two moments and, per subject, each answer that changed.",
        arguments: "--known-since DATE|DATETIME [--known-on DATE|DATETIME] [--on DATE] [--json]",
        options: [
            OptionSpec(name: "--known-since", valueName: "DATE|DATETIME",
                       help: "The earlier moment (end of DATE, Europe/Amsterdam): the register as it stood then is 'before'."),
            OptionSpec(name: "--known-on", valueName: "DATE|DATETIME", help: "The later moment (default: now): the register as it stands then is 'after'."),
            .on, .json,
        ],
        discussion: """
            Lists every event recorded after --known-since and at or before --known-on, then, for every
            reserve, contract and budget year, each field of its answer on --on (default: today) that differs
            between the register as it stood at the two moments: field, before -> after ('-' where a field did not
            exist, '(not in the register)' where the subject did not). A correction of an old event shows as the change it makes to the answer.
            """,
        examples: ["register changes --known-since 2025-12-31", "register changes --known-since 2025-12-31 --known-on 2026-11-23T15:00Z --on 2022-12-31 --json"])

    /// The human texts of this command, in one place so they can be translated.
    enum Text {
        static func recorded(_ n: Int, since: String, until: String) -> String { "\(n) event(s) recorded after \(since) up to \(until)" }
        static func answersOn(_ date: String) -> String { "answers on \(date) that changed" }
        static let nothingChanged = "no answer changed"
        static let now = "now"
        static let absent = "-"
        static let notInRegister = "(not in the register)"
    }

    let since: RecordedInstant
    let sinceText: String
    let until: RecordedInstant?
    let untilText: String?
    let on: CalendarDate
    let json: Bool
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let name = Self.name
        guard arguments.positionals.isEmpty else { throw .usage("changes takes no arguments; got '\(arguments.positionals[0])'", command: name) }
        guard let text = try arguments.value("--known-since", command: name) else {
            throw .usage("changes needs --known-since DATE|DATETIME, e.g. 'register changes --known-since 2025-12-31'", command: name)
        }
        sinceText = text
        since = try DateArguments.moment(text, option: "--known-since", command: name)
        untilText = try arguments.value("--known-on", command: name)
        until = try untilText.map { (t) throws(CLIError) in try DateArguments.moment(t, option: "--known-on", command: name) }
        if let until, until < since {
            throw .usage("--known-on \(untilText ?? "") is before --known-since \(text); expected the later moment", command: name)
        }
        on = try arguments.value("--on", command: name).map { (t) throws(CLIError) in try DateArguments.date(t, option: "--on", command: name) }
            ?? DateArguments.today()
        json = arguments.flag("--json")
        store = try context.store(arguments, command: name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let history = try context.history(of: store)
        let recorded = history.records.filter { record in record.recordedAt > since && (until.map { record.recordedAt <= $0 } ?? true) }
        let before = history.resolved(knownOn: since)
        let after = history.resolved(knownOn: until)
        var subjects: [(subject: String, changes: [FieldChange])] = []
        for (subject, old, new) in try Self.answers(before: before, after: after, on: on) {
            let changes = Self.differences(old, new)
            if !changes.isEmpty { subjects.append((subject, changes)) }
        }
        if json {
            let events: [JSONValue] = recorded.map { r in
                let fields: [String: JSONValue] = [
                    "sequence": JSONValue(r.sequence), "id": .string(r.id), "type": .string(r.type.rawValue),
                    "recordedAt": .string(r.recordedAt.iso), "effectiveDate": .string(r.effectiveDate.iso),
                    "summary": .string(EventSummary.describe(r.event)),
                ]
                return .object(fields)
            }
            let changed: [JSONValue] = subjects.map { s in
                let changes: [JSONValue] = s.changes.map { .object(["field": .string($0.field), "before": .string($0.before), "after": .string($0.after)]) }
                return .object(["subject": .string(s.subject), "changes": .array(changes)])
            }
            let knownOn: JSONValue = until.map { .string($0.iso) } ?? .null
            context.printJSON(.object(["knownSince": .string(since.iso), "knownOn": knownOn, "on": .string(on.iso),
                                       "events": .array(events), "subjects": .array(changed)]))
        } else {
            let l = context.language
            let shown = DisplayText.escaped
            var lines = [l.message(Text.recorded(recorded.count, since: sinceText, until: untilText ?? Text.now))]
            for r in recorded { lines.append("  \(r.sequence)  \(r.recordedAt.iso)  \(r.id)  \(shown(l.message(EventSummary.describe(r.event))))") }
            lines.append("")
            lines.append(l.message(Text.answersOn(on.iso)) + (subjects.isEmpty ? ": " + l.text(Text.nothingChanged) : ""))
            for s in subjects {
                lines.append("  \(s.subject)")
                for c in s.changes { lines.append("    \(l.value(c.field)): \(shown(l.value(c.before))) -> \(shown(l.value(c.after)))") }
            }
            context.writeText(lines.joined(separator: "\n") + "\n")
        }
        return .ok
    }

    /// Every reserve, contract and budget year known at either moment, with its answer's JSON
    /// before and after (nil where the register did not hold it).
    static func answers(before: [ResolvedRecord], after: [ResolvedRecord], on: CalendarDate) throws -> [(String, JSONValue?, JSONValue?)] {
        let moment = QueryMoment(on: on, knownOn: nil)
        func reserve(_ r: ReserveNumber, _ records: [ResolvedRecord]) throws -> JSONValue? {
            try ReserveProjection.project(r, on: on, records: records).map {
                ReserveAnswer($0, reserve: r, moment: moment, decisions: DecisionIndex(records: records)).json
            }
        }
        func contract(_ c: ContractID, _ records: [ResolvedRecord]) -> JSONValue? {
            ContractProjection.project(c, on: on, records: records).map {
                ContractAnswer($0, contract: c, moment: moment, decisions: DecisionIndex(records: records)).json
            }
        }
        func budget(_ y: Int, _ records: [ResolvedRecord]) throws -> JSONValue? {
            try BudgetProjection.project(year: y, on: on, records: records).map { BudgetAnswer($0, moment: moment).json }
        }
        var result: [(String, JSONValue?, JSONValue?)] = []
        let reserves = Set(ReserveProjection.reserves(in: before).keys).union(ReserveProjection.reserves(in: after).keys)
        for r in reserves.sorted(by: { $0.rawValue < $1.rawValue }) {
            result.append((Subject.reserve(r).description, try reserve(r, before), try reserve(r, after)))
        }
        let contracts = Set(ContractProjection.contracts(in: before).keys).union(ContractProjection.contracts(in: after).keys)
        for c in contracts.sorted(by: { $0.rawValue < $1.rawValue }) {
            result.append((Subject.contract(c).description, contract(c, before), contract(c, after)))
        }
        for y in Set(BudgetProjection.years(in: before)).union(BudgetProjection.years(in: after)).sorted() {
            result.append((Subject.budget(year: y).description, try budget(y, before), try budget(y, after)))
        }
        return result
    }

    /// The fields (paths such as `balance.lowCents`, `allocations[3].amountCents`) whose values
    /// differ, in path order; an answer that does not exist is one field, the whole answer.
    static func differences(_ before: JSONValue?, _ after: JSONValue?) -> [FieldChange] {
        guard let before, let after else {
            if before == nil && after == nil { return [] }
            return [FieldChange(field: "answer", before: before == nil ? Text.notInRegister : "exists",
                                after: after == nil ? Text.notInRegister : "exists")]
        }
        let old = flattened(before), new = flattened(after)
        return Set(old.keys).union(new.keys).sorted().compactMap { path in
            guard old[path] != new[path] else { return nil }
            return FieldChange(field: path, before: old[path] ?? Text.absent, after: new[path] ?? Text.absent)
        }
    }

    /// Every leaf of an answer as path -> compact JSON, without `on` and `knownOn` (which say
    /// what was asked, not what the register holds).
    static func flattened(_ value: JSONValue, _ path: String = "") -> [String: String] {
        switch value {
        case .object(let o):
            var out: [String: String] = [:]
            for (key, v) in o where !(path.isEmpty && (key == "on" || key == "knownOn")) {
                out.merge(flattened(v, path.isEmpty ? key : path + "." + key)) { $1 }
            }
            if o.isEmpty { out[path] = "{}" }
            return out
        case .array(let a):
            var out: [String: String] = [:]
            for (i, v) in a.enumerated() { out.merge(flattened(v, "\(path)[\(i)]")) { $1 } }
            if a.isEmpty { out[path] = "[]" }
            return out
        case .string(let s):
            return [path: s]
        default:
            return [path: JSONWriter.compactString(value)]
        }
    }
}
