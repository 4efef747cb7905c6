import Projections

/// Reserves: what a signed decision does to them (a new reserve, an end date moved, money added
/// or withdrawn), the commitments a decided proposal lists (`De kosten voor BSO+ bedragen
/// maximaal € 240.000,-`), a remainder estimated as a range, and money a past decision made
/// available.
///
/// Changes are drafted only from the text of a decision that is taken: the same sentence under
/// `Voorgesteld besluit` proposes and decides nothing.
enum ReserveRules {
    /// The changes in the decision text, each naming the decision and taking effect with it.
    static func decided(_ r: DocumentReading, decision: DraftField, effective: DraftField) -> [DraftEvent] {
        guard r.kind.decides, let range = r.decisionText else { return [] }
        let text = r.text[range]
        let basis = "the signed decision (\(r.quote(range).lines))"
        var drafts: [(Quote, DraftEvent)] = []

        for m in establish.matches(in: text) {
            guard let n = m["n"], let name = m["name"] else { continue }
            var fields = [effective, .quoted("reserve", .text(String(r.text[n])), r.quote(n)),
                          .quoted("name", .text(NameText.tidy(r.text[name]).trimmingQuotes), r.quote(name))]
            if let d = m["d"], let date = try? DatePhrase.read(NameText.tidy(r.text[d])), date.isDay {
                fields.append(.quoted("endDate", .date(date.lastDay), r.quote(d)))
            } else {
                fields.append(.unknown("endDate", "the decision gives the new reserve no end date"))
            }
            fields.append(decision)
            drafts.append((r.quote(m.range), DraftEvent(type: .reserveEstablished, basis: basis, fields: fields)))
        }
        for m in endDate.matches(in: text) {
            guard let n = m["n"], let d = m["d"], let date = try? DatePhrase.read(NameText.tidy(r.text[d])), date.isDay else { continue }
            let number = DraftField.quoted("reserve", .text(String(r.text[n])), r.quote(n))
            if let name = m["name"], let existing = named(r, number: number, name: name) { drafts.append((r.quote(m.range), existing)) }
            drafts.append((r.quote(m.range), DraftEvent(type: .reserveEndDateChanged, basis: basis, fields: [
                effective, number, .quoted("endDate", .date(date.lastDay), r.quote(d)), decision,
            ])))
        }
        for (patterns, type) in [(addition, EventType.reserveAddition), (withdrawal, .reserveWithdrawal)] {
            for pattern in patterns {
                for m in pattern.matches(in: text) {
                    guard let n = m["n"], let a = m["a"], let cents = try? AmountPhrase.cents(String(r.text[a])), cents > 0 else { continue }
                    let sentence = r.quote(r.source.sentence(around: m.range))
                    let point = sentence.oneLine.drop { $0.isNumber || $0 == "." || $0 == ")" || $0 == " " }
                    drafts.append((r.quote(m.range), DraftEvent(type: type, basis: basis, fields: [
                        effective, .quoted("reserve", .text(String(r.text[n])), r.quote(n)), .quoted("amountCents", .cents(cents), r.quote(a)), decision,
                        .quoted("description", .text(String(point.prefix(300))), sentence),
                    ])))
                }
            }
        }
        return drafts.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
    }

    /// The reserve a decision changes, as the document names it (`de reserve 404 SI Sociaal Domein …`), with the end
    /// date it has until the change when the document says so (`beschikbaar te houden … na 31-12-2022`): for a
    /// register that does not hold the reserve yet. The document does not say when or by which decision it was
    /// formed, so those stay unknown.
    private static func named(_ r: DocumentReading, number: DraftField, name range: Range<String.Index>) -> DraftEvent? {
        let name = NameText.tidy(r.text[range]).trimmingQuotes
        guard let first = name.first, first.isLetter, name.count <= 300 else { return nil }
        var fields: [DraftField] = [
            .unknown("effectiveDate", "the document does not say when the reserve was formed"), number,
            .quoted("name", .text(name), r.quote(range)),
        ]
        if let m = currentEnd.firstMatch(in: r.text[...]), let d = m["d"] ?? m["d2"], let date = try? DatePhrase.read(NameText.tidy(r.text[d])), date.isDay {
            fields.append(DraftField("endDate", .date(date.lastDay), .derived(
                how: "the money is to stay available after this day only by the decision, so it is the end date until then",
                from: [r.quote(r.source.sentence(around: m.range))])))
        } else {
            fields.append(.unknown("endDate", "the document does not give the end date before the change"))
        }
        fields.append(.unknown("decision", "the document does not name the decision that formed the reserve"))
        return DraftEvent(type: .reserveEstablished, basis: "the reserve the decision changes, as the document names it: "
                          + "record it only if the register does not hold reserve \(number.value.map { "\($0)" } ?? "")", fields: fields)
    }

    /// The costs a decided raadsvoorstel lists per project, as commitments against its reserve:
    /// `ongeveer` is approximate, `maximaal` a maximum, no word an exact amount.
    static func commitments(_ r: DocumentReading, decision: DraftField, effective: DraftField) -> [DraftEvent] {
        guard r.kind.decides else { return [] }
        var drafts: [DraftEvent] = []
        for pattern in commitmentPatterns {
            for m in pattern.matches(in: r.text) {
                guard let p = m["project"], let a = m["a"], let cents = try? AmountPhrase.cents(String(r.text[a])), cents > 0 else { continue }
                let project = NameText.tidy(r.text[p])
                guard !project.isEmpty, project.count <= 200, !drafts.contains(where: { $0.text("project") == project }) else { continue }
                let whole = r.quote(m.range)
                var fields: [DraftField] = [effective, reserve(r), .quoted("project", .text(project), r.quote(p)),
                                            .quoted("amountCents", .cents(cents), r.quote(a))]
                if let b = m["basis"] {
                    let word = r.text[b].lowercased()
                    let basis: AmountBasis = ["maximaal", "ten hoogste", "hooguit", "niet meer dan"].contains(where: word.hasPrefix) ? .maximum : .approximate
                    fields.append(.quoted("basis", .text(basis.rawValue), r.quote(b)))
                } else {
                    fields.append(DraftField("basis", .text(AmountBasis.exact.rawValue), .derived(how: "no word such as 'ongeveer' or 'maximaal' qualifies the amount", from: [whole])))
                }
                if let year = continuationYear(r, project: project) {
                    fields.append(DraftField("year", .integer(year.year), .quoted(year.quote)))
                }
                fields.append(decision)
                drafts.append(DraftEvent(type: .commitment, basis: "costs the decided proposal lists (\(whole.lines))", fields: fields,
                                         remarks: ["'\(r.quote(r.source.sentence(around: m.range)).oneLine)'"]))
            }
        }
        // In document order, whichever phrasing found them.
        func line(_ draft: DraftEvent) -> Int { draft["project"]?.provenance?.quotes.first?.firstLine ?? 0 }
        return drafts.enumerated().sorted { (line($0.element), $0.offset) < (line($1.element), $1.offset) }.map(\.element)
    }

    /// The year the projects are continued in: a sentence with `doorzetten`, `voortzetten` or
    /// `continueren` and `in 2023` that names the project or speaks of `projecten`.
    static func continuationYear(_ r: DocumentReading, project: String) -> (year: Int, quote: Quote)? {
        var candidates: [(Int, Quote, Bool)] = []
        for m in continuation.matches(in: r.text) {
            guard let y = m["y"] ?? m["y2"], let year = Int(r.text[y]) else { continue }
            let sentence = r.source.sentence(around: m.range)
            let words = r.text[sentence].lowercased()
            let namesProject = words.contains(project.lowercased())
            guard namesProject || words.contains("project") else { continue }
            candidates.append((year, r.quote(sentence), namesProject))
        }
        let years = Set(candidates.map(\.0))
        guard years.count == 1 else { return nil }
        let best = candidates.first(where: \.2) ?? candidates[0]
        return (best.0, best.1)
    }

    /// A remainder estimated as a range (`naar verwachting tussen de € 400.000,- en € 450.000,-`):
    /// a balance estimate, as of the day the document says the spending will be done.
    static func estimates(_ r: DocumentReading, effective: DraftField) -> [DraftEvent] {
        var drafts: [DraftEvent] = []
        for m in estimate.matches(in: r.text) {
            guard let lo = m["low"], let hi = m["high"], let low = try? AmountPhrase.cents(String(r.text[lo])),
                  let high = try? AmountPhrase.cents(String(r.text[hi])), low <= high else { continue }
            let sentence = r.quote(r.source.sentence(around: m.range))
            var fields: [DraftField] = [effective, reserve(r)]
            if let asOf = asOf(r, near: m.range) { fields.append(asOf) } else {
                fields.append(.unknown("asOf", "the document does not say for which day the estimate is"))
            }
            fields += [.quoted("lowCents", .cents(low), r.quote(lo)), .quoted("highCents", .cents(high), r.quote(hi))]
            drafts.append(DraftEvent(type: .balanceEstimate, basis: "an estimated range (\(r.quote(m.range).lines))", fields: fields,
                                     remarks: ["'\(sentence.oneLine)'"]))
        }
        return drafts
    }

    /// The day an estimate is for: a date in its own sentence, else the year end of the document's
    /// sentence that expects the spending to be done (`Aan het einde van 2022 zal naar verwachting …`).
    private static func asOf(_ r: DocumentReading, near range: Range<String.Index>) -> DraftField? {
        let sentence = r.source.sentence(around: range)
        if let m = dated.firstMatch(in: r.text[sentence]), let d = m["d"], let date = try? DatePhrase.read(NameText.tidy(r.text[d])), date.isDay {
            return .quoted("asOf", .date(date.lastDay), r.quote(d))
        }
        for m in expectedByYearEnd.matches(in: r.text) {
            guard let y = m["y"], let year = Int(r.text[y]) else { continue }
            let day = DatePhrase.endOfYear(year).lastDay
            return DraftField("asOf", .date(day), .assumed(
                reason: "The estimate does not say for which day. The document expects the spending to be done by the end of \(year) "
                    + "('\(r.quote(r.source.sentence(around: m.range)).oneLine)'), so the remainder is taken as of \(day.iso).",
                from: [r.quote(m.range)]))
        }
        return nil
    }

    /// Money a past decision made available (`waarmee € 5 miljoen beschikbaar wordt gesteld`): an addition to the
    /// document's reserve, naming that decision.
    static func fundings(_ r: DocumentReading, _ named: DecisionRules.Named) -> [DraftEvent] {
        named.fundings.compactMap { funding in
            guard let money = funding.adoption.money else { return nil }
            return DraftEvent(type: .reserveAddition, basis: "money a decision made available (\(money.quote.lines))", fields: [
                funding.effective, reserve(r), .quoted("amountCents", .cents(money.cents), money.quote), funding.decision,
                .quoted("description", .text(String(money.quote.oneLine.prefix(300))), money.quote),
            ])
        }
    }

    /// The document's reserve, when it names exactly one; else unknown.
    static func reserve(_ r: DocumentReading) -> DraftField {
        if let only = r.soleReserve { return .quoted("reserve", .text(only.number), only.quote) }
        let numbers = Set(r.reserveMentions.map(\.number)).sorted()
        return .unknown("reserve", numbers.isEmpty ? "the document names no reserve; give its number"
                        : "the document names several reserves (\(numbers.joined(separator: ", "))); give the one this is for")
    }

    // MARK: Patterns

    private static let reserve = Phrases.reserveWord + #"\s+(?<n>"# + Phrases.reserveNumber + ")"
    static let establish = TextPattern(#"(?:een\s+)?(?:bestemmings)?reserve\s+(?<n>"# + Phrases.reserveNumber + #")\s+(?<name>[^,;.\n]+?(?:\n[^,;.\n]+?)?)\s+in\s+te\s+stellen(?:,?\s+met\s+(?:een\s+|als\s+)?einddatum\s+(?:van\s+)?(?<d>"# + Phrases.day + "))?")
    static let endDate = TextPattern(#"(?:einddatum|looptijd)\s+van\s+"# + reserve + #"(?:\s+(?<name>[^;.]{1,200}?))?\s+(?:op\s+te\s+schuiven|te\s+verschuiven|te\s+verlengen|te\s+wijzigen|vast\s+te\s+stellen|te\s+bepalen)\s+(?:naar|tot\s+en\s+met|tot|op)\s+(?<d>"# + Phrases.day + "|" + Phrases.endOfYear + ")")
    static let addition: [TextPattern] = [
        TextPattern(#"(?<a>"# + Phrases.amount + #")\s+(?:toe\s+te\s+voegen|te\s+storten)\s+(?:aan|in)\s+"# + reserve),
        TextPattern(#"(?:toevoeging|storting)\s+van\s+(?<a>"# + Phrases.amount + #")\s+(?:aan|in)\s+"# + reserve),
        TextPattern(#"(?:aan|in)\s+"# + reserve + #"[^.;]{0,120}?\s+(?<a>"# + Phrases.amount + #")\s+toe\s+te\s+voegen"#),
    ]
    static let withdrawal: [TextPattern] = [
        TextPattern(#"(?<a>"# + Phrases.amount + #")\s+(?:te\s+onttrekken|ten\s+laste\s+te\s+brengen)\s+(?:aan|van|uit)\s+"# + reserve),
        TextPattern(#"onttrekking\s+van\s+(?<a>"# + Phrases.amount + #")\s+(?:aan|uit|van)\s+"# + reserve),
        TextPattern(#"(?:aan|uit)\s+"# + reserve + #"[^.;]{0,120}?\s+(?<a>"# + Phrases.amount + #")\s+te\s+onttrekken"#),
    ]
    static let currentEnd = TextPattern(#"(?:beschikbaar\s+te\s+houden|beschikbaar\s+blijven)[^.]{0,160}?\s+na\s+(?<d>"# + Phrases.day + #")|(?:huidige|geldende)\s+einddatum\s+(?:van\s+|is\s+)?(?<d2>"# + Phrases.day + ")")
    static let basisWord = #"(?<basis>ongeveer|circa|ca\.|naar\s+schatting|zo'n|maximaal|ten\s+hoogste|hooguit|niet\s+meer\s+dan)"#
    static let commitmentPatterns: [TextPattern] = [
        TextPattern(#"\bde\s+kosten\s+voor\s+(?:de\s+|het\s+)?(?:project\s+)?(?<project>[^,.;:\n]{1,80}?)\s+bedragen\s+(?:"# + basisWord + #"\s+)?(?<a>"# + Phrases.amount + ")"),
        TextPattern(#"\bvoor\s+(?:de\s+|het\s+)?(?:project\s+)?(?<project>[^,.;:\n]{1,80}?)\s+is\s+(?:"# + basisWord + #"\s+)?(?<a>"# + Phrases.amount + #")\s+nodig"#),
    ]
    static let continuation = TextPattern(#"(?:doorzetten|door\s+te\s+zetten|voortzetten|voort\s+te\s+zetten|continueren|te\s+continueren)\s+in\s+(?<y>\d{4})|\bin\s+(?<y2>\d{4})\s+(?:door\s+te\s+zetten|voort\s+te\s+zetten|te\s+continueren)"#)
    static let estimate = TextPattern(#"(?:naar\s+verwachting|verwacht(?:en)?|geschat)\s+(?:[^.;()]{0,80}?\s)?tussen\s+(?:de\s+)?(?<low>"# + Phrases.amount + #")\s+en\s+(?:de\s+)?(?<high>"# + Phrases.amount + ")")
    static let dated = TextPattern(#"(?:per|op|ultimo)\s+(?<d>"# + Phrases.day + "|" + Phrases.endOfYear + ")")
    static let expectedByYearEnd = TextPattern(#"(?:aan\s+het\s+)?einde?\s+van\s+(?<y>\d{4})\s+(?:zal|zullen|is|wordt)\s+(?:er\s+)?naar\s+verwachting"#)
}

extension String {
    /// Without quotation marks around it.
    var trimmingQuotes: String {
        var s = Substring(self)
        while let f = s.first, "\"'“”‘’".contains(f) { s = s.dropFirst() }
        while let l = s.last, "\"'“”‘’".contains(l) { s = s.dropLast() }
        return String(s)
    }
}
