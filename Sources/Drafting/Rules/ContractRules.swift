import EventStore

/// Contracts: a term the document states (`Het contract loopt van 2023 tot eind 2026`), the day
/// by which the parties must say whether they continue, and an intention to extend
/// (`Het college is voornemens om het contract … te verlengen`, `met 4 jaar te verlengen`), which
/// is drafted as an intention only: it moves no end date.
enum ContractRules {
    static func drafts(_ r: DocumentReading) -> [DraftEvent] {
        var drafts: [DraftEvent] = []
        let award = self.award(r)
        if let award { drafts.append(award) }
        if let intention = intention(r, award: award) { drafts.append(intention) }
        return drafts
    }

    private static func award(_ r: DocumentReading) -> DraftEvent? {
        guard let m = term.firstMatch(in: r.text[...]), let s = m["start"], let e = m["end"], let till = m["till"],
              let start = try? DatePhrase.read(NameText.tidy(r.text[s])), let end = try? DatePhrase.read(NameText.tidy(r.text[e])) else { return nil }
        let sentence = r.quote(r.source.sentence(around: m.range))
        var fields: [DraftField] = []
        let startField: DraftField = start.isDay ? .quoted("start", .date(start.firstDay), r.quote(s))
            : DraftField("start", .date(start.firstDay), .derived(how: "'van \(NameText.tidy(r.text[s]))': from its first day", from: [r.quote(s)]))
        let through = !r.text[till].lowercased().hasPrefix("tot ") || r.text[till].lowercased().hasPrefix("tot en met")
        let endField: DraftField
        if end.isDay {
            endField = .quoted("end", .date(end.lastDay), r.quote(e))
        } else if through {
            endField = DraftField("end", .date(end.lastDay), .derived(how: "'t/m \(NameText.tidy(r.text[e]))': through its last day", from: [r.quote(e)]))
        } else {
            endField = .unknown("end", "'tot \(NameText.tidy(r.text[e]))' may mean up to its start or through its end; give the last day")
        }
        let party = m["party"].map { (trimmed(NameText.tidy(r.text[$0])), r.quote($0)) } ?? mostNamedParty(r)
        if let party {
            fields.append(DraftField("contract", .text(NameText.slug(party.0)), .derived(how: "made from the counterparty's name", from: [party.1])))
            fields.append(.quoted("counterparty", .text(party.0), party.1))
        } else {
            fields.append(.unknown("contract", "the document does not say with whom the contract is; give an id for it"))
            fields.append(.unknown("counterparty", "the document does not say with whom the contract is"))
        }
        fields += [startField, endField]
        if let notice = noticeDeadline(r) { fields.append(notice) }
        fields.append(.unknown("decision", "the document names no award decision (the audit reports a contract without one)"))
        let effective: DraftField
        if case .date(let first)? = startField.value {
            let day = first.adding(days: -1)
            effective = DraftField("effectiveDate", .date(day), .assumed(
                reason: "The document gives no award date. A contract is awarded before its first day (\(first.iso)), so the award is "
                    + "dated at the latest day that allows, \(day.iso).", from: [r.quote(s)]))
        } else {
            effective = .unknown("effectiveDate", "the document gives no award date")
        }
        return DraftEvent(type: .contractAwarded, basis: "a contract term the document states (\(sentence.lines))", fields: [effective] + fields,
                          remarks: ["'\(sentence.oneLine)'"])
    }

    /// `eind 2025 … formeel moeten aangeven of zij de samenwerking wensen voort te zetten`.
    private static func noticeDeadline(_ r: DocumentReading) -> DraftField? {
        for pattern in notice {
            guard let m = pattern.firstMatch(in: r.text[...]), let w = m["when"],
                  let when = try? DatePhrase.read(NameText.tidy(r.text[w])), when.isDay else { continue }
            return .quoted("noticeDeadline", .date(when.lastDay), r.quote(w))
        }
        return nil
    }

    private static func intention(_ r: DocumentReading, award: DraftEvent?) -> DraftEvent? {
        var best: (TextMatch, years: (Int, Quote)?)? = nil
        for m in intends.matches(in: r.text) {
            var years: (Int, Quote)? = nil
            if let n = m["n"], let count = number(r.text[n]) {
                years = (count, r.quote(m.range))
            } else {
                let after = r.text[m.range.upperBound...].prefix(300)
                if let y = extensionYears.firstMatch(in: after), let n = y["n"], let count = number(r.text[n]) {
                    years = (count, r.quote(y.range))
                }
            }
            if best == nil || (best?.years == nil && years != nil) { best = (m, years) }
        }
        guard let (m, years) = best, let who = m["who"] else { return nil }
        let sentence = r.quote(r.source.sentence(around: m.range))
        var fields: [DraftField] = []
        if let documentDate = r.documentDate {
            fields.append(.quoted("effectiveDate", .date(documentDate.date.firstDay), documentDate.quote))
        } else {
            fields.append(.unknown("effectiveDate", "the document is not dated; give the day of the intention (the letter's date)"))
        }
        if let contract = award?["contract"], contract.isKnown {
            fields.append(contract)
        } else if let party = m["party"] {
            let name = trimmed(NameText.tidy(r.text[party]))
            fields.append(DraftField("contract", .text(NameText.slug(name)), .derived(how: "made from the counterparty's name", from: [r.quote(party)])))
        } else {
            fields.append(.unknown("contract", "the document does not say which contract"))
        }
        if let years, case .date(let end)? = award?.value("end"), let endQuote = award?["end"]?.provenance?.quotes.first {
            let newEnd = (try? CalendarDate(year: end.year + years.0, month: end.month, day: min(end.day, DateText.daysIn(month: end.month, year: end.year + years.0)))) ?? end
            fields.append(DraftField("newEndDate", .date(newEnd), .derived(
                how: "the contract's end (\(end.iso)) plus the \(years.0) years of the intended extension", from: [endQuote, years.1])))
        } else {
            fields.append(.unknown("newEndDate", years == nil ? "the document does not say by how long" : "the document does not say when the contract ends now"))
        }
        if let notice = award?["noticeDeadline"], case .date(let day)? = notice.value {
            fields.append(DraftField("decideBy", .date(day), .derived(how: "the day by which both parties must say whether they continue",
                                                                     from: notice.provenance?.quotes ?? [])))
        }
        fields.append(DraftField("body", .text("college"), .quoted(r.quote(who))))
        return DraftEvent(type: .contractExtensionIntended, basis: "an intention to extend (\(sentence.lines)): it moves no end date", fields: fields,
                          remarks: ["'\(sentence.oneLine)'" + (years.map { sentence.text.contains($0.1.text) ? "" : " '\($0.1.oneLine)'" } ?? "")])
    }

    /// The party most often named in `contract met …`.
    private static func mostNamedParty(_ r: DocumentReading) -> (String, Quote)? {
        var counts: [String: (Int, Quote)] = [:]
        for m in contractWith.matches(in: r.text) {
            guard let p = m["party"] else { continue }
            let name = trimmed(NameText.tidy(r.text[p]))
            guard !name.isEmpty else { continue }
            counts[name] = ((counts[name]?.0 ?? 0) + 1, counts[name]?.1 ?? r.quote(p))
        }
        return counts.max { a, b in a.value.0 != b.value.0 ? a.value.0 < b.value.0 : a.value.1 > b.value.1 }.map { ($0.key, $0.value.1) }
    }

    /// A name without the joining words a capitalised run can end in.
    private static func trimmed(_ name: String) -> String {
        var words = name.split(separator: " ")
        while let last = words.last, ["van", "de", "der", "den", "het", "voor", "aan"].contains(last) { words.removeLast() }
        return words.joined(separator: " ")
    }

    private static func number(_ text: Substring) -> Int? {
        let words = ["een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "tien": 10]
        return Int(text) ?? words[text.lowercased()]
    }

    // MARK: Patterns

    private static let count = #"(?<n>\d{1,2}|een|één|twee|drie|vier|vijf|zes|zeven|acht|tien)"#
    static let term = TextPattern(#"\b(?:het|dit|de)\s+(?:contract|overeenkomst)(?:\s+met\s+(?<party>"# + Phrases.properName + #"))?\s+loopt\s+(?:van(?:af)?\s+)(?<start>"#
                                  + Phrases.dayOrMonth + #"|\d{4})\s+(?<till>tot\s+en\s+met|t/m|tot)\s+(?<end>"# + Phrases.dayOrMonth + "|" + Phrases.endOfYear + #"|\d{4})"#)
    static let contractWith = TextPattern(#"\b(?:contract|overeenkomst)\s+met\s+(?<party>"# + Phrases.properName + ")")
    static let notice: [TextPattern] = [
        TextPattern(#"(?<when>"# + Phrases.endOfYear + "|" + Phrases.day + #")\s+[^.]{0,160}?(?:moeten|moet|dienen|dient)\s+(?:[^.]{0,60}?\s)?(?:aangeven|laten\s+weten)\s+of"#),
        TextPattern(#"uiterlijk\s+(?<when>"# + Phrases.day + "|" + Phrases.endOfYear + #")\s+[^.]{0,120}?(?:opzeggen|opgezegd|aangeven\s+of|laten\s+weten\s+of)"#),
    ]
    static let intends = TextPattern(#"(?<who>het\s+college|wij|burgemeester\s+en\s+wethouders)\s+(?:is|zijn|heeft|hebben)\s+(?:voornemens|van\s+plan|het\s+voornemen)\s+(?:om\s+)?(?:het|de)\s+(?:contract|overeenkomst)(?:\s+met\s+(?<party>"#
                                     + Phrases.properName + #"))?(?:\s+(?:met|voor)\s+"# + count + #"\s+jaar)?\s+te\s+verlengen"#)
    static let extensionYears = TextPattern(#"verlenging\s+(?:van\s+)?(?:een\s+periode\s+van\s+|met\s+)?"# + count + #"\s+jaar"#)
}
