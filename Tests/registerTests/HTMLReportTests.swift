import TestSupport
import Testing
@testable import RegisterCLI

/// The auditors' page: self-contained, escaped, every timeline row and finding on it.
@Suite struct HTMLReportTests {
    static let page = ReportPage(
        title: "Reserve 404 <audit>",
        subtitle: "SI Sociaal Domein Innovatiebudget & versterken sociale infrastructuur",
        generatedAt: "2026-11-23T14:39:59Z",
        series: [
            ReportSeries(name: "Booked balance", points: [(date: "2020-12-31", cents: 500_000_000), (date: "2022-06-30", cents: 450_000_000), (date: "2023-12-31", cents: 43_250_000)]),
            ReportSeries(name: "Allocated", points: [(date: "2021-03-01", cents: 100_000_000), (date: "2021-12-31", cents: 500_000_000)]),
            ReportSeries(name: "Commitments", points: []),
        ],
        endDates: [
            ReportEndDate(effective: "2020-12-31", endDate: "2022-12-31"),
            ReportEndDate(effective: "2022-12-31", endDate: "2026-12-31"),
        ],
        timeline: [
            ReportTimelineRow(effective: "2020-12-31", recorded: "2026-11-23T14:39:59.047Z", type: "reserve-established",
                              summary: "reserve 404 established", changes: ["endDate: - → 2022-12-31"], decision: "2020-0001",
                              source: "000_670a6af81f8fa9c1.txt", mark: nil),
            ReportTimelineRow(effective: "2022-12-31", recorded: "2026-11-23T14:40:00.000Z", type: "reserve-end-date-changed",
                              summary: "end date <b>&\"moved\"</b> to 2026's end", changes: ["endDate: 2022-12-31 → 2026-12-31"],
                              decision: nil, source: "001_raadsvoorstel.txt", mark: "CORRECTED by res-404-fix"),
            ReportTimelineRow(effective: "2023-04-18", recorded: "2026-11-24T09:00:00.000Z", type: "balance-actual",
                              summary: "actual balance € 432.500,00", changes: [], decision: "2023-0042",
                              source: "Jaarstukken 2022", mark: nil),
        ],
        findings: [
            ReportFinding(id: "money-after-end-date/res-404-w1", severity: "error", message: "money withdrawn after the end date",
                          events: [ReportEventReference(number: 7, id: "res-404-w1", onTimeline: true)], sources: ["000_670a6af81f8fa9c1.txt"]),
            ReportFinding(id: "decision-date-unknown/2022-0177088", severity: "info", message: "the decision's date is unknown",
                          events: [ReportEventReference(number: 13, id: "res-404-end-date-2026", onTimeline: true), ReportEventReference(number: 2, id: "dec-2022-0177088", onTimeline: false)], sources: ["a.txt", "b.txt"]),
            ReportFinding(id: "odd <id> & \"q\"", severity: "warning", message: "a message with <i>markup</i>",
                          events: [], sources: []),
        ])

    static let html = HTMLReport.render(page)

    func occurrences(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func isACompleteDocument() {
        let html = Self.html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<title>Reserve 404 &lt;audit&gt;</title>"))
        #expect(html.contains("<h1>Reserve 404 &lt;audit&gt;</h1>"))
        #expect(html.contains("SI Sociaal Domein Innovatiebudget &amp; versterken sociale infrastructuur"))
        #expect(html.contains("Generated at 2026-11-23T14:39:59Z"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test func needsNothingFromOutside() {
        let lowered = Self.html.lowercased()
        #expect(!lowered.contains("<script"))
        #expect(!lowered.contains("http://"))
        #expect(!lowered.contains("https://"))
        #expect(!lowered.contains("<link"))
        #expect(!lowered.contains("<img"))
        #expect(!lowered.contains("@import"))
        #expect(!lowered.contains("url("))
        #expect(lowered.contains("<style>"))
    }

    @Test func theChartIsAnAccessibleInlineSVG() throws {
        let html = Self.html
        #expect(occurrences("<svg", in: html) == 1)
        #expect(occurrences("</svg>", in: html) == 1)
        let svgTag = try #require(html.components(separatedBy: "<svg").dropFirst().first?.components(separatedBy: ">").first)
        #expect(svgTag.contains("role=\"img\""))
        #expect(svgTag.contains("aria-label=\"Step chart of Booked balance, Allocated, Commitments in euros"))
        #expect(svgTag.contains("end date 2026-12-31"))
    }

    @Test func onePolylinePerSeriesWithPoints() {
        #expect(occurrences("<polyline", in: Self.html) == 2)
        #expect(occurrences("<path", in: Self.html) == 0)
        #expect(Self.html.contains("<title>Booked balance</title></polyline>"))
        #expect(Self.html.contains("<title>Allocated</title></polyline>"))
        #expect(Self.html.contains("Commitments <span class=\"none\">(no dated values)</span>"))
    }

    @Test func gridlinesAreLabelledInDutchMoney() {
        for label in ["€ 0", "€ 1.000.000", "€ 2.000.000", "€ 5.000.000"] {
            #expect(Self.html.contains(">\(label)</text>"), "missing gridline \(label)")
        }
        #expect(Self.html.contains("€ 432.500,00"))
    }

    @Test func endDateChangesAndTheEndDateAreMarked() {
        #expect(Self.html.contains(">→ end 2022-12-31</text>"))
        #expect(Self.html.contains(">→ end 2026-12-31</text>"))
        #expect(Self.html.contains(">end date 2026-12-31</text>"))
        #expect(Self.html.contains(">former end 2022-12-31</text>"))
        #expect(Self.html.contains("From 2022-12-31 the end date is 2026-12-31"))
    }

    @Test func everyTimelineRowIsInTheTable() throws {
        let table = try #require(Self.html.components(separatedBy: "<table class=\"timeline\">").dropFirst().first?
            .components(separatedBy: "</table>").first)
        #expect(occurrences("<tr", in: table) == Self.page.timeline.count + 1)
        for row in Self.page.timeline {
            #expect(table.contains(HTMLReport.escape(row.summary)))
            #expect(table.contains(HTMLReport.escape(row.source)))
            #expect(table.contains(">\(row.effective)</td>"))
            #expect(table.contains(">\(row.type)</code>"))
            for change in row.changes { #expect(table.contains("<li>\(HTMLReport.escape(change))</li>")) }
        }
        #expect(table.contains("<span class=\"badge mark\">CORRECTED by res-404-fix</span>"))
        #expect(table.contains(" class=\"marked\">"))
        #expect(table.contains("<span class=\"none\">none</span>"))
    }

    @Test func textIsEscaped() {
        let html = Self.html
        #expect(html.contains("end date &lt;b&gt;&amp;&quot;moved&quot;&lt;/b&gt; to 2026&#39;s end"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<i>markup</i>"))
        #expect(html.contains("a message with &lt;i&gt;markup&lt;/i&gt;"))
    }

    @Test(arguments: [
        ("<b>&\"x'", "&lt;b&gt;&amp;&quot;x&#39;"),
        ("plain € é", "plain € é"),
        ("<\u{301}script>", "&lt;\u{301}script&gt;"),
        ("a\u{0}b", "a\\u{0}b"),
        ("\u{1B}[2J\u{202E}fdp.exe", "\\u{1B}[2J\\u{202E}fdp.exe"),
    ])
    func escaping(text: String, escaped: String) {
        #expect(HTMLReport.escape(text).unicodeScalars.elementsEqual(escaped.unicodeScalars))
    }

    @Test func everyFindingHasARowWithItsIdBadgeMessageEventsAndSources() {
        let html = Self.html
        #expect(html.contains("<tr id=\"finding-money-after-end-date/res-404-w1\" class=\"sev-error\">"))
        #expect(html.contains("<tr id=\"finding-decision-date-unknown/2022-0177088\" class=\"sev-info\">"))
        #expect(html.contains("<tr id=\"finding-odd-&lt;id&gt;-&amp;-&quot;q&quot;\" class=\"sev-warning\">"))
        #expect(html.contains("<span class=\"badge sev-error\">error</span>"))
        #expect(html.contains("<span class=\"badge sev-info\">info</span>"))
        #expect(html.contains("<span class=\"badge sev-warning\">warning</span>"))
        #expect(html.contains(".badge.sev-error { background:"))
        for finding in Self.page.findings {
            #expect(html.contains("<code>\(HTMLReport.escape(finding.id))</code>"))
            #expect(html.contains(HTMLReport.escape(finding.message)))
            for item in finding.sources { #expect(html.contains("<li>\(HTMLReport.escape(item))</li>")) }
            for event in finding.events { #expect(html.contains("<code>\(HTMLReport.escape(event.id))</code>")) }
        }
        #expect(html.contains("<p class=\"count\">3 findings</p>"))
    }

    @Test(arguments: ["ERROR", "Warning", "risk", "info", "critical", ""])
    func severityClasses(severity: String) {
        let expected = ["error", "warning", "risk", "info"].contains(severity.lowercased()) ? "sev-" + severity.lowercased() : "sev-other"
        #expect(HTMLReport.severityClass(severity) == expected)
    }

    @Test func tagsAreBalanced() {
        let html = Self.html
        for tag in ["table", "thead", "tbody", "section", "svg", "ul", "header", "style", "g", "title", "polyline", "circle", "text"] {
            #expect(occurrences("<\(tag)>", in: html) + occurrences("<\(tag) ", in: html) == occurrences("</\(tag)>", in: html), "<\(tag)> is not closed")
        }
        // every <table> closes before the next opens
        var open = 0
        for piece in html.components(separatedBy: "table") {
            if piece.hasSuffix("<") { open += 1; #expect(open == 1) }
            if piece.hasSuffix("</") { open -= 1; #expect(open == 0) }
        }
        #expect(open == 0)
        #expect(occurrences("<table", in: html) == 4)
    }

    /// The polyline's x positions follow the days between the points, and it only steps.
    @Test func timeIsProportionalToDaysAndLinesStep() throws {
        let page = ReportPage(title: "t", subtitle: "s", generatedAt: "g",
                              series: [ReportSeries(name: "x", points: [(date: "2020-01-01", cents: 100), (date: "2020-01-31", cents: 300), (date: "2020-01-11", cents: 200)])],
                              endDates: [], timeline: [], findings: [])
        let html = HTMLReport.render(page)
        let attribute = try #require(html.components(separatedBy: "points=\"").dropFirst().first?.components(separatedBy: "\"").first)
        let points = attribute.split(separator: " ").map { $0.split(separator: ",").compactMap { Double($0) } }
        #expect(points.count == 6)
        for (a, b) in zip(points, points.dropFirst()) { #expect(a[0] == b[0] || a[1] == b[1], "segment \(a) to \(b) is not a step") }
        var xs: [Double] = []
        for p in points where xs.last != p[0] { xs.append(p[0]) }
        #expect(xs.count == 4)
        #expect(xs == xs.sorted())
        #expect(abs((xs[1] - xs[0]) / (xs[2] - xs[0]) - 1.0 / 3.0) < 0.01)
        let ys = points.map { $0[1] }
        #expect(ys[1] > ys[2] && ys[3] > ys[4], "a higher amount is drawn higher up")
    }

    @Test func anEmptyPageStillRenders() {
        let html = HTMLReport.render(ReportPage(title: "Empty", subtitle: "", generatedAt: "now", series: [], endDates: [], timeline: [], findings: []))
        #expect(html.contains("<svg"))
        #expect(html.contains("role=\"img\""))
        #expect(html.contains("No dated amounts or end dates to plot."))
        #expect(html.contains("No findings."))
        #expect(html.contains("No events."))
        #expect(html.contains("<p class=\"count\">0 findings</p>"))
        #expect(!html.contains("<polyline"))
        #expect(!html.lowercased().contains("nan") && !html.lowercased().contains("inf\""))
    }

    @Test(arguments: [
        [(date: "2024-02-29", cents: Int64(0))],
        [(date: "2024-02-29", cents: Int64(12_345))],
        [(date: "2024-02-29", cents: Int64(-5_000_00))],
        [(date: "2024-02-29", cents: Int64.max), (date: "2024-03-01", cents: Int64.min)],
        [(date: "not a date", cents: Int64(100)), (date: "2024-02-30", cents: Int64(100))],
    ])
    func degenerateSeriesDoNotDivideByZero(points: [(date: String, cents: Int64)]) throws {
        let html = HTMLReport.render(ReportPage(title: "t", subtitle: "s", generatedAt: "g", series: [ReportSeries(name: "one", points: points.map { ($0.date, Optional($0.cents)) })],
                                                endDates: [ReportEndDate(effective: "2024-02-29", endDate: "2024-02-29")], timeline: [], findings: []))
        let svg = try #require(html.components(separatedBy: "<svg").dropFirst().first?.components(separatedBy: "</svg>").first)
        #expect(!svg.lowercased().contains("nan"))
        #expect(!svg.lowercased().contains("inf"))
        #expect(svg.contains(">end date 2024-02-29</text>"))
        let readable = points.contains { $0.date == "2024-02-29" || $0.date == "2024-03-01" }
        #expect(occurrences("<polyline", in: svg) == (readable ? 1 : 0))
    }

    @Test(arguments: [
        (Int64(0), "€ 0"), (Int64(99), "€ 0"), (Int64(500_000_000), "€ 5.000.000"), (Int64(-123_456), "-€ 1.234"),
        (Int64.min, "-€ 92.233.720.368.547.758"),
    ])
    func wholeEuroLabels(cents: Int64, label: String) {
        #expect(HTMLReport.money(cents, withCents: false) == label)
    }

    @Test func sameInputSameBytes() {
        #expect(HTMLReport.render(Self.page) == Self.html)
    }
}
