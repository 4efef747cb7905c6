/// The report's risk chart: the open commitments against the balance, as one inline SVG with
/// two panels on two scales. The overview shows every figure from € 0 (authorised, allocated,
/// balance, committed), so EUR 5.000.000 is there; the zoom shows only the stretch around the
/// balance and the commitments, so EUR 440.000 and EUR 400.000 to 450.000 can be told apart.
///
/// An actual or booked balance is a solid bar; an estimate is a hatched band from its low to
/// its high with a dashed outline; the legend says so in words. Value labels are laid out by
/// `ReportLabelLayout`, so none overlap. The figures are also in the SVG's `<desc>` and in a
/// table after it.
struct ReportRiskChart {
    static let width = 960.0
    /// The narrowest room left of the plot for the row names; wider when a name needs it.
    static let minimumLeft = 170.0, right = 30.0
    static let fontSize = 12.0
    static let barHeight = 18.0, rowPitch = 26.0, labelRow = 16.0
    static let colours = (authorised: "#a9bfd6", allocated: "#5f86b0", balance: "#1f5fa8", committed: "#c2571a")

    /// One horizontal bar of the overview.
    struct Bar {
        var label: String
        var low: Int64
        var high: Int64
        var colour: String
        var estimate: Bool
        var value: String
    }

    /// A value marked on the zoom: a vertical line and its label.
    struct Mark {
        var cents: Int64
        var text: String
        var colour: String
        var dashed: Bool
    }

    let summary: ReportSummary
    let language: Language
    let bars: [Bar]
    /// Where the plot starts: room for the longest row name.
    let left: Double
    /// The overview's scale, in cents: from `overviewLow` (at most 0) to `overviewHigh` in steps of `overviewStep`.
    let overviewLow: Int64, overviewHigh: Int64, overviewStep: Int64
    /// The zoom's scale, in cents: the balance and the commitments with some room around them.
    let zoomLow: Int64, zoomHigh: Int64, zoomStep: Int64
    let marks: [Mark]
    /// The zoom's value labels, placed (one per mark, in the same order).
    let markLabels: [ReportLabelLayout.Placed]

    init(summary: ReportSummary, language: Language) {
        self.summary = summary
        self.language = language
        let l = language
        let b = summary.balance
        let money = { (c: Int64) in HTMLReport.money(c, withCents: c % 100 != 0) }
        let balanceValue = b.kind == .estimate ? l.text("{1} to {2}", money(b.low), money(b.high)) : money(b.low)
        bars = [
            Bar(label: l.text("Authorised"), low: 0, high: summary.authorised, colour: Self.colours.authorised, estimate: false, value: money(summary.authorised)),
            Bar(label: l.text("Allocated"), low: 0, high: summary.allocated, colour: Self.colours.allocated, estimate: false, value: money(summary.allocated)),
            Bar(label: l.text(Self.balanceLabel(b.kind)), low: b.kind == .estimate ? b.low : 0, high: b.high, colour: Self.colours.balance,
                estimate: b.kind == .estimate, value: balanceValue),
            Bar(label: l.text("Open commitments"), low: 0, high: summary.committed, colour: Self.colours.committed, estimate: false, value: money(summary.committed)),
        ]
        left = Swift.max(Self.minimumLeft, (bars.map { ReportLabelLayout.width(of: $0.label, fontSize: Self.fontSize) }.max() ?? 0) + 20)
        let all = bars.flatMap { [$0.low, $0.high] }.map(ReportScale.clamp)
        let lowest = Swift.min(0, all.min() ?? 0), highest = Swift.max(0, all.max() ?? 0)
        overviewStep = ReportScale.niceStep(Swift.max(1, (highest - lowest) / 5))
        var top = ReportScale.ceil(highest, overviewStep)
        if top == ReportScale.floor(lowest, overviewStep) { top += overviewStep }
        overviewHigh = top
        overviewLow = ReportScale.floor(lowest, overviewStep)

        // The zoom: the balance range and the commitments, with a quarter of their spread around them.
        let near = [b.low, b.high, summary.committed].map(ReportScale.clamp)
        let spread = (near.max() ?? 0) - (near.min() ?? 0)
        let largest = near.map { $0.magnitude }.max() ?? 0
        let padding = Swift.max(spread / 4, Int64(largest / 20), 10_000)
        zoomStep = ReportScale.niceStep(Swift.max(1, (spread + 2 * padding) / 6))
        zoomLow = ReportScale.floor((near.min() ?? 0) - padding, zoomStep)
        var zoomTop = ReportScale.ceil((near.max() ?? 0) + padding, zoomStep)
        if zoomTop == zoomLow { zoomTop += zoomStep }
        zoomHigh = zoomTop

        var marks: [Mark] = []
        if b.kind == .estimate {
            marks.append(Mark(cents: b.low, text: l.text("estimate low {1}", money(b.low)), colour: Self.colours.balance, dashed: true))
            marks.append(Mark(cents: b.high, text: l.text("estimate high {1}", money(b.high)), colour: Self.colours.balance, dashed: true))
        } else {
            marks.append(Mark(cents: b.low, text: l.text(Self.balanceLabel(b.kind)) + " " + money(b.low), colour: Self.colours.balance, dashed: false))
        }
        marks.append(Mark(cents: summary.committed, text: l.text("committed {1}", money(summary.committed)), colour: Self.colours.committed, dashed: false))
        self.marks = marks
        let plotLeft = left, plotRight = Self.width - Self.right
        let lowX = zoomLow, highX = zoomHigh
        func zx(_ c: Int64) -> Double { plotLeft + Double(ReportScale.clamp(c) - lowX) / Double(highX - lowX) * (plotRight - plotLeft) }
        markLabels = ReportLabelLayout.place(marks.map { mark in
            let w = ReportLabelLayout.width(of: mark.text, fontSize: Self.fontSize)
            return ReportLabelLayout.Label(x: zx(mark.cents) - w / 2, width: w)
        }, from: plotLeft - 60, to: plotRight + Self.right)
    }

    static func balanceLabel(_ kind: ReportBalance.Kind) -> String {
        switch kind {
        case .booked: return "Balance (booked)"
        case .actual: return "Balance (actual)"
        case .estimate: return "Balance (estimate)"
        }
    }

    // MARK: Scales

    var plotLeft: Double { left }
    var plotRight: Double { Self.width - Self.right }
    func ox(_ c: Int64) -> Double { plotLeft + Double(ReportScale.clamp(c) - overviewLow) / Double(overviewHigh - overviewLow) * (plotRight - plotLeft) }
    func zx(_ c: Int64) -> Double {
        let x = plotLeft + Double(ReportScale.clamp(c) - zoomLow) / Double(zoomHigh - zoomLow) * (plotRight - plotLeft)
        return Swift.min(Swift.max(x, plotLeft), plotRight)
    }

    // Vertical layout.
    var overviewTop: Double { 30 }
    var overviewAxis: Double { overviewTop + Double(bars.count) * Self.rowPitch + 4 }
    var zoomTitle: Double { overviewAxis + 52 }
    var zoomLabelsTop: Double { zoomTitle + 22 }
    var labelRows: Int { (markLabels.map(\.row).max() ?? 0) + 1 }
    var zoomTop: Double { zoomLabelsTop + Double(labelRows) * Self.labelRow + 6 }
    var zoomAxis: Double { zoomTop + 2 * Self.rowPitch + 4 }
    var height: Double { zoomAxis + 30 }

    /// A text alternative of the whole chart.
    var description: String {
        let l = language
        let money = { (c: Int64) in HTMLReport.money(c, withCents: c % 100 != 0) }
        var text = bars.map { "\($0.label): \($0.value)" }.joined(separator: "; ")
        let b = summary.balance
        text += ". " + l.text("Left after the open commitments: {1}.", b.kind == .estimate
            ? l.text("{1} to {2}", money(b.low - summary.committed), money(b.high - summary.committed)) : money(b.low - summary.committed))
        return text
    }

    func svg() -> String {
        let e = HTMLReport.escape
        let n = ReportScale.number
        let l = language
        var svg = "<svg class=\"chart risk\" viewBox=\"0 0 \(n(Self.width)) \(n(height))\" role=\"img\" aria-labelledby=\"risk-title risk-desc\">\n"
        svg += "<title id=\"risk-title\">\(e(l.text("Open commitments against the balance")))</title>\n"
        svg += "<desc id=\"risk-desc\">\(e(description))</desc>\n"
        svg += "<defs><pattern id=\"hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
        svg += "<rect width=\"6\" height=\"6\" fill=\"#dce6f2\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(Self.colours.balance)\" stroke-width=\"2.5\"/></pattern></defs>\n"
        svg += overview() + zoomLinks() + zoom()
        return svg + "</svg>\n"
    }

    func overview() -> String {
        let e = HTMLReport.escape
        let n = ReportScale.number
        let money = { (c: Int64) in HTMLReport.money(c, withCents: false) }
        var svg = "<g class=\"overview\">\n"
        svg += "<text x=\"\(n(left))\" y=\"\(n(overviewTop - 12))\" class=\"panel\">\(e(language.text("Overview: {1} to {2}", money(overviewLow), money(overviewHigh))))</text>\n"
        svg += axis(y: overviewAxis, top: overviewTop, low: overviewLow, high: overviewHigh, step: overviewStep, x: ox)
        for (index, bar) in bars.enumerated() {
            let y = overviewTop + Double(index) * Self.rowPitch
            svg += "<text x=\"\(n(left - 10))\" y=\"\(n(y + Self.barHeight - 5))\" text-anchor=\"end\">\(e(bar.label))</text>"
            svg += rect(x1: ox(bar.low), x2: ox(bar.high), y: y, colour: bar.colour, estimate: bar.estimate, title: "\(bar.label): \(bar.value)")
            let valueWidth = ReportLabelLayout.width(of: bar.value, fontSize: Self.fontSize)
            let after = Swift.max(ox(bar.high), ox(bar.low) + 2) + 6
            let inside = after + valueWidth > plotRight
            svg += "<text x=\"\(n(inside ? ox(bar.high) - 6 : after))\" y=\"\(n(y + Self.barHeight - 5))\"\(inside ? " text-anchor=\"end\" class=\"on-bar\"" : "")>\(e(bar.value))</text>\n"
        }
        // The stretch the zoom shows, outlined on the overview.
        let zx1 = ox(zoomLow), zx2 = Swift.max(ox(zoomHigh), ox(zoomLow) + 2)
        svg += "<rect class=\"zoom-window\" x=\"\(n(zx1))\" y=\"\(n(overviewTop - 4))\" width=\"\(n(zx2 - zx1))\" height=\"\(n(overviewAxis - overviewTop + 4))\" fill=\"none\" stroke=\"#333\" stroke-width=\"1\" stroke-dasharray=\"3 2\"/>\n"
        return svg + "</g>\n"
    }

    func zoomLinks() -> String {
        let n = ReportScale.number
        let zx1 = ox(zoomLow), zx2 = Swift.max(ox(zoomHigh), ox(zoomLow) + 2)
        return "<g class=\"zoom-links\" stroke=\"#999\" stroke-width=\"1\" stroke-dasharray=\"3 2\">"
            + "<line x1=\"\(n(zx1))\" y1=\"\(n(overviewAxis))\" x2=\"\(n(plotLeft))\" y2=\"\(n(zoomTitle + 8))\"/>"
            + "<line x1=\"\(n(zx2))\" y1=\"\(n(overviewAxis))\" x2=\"\(n(plotRight))\" y2=\"\(n(zoomTitle + 8))\"/></g>\n"
    }

    func zoom() -> String {
        let e = HTMLReport.escape
        let n = ReportScale.number
        let l = language
        let money = { (c: Int64) in HTMLReport.money(c, withCents: false) }
        var svg = "<g class=\"zoom\">\n"
        svg += "<text x=\"\(n(left))\" y=\"\(n(zoomTitle))\" class=\"panel\">\(e(l.text("Zoom: {1} to {2}, around the balance", money(zoomLow), money(zoomHigh))))</text>\n"
        svg += axis(y: zoomAxis, top: zoomLabelsTop, low: zoomLow, high: zoomHigh, step: zoomStep, x: zx)
        let b = summary.balance
        let balanceY = zoomTop, committedY = zoomTop + Self.rowPitch
        svg += "<text x=\"\(n(left - 10))\" y=\"\(n(balanceY + Self.barHeight - 5))\" text-anchor=\"end\">\(e(bars[2].label))</text>"
        svg += rect(x1: zx(b.kind == .estimate ? b.low : Swift.min(0, zoomLow)), x2: zx(b.high), y: balanceY, colour: Self.colours.balance,
                    estimate: b.kind == .estimate, title: "\(bars[2].label): \(bars[2].value)") + "\n"
        svg += "<text x=\"\(n(left - 10))\" y=\"\(n(committedY + Self.barHeight - 5))\" text-anchor=\"end\">\(e(bars[3].label))</text>"
        svg += rect(x1: zx(Swift.min(0, zoomLow)), x2: zx(summary.committed), y: committedY, colour: Self.colours.committed, estimate: false,
                    title: "\(bars[3].label): \(bars[3].value)") + "\n"
        for (mark, label) in zip(marks, markLabels) {
            let mx = zx(mark.cents)
            let ty = zoomLabelsTop + Double(label.row) * Self.labelRow + Self.fontSize
            svg += "<line x1=\"\(n(mx))\" y1=\"\(n(ty + 3))\" x2=\"\(n(mx))\" y2=\"\(n(zoomAxis))\" stroke=\"\(mark.colour)\" stroke-width=\"1.5\"\(mark.dashed ? " stroke-dasharray=\"5 3\"" : "")/>"
            svg += "<text class=\"value\" x=\"\(n(label.x))\" y=\"\(n(ty))\" data-width=\"\(n(label.width))\">\(e(mark.text))</text>\n"
        }
        return svg + "</g>\n"
    }

    func rect(x1: Double, x2: Double, y: Double, colour: String, estimate: Bool, title: String) -> String {
        let n = ReportScale.number
        let w = Swift.max(x2 - x1, estimate ? 3 : 0)
        let fill = estimate ? "url(#hatch)" : colour
        let stroke = estimate ? " stroke=\"\(colour)\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\"" : ""
        return "<rect x=\"\(n(x1))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(Self.barHeight))\" fill=\"\(fill)\"\(stroke)>"
            + "<title>\(HTMLReport.escape(title))</title></rect>"
    }

    /// Gridlines and amount labels; a label that would touch the one before is left out.
    func axis(y: Double, top: Double, low: Int64, high: Int64, step: Int64, x: (Int64) -> Double) -> String {
        let n = ReportScale.number
        var svg = "<line x1=\"\(n(plotLeft))\" y1=\"\(n(y))\" x2=\"\(n(plotRight))\" y2=\"\(n(y))\" stroke=\"#888\" stroke-width=\"1\"/>\n"
        var ticks: [Int64] = []
        var tick = low
        while tick <= high && ticks.count < 200 { ticks.append(tick); tick += step }
        let texts = ticks.map { HTMLReport.money($0, withCents: false) }
        let placed = ReportLabelLayout.place(texts.map { t in
            let w = ReportLabelLayout.width(of: t, fontSize: Self.fontSize - 1)
            return ReportLabelLayout.Label(x: 0, width: w)
        }.enumerated().map { i, label in ReportLabelLayout.Label(x: x(ticks[i]) - label.width / 2, width: label.width) },
            from: plotLeft - 60, to: plotRight + Self.right)
        for (i, value) in ticks.enumerated() {
            svg += "<line x1=\"\(n(x(value)))\" y1=\"\(n(top))\" x2=\"\(n(x(value)))\" y2=\"\(n(y))\" stroke=\"#e6e6e6\" stroke-width=\"1\"/>"
            if placed[i].row == 0 {
                svg += "<text class=\"tick\" x=\"\(n(placed[i].x))\" y=\"\(n(y + 15))\">\(HTMLReport.escape(texts[i]))</text>"
            }
            svg += "\n"
        }
        return svg
    }

    /// The legend, in words.
    func legend() -> String {
        let l = language
        var html = "<ul class=\"legend\">\n"
        html += "<li><span class=\"swatch solid\" style=\"background: \(Self.colours.balance)\"></span>\(HTMLReport.escape(l.text("solid: an actual or booked amount")))</li>\n"
        html += "<li><span class=\"swatch hatched\"></span>\(HTMLReport.escape(l.text("hatched, dashed outline: an estimate, from its low to its high")))</li>\n"
        html += "<li><span class=\"swatch solid\" style=\"background: \(Self.colours.committed)\"></span>\(HTMLReport.escape(l.text("open commitments, at their recorded amounts")))</li>\n"
        html += "<li><span class=\"swatch window\"></span>\(HTMLReport.escape(l.text("dashed box: the stretch the zoom shows")))</li>\n"
        return html + "</ul>\n"
    }

    /// The figures of the chart as a table.
    func table() -> String {
        let e = HTMLReport.escape
        let l = language
        var html = "<table class=\"figures\">\n<caption>\(e(l.text("Figures in the chart")))</caption>\n"
        html += "<thead><tr><th>\(e(l.text("Figure")))</th><th>\(e(l.text("Amount")))</th><th>\(e(l.text("Drawn as")))</th></tr></thead>\n<tbody>\n"
        for bar in bars {
            html += "<tr><td>\(e(bar.label))</td><td class=\"amount\">\(e(bar.value))</td><td>\(e(l.text(bar.estimate ? "hatched (estimate)" : "solid")))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}

/// Scales for the report's charts: nice steps of whole euros, and amounts kept far from
/// `Int64`'s ends so differences cannot overflow.
enum ReportScale {
    static func clamp(_ cents: Int64) -> Int64 { Swift.min(Swift.max(cents, -(Int64.max / 8)), Int64.max / 8) }

    /// 1, 2 or 5 times a power of ten euros, at least `rough` cents and at least one euro.
    static func niceStep(_ rough: Int64) -> Int64 {
        var power: Int64 = 100
        while true {
            for factor: Int64 in [1, 2, 5] where power * factor >= rough { return power * factor }
            if power > Int64.max / 100 { return power }
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
        guard value.isFinite else { return "0.0" }
        let tenths = Int((value * 10).rounded())
        return (tenths < 0 ? "-" : "") + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
