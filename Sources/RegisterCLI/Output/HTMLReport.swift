import EventStore
/// One self-contained HTML page for auditors: the money over time as a chart, the end dates,
/// the timeline and the audit findings.
///
/// Everything is inline (CSS in a `<style>` block, the chart as an `<svg>`), with no scripts,
/// fonts, images or links to fetch, so the page can be mailed, archived next to the audit and
/// opened or printed years later exactly as it was. The renderer is pure: the same page in
/// gives the same bytes out. All text is escaped, so a summary holding `<b>` shows `<b>`.
enum HTMLReport {
    static func render(_ page: ReportPage) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(page.title))</title>
            <style>
            \(style)</style>
            </head>
            <body>
            <header>
            <h1>\(escape(page.title))</h1>
            <p class="subtitle">\(escape(page.subtitle))</p>
            <p class="generated">Generated at \(escape(page.generatedAt))</p>
            </header>

            """
        html += ReportChart(page: page).section()
        html += timelineSection(page.timeline)
        html += findingsSection(page.findings)
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: Tables

    static func timelineSection(_ rows: [ReportTimelineRow]) -> String {
        var html = "<section id=\"timeline\">\n<h2>Timeline</h2>\n<table class=\"timeline\">\n<thead><tr>"
        html += "<th>Effective</th><th>Recorded</th><th>Type</th><th>Summary</th><th>Changes</th><th>Decision</th><th>Source</th><th>Mark</th>"
        html += "</tr></thead>\n<tbody>\n"
        if rows.isEmpty { html += "<tr><td colspan=\"8\" class=\"none\">No events.</td></tr>\n" }
        for row in rows {
            html += row.mark == nil ? "<tr>" : "<tr class=\"marked\">"
            html += "<td class=\"date\">\(escape(row.effective))</td><td class=\"date\">\(escape(row.recorded))</td>"
            html += "<td><code>\(escape(row.type))</code></td><td>\(escape(row.summary))</td><td>\(list(row.changes))</td>"
            html += "<td>\(row.decision.map(escape) ?? "<span class=\"none\">none</span>")</td><td>\(escape(row.source))</td>"
            html += "<td>\(row.mark.map { "<span class=\"badge mark\">\(escape($0))</span>" } ?? "")</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    static func findingsSection(_ findings: [ReportFinding]) -> String {
        var html = "<section id=\"findings\">\n<h2>Findings</h2>\n"
        html += "<p class=\"count\">\(findings.count == 1 ? "1 finding" : "\(findings.count) findings")</p>\n"
        html += "<table class=\"findings\">\n<thead><tr><th>Severity</th><th>Id</th><th>Message</th><th>Events</th><th>Sources</th></tr></thead>\n<tbody>\n"
        if findings.isEmpty { html += "<tr><td colspan=\"5\" class=\"none\">No findings.</td></tr>\n" }
        for finding in findings {
            let severity = severityClass(finding.severity)
            html += "<tr id=\"finding-\(anchor(finding.id))\" class=\"\(severity)\">"
            html += "<td><span class=\"badge \(severity)\">\(escape(finding.severity))</span></td>"
            html += "<td><code>\(escape(finding.id))</code></td><td>\(escape(finding.message))</td>"
            html += "<td>\(list(finding.events))</td><td>\(list(finding.sources))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    /// The CSS class of a severity: the audit's four, anything else shown neutral.
    static func severityClass(_ severity: String) -> String {
        let known = ["error", "warning", "risk", "info"]
        let lowered = severity.lowercased()
        return "sev-" + (known.contains(lowered) ? lowered : "other")
    }

    static func list(_ items: [String]) -> String {
        items.isEmpty ? "" : "<ul>" + items.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
    }

    // MARK: Escaping

    /// Text made safe for HTML content and quoted attributes. Works on Unicode scalars: a `<`
    /// followed by a combining accent is a single Swift `Character`, which comparing characters
    /// would let through. NUL, which HTML forbids, other controls and bidi overrides are written
    /// out as in every human output (`DisplayText`: `\u{0}`, `\u{202E}`).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        // Controls and bidi overrides from a stored text are shown written out, as in every human output.
        for scalar in DisplayText.escapedKeepingLayout(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An escaped value for an `id` attribute; HTML ids cannot hold white space, so it becomes `-`.
    static func anchor(_ id: String) -> String {
        escape(String(String.UnicodeScalarView(id.unicodeScalars.map { $0.properties.isWhitespace ? "-" : $0 })))
    }

    // MARK: Money

    /// Dutch money notation: `€ 5.000.000` (whole euros) or `€ 5.000.000,00`; negative `-€ 12,50`.
    static func money(_ cents: Int64, withCents: Bool) -> String {
        let magnitude = cents.magnitude
        var grouped = ""
        for (i, digit) in String(magnitude / 100).reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        var text = "€ " + String(grouped.reversed())
        if withCents {
            let rest = magnitude % 100
            text += "," + (rest < 10 ? "0\(rest)" : "\(rest)")
        }
        return cents < 0 ? "-" + text : text
    }

    static let style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1a1a1a; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; line-height: 1.4; }
        h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
        h2 { font-size: 1.2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2rem; }
        .subtitle { font-size: 1.1rem; margin: 0; }
        .generated, .count, .note { color: #555; font-size: 0.9rem; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        th, td { border: 1px solid #ccc; padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
        th { background: #f2f2f2; }
        td.date, td.amount { white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.amount { text-align: right; }
        td ul { margin: 0; padding-left: 1.1rem; }
        .none { color: #777; font-style: italic; }
        tr.marked td { color: #666; }
        .badge { display: inline-block; padding: 0.05rem 0.45rem; border-radius: 0.6rem; font-size: 0.8rem; font-weight: 600; color: #fff; background: #555; white-space: nowrap; }
        .badge.sev-error { background: #b3261e; }
        .badge.sev-warning { background: #9a5b00; }
        .badge.sev-risk { background: #6b3fa0; }
        .badge.sev-info { background: #1f5fa8; }
        .badge.mark { background: #fff; color: #8a1c1c; border: 1px solid #8a1c1c; }
        svg.chart { width: 100%; height: auto; border: 1px solid #ddd; background: #fff; }
        svg.chart text { font-family: inherit; font-size: 12px; fill: #333; }
        ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1.4rem; font-size: 0.9rem; }
        .swatch { display: inline-block; width: 1.6rem; border-top: 3px solid; vertical-align: middle; margin-right: 0.4rem; }
        .swatch.change { border-top: 2px dashed #4a6a8a; }
        .swatch.end { border-top: 2px solid #b3261e; }
        .swatch.former { border-top: 2px solid #999; }
        @page { margin: 14mm; }
        @media print {
          body { margin: 0; max-width: none; font-size: 10pt; }
          h2 { break-after: avoid; }
          #chart { break-inside: avoid; }
          tr { break-inside: avoid; }
          .badge, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """
}

// MARK: - The page's content

/// What one report page shows. Plain values, so any command can fill it from any projection.
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
}

/// One amount over time; each point holds until the next one. Dates are `YYYY-MM-DD`.
struct ReportSeries {
    var name: String
    var points: [(date: String, cents: Int64)]
}

/// An end-date change: from `effective` on, the end date is `endDate` (both `YYYY-MM-DD`).
struct ReportEndDate {
    var effective: String
    var endDate: String
}

/// One event on the timeline. `mark` flags an event that no longer counts as written,
/// e.g. `CORRECTED by res-404-fix`.
struct ReportTimelineRow {
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
    var events: [String]
    var sources: [String]
}

// MARK: - The chart

/// The chart section: an inline SVG step chart of every series against a time axis
/// proportional to days, with the end-date changes and end dates as vertical markers, followed
/// by the legend and the plotted values and end-date changes as tables (for print and screen readers).
private struct ReportChart {
    static let width = 960.0, height = 420.0
    static let left = 112.0, right = 24.0, top = 60.0, bottom = 40.0
    static let palette = ["#1f5fa8", "#c2571a", "#2a8a4a", "#7a3fa0", "#9a7b12", "#0f7f86", "#b0306a", "#555555"]

    let page: ReportPage
    /// The points with a readable date, in date order (same-day points in their given order).
    let series: [(name: String, points: [(day: Int, cents: Int64)])]
    let changes: [(effective: Int, endDate: Int, text: ReportEndDate)]
    /// First and last day on the time axis; never equal.
    let firstDay: Int, lastDay: Int
    /// The amount axis, in cents: `low` to `high` in steps of `step` (a whole number of euros).
    let low: Int64, high: Int64, step: Int64
    let hasData: Bool

    init(page: ReportPage) {
        self.page = page
        series = page.series.map { s in
            let points = s.points.enumerated().compactMap { i, p in ReportDay.days(p.date).map { (day: $0, cents: Self.clamp(p.cents), i) } }
                .sorted { ($0.day, $0.2) < ($1.day, $1.2) }
                .map { (day: $0.day, cents: $0.cents) }
            return (s.name, points)
        }
        changes = page.endDates.enumerated().compactMap { i, e -> (Int, Int, ReportEndDate, Int)? in
            guard let effective = ReportDay.days(e.effective), let end = ReportDay.days(e.endDate) else { return nil }
            return (effective, end, e, i)
        }.sorted { ($0.0, $0.3) < ($1.0, $1.3) }.map { (effective: $0.0, endDate: $0.1, text: $0.2) }

        let days = series.flatMap { $0.points.map(\.day) } + changes.flatMap { [$0.effective, $0.endDate] }
        hasData = !days.isEmpty
        var first = days.min() ?? 0, last = days.max() ?? 1
        if first == last { first -= 15; last += 15 }
        let margin = max(1, (last - first) / 40)
        firstDay = first - margin
        lastDay = last + margin

        let amounts = series.flatMap { $0.points.map(\.cents) }
        let lowest = min(0, amounts.min() ?? 0), highest = max(0, amounts.max() ?? 0)
        let step = Self.niceStep((highest - lowest) / 5)
        var low = Self.floor(lowest, step), high = Self.ceil(highest, step)
        if high == low { high = low + step }
        self.low = low
        self.high = high
        self.step = step
    }

    // MARK: Scales

    var plotWidth: Double { Self.width - Self.left - Self.right }
    var plotHeight: Double { Self.height - Self.top - Self.bottom }
    func x(_ day: Int) -> Double { Self.left + Double(day - firstDay) / Double(lastDay - firstDay) * plotWidth }
    func y(_ cents: Int64) -> Double { Self.top + plotHeight - Double(cents - low) / Double(high - low) * plotHeight }

    /// Keeps amounts far from `Int64`'s ends, so differences between them cannot overflow.
    static func clamp(_ cents: Int64) -> Int64 { Swift.min(Swift.max(cents, -(Int64.max / 8)), Int64.max / 8) }

    /// 1, 2 or 5 times a power of ten euros, at least `rough` cents and at least one euro.
    static func niceStep(_ rough: Int64) -> Int64 {
        var power: Int64 = 100
        while true {
            for factor: Int64 in [1, 2, 5] where power * factor >= rough { return power * factor }
            power *= 10
        }
    }

    static func floor(_ value: Int64, _ step: Int64) -> Int64 {
        let q = value / step
        return (value % step != 0 && value < 0 ? q - 1 : q) * step
    }

    static func ceil(_ value: Int64, _ step: Int64) -> Int64 {
        let q = value / step
        return (value % step != 0 && value > 0 ? q + 1 : q) * step
    }

    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return (tenths < 0 ? "-" : "") + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    // MARK: Drawing

    var currentEndDate: Int? { changes.last?.endDate }

    var label: String {
        let names = page.series.map(\.name)
        var text = names.isEmpty ? "Chart with no money series" : "Step chart of " + names.joined(separator: ", ") + " in euros"
        if hasData { text += ", from \(ReportDay.iso(firstDay)) to \(ReportDay.iso(lastDay))" }
        if let end = changes.last { text += "; end date \(end.text.endDate), changed \(changes.count) times" }
        return text
    }

    func section() -> String {
        let e = HTMLReport.escape
        var html = "<section id=\"chart\">\n<h2>Money over time</h2>\n"
        html += "<svg class=\"chart\" viewBox=\"0 0 \(Self.number(Self.width)) \(Self.number(Self.height))\" role=\"img\" aria-label=\"\(e(label))\">\n"
        html += "<title>\(e(label))</title>\n"
        if hasData {
            html += amountAxis() + timeAxis() + lines() + markers()
        } else {
            html += "<text x=\"\(Self.number(Self.width / 2))\" y=\"\(Self.number(Self.height / 2))\" text-anchor=\"middle\">No dated amounts or end dates to plot.</text>\n"
        }
        html += "</svg>\n" + legend() + valuesTable() + endDatesTable()
        return html + "</section>\n"
    }

    func amountAxis() -> String {
        var svg = "<g class=\"amounts\">\n"
        var tick = low
        while tick <= high {
            let ty = Self.number(y(tick))
            let stroke = tick == 0 ? "#888" : "#e2e2e2"
            svg += "<line x1=\"\(Self.number(Self.left))\" y1=\"\(ty)\" x2=\"\(Self.number(Self.width - Self.right))\" y2=\"\(ty)\" stroke=\"\(stroke)\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(Self.number(Self.left - 8))\" y=\"\(ty)\" dy=\"4\" text-anchor=\"end\">\(HTMLReport.escape(HTMLReport.money(tick, withCents: false)))</text>\n"
            tick += step
        }
        return svg + "</g>\n"
    }

    /// Ticks on 1 January when the axis spans more than two years, else on the first of months.
    func timeAxis() -> String {
        let baseline = Self.number(Self.top + plotHeight)
        var svg = "<g class=\"dates\">\n<line x1=\"\(Self.number(Self.left))\" y1=\"\(baseline)\" x2=\"\(Self.number(Self.width - Self.right))\" y2=\"\(baseline)\" stroke=\"#888\" stroke-width=\"1\"/>\n"
        var ticks: [(day: Int, label: String)] = []
        let start = ReportDay.civil(firstDay), end = ReportDay.civil(lastDay)
        if lastDay - firstDay > 730 {
            let years = end.year - start.year + 1
            let every = Swift.max(1, (years + 11) / 12)
            for year in stride(from: start.year, through: end.year, by: every) {
                let day = ReportDay.days(year: year, month: 1, day: 1)
                if day >= firstDay && day <= lastDay { ticks.append((day, String(year))) }
            }
        } else {
            let months = (end.year - start.year) * 12 + end.month - start.month + 1
            let every = [1, 2, 3, 6, 12].first { (months + $0 - 1) / $0 <= 12 } ?? 12
            for index in stride(from: 0, to: months, by: every) {
                let year = start.year + (start.month - 1 + index) / 12, month = (start.month - 1 + index) % 12 + 1
                let day = ReportDay.days(year: year, month: month, day: 1)
                if day >= firstDay && day <= lastDay { ticks.append((day, ReportDay.iso(day).prefix(7).description)) }
            }
        }
        if ticks.isEmpty { ticks = [(firstDay, ReportDay.iso(firstDay)), (lastDay, ReportDay.iso(lastDay))] }
        for tick in ticks {
            let tx = Self.number(x(tick.day))
            svg += "<line x1=\"\(tx)\" y1=\"\(Self.number(Self.top))\" x2=\"\(tx)\" y2=\"\(baseline)\" stroke=\"#f0f0f0\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(tx)\" y=\"\(Self.number(Self.top + plotHeight + 18))\" text-anchor=\"middle\">\(HTMLReport.escape(tick.label))</text>\n"
        }
        return svg + "</g>\n"
    }

    /// One polyline per series with points: each amount holds until the next, and the last
    /// one to the end of the axis.
    func lines() -> String {
        var svg = "<g class=\"series\">\n"
        for (index, s) in series.enumerated() where !s.points.isEmpty {
            let color = Self.palette[index % Self.palette.count]
            var coordinates: [String] = []
            var previous: Int64? = nil
            for point in s.points {
                if let previous { coordinates.append("\(Self.number(x(point.day))),\(Self.number(y(previous)))") }
                coordinates.append("\(Self.number(x(point.day))),\(Self.number(y(point.cents)))")
                previous = point.cents
            }
            coordinates.append("\(Self.number(x(lastDay))),\(Self.number(y(previous!)))")
            svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(coordinates.joined(separator: " "))\">"
            svg += "<title>\(HTMLReport.escape(s.name))</title></polyline>\n"
            for point in s.points {
                svg += "<circle cx=\"\(Self.number(x(point.day)))\" cy=\"\(Self.number(y(point.cents)))\" r=\"3\" fill=\"\(color)\">"
                svg += "<title>\(HTMLReport.escape("\(s.name): \(HTMLReport.money(point.cents, withCents: true)) from \(ReportDay.iso(point.day))"))</title></circle>\n"
            }
        }
        return svg + "</g>\n"
    }

    /// A dashed line where each end-date change took effect, labelled with the new end date;
    /// a red line on the current end date and grey lines on the end dates it replaced.
    func markers() -> String {
        var svg = "<g class=\"markers\">\n"
        var row = 0
        func marker(_ day: Int, stroke: String, dash: Bool, label: String, tooltip: String) {
            let mx = x(day)
            let labelY = Self.top - 8 - Double(row % 3) * 14
            row += 1
            let nearRight = mx > Self.width - Self.right - 160
            svg += "<g><title>\(HTMLReport.escape(tooltip))</title>"
            svg += "<line x1=\"\(Self.number(mx))\" y1=\"\(Self.number(labelY + 4))\" x2=\"\(Self.number(mx))\" y2=\"\(Self.number(Self.top + plotHeight))\" stroke=\"\(stroke)\" stroke-width=\"1.5\"\(dash ? " stroke-dasharray=\"5 4\"" : "")/>"
            svg += "<text x=\"\(Self.number(nearRight ? mx - 4 : mx + 4))\" y=\"\(Self.number(labelY))\" text-anchor=\"\(nearRight ? "end" : "start")\">\(HTMLReport.escape(label))</text></g>\n"
        }
        for change in changes {
            marker(change.effective, stroke: "#4a6a8a", dash: true, label: "→ end \(change.text.endDate)",
                   tooltip: "From \(change.text.effective) the end date is \(change.text.endDate)")
        }
        var former: [Int] = []
        for change in changes where change.endDate != currentEndDate && !former.contains(change.endDate) { former.append(change.endDate) }
        for day in former {
            marker(day, stroke: "#999", dash: false, label: "former end \(ReportDay.iso(day))", tooltip: "Former end date \(ReportDay.iso(day))")
        }
        if let end = currentEndDate {
            marker(end, stroke: "#b3261e", dash: false, label: "end date \(ReportDay.iso(end))", tooltip: "End date \(ReportDay.iso(end))")
        }
        return svg + "</g>\n"
    }

    func legend() -> String {
        var html = "<ul class=\"legend\">\n"
        for (index, s) in page.series.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            let empty = series[index].points.isEmpty ? " <span class=\"none\">(no dated values)</span>" : ""
            html += "<li><span class=\"swatch\" style=\"border-top-color: \(color)\"></span>\(HTMLReport.escape(s.name))\(empty)</li>\n"
        }
        if !changes.isEmpty {
            html += "<li><span class=\"swatch change\"></span>end date changed (label: the new end date)</li>\n"
            html += "<li><span class=\"swatch end\"></span>end date</li>\n"
            if changes.contains(where: { $0.endDate != currentEndDate }) { html += "<li><span class=\"swatch former\"></span>former end date</li>\n" }
        }
        return html + "</ul>\n"
    }

    func valuesTable() -> String {
        let rows = page.series.flatMap { s in s.points.map { (s.name, $0.date, $0.cents) } }
        guard !rows.isEmpty else { return "" }
        var html = "<h3>Plotted amounts</h3>\n<table class=\"values\">\n<thead><tr><th>Series</th><th>From</th><th>Amount</th></tr></thead>\n<tbody>\n"
        for (name, date, cents) in rows {
            html += "<tr><td>\(HTMLReport.escape(name))</td><td class=\"date\">\(HTMLReport.escape(date))</td>"
            html += "<td class=\"amount\">\(HTMLReport.escape(HTMLReport.money(cents, withCents: true)))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    func endDatesTable() -> String {
        guard !page.endDates.isEmpty else { return "" }
        var html = "<h3>End date changes</h3>\n<table class=\"end-dates\">\n<thead><tr><th>Effective</th><th>New end date</th></tr></thead>\n<tbody>\n"
        for change in page.endDates {
            html += "<tr><td class=\"date\">\(HTMLReport.escape(change.effective))</td><td class=\"date\">\(HTMLReport.escape(change.endDate))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}

/// Day numbers for the chart's time axis: days since 1970-01-01, from `CalendarDate`.
private enum ReportDay {
    /// The day of a `YYYY-MM-DD` text, or nil when it is not a real date (such points are not plotted).
    static func days(_ iso: String) -> Int? { (try? CalendarDate(iso: iso))?.daysSinceEpoch }

    static func days(year: Int, month: Int, day: Int) -> Int {
        (try? CalendarDate(year: year, month: month, day: day))?.daysSinceEpoch ?? 0
    }

    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let date = CalendarDate(daysSinceEpoch: days)
        return (date.year, date.month, date.day)
    }

    static func iso(_ days: Int) -> String { CalendarDate(daysSinceEpoch: days).iso }
}
