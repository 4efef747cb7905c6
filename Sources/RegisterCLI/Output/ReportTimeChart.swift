import EventStore

/// The report's money over time: an inline SVG step chart of every series against a time axis
/// proportional to days, with the end-date changes and end dates as vertical markers, followed
/// by the legend and the plotted values and end-date changes as tables (for print and screen
/// readers). An estimate's series are dashed; the marker labels are laid out by
/// `ReportLabelLayout`, so none overlap.
struct ReportTimeChart {
    static let width = 960.0
    static let left = 112.0, right = 24.0, plotHeight = 320.0, bottom = 40.0
    static let labelRow = 14.0, fontSize = 12.0
    static let palette = ["#1f5fa8", "#c2571a", "#2a8a4a", "#7a3fa0", "#9a7b12", "#0f7f86", "#b0306a", "#555555"]

    /// A vertical marker: where an end date changed, the end date, an end date it replaced.
    struct Marker {
        var day: Int
        var stroke: String
        var dashed: Bool
        var label: String
        var tooltip: String
    }

    let page: ReportPage
    let language: Language
    /// The points with a readable date, in date order (same-day points in their given order); nil ends the line.
    let series: [(name: String, estimate: Bool, points: [(day: Int, cents: Int64?)])]
    let changes: [(effective: Int, endDate: Int, text: ReportEndDate)]
    /// First and last day on the time axis; never equal.
    let firstDay: Int, lastDay: Int
    /// The amount axis, in cents: `low` to `high` in steps of `step` (a whole number of euros).
    let low: Int64, high: Int64, step: Int64
    let hasData: Bool
    let markers: [Marker]
    /// The markers' labels, placed (one per marker, in the same order).
    let markerLabels: [ReportLabelLayout.Placed]

    init(page: ReportPage) {
        self.page = page
        language = page.language
        series = page.series.map { s in
            let points = s.points.enumerated().compactMap { i, p in ReportDay.days(p.date).map { (day: $0, cents: p.cents.map(ReportScale.clamp), i) } }
                .sorted { ($0.day, $0.2) < ($1.day, $1.2) }
                .map { (day: $0.day, cents: $0.cents) }
            return (s.name, s.estimate, points)
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

        let amounts = series.flatMap { $0.points.compactMap(\.cents) }
        let lowest = min(0, amounts.min() ?? 0), highest = max(0, amounts.max() ?? 0)
        let step = ReportScale.niceStep((highest - lowest) / 5)
        let low = ReportScale.floor(lowest, step)
        var high = ReportScale.ceil(highest, step)
        if high == low { high = low + step }
        self.low = low
        self.high = high
        self.step = step

        let l = page.language
        var markers: [Marker] = []
        for change in changes {
            markers.append(Marker(day: change.effective, stroke: "#4a6a8a", dashed: true, label: l.text("→ end {1}", change.text.endDate),
                                  tooltip: l.text("From {1} the end date is {2}", change.text.effective, change.text.endDate)))
        }
        let current = changes.last?.endDate
        var former: [Int] = []
        for change in changes where change.endDate != current && !former.contains(change.endDate) { former.append(change.endDate) }
        for day in former {
            markers.append(Marker(day: day, stroke: "#999", dashed: false, label: l.text("former end {1}", ReportDay.iso(day)),
                                  tooltip: l.text("Former end date {1}", ReportDay.iso(day))))
        }
        if let end = current {
            markers.append(Marker(day: end, stroke: "#b3261e", dashed: false, label: l.text("end date {1}", ReportDay.iso(end)),
                                  tooltip: l.text("End date {1}", ReportDay.iso(end))))
        }
        self.markers = markers
        let (first2, last2) = (firstDay, lastDay)
        let plotWidth = Self.width - Self.left - Self.right
        markerLabels = ReportLabelLayout.place(markers.map { marker in
            let x = Self.left + Double(marker.day - first2) / Double(last2 - first2) * plotWidth
            return ReportLabelLayout.Label(x: x + 4, width: ReportLabelLayout.width(of: marker.label, fontSize: Self.fontSize))
        }, from: 4, to: Self.width - 4)
    }

    // MARK: Scales

    var top: Double { 16 + Double((markerLabels.map(\.row).max() ?? -1) + 1) * Self.labelRow }
    var height: Double { top + Self.plotHeight + Self.bottom }
    var plotWidth: Double { Self.width - Self.left - Self.right }
    func x(_ day: Int) -> Double { Self.left + Double(day - firstDay) / Double(lastDay - firstDay) * plotWidth }
    func y(_ cents: Int64) -> Double { top + Self.plotHeight - Double(cents - low) / Double(high - low) * Self.plotHeight }
    static func number(_ value: Double) -> String { ReportScale.number(value) }

    // MARK: Drawing

    var label: String {
        let l = language
        let names = page.series.map(\.name)
        var text = names.isEmpty ? l.text("Chart with no money series") : l.text("Step chart of {1} in euros", names.joined(separator: ", "))
        if hasData { text += l.text(", from {1} to {2}", ReportDay.iso(firstDay), ReportDay.iso(lastDay)) }
        if let end = changes.last { text += l.text("; end date {1}, changed {2} times", end.text.endDate, changes.count) }
        return text
    }

    func section() -> String {
        let e = HTMLReport.escape
        let l = language
        var html = "<section id=\"chart\">\n<h2>\(e(l.text("Money over time")))</h2>\n"
        html += "<svg class=\"chart\" viewBox=\"0 0 \(Self.number(Self.width)) \(Self.number(height))\" role=\"img\" aria-label=\"\(e(label))\">\n"
        html += "<title>\(e(label))</title>\n"
        if hasData {
            html += amountAxis() + timeAxis() + lines() + drawMarkers()
        } else {
            html += "<text x=\"\(Self.number(Self.width / 2))\" y=\"\(Self.number(height / 2))\" text-anchor=\"middle\">\(e(l.text("No dated amounts or end dates to plot.")))</text>\n"
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
        let baseline = Self.number(top + Self.plotHeight)
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
            svg += "<line x1=\"\(tx)\" y1=\"\(Self.number(top))\" x2=\"\(tx)\" y2=\"\(baseline)\" stroke=\"#f0f0f0\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(tx)\" y=\"\(Self.number(top + Self.plotHeight + 18))\" text-anchor=\"middle\">\(HTMLReport.escape(tick.label))</text>\n"
        }
        return svg + "</g>\n"
    }

    /// One polyline per stretch of a series: each amount holds until the next point, the last
    /// one to the end of the axis; a nil amount ends the stretch.
    func lines() -> String {
        var svg = "<g class=\"series\">\n"
        for (index, s) in series.enumerated() {
            let color = colour(index)
            var stretches: [[(day: Int, cents: Int64)]] = [[]]
            var ends: [Int] = []
            for point in s.points {
                if let cents = point.cents { stretches[stretches.count - 1].append((point.day, cents)) }
                else if !stretches[stretches.count - 1].isEmpty { ends.append(point.day); stretches.append([]) }
            }
            for (i, stretch) in stretches.enumerated() where !stretch.isEmpty {
                var coordinates: [String] = []
                var previous: Int64? = nil
                for point in stretch {
                    if let previous { coordinates.append("\(Self.number(x(point.day))),\(Self.number(y(previous)))") }
                    coordinates.append("\(Self.number(x(point.day))),\(Self.number(y(point.cents)))")
                    previous = point.cents
                }
                coordinates.append("\(Self.number(x(i < ends.count ? ends[i] : lastDay))),\(Self.number(y(previous!)))")
                svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(s.estimate ? " stroke-dasharray=\"6 4\"" : "") points=\"\(coordinates.joined(separator: " "))\">"
                svg += "<title>\(HTMLReport.escape(s.name))</title></polyline>\n"
                for point in stretch {
                    svg += "<circle cx=\"\(Self.number(x(point.day)))\" cy=\"\(Self.number(y(point.cents)))\" r=\"3\" fill=\"\(color)\">"
                    svg += "<title>\(HTMLReport.escape("\(s.name): \(HTMLReport.money(point.cents, withCents: true)) " + language.text("from {1}", ReportDay.iso(point.day))))</title></circle>\n"
                }
            }
        }
        return svg + "</g>\n"
    }

    /// A dashed line where each end-date change took effect, labelled with the new end date;
    /// a red line on the current end date and grey lines on the end dates it replaced.
    func drawMarkers() -> String {
        var svg = "<g class=\"markers\">\n"
        for (marker, placed) in zip(markers, markerLabels) {
            let mx = x(marker.day)
            let labelY = 12 + Double(placed.row) * Self.labelRow
            svg += "<g><title>\(HTMLReport.escape(marker.tooltip))</title>"
            svg += "<line x1=\"\(Self.number(mx))\" y1=\"\(Self.number(labelY + 3))\" x2=\"\(Self.number(mx))\" y2=\"\(Self.number(top + Self.plotHeight))\" stroke=\"\(marker.stroke)\" stroke-width=\"1.5\"\(marker.dashed ? " stroke-dasharray=\"5 4\"" : "")/>"
            svg += "<text x=\"\(Self.number(placed.x))\" y=\"\(Self.number(labelY))\" data-width=\"\(Self.number(placed.width))\">\(HTMLReport.escape(marker.label))</text></g>\n"
        }
        return svg + "</g>\n"
    }

    /// A series' colour: its own from the palette; an estimate's that of the first series (the balance's).
    func colour(_ index: Int) -> String { page.series[index].estimate ? Self.palette[0] : Self.palette[index % Self.palette.count] }

    func legend() -> String {
        let l = language
        var html = "<ul class=\"legend\">\n"
        for (index, s) in page.series.enumerated() {
            let color = colour(index)
            let empty = series[index].points.allSatisfy { $0.cents == nil } ? " <span class=\"none\">\(HTMLReport.escape(l.text("(no dated values)")))</span>" : ""
            let dashed = s.estimate ? " " + HTMLReport.escape(l.text("(dashed: an estimate)")) : ""
            html += "<li><span class=\"swatch\(s.estimate ? " dashed" : "")\" style=\"border-top-color: \(color)\"></span>\(HTMLReport.escape(s.name))\(dashed)\(empty)</li>\n"
        }
        if !changes.isEmpty {
            html += "<li><span class=\"swatch change\"></span>\(HTMLReport.escape(l.text("end date changed (label: the new end date)")))</li>\n"
            html += "<li><span class=\"swatch end\"></span>\(HTMLReport.escape(l.text("end date")))</li>\n"
            if changes.contains(where: { $0.endDate != changes.last?.endDate }) {
                html += "<li><span class=\"swatch former\"></span>\(HTMLReport.escape(l.text("former end date")))</li>\n"
            }
        }
        return html + "</ul>\n"
    }

    func valuesTable() -> String {
        let l = language
        let rows = page.series.flatMap { s in s.points.compactMap { p in p.cents.map { (s.name, p.date, $0) } } }
        guard !rows.isEmpty else { return "" }
        var html = "<h3>\(HTMLReport.escape(l.text("Plotted amounts")))</h3>\n<table class=\"values\">\n<thead><tr>"
        html += ["Series", "From", "Amount"].map { "<th>\(HTMLReport.escape(l.text($0)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (name, date, cents) in rows {
            html += "<tr><td>\(HTMLReport.escape(name))</td><td class=\"date\">\(HTMLReport.escape(date))</td>"
            html += "<td class=\"amount\">\(HTMLReport.escape(HTMLReport.money(cents, withCents: true)))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    func endDatesTable() -> String {
        let l = language
        guard !page.endDates.isEmpty else { return "" }
        var html = "<h3>\(HTMLReport.escape(l.text("End date changes")))</h3>\n<table class=\"end-dates\">\n<thead><tr>"
        html += ["Effective", "New end date"].map { "<th>\(HTMLReport.escape(l.text($0)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for change in page.endDates {
            html += "<tr><td class=\"date\">\(HTMLReport.escape(change.effective))</td><td class=\"date\">\(HTMLReport.escape(change.endDate))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}

/// Day numbers for the chart's time axis: days since 1970-01-01, from `CalendarDate`.
enum ReportDay {
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
