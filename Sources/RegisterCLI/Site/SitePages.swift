import EventStore
import Projections

/// One file of the site: its path inside the register's folder and its bytes as text.
struct SitePage: Equatable, Sendable {
    let path: String
    let content: String
}

/// A part of a site that is rendered as a whole: the register-wide pages (index, audit, sources,
/// budgets, Woo metadata), one subject's page with its timeline pages, or one source document's
/// pages of citing events. A regeneration after new events renders only the parts they can change.
enum SiteUnit: Hashable, Sendable {
    case registerWide
    case subject(Subject)
    case document(String)

    /// The unit's name in the site's manifest.
    var key: String {
        switch self {
        case .registerWide: return "register"
        case .subject(let s): return "subject:" + s.description
        case .document(let d): return "document:" + d
        }
    }
}

/// The pages of one register's site, from its history: pure, so the same register, language and
/// date give the same pages, byte for byte (only the index says when it was generated).
///
/// Every text from the events is escaped (`HTMLReport.escape`); the figures come from the
/// projections, the findings from `Audit.run`, the timelines from `Timeline`.
struct SitePages {
    let register: SiteRegister
    let texts: SiteTexts
    /// The day the pages show the state on (reserve status, budgets, findings).
    let on: CalendarDate
    let generatedAt: RecordedInstant
    let inProvince: Bool
    /// The Woo organisation to name in the metadata, from the register's settings.
    let wooSettings: RegisterSettings?

    let pagination: SitePagination
    let groups: SiteRecordGroups
    private let catalog: SubjectCatalog
    private let speech: SiteSpeech
    private let entryOf: [Subject: SubjectCatalog.Entry]
    /// The subjects that have a page.
    let held: Set<Subject>
    private let decisions: DecisionIndex
    private let findings: [Finding]
    /// For each event id, the findings (indices into `findings`) that name it: one pass, so a page
    /// finds its findings without scanning every finding's events.
    private let findingsOfEvent: [String: [Int]]
    /// For each subject, the findings about it.
    private let findingsOfSubject: [Subject: [Int]]
    /// The audit rules with findings, in the order of their first finding, each with its findings.
    private let findingsByRule: [(rule: String, findings: [Int])]
    /// Each finding's first sources (in order of document and zaaknummer, each once) and how many it has.
    private let findingSources: [(shown: [EventSource], count: Int)]
    /// The audit page each finding's row is on.
    private let auditPageOfFinding: [Int: String]
    /// Each source document the events cite: its zaaknummers and the citing records (indices into
    /// `register.records`, in sequence order).
    private let cited: [String: (zaaknummers: Set<String>, records: [Int])]

    /// How many events a finding lists; the rest are on its subject's timeline.
    static let eventsPerFindingOnAPage = 12

    init(register: SiteRegister, texts: SiteTexts, on: CalendarDate, generatedAt: RecordedInstant, inProvince: Bool,
         wooSettings: RegisterSettings?, pagination: SitePagination = .standard) throws {
        self.register = register
        self.pagination = pagination
        speech = SiteSpeech(texts)
        self.texts = texts
        self.on = on
        self.generatedAt = generatedAt
        self.inProvince = inProvince
        self.wooSettings = wooSettings
        groups = SiteRecordGroups(records: register.records)
        catalog = SubjectCatalog(records: register.records)
        held = Set(catalog.entries.map(\.subject))
        entryOf = Dictionary(catalog.entries.map { ($0.subject, $0) }, uniquingKeysWith: { a, _ in a })
        decisions = DecisionIndex(records: register.records)
        let findings = try Audit.run(records: register.records, on: on)
        self.findings = findings
        var ofEvent: [String: [Int]] = [:], ofSubject: [Subject: [Int]] = [:]
        for (i, finding) in findings.enumerated() {
            for event in Set(finding.events) { ofEvent[event, default: []].append(i) }
            if let subject = finding.subject { ofSubject[subject, default: []].append(i) }
        }
        findingsOfEvent = ofEvent
        findingsOfSubject = ofSubject
        var byRule: [(rule: String, findings: [Int])] = [], ruleSlot: [String: Int] = [:]
        for (i, finding) in findings.enumerated() {
            let rule = finding.rule.rawValue
            if ruleSlot[rule] == nil { ruleSlot[rule] = byRule.count; byRule.append((rule, [])) }
            byRule[ruleSlot[rule]!].findings.append(i)
        }
        var pageOfFinding: [Int: String] = [:]
        for (rule, indices) in byRule {
            for (position, i) in indices.enumerated() { pageOfFinding[i] = SitePaths.auditPage(rule, pagination.page(ofRow: position)) }
        }
        findingsByRule = byRule
        findingSources = findings.map { f in
            let all = Set(f.sources).sorted { ($0.document, $0.zaaknummer ?? "") < ($1.document, $1.zaaknummer ?? "") }
            return (Array(all.prefix(Self.eventsPerFindingOnAPage)), all.count)
        }
        auditPageOfFinding = pageOfFinding
        var cited: [String: (zaaknummers: Set<String>, records: [Int])] = [:]
        for (i, record) in register.records.enumerated() {
            let source = record.original.source
            cited[source.document, default: ([], [])].records.append(i)
            if let z = source.zaaknummer { cited[source.document]!.zaaknummers.insert(z) }
        }
        self.cited = cited
    }

    var findingCount: Int { findings.count }

    /// Every unit of the site: the register-wide pages, each subject's, each cited document's.
    var units: [SiteUnit] {
        [.registerWide] + catalog.entries.map { .subject($0.subject) } + cited.keys.sorted().map { .document($0) }
    }

    /// Renders one unit's pages, handing each to `emit` as soon as it is made, so the caller can
    /// write it and let it go before the next is built.
    /// `from`: the first page of a subject's timeline or a document's list to render (the
    /// subject's own page is always rendered); earlier pages are left to the caller.
    func render(_ unit: SiteUnit, from: Int = 1, _ emit: (SitePage) throws -> Void) throws {
        switch unit {
        case .registerWide:
            try emit(index())
            try auditPages(emit)
            try emit(sourcesPage())
            try emit(try budgetsPage())
            try emit(wooMetadata())
        case .subject(let subject):
            guard let entry = entryOf[subject] else { return }
            try subjectPages(entry, from: from, emit)
        case .document(let document):
            try documentPages(document, from: from, emit)
        }
    }

    /// Every page, in memory: for tests and small registers; `register site` renders unit by unit.
    func all() throws -> [SitePage] {
        var pages: [SitePage] = []
        for unit in units { try render(unit) { pages.append($0) } }
        return pages
    }

    private func frame(_ path: String) -> SiteLayout.Frame {
        SiteLayout.Frame(texts: texts, path: path, registerName: register.name, inProvince: inProvince)
    }

    private let e = HTMLReport.escape

    // MARK: Links

    private func link(_ subject: Subject, from path: String, text: String? = nil) -> String {
        let label = e(text ?? subject.id)
        guard held.contains(subject) else { return label }
        return "<a href=\"\(SitePaths.root(from: path))\(SitePaths.page(subject))\">\(label)</a>"
    }

    /// A link to an event's row on the timeline page it stays on.
    private func eventLink(_ id: String, from path: String) -> String {
        guard let row = groups.rowOfEvent[id], held.contains(row.subject) else { return "<code>\(e(id))</code>" }
        let page = SitePaths.timelinePage(row.subject, pagination.page(ofRow: row.position))
        return "<a href=\"\(SitePaths.root(from: path))\(page)#\(SitePaths.eventAnchor(id))\"><code>\(e(id))</code></a>"
    }

    private func sourceLink(_ source: EventSource, from path: String) -> String {
        let text = source.document + (source.zaaknummer.map { " (\($0))" } ?? "")
        return "<a href=\"\(SitePaths.root(from: path))\(SitePaths.sources)#\(SitePaths.sourceAnchor(source.document))\">\(e(text))</a>"
    }

    private func date(_ date: CalendarDate?) -> String {
        guard let date else { return "<span class=\"none\">\(e(texts.unknown))</span>" }
        return "<time datetime=\"\(date.iso)\">\(e(texts.date(date)))</time>"
    }

    private func money(_ cents: Cents) -> String { e(HTMLReport.money(cents.value, withCents: cents.value % 100 != 0)) }

    private func balance(_ balance: Balance) -> String {
        switch balance {
        case .booked(let c): return money(c) + " (\(e(texts.booked)))"
        case let .estimate(low, high, asOf): return "\(money(low)) – \(money(high)) (\(e(texts.estimate)), \(date(asOf)))"
        case let .actual(c, asOf): return "\(money(c)) (\(e(texts.actual)), \(date(asOf)))"
        }
    }

    // MARK: The index

    private func index() -> SitePage {
        let path = SitePaths.index
        var body = SiteLayout.facts([
            (texts.generatedAt, e(generatedAt.iso)),
            (texts.onDate, date(on)),
            (texts.eventCount, String(register.eventCount)),
            (texts.headHash, "<span class=\"hash\">\(register.headHash.hex)</span>"),
            (texts.checkpoint, "<span class=\"hash\">\(register.merkleRoot.hex)</span><br>\(e(texts.checkpointNote))"),
        ])
        body += """
            <div id="search" hidden>
            <label for="search-input">\(e(texts.search))</label>
            <input id="search-input" type="search" autocomplete="off" aria-describedby="search-hint">
            <p id="search-hint" class="none">\(e(texts.searchHint))</p>
            <p id="search-status" role="status"></p>
            </div>

            """
        body += "<h2>\(e(texts.holds))</h2>\n<ul>\n"
        body += "<li><a href=\"\(SitePaths.audit)\">\(e(texts.findings))</a> (\(findings.count))</li>\n"
        body += "<li><a href=\"\(SitePaths.sources)\">\(e(texts.sources))</a></li>\n"
        body += "<li><a href=\"\(SitePaths.budgets)\">\(e(texts.multiYearBudget))</a></li>\n"
        body += "<li><a href=\"\(SitePaths.woo)\">\(e(texts.wooMetadata))</a></li>\n</ul>\n"
        let sections: [(String, String)] = [("reserve", texts.reserves), ("contract", texts.contracts), ("programme", texts.programmes),
                                            ("budget", texts.budgets), ("decision", texts.decisions)]
        for (kind, heading) in sections {
            let entries = catalog.entries.filter { $0.subject.kind == kind }
            guard !entries.isEmpty else { continue }
            body += "<h2 id=\"\(kind)\">\(e(heading)) (\(entries.count))</h2>\n<ul class=\"catalogue\">\n"
            for entry in entries {
                body += "<li>\(link(entry.subject, from: path)): \(e(label(entry)))</li>\n"
            }
            body += "</ul>\n"
        }
        return SitePage(path: path, content: SiteLayout.page(frame(path), title: "\(texts.siteTitle) \(register.name)", body: body,
                                                             script: SiteLayout.searchScript(noResults: texts.searchNoResults)))
    }

    /// A subject's label in the page's language: a decision by its status, body and title.
    private func label(_ entry: SubjectCatalog.Entry) -> String {
        switch entry.subject {
        case .decision(let id):
            guard let d = decisions[id] else { return entry.label }
            return "\(texts.decisionStatus(d.status)), \(texts.decisionBody(d.body))" + (d.title.map { ": \($0)" } ?? "")
        case .budget: return texts.budgets
        default: return entry.label
        }
    }

    // MARK: Subjects

    /// A subject's page (its facts, the latest rows of its timeline, links to the timeline's
    /// pages, its findings), then the timeline's pages of `rowsPerPage` rows, oldest first.
    private func subjectPages(_ entry: SubjectCatalog.Entry, from: Int, _ emit: (SitePage) throws -> Void) throws {
        let subject = entry.subject
        let path = SitePaths.page(subject)
        let records = groups.bySubject(subject)
        let timeline = try Timeline(subject: subject, records: records)
        let entries = Dictionary(timeline.entries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var body = ""
        switch subject {
        case .reserve(let r): body += try reserveFacts(r, records: records)
        case .contract(let c): body += contractFacts(c, records: records)
        case .decision(let d): body += decisionFacts(d, path: path)
        case .budget(let year): body += try budgetFacts(year, records: records)
        case .programme: body += ""
        }
        let pageCount = pagination.pageCount(records.count)
        body += "<h2 id=\"timeline\">\(e(texts.timeline))</h2>\n"
        let latest = records.suffix(pagination.latestRows)
        if latest.count < records.count { body += "<p>\(e(texts.latestRows(latest.count, of: records.count)))</p>\n" }
        body += timelineTable(subject, records: latest, entries: entries, path: path, caption: "\(texts.timeline): \(subject.description)")
        body += "<p>\(e(texts.wholeTimeline(pagination.rowsPerPage))) " + (1...pageCount).map { k in
            "<a href=\"\(SitePaths.root(from: path))\(SitePaths.timelinePage(subject, k))\">\(e(rowRange(k, count: records.count)))</a>"
        }.joined(separator: ", ") + "</p>\n"
        body += "<h2>\(e(texts.findings))</h2>\n" + findingsSection(subject, path: path)
        let title: String
        switch subject {
        case .budget: title = "\(texts.subjectKind(subject)) \(subject.id)"
        case .decision(let d): title = "\(texts.subjectKind(subject)) \(subject.id)" + (decisions[d]?.title.map { ": \($0)" } ?? "")
        default: title = "\(texts.subjectKind(subject)) \(subject.id): \(entry.label)"
        }
        try emit(SitePage(path: path, content: SiteLayout.page(frame(path), title: title, body: body)))
        for k in max(1, from)...max(max(1, from), pageCount) where k <= pageCount {
            let pagePath = SitePaths.timelinePage(subject, k)
            let range = rowRange(k, count: records.count)
            var html = parts(k, of: pageCount, up: (path, "\(texts.subjectKind(subject)) \(subject.id)"), from: pagePath) {
                SitePaths.timelinePage(subject, $0)
            }
            html += timelineTable(subject, records: pagination.rows(records, page: k), entries: entries, path: pagePath,
                                  caption: "\(texts.timeline): \(subject.description), \(range)")
            try emit(SitePage(path: pagePath, content: SiteLayout.page(
                frame(pagePath), title: "\(texts.subjectKind(subject)) \(subject.id): \(texts.timeline) \(texts.part(k))", body: html)))
        }
    }

    /// `501–1000`: the rows of page `k` of `count`, counted from 1.
    private func rowRange(_ k: Int, count: Int) -> String {
        let first = (k - 1) * pagination.rowsPerPage + 1, last = min(count, k * pagination.rowsPerPage)
        return last < first ? "–" : "\(first)–\(last)"
    }

    /// The way around a list's pages: up to the page the list belongs to, the previous and the next page.
    private func parts(_ k: Int, of count: Int, up: (path: String, text: String), from path: String, page: (Int) -> String) -> String {
        let root = SitePaths.root(from: path)
        var links = ["<a href=\"\(root)\(up.path)\">\(e(up.text))</a>"]
        if k > 1 { links.append("<a href=\"\(root)\(page(k - 1))\" rel=\"prev\">\(e(texts.previousPart))</a>") }
        if k < count { links.append("<a href=\"\(root)\(page(k + 1))\" rel=\"next\">\(e(texts.nextPart))</a>") }
        return "<nav aria-label=\"\(e(texts.parts))\"><p>" + links.joined(separator: " · ") + "</p></nav>\n"
    }

    /// The findings of a subject: those about it or naming its events, in the audit's order.
    private func findings(of subject: Subject) -> [Int] {
        var indices = Set(findingsOfSubject[subject] ?? [])
        for id in groups.ids(of: subject) { indices.formUnion(findingsOfEvent[id] ?? []) }
        return indices.sorted()
    }

    /// Everything a subject page's findings section shows, as one plain text: the section is the
    /// same when this is, so a regeneration compares this instead of rendering every section.
    func findingsFingerprint(_ subject: Subject) -> String {
        let own = findings(of: subject)
        var text = "\(own.count)"
        for i in own.prefix(pagination.findingsOnASubjectPage) {
            let f = findings[i]
            text += "\n\(f.id)\t\(f.severity.rawValue)\t\(f.subject?.description ?? "")\t\(f.subject.map(held.contains) ?? false)\t\(f.message)\t"
            text += "\(auditPageOfFinding[i] ?? "")\t\(f.events.count)\t" + f.events.prefix(Self.eventsPerFindingOnAPage).joined(separator: " ")
            text += "\t\(findingSources[i].count)\t" + findingSources[i].shown.map { "\($0.document) \($0.zaaknummer ?? "")" }.joined(separator: "\t")
        }
        return text
    }

    /// The findings a subject's page lists: those about the subject or naming its events, at most
    /// `findingsOnASubjectPage`, each linked to its row on the audit pages.
    func findingsSection(_ subject: Subject, path: String) -> String {
        let own = findings(of: subject)
        let shown = own.prefix(pagination.findingsOnASubjectPage)
        var html = findingsTable(shown.map { ($0, findings[$0]) }, path: path)
        if shown.count < own.count {
            html += "<p><a href=\"\(SitePaths.root(from: path))\(SitePaths.audit)\">\(e(texts.moreFindings(own.count - shown.count)))</a></p>\n"
        }
        return html
    }

    private func reserveFacts(_ reserve: ReserveNumber, records: [ResolvedRecord]) throws -> String {
        guard let answer = try ReserveProjection.project(reserve, on: on, records: records) else { return "" }
        switch answer {
        case .notYetEstablished(let establishedOn):
            return SiteLayout.facts([(texts.status, e(texts.notYet)), (texts.establishedOn, date(establishedOn))])
        case .state(let s):
            var html = SiteLayout.facts([
                (texts.onDate, date(on)), (texts.name, e(s.name)),
                (texts.status, e(s.status(on: on) == .open ? texts.open : texts.lapsed)),
                (texts.establishedOn, date(s.establishedOn)), (texts.endDate, date(s.endDate)),
                (texts.authorised, money(s.authorised)), (texts.withdrawn, money(s.withdrawn)),
                (texts.balance, balance(s.balance)), (texts.allocated, money(s.allocated)), (texts.committed, money(s.committed)),
            ])
            if !s.allocations.isEmpty {
                html += SiteLayout.table(caption: texts.allocations, headers: [texts.project, texts.amount],
                                         rows: s.allocations.map { [e($0.project), money($0.amount)] } + [[e(texts.total), money(s.allocated)]],
                                         numeric: [1], rowHeaders: true)
            }
            if !s.commitments.isEmpty {
                html += SiteLayout.table(caption: texts.commitments, headers: [texts.project, texts.amount, texts.status, texts.decision],
                                         rows: s.commitments.map {
                                             [e($0.project), money($0.amount), e(texts.commitmentStatus($0.status.name)),
                                              $0.decision.map { link(.decision($0), from: SitePaths.page(.reserve(reserve))) } ?? e(texts.none)]
                                         }, numeric: [1], rowHeaders: true)
            }
            return html
        }
    }

    private func contractFacts(_ contract: ContractID, records: [ResolvedRecord]) -> String {
        guard case .state(let s)? = ContractProjection.project(contract, on: on, records: records) else { return "" }
        var pairs: [(String, String)] = [(texts.onDate, date(on)), (texts.counterparty, e(s.counterparty))]
        if let title = s.title { pairs.append((texts.title, e(title))) }
        pairs += [(texts.status, e(texts.contractStatus(s.status(on: on)))), (texts.start, date(s.start)), (texts.endDate, date(s.endDate))]
        if let deadline = s.noticeDeadline { pairs.append((texts.noticeDeadline, date(deadline))) }
        if let intended = s.intendedEndDate { pairs.append((texts.intendedEnd, date(intended))) }
        return SiteLayout.facts(pairs)
    }

    private func decisionFacts(_ id: DecisionID, path: String) -> String {
        var html = ""
        if let d = decisions[id] {
            var pairs: [(String, String)] = [(texts.status, e(texts.decisionStatus(d.status))), (texts.body, e(texts.decisionBody(d.body))),
                                             (texts.date, date(d.date))]
            if let title = d.title { pairs.append((texts.title, e(title))) }
            if let basis = d.legalBasis { pairs.append((texts.legalBasis, e(basis))) }
            html += SiteLayout.facts(pairs)
        }
        html += "<h2>\(e(texts.authorisedMutations))</h2>\n"
        let authorised = groups.authorisedBy(id)
        if authorised.isEmpty { return html + "<p class=\"none\">\(e(texts.noAuthorisedMutations))</p>\n" }
        html += "<ul>\n"
        for record in authorised.suffix(pagination.latestRows) {
            let subjects = record.original.event.subjects.map { link($0, from: path, text: $0.description) }.joined(separator: ", ")
            html += "<li>\(eventLink(record.id, from: path)) (\(subjects)): \(e(speech.message(EventSummary.describe(record.original.event))))"
            html += mark(record).map { " <span class=\"mark\">\($0)</span>" } ?? ""
            html += "</li>\n"
        }
        html += "</ul>\n"
        if authorised.count > pagination.latestRows {
            html += "<p><a href=\"#timeline\">\(e(texts.moreInTimeline(authorised.count - pagination.latestRows)))</a></p>\n"
        }
        return html
    }

    private func budgetFacts(_ year: Int, records: [ResolvedRecord]) throws -> String {
        guard let s = try BudgetProjection.project(year: year, on: on, records: records) else { return "" }
        let path = SitePaths.page(.budget(year: year))
        var rows = s.programmes.map { [link(.programme($0.programme), from: path, text: $0.name), money($0.amount)] }
        rows.append([e(texts.total), money(s.total)])
        if let stated = s.statedTotal { rows.append([e(texts.statedTotal), money(stated) + " " + totalsCheck(s)]) }
        return SiteLayout.facts([(texts.onDate, date(on))])
            + SiteLayout.table(caption: "\(texts.budgets) \(year)", headers: [texts.programme, texts.amount], rows: rows, numeric: [1], rowHeaders: true)
    }

    private func totalsCheck(_ s: BudgetState) -> String {
        guard s.statedTotal != nil else { return "<span class=\"none\">\(e(texts.noStatedTotal))</span>" }
        guard let difference = s.statedDifference, difference == .zero else {
            return "<span class=\"bad\">\(e(texts.totalsDiffer))" + (s.statedDifference.map { " (\(e(texts.difference)) \(money($0)))" } ?? "") + "</span>"
        }
        return "<span class=\"good\">\(e(texts.totalsAgree))</span>"
    }

    private func mark(_ record: ResolvedRecord) -> String? {
        switch record.standing {
        case .counts: return nil
        case .corrected(let by): return e(texts.corrected + " " + by.joined(separator: ", "))
        case .retracted(let by): return e(texts.retracted + " " + by)
        }
    }

    /// Rows of a subject's timeline, in the order the events were recorded; each row's figures
    /// (what it changed) come from the whole timeline in effect order.
    private func timelineTable(_ subject: Subject, records: ArraySlice<ResolvedRecord>, entries: [String: Timeline.Entry], path: String,
                               caption: String) -> String {
        var rows: [[String]] = [], ids: [String?] = []
        for record in records {
            let markHTML = mark(record).map { "<span class=\"mark\">\($0)</span>" } ?? ""
            guard let entry = entries[record.id] else {
                rows.append([date(record.original.effectiveDate), e(record.original.recordedAt.iso), "<code>\(e(record.original.type.rawValue))</code>",
                             e(speech.message(EventSummary.describe(record.original.event))), "",
                             record.original.event.authorisingDecision.map { link(.decision($0), from: path) } ?? "<span class=\"none\">\(e(texts.none))</span>",
                             sourceLink(record.original.source, from: path), markHTML])
                ids.append(SitePaths.eventAnchor(record.id))
                continue
            }
            let changes = entry.changes.isEmpty ? "" : "<ul>" + entry.changes.map { "<li>\(e("\(speech.value($0.field)): \(speech.value($0.before)) → \(speech.value($0.after))"))</li>" }.joined() + "</ul>"
            let assumptions = entry.assumptions.isEmpty ? "" : "<p><strong>\(e(texts.assumptions)):</strong> " + entry.assumptions.map(e).joined(separator: " ") + "</p>"
            rows.append([date(entry.effectiveDate), e(entry.recordedAt.iso), "<code>\(e(entry.type.rawValue))</code>",
                         e(speech.message(entry.summary)) + assumptions, changes,
                         entry.decision.map { link(.decision($0), from: path) } ?? "<span class=\"none\">\(e(texts.none))</span>",
                         sourceLink(entry.source, from: path), markHTML])
            ids.append(SitePaths.eventAnchor(entry.id))
        }
        return SiteLayout.table(
            caption: caption,
            headers: [texts.effective, texts.recorded, texts.type, texts.summary, texts.changes, texts.decision, texts.source, texts.mark],
            rows: rows, rowIDs: ids)
    }

    // MARK: Findings, sources, budgets

    /// The findings as a table (each with its index into `findings`); each lists at most
    /// `eventsPerFindingOnAPage` events and points to its subject's timeline for the rest.
    private func findingsTable(_ rows: [(Int, Finding)], path: String) -> String {
        guard !rows.isEmpty else { return "<p class=\"none\">\(e(texts.noFindings))</p>\n" }
        let root = SitePaths.root(from: path)
        return SiteLayout.table(
            caption: texts.findings, headers: [texts.severity, texts.finding, texts.subject, texts.message, texts.events, texts.sources],
            rows: rows.map { i, f in
                let id = "<code>\(e(f.id))</code>"
                let auditPage = auditPageOfFinding[i].map { $0 == path ? "" : root + $0 } ?? ""
                return [e(speech.text(f.severity.rawValue)), auditPageOfFinding[i] == nil ? id : "<a href=\"\(auditPage)#\(SitePaths.findingAnchor(f.id))\">\(id)</a>",
                        f.subject.map { link($0, from: path, text: $0.description) } ?? "",
                        e(speech.message(f.message)), events(of: f, path: path), sources(of: i, path: path)]
            }, rowIDs: rows.map { SitePaths.findingAnchor($0.1.id) })
    }

    private func events(of finding: Finding, path: String) -> String {
        let shown = finding.events.prefix(Self.eventsPerFindingOnAPage)
        var html = shown.map { eventLink($0, from: path) }.joined(separator: ", ")
        if shown.count < finding.events.count {
            let more = e(texts.andMoreInTimeline(finding.events.count - shown.count))
            if let subject = finding.subject, held.contains(subject) {
                html += " <a href=\"\(SitePaths.root(from: path))\(SitePaths.page(subject))#timeline\">\(more)</a>"
            } else {
                html += " " + more
            }
        }
        return html
    }

    /// A finding's sources, at most `eventsPerFindingOnAPage` of them.
    private func sources(of finding: Int, path: String) -> String {
        let (shown, count) = findingSources[finding]
        return shown.map { sourceLink($0, from: path) }.joined(separator: ", ")
            + (shown.count < count ? " " + e(texts.andMoreInPages(count - shown.count)) : "")
    }

    /// The audit page: the rules with findings, how many each, and the pages that list them.
    private func auditPages(_ emit: (SitePage) throws -> Void) throws {
        let path = SitePaths.audit
        let rows = findingsByRule.map { rule, indices in
            let count = pagination.pageCount(indices.count)
            return ["<code>\(e(rule))</code>", String(indices.count),
                    Set(indices.map { findings[$0].severity }).sorted().map { e($0.rawValue) }.joined(separator: ", "),
                    (1...count).map { "<a href=\"\(SitePaths.auditPage(rule, $0))\">\(e(rowRange($0, count: indices.count)))</a>" }.joined(separator: ", ")]
        }
        var body = SiteLayout.facts([(texts.onDate, date(on)), (texts.findings, String(findings.count))])
        body += rows.isEmpty ? "<p class=\"none\">\(e(texts.noFindings))</p>\n"
            : SiteLayout.table(caption: texts.findings, headers: [texts.rule, texts.findings, texts.severity, texts.parts], rows: rows,
                               numeric: [1], rowHeaders: true)
        try emit(SitePage(path: path, content: SiteLayout.page(frame(path), title: texts.findings, body: body)))
        for (rule, indices) in findingsByRule {
            let count = pagination.pageCount(indices.count)
            for k in 1...count {
                let pagePath = SitePaths.auditPage(rule, k)
                var html = parts(k, of: count, up: (path, texts.findings), from: pagePath) { SitePaths.auditPage(rule, $0) }
                html += SiteLayout.facts([(texts.onDate, date(on))])
                html += findingsTable(pagination.rows(indices, page: k).map { ($0, findings[$0]) }, path: pagePath)
                try emit(SitePage(path: pagePath, content: SiteLayout.page(
                    frame(pagePath), title: "\(texts.findings): \(rule), \(texts.part(k))", body: html)))
            }
        }
    }

    /// How many zaaknummers a document's row on the sources page lists.
    static let zaaknummersOnTheSourcesPage = 10

    private func sourcesPage() -> SitePage {
        let path = SitePaths.sources
        let documents = cited.keys.sorted()
        let rows = documents.map { document in
            let (zaaknummers, records) = cited[document]!
            let sorted = zaaknummers.sorted()
            var z = sorted.prefix(Self.zaaknummersOnTheSourcesPage).map(e).joined(separator: ", ")
            if sorted.count > Self.zaaknummersOnTheSourcesPage { z += " " + e(texts.andMoreInPages(sorted.count - Self.zaaknummersOnTheSourcesPage)) }
            let pages = (1...pagination.pageCount(records.count)).map {
                "<a href=\"\(SitePaths.sourcePage(document, $0))\">\(e(rowRange($0, count: records.count)))</a>"
            }
            return [e(document), z,
                    register.sourceHashes[document].map { "<span class=\"hash\">\($0.hex)</span>" } ?? "<span class=\"none\">\(e(texts.hashUnknown))</span>",
                    e(texts.eventsCounted(records.count)) + ": " + pages.joined(separator: ", ")]
        }
        let body = SiteLayout.table(caption: texts.sources, headers: [texts.document, texts.zaaknummer, texts.sha256, texts.citedBy],
                                    rows: rows, rowIDs: documents.map(SitePaths.sourceAnchor), rowHeaders: true)
        return SitePage(path: path, content: SiteLayout.page(frame(path), title: texts.sources, body: body))
    }

    /// The events citing one document, in the order they were recorded, `rowsPerPage` a page.
    /// A row shows only what an event keeps for good (its id, type, date and zaaknummer as recorded),
    /// so a page changes only when events are added to it.
    private func documentPages(_ document: String, from: Int, _ emit: (SitePage) throws -> Void) throws {
        guard let (_, records) = cited[document] else { return }
        let count = pagination.pageCount(records.count)
        for k in max(1, from)...max(max(1, from), count) where k <= count {
            let path = SitePaths.sourcePage(document, k)
            var html = parts(k, of: count, up: (SitePaths.sources + "#" + SitePaths.sourceAnchor(document), texts.sources), from: path) {
                SitePaths.sourcePage(document, $0)
            }
            let rows: [[String]] = pagination.rows(records, page: k).map { i in
                let record = register.records[i].original
                return [eventLink(record.id, from: path), "<code>\(e(record.type.rawValue))</code>", date(record.effectiveDate),
                        record.source.zaaknummer.map(e) ?? "<span class=\"none\">\(e(texts.none))</span>"]
            }
            html += SiteLayout.table(caption: "\(texts.citedBy): \(document), \(rowRange(k, count: records.count))",
                                     headers: [texts.events, texts.type, texts.effective, texts.zaaknummer], rows: rows)
            try emit(SitePage(path: path, content: SiteLayout.page(frame(path), title: "\(texts.source) \(document): \(texts.citedBy) \(texts.part(k))",
                                                                   body: html)))
        }
    }

    /// Every year's programme budgets side by side, with the computed and the stated totals.
    private func budgetsPage() throws -> SitePage {
        let path = SitePaths.budgets
        let years = BudgetProjection.years(in: register.records)
        var states: [Int: BudgetState] = [:]
        for year in years { states[year] = try BudgetProjection.project(year: year, on: on, records: groups.bySubject(.budget(year: year))) }
        var programmes: [(ProgrammeID, String)] = []
        for year in years { for p in states[year]?.programmes ?? [] where !programmes.contains(where: { $0.0 == p.programme }) { programmes.append((p.programme, p.name)) } }
        var rows: [[String]] = programmes.map { id, name in
            [link(.programme(id), from: path, text: name)] + years.map { year in
                (states[year]?.programmes.first { $0.programme == id }).map { money($0.amount) } ?? "–"
            }
        }
        rows.append([e(texts.total)] + years.map { states[$0].map { money($0.total) } ?? "–" })
        rows.append([e(texts.statedTotal)] + years.map { states[$0]?.statedTotal.map(money) ?? "–" })
        rows.append([e(texts.difference)] + years.map { states[$0].map(totalsCheck) ?? "–" })
        let headerHTML = [e(texts.programme)] + years.map { link(.budget(year: $0), from: path, text: String($0)) }
        let table = SiteLayout.table(caption: texts.multiYearBudget, headers: [texts.programme] + years.map(String.init), rows: rows,
                                     numeric: Set(1...max(1, years.count)), rowHeaders: true, headerHTML: headerHTML)
        let body = SiteLayout.facts([(texts.onDate, date(on))]) + table
        return SitePage(path: path, content: SiteLayout.page(frame(path), title: texts.multiYearBudget, body: body))
    }

    private func wooMetadata() -> SitePage {
        SitePage(path: SitePaths.woo, content: JSONWriter.prettyString(WooMetadata.document(
            decisions: decisions, records: register.records, sourceHashes: register.sourceHashes, settings: wooSettings)))
    }
}
