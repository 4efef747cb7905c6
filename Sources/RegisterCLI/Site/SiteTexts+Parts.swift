/// The texts of the site's long lists split into parts (timelines, citing events, audit rules),
/// in both languages; beside `SiteTexts` so its table of fixed texts stays as it is.
extension SiteTexts {
    private var dutch: Bool { language == .nl }

    /// `deel 2` / `part 2`.
    func part(_ k: Int) -> String { dutch ? "deel \(k)" : "part \(k)" }
    var parts: String { dutch ? "Delen" : "Parts" }
    var previousPart: String { dutch ? "Vorige deel" : "Previous part" }
    var nextPart: String { dutch ? "Volgende deel" : "Next part" }
    var rule: String { dutch ? "Regel" : "Rule" }

    func latestRows(_ shown: Int, of total: Int) -> String {
        dutch ? "De laatste \(shown) van \(total) gebeurtenissen, in de volgorde waarin ze zijn vastgelegd."
            : "The latest \(shown) of \(total) events, in the order they were recorded."
    }

    func wholeTimeline(_ perPage: Int) -> String {
        dutch ? "De hele tijdlijn, in delen van \(perPage) gebeurtenissen (de oudste eerst):"
            : "The whole timeline, in parts of \(perPage) events (the oldest first):"
    }

    func moreInTimeline(_ n: Int) -> String {
        dutch ? "en nog \(n) (alle in de tijdlijn)" : "and \(n) more (all in the timeline)"
    }

    func andMoreInTimeline(_ n: Int) -> String {
        dutch ? "en nog \(n) (in de tijdlijn van het onderwerp)" : "and \(n) more (in the subject's timeline)"
    }

    func andMoreInPages(_ n: Int) -> String { dutch ? "en nog \(n)" : "and \(n) more" }

    func moreFindings(_ n: Int) -> String {
        dutch ? "en nog \(n) bevindingen (alle op de controlepagina's)" : "and \(n) more findings (all on the audit pages)"
    }

    func eventsCounted(_ n: Int) -> String { dutch ? "\(n) gebeurtenis(sen)" : "\(n) event(s)" }
}
