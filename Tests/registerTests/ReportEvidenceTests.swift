import Foundation
import TestSupport
import Testing
@testable import RegisterCLI

/// The HTML report as audit evidence: the history it was made from and no local paths, findings
/// linked to numbered timeline rows, assumptions, a chart that shows the risk with labels that
/// do not collide, in English and in Dutch.
@Suite struct ReportEvidenceTests {
    static let estimate = ReportSummary(status: "open", endDate: "2026-12-31", authorised: 500_000_000, allocated: 500_000_000, committed: 44_000_000,
                                        balance: ReportBalance(kind: .estimate, low: 40_000_000, high: 45_000_000), balanceText: "estimate")

    // MARK: Label layout

    @Test func placedLabelsNeverOverlapAndStayInBounds() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Double) -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 33) / Double(1 << 31) * bound
        }
        for _ in 0..<300 {
            let labels = (0..<Int(next(12)) + 1).map { _ in ReportLabelLayout.Label(x: next(1000) - 50, width: next(200) + 10) }
            let placed = ReportLabelLayout.place(labels, from: 0, to: 960)
            #expect(placed.count == labels.count)
            #expect(!ReportLabelLayout.overlaps(placed), "\(labels) -> \(placed)")
            for p in placed { #expect(p.x >= 0 && p.right <= 960 || p.width > 960) }
        }
    }

    @Test func overlapsIsNotAlwaysFalse() {
        let same = [ReportLabelLayout.Placed(x: 10, width: 50, row: 0), ReportLabelLayout.Placed(x: 40, width: 50, row: 0)]
        #expect(ReportLabelLayout.overlaps(same))
        #expect(!ReportLabelLayout.overlaps([same[0], ReportLabelLayout.Placed(x: 40, width: 50, row: 1)]))
    }

    // MARK: The risk chart

    @Test func theZoomTellsEUR440000FromTheRangeAndTheOverviewShowsEUR5000000() {
        let chart = ReportRiskChart(summary: Self.estimate, language: .en)
        #expect(chart.zx(45_000_000) - chart.zx(44_000_000) >= 40, "€ 10.000 apart is visible in the zoom")
        #expect(chart.zx(44_000_000) - chart.zx(40_000_000) >= 100)
        #expect(chart.ox(45_000_000) - chart.ox(44_000_000) < 3, "on the overview's scale they are not")
        #expect(chart.overviewHigh >= 500_000_000)
        #expect(!ReportLabelLayout.overlaps(chart.markLabels))
        let svg = chart.svg()
        #expect(svg.contains("€ 5.000.000"))
        #expect(svg.contains("estimate low € 400.000") && svg.contains("estimate high € 450.000") && svg.contains("committed € 440.000"))
        #expect(svg.contains("fill=\"url(#hatch)\""), "the estimate is hatched")
        #expect(svg.contains("<desc id=\"risk-desc\">") && svg.contains("Left after the open commitments: -€ 40.000 to € 10.000."))
        #expect(chart.legend().contains("hatched, dashed outline: an estimate"))
    }

    /// The row names end 10 px left of the plot; each must fit between the chart's edge and there.
    @Test(arguments: [Language.en, .nl])
    func rowNamesFitLeftOfThePlot(language: Language) {
        let chart = ReportRiskChart(summary: Self.estimate, language: language)
        for bar in chart.bars { #expect(ReportLabelLayout.width(of: bar.label, fontSize: ReportRiskChart.fontSize) <= chart.plotLeft - 10, "\(bar.label)") }
        #expect(chart.plotLeft < ReportRiskChart.width / 2)
    }

    @Test func anActualIsSolidNotHatched() {
        var summary = Self.estimate
        summary.balance = ReportBalance(kind: .actual, low: 43_250_000, high: 43_250_000)
        let svg = ReportRiskChart(summary: summary, language: .en).svg()
        #expect(!svg.contains("fill=\"url(#hatch)\""))
        #expect(svg.contains("Balance (actual)"))
        #expect(HTMLReport.risk(summary, language: .en).contains("exceed the balance"))
    }

    @Test(arguments: [(Int64(0), Int64(0), Int64(0)), (Int64(-5_000), Int64(3), Int64(9_000_000_000_000_000)), (Int64(100), Int64(100), Int64(100))])
    func degenerateFiguresStillDraw(low: Int64, high: Int64, committed: Int64) {
        let summary = ReportSummary(status: "open", endDate: "2026-12-31", authorised: high, allocated: 0, committed: committed,
                                    balance: ReportBalance(kind: .estimate, low: low, high: high), balanceText: "")
        let chart = ReportRiskChart(summary: summary, language: .nl)
        let svg = chart.svg().lowercased()
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        #expect(!ReportLabelLayout.overlaps(chart.markLabels))
    }

    @Test func endDateMarkersCloseTogetherDoNotCollide() {
        let page = ReportPage(title: "t", subtitle: "s", generatedAt: "g", series: [],
                              endDates: [ReportEndDate(effective: "2022-12-20", endDate: "2022-12-31"), ReportEndDate(effective: "2022-12-31", endDate: "2023-01-05"),
                                         ReportEndDate(effective: "2023-01-02", endDate: "2026-12-31")],
                              timeline: [], findings: [])
        let chart = ReportTimeChart(page: page)
        #expect(chart.markerLabels.count == 6)
        #expect(!ReportLabelLayout.overlaps(chart.markerLabels))
        #expect(Set(chart.markerLabels.map(\.row)).count > 1, "labels that would collide go to other rows")
    }

    // MARK: The report of the shipped history

    func report(_ arguments: [String] = [], environment: [String: String] = [:]) throws -> (html: String, events: String, temp: TemporaryFolder) {
        let temp = try TemporaryFolder("report-evidence")
        let events = try temp.copyOfShippedEvents()
        let out = temp.path("report.html")
        let r = CLI.run(["report", "404", "--html", out, "--on", "2026-11-23", "--events", events] + arguments, environment: environment)
        #expect(r.status == 0, "\(r.stderr)")
        return (try String(contentsOfFile: out, encoding: .utf8), events, temp)
    }

    @Test func theReportNamesItsHistoryAndNoLocalPath() throws {
        let (html, events, temp) = try report()
        let verify = CLI.run(["verify", "--json", "--events", events])
        let head = try #require(verify.json?["head"]?.string)
        #expect(html.contains(head), "the head hash is on the page")
        #expect(html.contains("<dt>events</dt><dd>29</dd>"))
        let checkpoint = CLI.run(["checkpoint", "--json", "--events", events])
        #expect(html.contains(try #require(checkpoint.json?["root"]?.string)), "the Merkle root of register checkpoint")
        #expect(html.contains("none published beside this history"))
        #expect(!html.contains(temp.root), "no temporary folder")
        #expect(!html.contains(events))
        if let home = ProcessInfo.processInfo.environment["HOME"], home.count > 1 { #expect(!html.contains(home)) }
        #expect(!html.contains("/events"))
    }

    /// A `checkpoint-N` tag in the events' repository is named, with whether the history extends it.
    @Test func theLatestCheckpointTagIsNamed() throws {
        let temp = try TemporaryFolder("report-checkpoint")
        let events = try temp.copyOfShippedEvents("repo/events")
        let repo = temp.path("repo")
        let text = CLI.run(["checkpoint", "--events", events]).stdout
        for git in [["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "events"],
                    ["-c", "user.name=t", "-c", "user.email=t@t", "tag", "-a", "checkpoint-29", "-m", text]] {
            let r = try CLIRunner.run(["-C", repo] + git, executable: "/usr/bin/git")
            #expect(r.status == 0, "git \(git): \(r.stderr)")
        }
        let out = temp.path("report.html")
        #expect(CLI.run(["report", "404", "--html", out, "--on", "2026-11-23", "--events", events]).status == 0)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("checkpoint-29: 29 events, root "))
        #expect(html.contains("this history extends it unchanged"))
        #expect(!html.contains(repo))
        // Read as it stood before the last five events: the checkpoint covers more than this history.
        #expect(CLI.run(["report", "404", "--html", out, "--on", "2026-11-23", "--known-on", "2026-11-23T14:40:00Z", "--events", events]).status == 0)
        let earlier = try String(contentsOfFile: out, encoding: .utf8)
        #expect(earlier.contains("this history does NOT extend it"))
    }

    @Test func findingsLinkToNumberedTimelineRows() throws {
        let html = try report().html
        #expect(html.contains("<tr id=\"event-13\"><td class=\"event\">#13<br><code>res-404-end-date-2026</code></td>"))
        let links = html.components(separatedBy: "href=\"#event-").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
        #expect(links.count >= 9)
        for n in Set(links) { #expect(html.contains("<tr id=\"event-\(n)\""), "#event-\(n) leads to a row") }
        let findings = try #require(html.components(separatedBy: "<section id=\"findings\">").last?.components(separatedBy: "</section>").first)
        #expect(findings.contains("<a href=\"#event-11\">#11</a> <code>res-404-estimate-2022</code>"))
        #expect(findings.contains("<li>#3 <code>dec-2403230-taken</code>"), "an event off this timeline is named, not linked")
    }

    @Test func theSummaryComesFirstWithTheRiskAndTheAssumptionsAreShown() throws {
        let html = try report().html
        let order = ["<section id=\"summary\">", "<section id=\"risk\">", "<section id=\"assumptions\">", "<section id=\"findings\">", "<section id=\"timeline\">", "<section id=\"chart\">"]
        let positions = order.compactMap { html.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
        #expect(html.contains("covered only if the actual balance is at least € 440.000: the estimate is € 400.000 to € 450.000"))
        #expect(html.contains("The answer is about 2026-11-23 (--on)."))
        #expect(html.contains("all 29 events recorded by then"))
        #expect(html.contains("The balance is an estimate for 2022-12-31, € 400.000,00 to € 450.000,00, not an actual amount"))
        #expect(html.contains("The open commitment BSO+ is a maximum, at most € 240.000,00"))
        #expect(html.contains("The date of the council meeting is blank in the source"))
        #expect(html.contains("#risk { break-after: page; }"))
        #expect(html.contains("stroke-dasharray=\"6 4\""), "the estimate's lines over time are dashed")
        #expect(!html.lowercased().contains("<script") && !html.contains("http://") && !html.contains("https://"))
        #expect(html.replacingOccurrences(of: "url(#hatch)", with: "").range(of: "url(") == nil, "no url() but the page's own pattern")
    }

    @Test func theKnownOnMomentIsAnAssumptionAndLimitsTheHistory() throws {
        let (html, _, _) = try report(["--known-on", "2026-11-23T14:39:59.000Z"])
        #expect(html.contains("The register is read as it stood then"))
        #expect(!html.contains("<dt>events</dt><dd>29</dd>"))
    }

    @Test func theReportIsInDutchWithLangNl() throws {
        for (arguments, environment) in [(["--lang", "nl"], [String: String]()), ([], ["LANG": "nl_NL.UTF-8"])] {
            let html = try report(arguments, environment: environment).html
            #expect(html.contains("<html lang=\"nl\">"))
            for dutch in ["<h2>Samenvatting</h2>", "saldo: € 0,00 (geboekt) → € 5.000.000,00 (geboekt)", "<h2>Aannames</h2>", "<h2>Bevindingen</h2>", "<h2>Tijdlijn</h2>", "Overzicht: € 0 tot € 5.000.000",
                          "Het antwoord gaat over 2026-11-23 (--on).", "tegen hun vastgelegde bedragen"] {
                #expect(html.contains(dutch), "\(dutch) in \(arguments) \(environment)")
            }
            for english in ["<h2>Summary</h2>", "<h2>Assumptions</h2>", "Overview:", "Generated at", "The answer is about"] {
                #expect(!html.contains(english), "\(english) stays English")
            }
        }
        let english = try report().html
        #expect(english.contains("<html lang=\"en\">") && english.contains("<h2>Summary</h2>") && english.contains("Overview: € 0 to € 5.000.000"))
    }
}
