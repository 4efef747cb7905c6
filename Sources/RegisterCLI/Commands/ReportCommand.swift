import EventStore
import Foundation
import Projections
import Replication

/// `register report [SUBJECT] --html FILE`: one self-contained page for auditors.
struct ReportCommand: Command {
    static let name = "report"
    static let spec = CommandSpec(
        name: name, abstract: "Write one self-contained HTML page: a reserve's money and end date over time, its timeline and findings.",
        arguments: "[SUBJECT] --html FILE [--on DATE] [--known-on DATE|DATETIME]",
        options: [OptionSpec(name: "--html", valueName: "FILE", help: "Where to write the page (no scripts or files fetched from anywhere)."),
                  .on, .knownOn],
        discussion: """
            SUBJECT is a reserve (default: the only reserve, if there is one). The page names the history it was made
            from (event count, head hash, Merkle root, the latest checkpoint tag; no folder), then the summary and a
            chart of the open commitments against the balance (an overview from 0 and a zoom; an estimate hatched),
            the assumptions, the findings linked to the numbered timeline rows, the timeline, and the money over time.
            Printed, the summary is the first page. Labels follow --lang. The page opens in any browser.
            """,
        examples: ["register report 404 --html reserve-404.html", "register report --html report.html --known-on 2023-01-01"])

    let subjectText: String?
    let output: String
    let query: QueryOptions
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.count <= 1 else { throw .usage("report takes at most one SUBJECT", command: Self.name) }
        subjectText = arguments.positionals.first
        guard let output = try arguments.value("--html", command: Self.name) else {
            throw .usage("report needs --html FILE, e.g. 'register report 404 --html reserve-404.html'", command: Self.name)
        }
        query = try QueryOptions(arguments, command: Self.name)
        store = try context.store(arguments, command: Self.name)
        self.output = try OutputPath.check(output, option: "--html", store: store, command: Self.name)
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
                throw CLIError.usage("name the reserve to report on: " + reserves.map(\.rawValue).joined(separator: ", "), command: Self.name)
            }
            reserve = reserves[0]
        }
        let l = context.language
        let subject = Subject.reserve(reserve)
        let timeline = try Timeline(subject: subject, records: records)
        let sequenceOf = Dictionary(records.map { ($0.id, $0.sequence) }, uniquingKeysWith: { a, _ in a })
        let onTimeline = Set(timeline.entries.map(\.id))
        func reference(_ id: String) -> ReportEventReference {
            ReportEventReference(number: sequenceOf[id], id: id, onTimeline: onTimeline.contains(id))
        }
        // The state after each day on which something changed, up to the report date.
        let days = Array(Set(timeline.entries.map(\.effectiveDate).filter { $0 <= query.on })).sorted()
        let booked = l.text("Balance (booked)"), actual = l.text("Balance (actual)")
        let estimateLow = l.text("Balance estimate, low"), estimateHigh = l.text("Balance estimate, high")
        let allocated = l.text("Allocated"), committed = l.text("Committed")
        var points: [String: [(date: String, cents: Int64?)]] = [:]
        var endDates: [ReportEndDate] = []
        var lastEnd: CalendarDate? = nil
        var name = reserve.rawValue
        var shown: Set<String> = []
        try ReserveProjection.forEachState(reserve, endingDays: days, records: records) { day, s in
            name = s.name
            var now: [String: Int64] = [allocated: s.allocated.value, committed: s.committed.value]
            switch s.balance {
            case .booked(let c): now[booked] = c.value
            case .actual(let c, _): now[actual] = c.value
            case let .estimate(low, high, _): now[estimateLow] = low.value; now[estimateHigh] = high.value
            }
            // A balance kind that no longer applies ends its line; the new kind starts one.
            for ended in shown.subtracting(now.keys) { points[ended, default: []].append((day.iso, nil)) }
            for (series, cents) in now { points[series, default: []].append((day.iso, cents)) }
            shown = Set(now.keys)
            if s.endDate != lastEnd {
                endDates.append(ReportEndDate(effective: day.iso, endDate: s.endDate.iso))
                lastEnd = s.endDate
            }
        }
        let order = [booked, actual, estimateLow, estimateHigh, allocated, committed]
        let series = order.compactMap { key in
            points[key].map { ReportSeries(name: key, points: $0, estimate: key == estimateLow || key == estimateHigh) }
        }
        let touching = Set(records.filter { $0.event.subjects.contains(subject) }.map(\.id))
        let findings = try Audit.run(records: records, on: query.on).filter { $0.subject == subject || $0.events.contains(where: touching.contains) }

        var summary: ReportSummary? = nil
        var assumptions: [ReportAssumption] = [ReportAssumption(text: l.text("The answer is about {1} (--on).", query.on), events: [])]
        let provenance = try Self.provenance(of: store, knownOn: query.knownOn)
        if let known = query.knownOnLine {
            assumptions.append(ReportAssumption(text: l.text("The register is read as it stood then: {1}; {2} events were recorded by then.", l.message(known), provenance.eventCount), events: []))
        } else {
            assumptions.append(ReportAssumption(text: l.text("The register is read as it stood when the report was made: all {1} events recorded by then.", provenance.eventCount), events: []))
        }
        if case .state(let s)? = try ReserveProjection.project(reserve, on: query.on, records: records) {
            let balance: ReportBalance
            switch s.balance {
            case .booked(let c): balance = ReportBalance(kind: .booked, low: c.value, high: c.value)
            case .actual(let c, _): balance = ReportBalance(kind: .actual, low: c.value, high: c.value)
            case let .estimate(low, high, _): balance = ReportBalance(kind: .estimate, low: low.value, high: high.value)
            }
            summary = ReportSummary(status: s.status(on: query.on).rawValue, endDate: s.endDate.iso, authorised: s.authorised.value,
                                    allocated: s.allocated.value, committed: s.committed.value, balance: balance,
                                    balanceText: ReserveTextRenderer.describe(s.balance, on: query.on, language: l))
            let balanceEvents = timeline.entries.filter { ["balance-estimate", "balance-actual"].contains($0.type.rawValue) }.suffix(1).map { reference($0.id) }
            switch s.balance {
            case .booked:
                assumptions.append(ReportAssumption(text: l.text("No estimate or actual of the balance is recorded: the balance is the booked one, additions minus withdrawals; spending not booked in the register is not in it."), events: []))
            case let .estimate(low, high, asOf):
                assumptions.append(ReportAssumption(text: l.text("The balance is an estimate for {1}, {2} to {3}, not an actual amount: every figure and the chart use the whole range, never one amount in it.", asOf, low.dutch, high.dutch), events: balanceEvents))
            case let .actual(_, asOf):
                assumptions.append(ReportAssumption(text: l.text("The balance is the actual for {1}, with the mutations booked since.", asOf), events: balanceEvents))
            }
            for line in s.commitments where line.isOpen && line.basis != .exact {
                let text = line.basis == .approximate
                    ? l.text("The open commitment {1} is an approximate amount, about {2}; it is counted at that amount.", line.project, line.amount.dutch)
                    : l.text("The open commitment {1} is a maximum, at most {2}; it is counted at that amount.", line.project, line.amount.dutch)
                assumptions.append(ReportAssumption(text: text, events: [reference(line.event)]))
            }
        }
        // The sources' assumptions as the events state them, each once, with the events stating it.
        var stated: [(text: String, events: [ReportEventReference])] = []
        for entry in timeline.entries {
            for text in entry.assumptions {
                if let i = stated.firstIndex(where: { $0.text == text }) { stated[i].events.append(reference(entry.id)) }
                else { stated.append((text, [reference(entry.id)])) }
            }
        }
        assumptions += stated.map { ReportAssumption(text: $0.text, events: $0.events) }

        let page = ReportPage(
            title: l.text("Reserve {1}: {2}", reserve, name),
            subtitle: l.text("Date asked about: {1}", query.on) + (query.knownOnLine.map { ", " + l.message($0) } ?? ""),
            generatedAt: RecordedInstant.now().iso,
            series: series, endDates: endDates,
            timeline: timeline.entries.map { e in
                let mark: String?
                switch e.standing {
                case .counts: mark = nil
                case .corrected(let by): mark = l.text("CORRECTED by {1}", by.joined(separator: ", "))
                case .retracted(let by): mark = l.text("RETRACTED by {1}", by)
                }
                return ReportTimelineRow(number: e.sequence, id: e.id, effective: e.effectiveDate.iso, recorded: e.recordedAt.iso, type: e.type.rawValue,
                                         summary: l.message(e.summary),
                                         changes: e.changes.map { "\(l.value($0.field)): \(l.value($0.before)) → \(l.value($0.after))" }, decision: e.decision?.rawValue,
                                         source: e.source.document + (e.source.zaaknummer.map { " (\($0))" } ?? ""), mark: mark)
            },
            findings: findings.map { f in
                ReportFinding(id: f.id, severity: f.severity.rawValue, message: l.message(f.message), events: f.events.map(reference),
                              sources: Set(f.sources.map { $0.document + ($0.zaaknummer.map { " (\($0))" } ?? "") }).sorted())
            },
            provenance: provenance, summary: summary, assumptions: assumptions, language: l)
        var sink = try OutputSink(path: output, context: context)
        sink.write(HTMLReport.render(page))
        try sink.close()
        context.print(l.text("wrote {1}: reserve {2}, {3} timeline entries, {4} finding(s)", output, reserve, timeline.entries.count, findings.count))
        return .ok
    }

    /// The history the report is made from, as it stood at `knownOn`: its event count, head hash
    /// and Merkle root, and the newest checkpoint tag of the repository the events are in.
    static func provenance(of store: EventStore, knownOn: RecordedInstant?) throws -> ReportProvenance {
        var hashes: [SHA256Digest] = []
        try store.replay { stored in
            if knownOn.map({ stored.envelope.recordedAt <= $0 }) ?? true { hashes.append(stored.hash) }
        }
        let leaves = hashes.map { MerkleTree.leafHash($0.bytes) }
        var published: ReportCheckpoint? = nil
        if let repository = GitRepository.containing(store.directory), let name = CheckpointTag.latest(in: repository),
           let tag = try? CheckpointTag.read(name, in: repository), let checkpoint = try? tag.checkpoint() {
            let count = checkpoint.eventCount
            let extended = count <= hashes.count && MerkleTree.root(leafHashes: leaves.prefix(count)) == checkpoint.root
                && (count == 0 ? SHA256Digest.zero : hashes[count - 1]) == checkpoint.head
            published = ReportCheckpoint(name: name, eventCount: count, root: checkpoint.root.hex, time: checkpoint.time.iso, extended: extended)
        }
        return ReportProvenance(eventCount: hashes.count, headHash: (hashes.last ?? .zero).hex,
                                merkleRoot: MerkleTree.root(leafHashes: leaves).hex, publishedCheckpoint: published)
    }
}
