import EventStore
import Projections

/// One file of the site: its path inside the register's folder and its bytes as text.
struct SitePage: Equatable, Sendable {
    let path: String
    let content: String
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

    private let groups: SiteRecordGroups
    private let catalog: SubjectCatalog
    /// The subjects that have a page.
    private let held: Set<Subject>
    private let decisions: DecisionIndex
    private let findings: [Finding]
    /// For each event id, the findings (indices into `findings`) that name it: one pass, so a page
    /// finds its findings without scanning every finding's events.
    private let findingsOfEvent: [String: [Int]]
    /// For each subject, the findings about it.
    private let findingsOfSubject: [Subject: [Int]]

    /// How many events a finding lists on a subject's page; the audit page lists them all.
    static let eventsPerFindingOnAPage = 12

    init(register: SiteRegister, texts: SiteTexts, on: CalendarDate, generatedAt: RecordedInstant, inProvince: Bool,
         wooSettings: RegisterSettings?) throws {
        self.register = register
        self.texts = texts
        self.on = on
        self.generatedAt = generatedAt
        self.inProvince = inProvince
        self.wooSettings = wooSettings
        groups = SiteRecordGroups(records: register.records)
        catalog = SubjectCatalog(records: register.records)
        held = Set(catalog.entries.map(\.subject))
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
    }

    var findingCount: Int { findings.count }

    func all() throws -> [SitePage] {
        var pages = [index(), auditPage(), sourcesPage(), try budgetsPage(), wooMetadata()]
        for entry in catalog.entries { pages.append(try subjectPage(entry)) }
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

    private func eventLink(_ id: String, from path: String) -> String {
        guard let subject = groups.pageOfEvent[id] else { return "<code>\(e(id))</code>" }
        return "<a href=\"\(SitePaths.root(from: path))\(SitePaths.page(subject))#\(SitePaths.eventAnchor(id))\"><code>\(e(id))</code></a>"
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

    private func subjectPage(_ entry: SubjectCatalog.Entry) throws -> SitePage {
        let subject = entry.subject
        let path = SitePaths.page(subject)
        let records = groups.bySubject[subject] ?? []
        var body = ""
        switch subject {
        case .reserve(let r): body += try reserveFacts(r, records: records)
        case .contract(let c): body += contractFacts(c, records: records)
        case .decision(let d): body += decisionFacts(d, path: path)
        case .budget(let year): body += try budgetFacts(year, records: records)
        case .programme: body += ""
        }
        body += try timeline(subject, records: records, path: path)
        var indices = Set(findingsOfSubject[subject] ?? [])
        for record in records { indices.formUnion(findingsOfEvent[record.id] ?? []) }
        let own = indices.sorted().map { findings[$0] }
        body += "<h2>\(e(texts.findings))</h2>\n" + findingsTable(own, path: path, eventLimit: Self.eventsPerFindingOnAPage)
        let title: String
        switch subject {
        case .budget: title = "\(texts.subjectKind(subject)) \(subject.id)"
        case .decision(let d): title = "\(texts.subjectKind(subject)) \(subject.id)" + (decisions[d]?.title.map { ": \($0)" } ?? "")
        default: title = "\(texts.subjectKind(subject)) \(subject.id): \(entry.label)"
        }
        return SitePage(path: path, content: SiteLayout.page(frame(path), title: title, body: body))
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
        let authorised = groups.authorisedBy[id] ?? []
        if authorised.isEmpty { return html + "<p class=\"none\">\(e(texts.noAuthorisedMutations))</p>\n" }
        html += "<ul>\n"
        for record in authorised {
            let subjects = record.original.event.subjects.map { link($0, from: path, text: $0.description) }.joined(separator: ", ")
            html += "<li>\(eventLink(record.id, from: path)) (\(subjects)): \(e(texts.speech.message(EventSummary.describe(record.original.event))))"
            html += mark(record).map { " <span class=\"mark\">\($0)</span>" } ?? ""
            html += "</li>\n"
        }
        return html + "</ul>\n"
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

    private func timeline(_ subject: Subject, records: [ResolvedRecord], path: String) throws -> String {
        let timeline = try Timeline(subject: subject, records: records)
        let standingOf = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [[String]] = [], ids: [String?] = []
        for entry in timeline.entries {
            let changes = entry.changes.isEmpty ? "" : "<ul>" + entry.changes.map { "<li>\(e("\(texts.speech.value($0.field)): \(texts.speech.value($0.before)) → \(texts.speech.value($0.after))"))</li>" }.joined() + "</ul>"
            let assumptions = entry.assumptions.isEmpty ? "" : "<p><strong>\(e(texts.assumptions)):</strong> " + entry.assumptions.map(e).joined(separator: " ") + "</p>"
            rows.append([date(entry.effectiveDate), e(entry.recordedAt.iso), "<code>\(e(entry.type.rawValue))</code>",
                         e(texts.speech.message(entry.summary)) + assumptions, changes,
                         entry.decision.map { link(.decision($0), from: path) } ?? "<span class=\"none\">\(e(texts.none))</span>",
                         sourceLink(entry.source, from: path),
                         standingOf[entry.id].flatMap(mark).map { "<span class=\"mark\">\($0)</span>" } ?? ""])
            ids.append(SitePaths.eventAnchor(entry.id))
        }
        return "<h2>\(e(texts.timeline))</h2>\n" + SiteLayout.table(
            caption: "\(texts.timeline): \(subject.description)",
            headers: [texts.effective, texts.recorded, texts.type, texts.summary, texts.changes, texts.decision, texts.source, texts.mark],
            rows: rows, rowIDs: ids)
    }

    // MARK: Findings, sources, budgets

    /// The findings as a table; with `eventLimit`, each lists at most that many events and links
    /// to the audit page for the rest.
    private func findingsTable(_ findings: [Finding], path: String, eventLimit: Int? = nil) -> String {
        guard !findings.isEmpty else { return "<p class=\"none\">\(e(texts.noFindings))</p>\n" }
        return SiteLayout.table(
            caption: texts.findings, headers: [texts.severity, texts.finding, texts.subject, texts.message, texts.events, texts.sources],
            rows: findings.map { f in
                [e(texts.speech.text(f.severity.rawValue)), "<code>\(e(f.id))</code>", f.subject.map { link($0, from: path, text: $0.description) } ?? "",
                 e(texts.speech.message(f.message)), events(of: f, path: path, limit: eventLimit),
                 Set(f.sources).sorted { ($0.document, $0.zaaknummer ?? "") < ($1.document, $1.zaaknummer ?? "") }.map { sourceLink($0, from: path) }.joined(separator: ", ")]
            }, rowIDs: findings.map { SitePaths.findingAnchor($0.id) })
    }

    private func events(of finding: Finding, path: String, limit: Int?) -> String {
        let shown = limit.map { Array(finding.events.prefix($0)) } ?? finding.events
        var html = shown.map { eventLink($0, from: path) }.joined(separator: ", ")
        if shown.count < finding.events.count {
            html += " <a href=\"\(SitePaths.root(from: path))\(SitePaths.audit)#\(SitePaths.findingAnchor(finding.id))\">"
                + e(texts.andMore(finding.events.count - shown.count)) + "</a>"
        }
        return html
    }

    private func auditPage() -> SitePage {
        let path = SitePaths.audit
        let body = SiteLayout.facts([(texts.onDate, date(on))]) + findingsTable(findings, path: path)
        return SitePage(path: path, content: SiteLayout.page(frame(path), title: texts.findings, body: body))
    }

    private func sourcesPage() -> SitePage {
        let path = SitePaths.sources
        var cited: [String: (zaaknummers: Set<String>, events: [String])] = [:]
        for record in register.records {
            let source = record.original.source
            cited[source.document, default: ([], [])].events.append(record.id)
            if let z = source.zaaknummer { cited[source.document]!.zaaknummers.insert(z) }
        }
        let documents = cited.keys.sorted()
        let rows = documents.map { document in
            [e(document), cited[document]!.zaaknummers.sorted().map(e).joined(separator: ", "),
             register.sourceHashes[document].map { "<span class=\"hash\">\($0.hex)</span>" } ?? "<span class=\"none\">\(e(texts.hashUnknown))</span>",
             cited[document]!.events.map { eventLink($0, from: path) }.joined(separator: ", ")]
        }
        let body = SiteLayout.table(caption: texts.sources, headers: [texts.document, texts.zaaknummer, texts.sha256, texts.citedBy],
                                    rows: rows, rowIDs: documents.map(SitePaths.sourceAnchor), rowHeaders: true)
        return SitePage(path: path, content: SiteLayout.page(frame(path), title: texts.sources, body: body))
    }

    /// Every year's programme budgets side by side, with the computed and the stated totals.
    private func budgetsPage() throws -> SitePage {
        let path = SitePaths.budgets
        let years = BudgetProjection.years(in: register.records)
        var states: [Int: BudgetState] = [:]
        for year in years { states[year] = try BudgetProjection.project(year: year, on: on, records: groups.bySubject[.budget(year: year)] ?? []) }
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
