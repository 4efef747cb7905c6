import EventStore
import Foundation
import Projections

/// `register report [SUBJECT] --html FILE`: one self-contained page for auditors.
struct ReportCommand: Command {
    static let spec = CommandSpec(
        name: "report", abstract: "Write one self-contained HTML page: a reserve's money and end date over time, its timeline and findings.",
        arguments: "[SUBJECT] --html FILE [--on DATE] [--known-on DATE|DATETIME]",
        options: [OptionSpec(name: "--html", valueName: "FILE", help: "Where to write the page (no scripts or files fetched from anywhere)."),
                  .on, .knownOn],
        discussion: """
            SUBJECT is a reserve (default: the only reserve, if there is one). The chart plots the booked balance,
            the estimated or actual balance range, allocations and commitments as steps over time, with the end date
            and each change of it marked. The page opens in any browser and prints well.
            """,
        examples: ["register report 404 --html reserve-404.html", "register report --html report.html --known-on 2023-01-01"])

    let subjectText: String?
    let output: String
    let query: QueryOptions
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.count <= 1 else { throw .usage("report takes at most one SUBJECT", command: Self.spec.name) }
        subjectText = arguments.positionals.first
        guard let output = try arguments.value("--html", command: Self.spec.name) else {
            throw .usage("report needs --html FILE, e.g. 'register report 404 --html reserve-404.html'", command: Self.spec.name)
        }
        query = try QueryOptions(arguments, command: Self.spec.name)
        store = try context.store(arguments, command: Self.spec.name)
        self.output = try OutputPath.check(output, option: "--html", store: store, command: Self.spec.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let records = try query.records(context, store)
        let reserves = ReserveProjection.reserves(in: records).keys.sorted()
        let reserve: ReserveNumber
        if let subjectText {
            guard case .reserve(let r) = try SubjectCatalog(records: records).resolve(subjectText) else {
                throw CLIError.refused("report draws a reserve; '\(subjectText)' is not one (reserves: \(reserves.map(\.rawValue).joined(separator: ", ")))")
            }
            reserve = r
        } else {
            guard !reserves.isEmpty else { throw CLIError.refused("the register holds no reserve to report on") }
            guard reserves.count == 1 else {
                throw CLIError.usage("name the reserve to report on: " + reserves.map(\.rawValue).joined(separator: ", "), command: Self.spec.name)
            }
            reserve = reserves[0]
        }
        let subject = Subject.reserve(reserve)
        let timeline = try Timeline(subject: subject, records: records)
        // The state after each day on which something changed, up to the report date.
        let days = Array(Set(timeline.entries.map(\.effectiveDate).filter { $0 <= query.on })).sorted()
        var points: [String: [(date: String, cents: Int64)]] = [:]
        var endDates: [ReportEndDate] = []
        var lastEnd: CalendarDate? = nil
        var name = reserve.rawValue
        for day in days {
            guard case .state(let s)? = try ReserveProjection.project(reserve, on: day, records: records) else { continue }
            name = s.name
            func add(_ series: String, _ c: Cents) { points[series, default: []].append((day.iso, c.value)) }
            if case .booked(let c) = s.balance { add("Balance (booked)", c) } else {
                add("Balance, low", s.balance.low)
                add("Balance, high", s.balance.high)
            }
            add("Allocated", s.allocated)
            add("Committed", s.committed)
            if s.endDate != lastEnd {
                endDates.append(ReportEndDate(effective: day.iso, endDate: s.endDate.iso))
                lastEnd = s.endDate
            }
        }
        let order = ["Balance (booked)", "Balance, low", "Balance, high", "Allocated", "Committed"]
        let series = order.compactMap { key in points[key].map { ReportSeries(name: key, points: $0) } }
        let touching = Set(records.filter { $0.event.subjects.contains(subject) }.map(\.id))
        let findings = try Audit.run(records: records, on: query.on).filter { $0.subject == subject || $0.events.contains(where: touching.contains) }
        let page = ReportPage(
            title: "Reserve \(reserve): \(name)",
            subtitle: "On \(query.on)" + (query.knownOnLine.map { ", \($0)" } ?? "") + "; \(store.directory)",
            generatedAt: RecordedInstant.now().iso,
            series: series, endDates: endDates,
            timeline: timeline.entries.map { e in
                let mark: String?
                switch e.standing {
                case .counts: mark = nil
                case .corrected(let by): mark = "CORRECTED by " + by.joined(separator: ", ")
                case .retracted(let by): mark = "RETRACTED by " + by
                }
                return ReportTimelineRow(effective: e.effectiveDate.iso, recorded: e.recordedAt.iso, type: e.type.rawValue, summary: e.summary,
                                         changes: e.changes.map { "\($0.field): \($0.before) → \($0.after)" }, decision: e.decision?.rawValue,
                                         source: e.source.document + (e.source.zaaknummer.map { " (\($0))" } ?? ""), mark: mark)
            },
            findings: findings.map { f in
                ReportFinding(id: f.id, severity: f.severity.rawValue, message: f.message, events: f.events,
                              sources: Set(f.sources.map { $0.document + ($0.zaaknummer.map { " (\($0))" } ?? "") }).sorted())
            })
        var sink = try OutputSink(path: output, context: context)
        sink.write(HTMLReport.render(page))
        try sink.close()
        context.print("wrote \(output): reserve \(reserve), \(timeline.entries.count) timeline entries, \(findings.count) finding(s)")
        return .ok
    }
}
