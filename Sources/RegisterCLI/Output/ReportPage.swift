/// What one report page shows. Plain values, so any command can fill it from any projection;
/// texts taken from the events (summaries, messages) come already in the page's language.
struct ReportPage {
    var title: String
    var subtitle: String
    var generatedAt: String
    /// Money over time, drawn as step lines; values in cents.
    var series: [ReportSeries]
    /// Each time the end date changed: the day the change took effect and the new end date.
    var endDates: [ReportEndDate]
    var timeline: [ReportTimelineRow]
    var findings: [ReportFinding]
    /// The history the page was made from (event count, head, checkpoint); nil on a page made without one.
    var provenance: ReportProvenance? = nil
    /// The reserve's figures on the date asked about; nil when it did not exist then.
    var summary: ReportSummary? = nil
    /// What the answer assumes: the moments asked about, estimates used, the sources' own assumptions.
    var assumptions: [ReportAssumption] = []
    /// The language of the page's own labels.
    var language: Language = .en
}

/// The history a report was made from: how many events, the last one's hash, the Merkle root
/// over them (the checkpoint `register checkpoint` would print for this history), and the
/// newest published checkpoint found beside it. No folder or path: the page names the history
/// by its hashes only.
struct ReportProvenance: Equatable {
    var eventCount: Int
    var headHash: String
    var merkleRoot: String
    var publishedCheckpoint: ReportCheckpoint?
}

/// A published checkpoint (a `checkpoint-N` tag) and whether the report's history extends it.
struct ReportCheckpoint: Equatable {
    var name: String
    var eventCount: Int
    var root: String
    var time: String
    /// The report's history starts with the checkpoint's events, unchanged.
    var extended: Bool
}

/// The reserve's figures on the date asked about.
struct ReportSummary: Equatable {
    var status: String
    var endDate: String
    var authorised: Int64
    var allocated: Int64
    /// Open commitments.
    var committed: Int64
    var balance: ReportBalance
    /// The balance sentence as `register reserve` writes it (kind, date, age).
    var balanceText: String
}

/// A balance as the chart draws it: `low == high` unless it is an estimate.
struct ReportBalance: Equatable {
    enum Kind: String, Equatable { case booked, actual, estimate }
    var kind: Kind
    var low: Int64
    var high: Int64
}

/// One assumption of the answer, with the timeline events that state it (none for the report's own).
struct ReportAssumption: Equatable {
    var text: String
    var events: [ReportEventReference]
}

/// An event named on the page: its sequence number and id, and whether the timeline has its row.
struct ReportEventReference: Equatable {
    var number: Int?
    var id: String
    var onTimeline: Bool
}

/// One amount over time; each point holds until the next one, a nil amount ends the line
/// (until a next point). Dates are `YYYY-MM-DD`. An estimate is drawn dashed.
struct ReportSeries {
    var name: String
    var points: [(date: String, cents: Int64?)]
    var estimate: Bool = false
}

/// An end-date change: from `effective` on, the end date is `endDate` (both `YYYY-MM-DD`).
struct ReportEndDate {
    var effective: String
    var endDate: String
}

/// One event on the timeline. `mark` flags an event that no longer counts as written,
/// e.g. `CORRECTED by res-404-fix`.
struct ReportTimelineRow {
    var number: Int = 0
    var id: String = ""
    var effective: String
    var recorded: String
    var type: String
    var summary: String
    var changes: [String]
    var decision: String?
    var source: String
    var mark: String?
}

/// One audit finding with the events and sources it rests on.
struct ReportFinding {
    var id: String
    var severity: String
    var message: String
    var events: [ReportEventReference]
    var sources: [String]
}
