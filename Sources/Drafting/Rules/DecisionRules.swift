import EventStore
import Projections

/// Decisions: the document's own (proposed in a raadsvoorstel, taken when signed), the related
/// decisions it lists, and the decisions it says were taken (`In juni 2019 heeft de gemeenteraad
/// het investeringsplan sociaal domein vastgesteld`).
///
/// A proposal is drafted as `decision-proposed` and a signed decision as `decision-taken`; a
/// raadsinformatiebrief decides nothing and is drafted as no decision at all.
enum DecisionRules {
    /// The document's own decision, as far as it has one.
    struct Own {
        var proposed: DraftEvent?
        var taken: DraftEvent?
        /// The decision id every change the decision makes names (its zaaknummer), or unknown.
        var decision: DraftField
        /// When the decided changes take effect: the taken decision's effective date.
        var effective: DraftField
    }

    static func own(_ r: DocumentReading) -> Own {
        let decision = r.zaaknummer.map { DraftField.quoted("decision", .text($0.value), $0.quote) }
            ?? .unknown("decision", "the document states no zaaknummer; give the decision's number")
        var own = Own(proposed: nil, taken: nil, decision: decision,
                      effective: .unknown("effectiveDate", "the decision is not dated in the document"))
        guard r.kind == .proposal || r.kind.decides else { return own }

        var common: [DraftField] = [decision]
        if let title = r.title { common.append(.quoted("title", .text(title.text), title.quote)) }
        if let basis = r.legalBasis {
            common.append(DraftField("legalBasis", .text(basis.text), .derived(how: "written as the register writes a legal basis", from: [basis.quote])))
        }

        if r.kind == .proposal || r.kind == .proposalWithDecision {
            var fields: [DraftField] = []
            let proposalDate = r.documentDate.flatMap { $0.what == "the college's proposal" || $0.what == "the document's date" ? $0 : nil }
            if let d = proposalDate {
                fields.append(.quoted("effectiveDate", .date(d.date.firstDay), d.quote))
            } else {
                fields.append(.unknown("effectiveDate", "the proposal is not dated in the document"))
            }
            fields += common.prefix(1)
            if let heading = r.raadsvoorstel ?? r.proposal?.heading {
                fields.append(DraftField("body", .text("raad"), .derived(how: "a raadsvoorstel is put to the raad", from: [heading])))
            } else {
                fields.append(.unknown("body", "the document does not say who is to decide"))
            }
            fields += common.dropFirst()
            if let d = proposalDate {
                fields.append(.quoted("date", .date(d.date.firstDay), d.quote))
                if d.what == "the college's proposal" {
                    fields.append(DraftField("proposedBy", .text("college"), .quoted(d.quote)))
                }
            } else {
                fields.append(.unknown("date", "the proposal is not dated in the document; 'unknown' records it as not known"))
            }
            if !fields.contains(where: { $0.key == "proposedBy" }), let m = collegeSignature.firstMatch(in: r.text[...]) {
                fields.append(DraftField("proposedBy", .text("college"), .quoted(r.quote(m.range))))
            }
            var remarks: [String] = []
            if let p = r.proposal, !p.text.isEmpty {
                remarks.append("Voorgesteld besluit (\(r.quote(p.text).lines)): '\(r.quote(p.text).oneLine)'")
            }
            if r.kind == .proposal {
                remarks.append("A proposal decides nothing: what it proposes is drafted from the signed decision, once there is one.")
            }
            own.proposed = DraftEvent(type: .decisionProposed, basis: "the proposed decision (\(r.proposal?.heading.lines ?? r.raadsvoorstel?.lines ?? "?"))",
                                      fields: order(fields), remarks: remarks)
        }

        if r.kind.decides, let signature = r.signature {
            var fields: [DraftField] = []
            let effective: DraftField
            if let signed = signature.date {
                effective = .quoted("effectiveDate", .date(signed.date.firstDay), signed.quote)
                fields.append(.quoted("date", .date(signed.date.firstDay), signed.quote))
            } else {
                fields.append(.quoted("date", .blank, signature.quote, remark: "the meeting date is blank in the document"))
                fields.append(.quoted("dateNote", .text("blank in the source: '\(signature.quote.oneLine)' gives no date"), signature.quote))
                effective = deadline(r, signature: signature.quote)
                    ?? .unknown("effectiveDate", "the meeting date is blank in the document and it sets no deadline; give the day the decision takes effect")
            }
            fields.append(effective)
            fields += common
            if let body = r.decidingBody {
                fields.append(.quoted("body", .text(body.body), body.quote))
            } else {
                fields.append(.unknown("body", "the decision text does not say who decides"))
            }
            own.taken = DraftEvent(type: .decisionTaken, basis: "the signed decision (lines \(r.decisionMarker?.firstLine ?? signature.quote.firstLine)-\(signature.quote.lastLine))",
                                   fields: order(fields))
            own.effective = effective
        }
        return own
    }

    /// A blank meeting date with a deadline in the document: `nog dit jaar` in a document of
    /// 8 November 2022 makes 31 December 2022 the latest day the decision can have been taken.
    static func deadline(_ r: DocumentReading, signature: Quote) -> DraftField? {
        guard let m = thisYear.firstMatch(in: r.text[...]), let date = r.documentDate else { return nil }
        let deadline = DatePhrase.year(date.date.year).lastDay
        let phrase = r.quote(m.range)
        return DraftField("effectiveDate", .date(deadline), .assumed(
            reason: "The meeting date is blank ('\(signature.oneLine)'). The document requires the decision '\(phrase.oneLine)' "
                + "and is of \(date.date.firstDay.iso) (\(date.what)), so the decision is taken as made in \(date.date.year) and dated at "
                + "the latest day that allows, \(deadline.iso). The decision's own date stays unknown.",
            from: [phrase, date.quote, signature]))
    }

    // MARK: Decisions the document names

    /// A decision the document names in its list of related decisions.
    struct Related {
        enum Kind { case proposal, decision, information }
        let id: String
        let idQuote: Quote
        let title: String
        let kind: Kind
        let date: (date: DatePhrase, quote: Quote)?
        /// The whole entry.
        let quote: Quote
    }

    /// A decision the document says was taken: by whom, what, when, and the money it made available.
    struct Adoption {
        let title: String
        let titleQuote: Quote
        let body: String
        let bodyQuote: Quote
        let when: DatePhrase
        let whenQuote: Quote
        let quote: Quote
        let money: (cents: Int64, quote: Quote)?
    }

    /// The decisions drafted from related decisions and adoptions, and for each adoption that
    /// made money available, the decision that did (for the addition and as the authority of a
    /// raadsinformatiebrief's earmarks).
    struct Named {
        var drafts: [DraftEvent] = []
        var fundings: [(adoption: Adoption, decision: DraftField, effective: DraftField)] = []
    }

    static func named(_ r: DocumentReading, excluding own: String?) -> Named {
        let related = relatedDecisions(r).filter { $0.id != own }
        let adoptions = self.adoptions(r)
        var named = Named()
        var handled = Set<String>()

        for adoption in adoptions {
            let key = NameText.key(adoption.title)
            let linked = related.filter { entry in
                let e = NameText.key(entry.title)
                return entry.kind != .information && (e.contains(key) || key.contains(e))
            }
            let effective = effectiveDate(of: adoption)
            if let entry = linked.first(where: { $0.kind == .decision }) {
                handled.insert(entry.id)
                var fields = [effective, .quoted("decision", .text(entry.id), entry.idQuote), .quoted("title", .text(entry.title), entry.quote),
                              .quoted("body", .text(adoption.body), adoption.bodyQuote)]
                fields += dateFields(adoption.when, adoption.whenQuote)
                named.drafts.append(DraftEvent(type: .decisionTaken, basis: "a related decision (\(entry.quote.lines)) the document says was taken (\(adoption.quote.lines))",
                                               fields: order(fields)))
                named.fundings.append((adoption, .quoted("decision", .text(entry.id), entry.idQuote), effective))
            } else if let proposal = linked.first {
                // The document names the proposal, not the decision that adopted it: the adoption dates
                // the proposal, and its money names no decision the document gives a number for.
                handled.insert(proposal.id)
                named.drafts.append(relatedDraft(proposal, adoptedBy: adoption))
                named.fundings.append((adoption, .unknown("decision", "the document names the proposal (\(proposal.id)), not the number of the decision that adopted it"),
                                       effective))
            } else {
                let id = NameText.slug(adoption.title)
                let decision = DraftField("decision", .text(id), .derived(how: "made from its title: the document gives it no number", from: [adoption.titleQuote]))
                var fields = [effective, decision, .quoted("title", .text(adoption.title), adoption.titleQuote),
                              .quoted("body", .text(adoption.body), adoption.bodyQuote)]
                fields += dateFields(adoption.when, adoption.whenQuote)
                named.drafts.append(DraftEvent(type: .decisionTaken, basis: "a decision the document says was taken (\(adoption.quote.lines))",
                                               fields: order(fields)))
                named.fundings.append((adoption, decision, effective))
            }
        }
        for entry in related where entry.kind != .information && !handled.contains(entry.id) {
            handled.insert(entry.id)
            named.drafts.append(relatedDraft(entry, adoptedBy: nil))
        }
        return named
    }

    /// A related decision on its own: a proposal (`RV …`, `… - Raadsvoorstel`) or a decision.
    private static func relatedDraft(_ entry: Related, adoptedBy adoption: Adoption?) -> DraftEvent {
        var fields: [DraftField] = [.quoted("decision", .text(entry.id), entry.idQuote), .quoted("title", .text(entry.title), entry.quote)]
        if entry.kind == .proposal {
            fields.append(DraftField("body", .text("raad"), .derived(how: "a raadsvoorstel is put to the raad", from: [entry.quote])))
            fields.append(DraftField("proposedBy", .text("college"), .derived(how: "a raadsvoorstel comes from the college", from: [entry.quote])))
        } else {
            fields.append(.quoted("body", .text("unknown"), entry.quote, remark: "the document does not say who took this decision"))
        }
        if let d = entry.date {
            fields.append(.quoted("effectiveDate", .date(d.date.firstDay), d.quote))
            fields.append(.quoted("date", .date(d.date.firstDay), d.quote))
        } else if let adoption {
            fields.append(.quoted("date", .blank, entry.quote, remark: "the document gives no date for the proposal itself"))
            fields.append(.quoted("dateNote", .text("not dated in the document; adopted by the \(adoption.body) in \(adoption.whenQuote.oneLine)"), adoption.whenQuote))
            if adoption.when.isDay {
                fields.append(DraftField("effectiveDate", .date(adoption.when.firstDay), .assumed(
                    reason: "The proposal is not dated; it came before its adoption on \(adoption.when.firstDay.iso), which is used.",
                    from: [adoption.whenQuote])))
            } else {
                fields.append(DraftField("effectiveDate", .date(adoption.when.lastDay), .assumed(
                    reason: "The proposal is not dated; it came before the \(adoption.body) adopted it in \(adoption.whenQuote.oneLine) "
                        + "('\(adoption.whenQuote.oneLine)'). The day is unknown, so the latest day that allows is used, "
                        + "\(adoption.when.lastDay.iso), so no answer shows it earlier than the document supports.",
                    from: [adoption.whenQuote, entry.quote])))
            }
        } else {
            fields.append(.quoted("date", .blank, entry.quote, remark: "the document gives no date for it"))
            fields.append(.unknown("effectiveDate", "the document gives no date for this decision"))
        }
        let type: EventType = entry.kind == .proposal ? .decisionProposed : .decisionTaken
        return DraftEvent(type: type, basis: "the related decisions it lists (\(entry.quote.lines))", fields: order(fields))
    }

    private static func effectiveDate(of adoption: Adoption) -> DraftField {
        if adoption.when.isDay { return .quoted("effectiveDate", .date(adoption.when.firstDay), adoption.whenQuote) }
        return DraftField("effectiveDate", .date(adoption.when.lastDay), .assumed(
            reason: "The document gives only '\(adoption.whenQuote.oneLine)'. The day is unknown, so the latest "
                + "day that allows is used, \(adoption.when.lastDay.iso), so no answer shows the change earlier than the document supports.",
            from: [adoption.whenQuote]))
    }

    private static func dateFields(_ when: DatePhrase, _ quote: Quote) -> [DraftField] {
        if when.isDay { return [.quoted("date", .date(when.firstDay), quote)] }
        return [.quoted("date", .blank, quote, remark: "the document gives only \(quote.oneLine)"),
                .quoted("dateNote", .text("\(quote.oneLine) (month only)"), quote)]
    }

    /// The related decisions of every `Wat zijn de belangrijkste gerelateerde besluiten?` section.
    static func relatedDecisions(_ r: DocumentReading) -> [Related] {
        var entries: [Related] = []
        for heading in relatedHeading.matches(in: r.text) {
            var line = r.source.line(at: heading.range.lowerBound) + 1
            var current: [Int] = []
            var groups: [[Int]] = []
            while line <= r.source.lineCount, line <= r.source.line(at: heading.range.lowerBound) + 40 {
                let text = r.source.line(line).trimmedOfSpaces
                if text.hasSuffix("?") || text.hasPrefix("#") || text.lowercased().hasPrefix("het college van") { break }
                if text.isEmpty {
                    if !current.isEmpty { groups.append(current); current = [] }
                } else if entryStart.firstMatch(in: text).map({ $0.range.lowerBound == text.startIndex }) == true || text.hasPrefix("•") {
                    if !current.isEmpty { groups.append(current) }
                    current = [line]
                } else {
                    current.append(line)
                }
                if text.hasSuffix(";") { groups.append(current); current = [] }
                line += 1
            }
            if !current.isEmpty { groups.append(current) }
            for group in groups {
                let range = r.source.range(ofLine: group.first!).lowerBound..<r.source.range(ofLine: group.last!).upperBound
                if let entry = related(r, in: range), !entries.contains(where: { $0.id == entry.id }) { entries.append(entry) }
            }
        }
        return entries
    }

    private static func related(_ r: DocumentReading, in range: Range<String.Index>) -> Related? {
        let text = r.text[range]
        let quote = r.quote(range)
        let (id, idRange, title, date): (String, Range<String.Index>, Substring, (DatePhrase, Quote)?)
        if let m = numberFirst.wholeMatch(text), let i = m["id"], let t = m["title"] {
            (id, idRange, title, date) = (String(r.text[i]), i, r.text[t], nil)
        } else if let m = numberLast.wholeMatch(text), let i = m["id"], let t = m["title"], let d = m["d"] {
            (id, idRange, title, date) = (String(r.text[i].filter { !$0.isWhitespace }), i, r.text[t],
                                          (try? DatePhrase.read(NameText.tidy(r.text[d]))).map { ($0, r.quote(d)) })
        } else {
            return nil
        }
        var words = NameText.tidy(title)
        let lower = words.lowercased()
        let kind: Related.Kind
        if lower.hasPrefix("rib ") || lower.contains("raadsinformatiebrief") {
            kind = .information
        } else if lower.hasPrefix("rv ") || lower.contains("raadsvoorstel") {
            kind = .proposal
        } else {
            kind = .decision
        }
        if lower.hasPrefix("rv ") || lower.hasPrefix("rib ") { words = String(words.drop { $0 != " " }.dropFirst()) }
        return Related(id: id, idQuote: r.quote(idRange), title: words, kind: kind, date: date, quote: quote)
    }

    /// Every sentence that says a decision was taken, merged when two name one decision.
    static func adoptions(_ r: DocumentReading) -> [Adoption] {
        var found: [Adoption] = []
        for pattern in adoptionPatterns {
            for m in pattern.matches(in: r.text) {
                guard let t = m["title"], let w = m["when"], let b = m["body"] ?? m["body2"],
                      let when = try? DatePhrase.read(NameText.tidy(r.text[w])) else { continue }
                var money: (Int64, Quote)? = nil
                let after = r.text[m.range.upperBound...]
                if let f = funding.prefixMatch(in: after), let a = f["amount"] ?? f["amount2"], let cents = try? AmountPhrase.cents(String(r.text[a])) {
                    money = (cents, r.quote(r.source.sentence(around: a)))
                }
                let body = r.text[b].lowercased().contains("college") ? "college" : "raad"
                let title = NameText.tidy(r.text[t])
                found.append(Adoption(title: title, titleQuote: r.quote(t), body: body, bodyQuote: r.quote(b), when: when, whenQuote: r.quote(w),
                                      quote: r.quote(r.source.sentence(around: m.range)), money: money))
            }
        }
        // One decision named twice (`de Visie sociaal domein Dordrecht 2030 … vastgesteld`, `De Visie sociaal
        // domein Dordrecht is in maart 2024 vastgesteld`): the longer title, the money where either has it.
        var merged: [Adoption] = []
        for adoption in found.sorted(by: { $0.quote < $1.quote }) {
            let key = NameText.key(adoption.title)
            if let i = merged.firstIndex(where: { other in
                let k = NameText.key(other.title)
                return other.when == adoption.when && (k.contains(key) || key.contains(k))
            }) {
                let other = merged[i]
                let longer = adoption.title.count > other.title.count ? adoption : other
                merged[i] = Adoption(title: longer.title, titleQuote: longer.titleQuote, body: longer.body, bodyQuote: longer.bodyQuote,
                                     when: longer.when, whenQuote: longer.whenQuote, quote: longer.quote, money: other.money ?? adoption.money)
            } else {
                merged.append(adoption)
            }
        }
        return merged
    }

    /// Fields in the order the clerk reads them: when, what, who, then the rest.
    static func order(_ fields: [DraftField]) -> [DraftField] {
        let rank = ["effectiveDate", "decision", "body", "title", "date", "dateNote", "proposedBy", "legalBasis"]
        return fields.enumerated().sorted { a, b in
            let ra = rank.firstIndex(of: a.element.key) ?? rank.count, rb = rank.firstIndex(of: b.element.key) ?? rank.count
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }

    // MARK: Patterns

    static let thisYear = TextPattern(#"nog\s+dit\s+(?:kalender)?jaar|v[oó]{1,2}r\s+het\s+einde\s+van\s+dit\s+jaar"#)
    static let collegeSignature = TextPattern(#"(?m)^[ \t]*het\s+college\s+van\s+burgemeester\s+en\s+wethouders[ \t]*$"#)
    static let relatedHeading = TextPattern(Phrases.lineStart + #"(?:wat\s+zijn\s+de\s+(?:belangrijkste\s+)?)?gerelateerde\s+besluiten\??"# + Phrases.lineEnd)
    static let entryStart = TextPattern(#"[•*\-]?\s*"# + Phrases.decisionNumber + #"\s*-\s"#)
    static let numberFirst = TextPattern(#"\s*[•*\-]?\s*(?<id>"# + Phrases.decisionNumber + #")\s*-\s+(?<title>[\s\S]+?)\s*[;.]?\s*"#)
    static let numberLast = TextPattern(#"\s*[•*\-]?\s*(?<title>[\s\S]+?)\s*\(\s*(?<id>\d{4}-\s*\d{4,8})\s*,\s*(?<d>"# + Phrases.day + #")\s*\)\s*[;.]?\s*"#)
    static let adoptionPatterns: [TextPattern] = [
        TextPattern(#"\bin\s+(?<when>"# + Phrases.dayOrMonth + #")\s+heeft\s+(?<body>de\s+(?:gemeente)?raad|het\s+college)\s+(?:het\s+|de\s+)?(?<title>[^,.;:?!()]{2,120}?)\s+vastgesteld"#),
        TextPattern(#"\b(?<body>(?:de|uw)\s+(?:gemeente)?raad|het\s+college)\s+heeft\s+(?:het\s+|de\s+)?(?<title>[^,.;:?!()]{2,120}?)\s+(?:op|in)\s+(?<when>"# + Phrases.dayOrMonth + #")\s+vastgesteld"#),
        TextPattern(#"\b(?:het|de)\s+(?<title>[^,.;:?!()]{2,120}?)\s+is\s+(?:op|in)\s+(?<when>"# + Phrases.dayOrMonth + #")\s+(?:door\s+(?<body>(?:de|uw)\s+(?:gemeente)?raad)\s+vastgesteld|vastgesteld\s+door\s+(?<body2>(?:de|uw)\s+(?:gemeente)?raad|het\s+college))"#),
    ]
    /// `, waarmee € 5 miljoen beschikbaar wordt gesteld` or `. Hiermee kwam er € 5 miljoen beschikbaar`.
    static let funding = TextPattern(#"\s*(?:,\s*waarmee\s+(?:er\s+)?(?<amount>"# + Phrases.amount + #")\s+beschikbaar\s+(?:wordt|werd|is)\s+gesteld|\.\s+hiermee\s+(?:kwam|komt|werd|is)\s+(?:er\s+)?(?<amount2>"# + Phrases.amount + #")\s+beschikbaar)"#)
}
