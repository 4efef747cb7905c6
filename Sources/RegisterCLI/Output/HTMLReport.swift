import EventStore
/// One self-contained HTML page for auditors, made to be kept as audit evidence: the history it
/// was made from (event count, head hash, checkpoint; no local paths), a summary and the risk
/// chart on the first printed page, what the answer assumes, the findings (linked to the
/// timeline rows of the events they concern), the timeline with each event's number and id,
/// and the money over time.
///
/// Everything is inline (CSS in a `<style>` block, the charts as `<svg>`), with no scripts,
/// fonts, images or links to fetch, so the page can be mailed, archived next to the audit and
/// opened or printed years later exactly as it was. The renderer is pure: the same page in
/// gives the same bytes out. All text is escaped, so a summary holding `<b>` shows `<b>`.
/// Labels are in the page's language (`Catalogue`).
enum HTMLReport {
    static func render(_ page: ReportPage) -> String {
        let l = page.language
        var html = """
            <!DOCTYPE html>
            <html lang="\(l.rawValue)">
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
            <p class="generated">\(escape(l.text("Generated at {1}", page.generatedAt)))</p>
            </header>

            """
        html += summarySection(page)
        html += assumptionsSection(page.assumptions, language: l)
        html += findingsSection(page.findings, language: l)
        html += timelineSection(page.timeline, language: l)
        html += ReportTimeChart(page: page).section()
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: Summary

    /// The first printed page: the reserve's figures, the risk, the history the page was made
    /// from, and the risk chart.
    static func summarySection(_ page: ReportPage) -> String {
        let l = page.language
        var html = "<section id=\"summary\">\n<h2>\(escape(l.text("Summary")))</h2>\n<div class=\"columns\">\n"
        if let s = page.summary {
            let money = { (c: Int64) in escape(Self.money(c, withCents: c % 100 != 0)) }
            var facts: [(String, String)] = [
                (l.text("status"), escape(l.text(s.status))),
                (l.text("end date"), escape(s.endDate)),
                (l.text("authorised"), money(s.authorised)),
                (l.text("allocated"), money(s.allocated)),
                (l.text("balance"), escape(s.balanceText)),
                (l.text("open commitments"), money(s.committed)),
            ]
            let b = s.balance
            let left = b.kind == .estimate ? escape(l.text("{1} to {2}", Self.money(b.low - s.committed, withCents: false), Self.money(b.high - s.committed, withCents: false)))
                : money(b.low - s.committed)
            facts.append((l.text("left after commitments"), left))
            html += definitionList(facts, caption: l.text("The reserve"))
            html += "<p class=\"risk\">\(escape(risk(s, language: l)))</p>\n"
        } else {
            html += "<p class=\"none\">\(escape(l.text("The reserve did not exist on the date asked about: no figures.")))</p>\n"
        }
        let severities = ["error", "warning", "risk", "info"].map { severity in (severity, page.findings.filter { $0.severity.lowercased() == severity }.count) }
        html += "<p class=\"count\">" + escape(l.text("{1} finding(s): {2}", page.findings.count,
                                                       severities.map { "\($0.1) \(l.text($0.0))" }.joined(separator: ", "))) + "</p>\n"
        if let p = page.provenance {
            var facts: [(String, String)] = [
                (l.text("events"), "\(p.eventCount)"),
                (l.text("head hash"), "<code class=\"hash\">\(escape(p.headHash))</code>"),
                (l.text("Merkle root"), "<code class=\"hash\">\(escape(p.merkleRoot))</code>"),
            ]
            if let c = p.publishedCheckpoint {
                facts.append((l.text("latest checkpoint"), escape(l.text("{1}: {2} events, root {3}, {4}", c.name, c.eventCount, c.root, c.time))
                              + "<br>" + escape(l.text(c.extended ? "this history extends it unchanged" : "this history does NOT extend it"))))
            } else {
                facts.append((l.text("latest checkpoint"), "<span class=\"none\">" + escape(l.text("none published beside this history")) + "</span>"))
            }
            html += definitionList(facts, caption: l.text("Made from this history"))
            html += "<p class=\"note\">\(escape(l.text("Check it with 'register verify' and 'register checkpoint': the same count, head and root mean the same history.")))</p>\n"
        }
        html += "</div>\n</section>\n"
        if let s = page.summary {
            let chart = ReportRiskChart(summary: s, language: l)
            html += "<section id=\"risk\">\n<h2>\(escape(l.text("Commitments against the balance")))</h2>\n"
            html += chart.svg() + chart.legend() + chart.table() + "</section>\n"
        }
        return html
    }

    /// What the open commitments mean against the balance, in one sentence.
    static func risk(_ s: ReportSummary, language l: Language) -> String {
        let m = { (c: Int64) in Self.money(c, withCents: c % 100 != 0) }
        let b = s.balance
        if s.committed == 0 { return l.text("No open commitments.") }
        if s.committed > b.high { return l.text("The open commitments, {1}, exceed the balance ({2} at most) by at least {3}.", m(s.committed), m(b.high), m(s.committed - b.high)) }
        if b.kind == .estimate && s.committed > b.low {
            return l.text("The open commitments, {1}, are covered only if the actual balance is at least {1}: the estimate is {2} to {3}.", m(s.committed), m(b.low), m(b.high))
        }
        return l.text("The open commitments, {1}, are covered by the balance ({2} at least).", m(s.committed), m(b.low))
    }

    static func definitionList(_ facts: [(String, String)], caption: String) -> String {
        "<div class=\"facts\"><h3>\(escape(caption))</h3>\n<dl>\n" + facts.map { "<dt>\(escape($0.0))</dt><dd>\($0.1)</dd>\n" }.joined() + "</dl></div>\n"
    }

    // MARK: Assumptions

    static func assumptionsSection(_ assumptions: [ReportAssumption], language l: Language) -> String {
        var html = "<section id=\"assumptions\">\n<h2>\(escape(l.text("Assumptions")))</h2>\n"
        if assumptions.isEmpty { return html + "<p class=\"none\">\(escape(l.text("No assumptions.")))</p>\n</section>\n" }
        html += "<ul class=\"assumptions\">\n"
        for a in assumptions {
            html += "<li>\(escape(a.text))"
            if !a.events.isEmpty { html += " <span class=\"refs\">(" + a.events.map(reference).joined(separator: ", ") + ")</span>" }
            html += "</li>\n"
        }
        return html + "</ul>\n</section>\n"
    }

    /// An event as the page names it: `#13 res-404-end-date-2026`, linked to its timeline row when the timeline has it.
    static func reference(_ event: ReportEventReference) -> String {
        let number = event.number.map { "#\($0)" } ?? "#?"
        guard event.onTimeline, let n = event.number else { return "\(number) <code>\(escape(event.id))</code>" }
        return "<a href=\"#event-\(n)\">\(number)</a> <code>\(escape(event.id))</code>"
    }

    // MARK: Tables

    static func timelineSection(_ rows: [ReportTimelineRow], language l: Language) -> String {
        var html = "<section id=\"timeline\">\n<h2>\(escape(l.text("Timeline")))</h2>\n<table class=\"timeline\">\n<thead><tr>"
        html += ["#", "Effective", "Recorded", "Type", "Summary", "Changes", "Decision", "Source", "Mark"].map { "<th>\(escape(l.text($0)))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        if rows.isEmpty { html += "<tr><td colspan=\"9\" class=\"none\">\(escape(l.text("No events.")))</td></tr>\n" }
        for row in rows {
            html += "<tr id=\"event-\(row.number)\"" + (row.mark == nil ? ">" : " class=\"marked\">")
            html += "<td class=\"event\">#\(row.number)<br><code>\(escape(row.id))</code></td>"
            html += "<td class=\"date\">\(escape(row.effective))</td><td class=\"date\">\(escape(row.recorded))</td>"
            html += "<td><code>\(escape(row.type))</code></td><td>\(escape(row.summary))</td><td>\(list(row.changes))</td>"
            html += "<td>\(row.decision.map(escape) ?? "<span class=\"none\">\(escape(l.text("none")))</span>")</td><td>\(escape(row.source))</td>"
            html += "<td>\(row.mark.map { "<span class=\"badge mark\">\(escape($0))</span>" } ?? "")</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    static func findingsSection(_ findings: [ReportFinding], language l: Language) -> String {
        var html = "<section id=\"findings\">\n<h2>\(escape(l.text("Findings")))</h2>\n"
        html += "<p class=\"count\">\(escape(findings.count == 1 ? l.text("1 finding") : l.text("{1} findings", findings.count)))</p>\n"
        html += "<table class=\"findings\">\n<thead><tr>" + ["Severity", "Id", "Message", "Events", "Sources"].map { "<th>\(escape(l.text($0)))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        if findings.isEmpty { html += "<tr><td colspan=\"5\" class=\"none\">\(escape(l.text("No findings.")))</td></tr>\n" }
        for finding in findings {
            let severity = severityClass(finding.severity)
            html += "<tr id=\"finding-\(anchor(finding.id))\" class=\"\(severity)\">"
            html += "<td><span class=\"badge \(severity)\">\(escape(l.text(finding.severity)))</span></td>"
            html += "<td><code>\(escape(finding.id))</code></td><td>\(escape(finding.message))</td>"
            html += "<td>" + (finding.events.isEmpty ? "" : "<ul>" + finding.events.map { "<li>\(reference($0))</li>" }.joined() + "</ul>") + "</td>"
            html += "<td>\(list(finding.sources))</td></tr>\n"
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
        h3 { font-size: 1rem; margin: 0.4rem 0; }
        .subtitle { font-size: 1.1rem; margin: 0; }
        .generated, .count, .note { color: #555; font-size: 0.9rem; }
        .columns { display: flex; flex-wrap: wrap; gap: 0 2rem; }
        .columns > * { flex: 1 1 26rem; }
        .columns > p { flex-basis: 100%; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0; font-size: 0.95rem; }
        dt { color: #555; }
        dd { margin: 0; }
        code.hash { font-size: 0.8rem; word-break: break-all; }
        p.risk { font-weight: 600; border-left: 4px solid #6b3fa0; padding: 0.2rem 0.6rem; background: #f6f2fa; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
        th, td { border: 1px solid #ccc; padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
        th { background: #f2f2f2; }
        td.date, td.amount { white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.amount { text-align: right; }
        td.event { white-space: nowrap; }
        td ul { margin: 0; padding-left: 1.1rem; }
        tr:target { outline: 3px solid #1f5fa8; }
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
        svg.chart text.panel { font-weight: 600; }
        svg.chart text.tick { font-size: 11px; fill: #555; }
        svg.chart text.on-bar { fill: #fff; }
        ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1.4rem; font-size: 0.9rem; }
        .swatch { display: inline-block; width: 1.6rem; border-top: 3px solid; vertical-align: middle; margin-right: 0.4rem; }
        .swatch.solid { height: 0.8rem; border-top: none; }
        .swatch.hatched { height: 0.8rem; border: 1.5px dashed #1f5fa8; background: repeating-linear-gradient(45deg, #1f5fa8 0 2px, #dce6f2 2px 5px); }
        .swatch.window { height: 0.8rem; border: 1px dashed #333; }
        .swatch.dashed { border-top-style: dashed; }
        .swatch.change { border-top: 2px dashed #4a6a8a; }
        .swatch.end { border-top: 2px solid #b3261e; }
        .swatch.former { border-top: 2px solid #999; }
        @page { size: A4; margin: 12mm; }
        @media print {
          body { margin: 0; max-width: none; font-size: 9pt; }
          h1 { font-size: 15pt; }
          h2 { font-size: 12pt; margin-top: 0.8rem; break-after: avoid; }
          #summary, #risk { break-inside: avoid; }
          #risk { break-after: page; }
          #risk table.figures { display: none; }
          #chart { break-inside: avoid; }
          tr { break-inside: avoid; }
          thead { display: table-header-group; }
          .badge, .swatch, svg, p.risk { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """
}
