import EventStore
import Projections

/// The languages the public site is written in: Dutch by default, English with `--lang en`.
enum SiteLanguage: String, CaseIterable, Sendable {
    case nl, en
}

/// Every text of the public site, one value per language, in one place, so the texts can join
/// the register's shared language catalogue later. Texts that come from the events (titles,
/// names, summaries) are shown as the register holds them.
struct SiteTexts: Sendable {
    let language: SiteLanguage
    let siteTitle: String
    let skipToContent: String
    let backToIndex: String
    let backToProvince: String
    let generatedAt: String
    let headHash: String
    let eventCount: String
    let checkpoint: String
    let checkpointNote: String
    let holds: String
    let reserves: String
    let contracts: String
    let programmes: String
    let budgets: String
    let decisions: String
    let findings: String
    let sources: String
    let multiYearBudget: String
    let search: String
    let searchHint: String
    let searchNoResults: String
    let timeline: String
    let effective: String
    let recorded: String
    let type: String
    let summary: String
    let changes: String
    let decision: String
    let source: String
    let mark: String
    let none: String
    let unknown: String
    let status: String
    let name: String
    let endDate: String
    let establishedOn: String
    let authorised: String
    let withdrawn: String
    let balance: String
    let allocated: String
    let committed: String
    let project: String
    let amount: String
    let allocations: String
    let commitments: String
    let counterparty: String
    let title: String
    let start: String
    let noticeDeadline: String
    let intendedEnd: String
    let body: String
    let date: String
    let legalBasis: String
    let authorisedMutations: String
    let noAuthorisedMutations: String
    let severity: String
    let finding: String
    let message: String
    let events: String
    let noFindings: String
    let document: String
    let zaaknummer: String
    let sha256: String
    let hashUnknown: String
    let citedBy: String
    let programme: String
    let total: String
    let statedTotal: String
    let difference: String
    let totalsAgree: String
    let totalsDiffer: String
    let noStatedTotal: String
    let registers: String
    let register: String
    let assumptions: String
    let onDate: String
    let wooMetadata: String
    let subject: String
    let corrected: String
    let retracted: String
    let open: String
    let lapsed: String
    let notYet: String
    let estimate: String
    let actual: String
    let booked: String
    let months: [String]

    static func of(_ language: SiteLanguage) -> SiteTexts {
        switch language {
        case .nl: return nl
        case .en: return en
        }
    }

    /// A date written out: `31 december 2026` / `31 December 2026`.
    func date(_ date: CalendarDate) -> String { "\(date.day) \(months[date.month - 1]) \(date.year)" }

    func decisionStatus(_ status: DecisionStatus) -> String {
        switch (language, status) {
        case (.nl, .proposed): return "voorgesteld"
        case (.nl, .taken): return "genomen"
        case (.nl, .rejected): return "verworpen"
        case (.nl, .withdrawn): return "ingetrokken"
        case (.en, .proposed): return "proposed"
        case (.en, .taken): return "taken"
        case (.en, .rejected): return "rejected"
        case (.en, .withdrawn): return "withdrawn"
        }
    }

    func decisionBody(_ body: DecisionBody) -> String {
        switch (language, body) {
        case (.nl, .raad): return "gemeenteraad"
        case (.nl, .college): return "college van B&W"
        case (.nl, .burgemeester): return "burgemeester"
        case (.nl, .algemeenBestuur): return "algemeen bestuur"
        case (.nl, .unknown): return "onbekend"
        case (.en, .raad): return "council"
        case (.en, .college): return "executive (college)"
        case (.en, .burgemeester): return "mayor (burgemeester)"
        case (.en, .algemeenBestuur): return "general board"
        case (.en, .unknown): return "unknown"
        }
    }

    func contractStatus(_ status: ContractStatus) -> String {
        switch (language, status) {
        case (.nl, .notStarted): return "nog niet begonnen"
        case (.nl, .running): return "loopt"
        case (.nl, .ended): return "afgelopen"
        case (.en, .notStarted): return "not started"
        case (.en, .running): return "running"
        case (.en, .ended): return "ended"
        }
    }

    /// A commitment's status (`CommitmentBook.Line.Status.name`): open, settled, released, superseded.
    func commitmentStatus(_ name: String) -> String {
        guard language == .nl else { return name }
        return ["open": "open", "settled": "afgerekend", "released": "vrijgegeven", "superseded": "vervangen"][name] ?? name
    }

    func subjectKind(_ subject: Subject) -> String {
        switch subject {
        case .reserve: return language == .nl ? "Reserve" : "Reserve"
        case .contract: return language == .nl ? "Contract" : "Contract"
        case .programme: return language == .nl ? "Programma" : "Programme"
        case .decision: return language == .nl ? "Besluit" : "Decision"
        case .budget: return language == .nl ? "Begroting" : "Budget"
        }
    }

    /// The link to the rest of a finding's events on the audit page.
    func andMore(_ n: Int) -> String { language == .nl ? "en nog \(n) (alle op de controlepagina)" : "and \(n) more (all on the audit page)" }

    static let nl = SiteTexts(
        language: .nl, siteTitle: "Openbaar register", skipToContent: "Naar de inhoud", backToIndex: "Terug naar het overzicht",
        backToProvince: "Alle registers", generatedAt: "Gemaakt op", headHash: "Hash van de laatste gebeurtenis",
        eventCount: "Aantal gebeurtenissen", checkpoint: "Controlepunt (Merkle-wortel)",
        checkpointNote: "Controleer met 'register verify --checkpoint' dat het register nog met precies deze gebeurtenissen begint.",
        holds: "Wat het register bevat", reserves: "Reserves", contracts: "Contracten", programmes: "Programma's",
        budgets: "Begrotingen", decisions: "Besluiten", findings: "Bevindingen van de controle", sources: "Bronnen",
        multiYearBudget: "Meerjarenbegroting", search: "Zoeken in besluiten en onderwerpen",
        searchHint: "Typ een deel van een naam, nummer of titel.", searchNoResults: "Niets gevonden.",
        timeline: "Tijdlijn", effective: "Ingang", recorded: "Vastgelegd", type: "Soort", summary: "Omschrijving",
        changes: "Wijzigingen", decision: "Besluit", source: "Bron", mark: "Markering", none: "geen", unknown: "onbekend",
        status: "Status", name: "Naam", endDate: "Einddatum", establishedOn: "Ingesteld op", authorised: "Toegevoegd (totaal)",
        withdrawn: "Onttrokken (totaal)", balance: "Saldo", allocated: "Toegewezen aan projecten", committed: "Verplichtingen",
        project: "Project", amount: "Bedrag", allocations: "Toewijzingen", commitments: "Verplichtingen",
        counterparty: "Opdrachtnemer", title: "Titel", start: "Begin", noticeDeadline: "Uiterlijk besluiten over voortzetting",
        intendedEnd: "Voorgenomen einddatum (voornemen, geen besluit)", body: "Bestuursorgaan", date: "Datum",
        legalBasis: "Grondslag", authorisedMutations: "Wat dit besluit heeft toegestaan",
        noAuthorisedMutations: "Geen wijzigingen noemen dit besluit.", severity: "Ernst", finding: "Bevinding",
        message: "Toelichting", events: "Gebeurtenissen", noFindings: "Geen bevindingen.", document: "Document",
        zaaknummer: "Zaaknummer", sha256: "SHA-256", hashUnknown: "onbekend (document niet bij het register)",
        citedBy: "Genoemd door", programme: "Programma", total: "Totaal (berekend)", statedTotal: "Totaal volgens de bron",
        difference: "Verschil", totalsAgree: "klopt", totalsDiffer: "klopt niet", noStatedTotal: "geen opgegeven totaal",
        registers: "Registers", register: "Register", assumptions: "Aannames", onDate: "Stand op",
        wooMetadata: "Woo-metadata (JSON)", subject: "Onderwerp", corrected: "GECORRIGEERD door", retracted: "INGETROKKEN door",
        open: "open", lapsed: "vervallen", notYet: "nog niet ingesteld", estimate: "schatting", actual: "werkelijk",
        booked: "geboekt",
        months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"])

    static let en = SiteTexts(
        language: .en, siteTitle: "Public register", skipToContent: "Skip to content", backToIndex: "Back to the index",
        backToProvince: "All registers", generatedAt: "Generated at", headHash: "Hash of the latest event",
        eventCount: "Number of events", checkpoint: "Checkpoint (Merkle root)",
        checkpointNote: "Check with 'register verify --checkpoint' that the register still begins with exactly these events.",
        holds: "What the register holds", reserves: "Reserves", contracts: "Contracts", programmes: "Programmes",
        budgets: "Budgets", decisions: "Decisions", findings: "Audit findings", sources: "Sources",
        multiYearBudget: "Multi-year budget", search: "Search decisions and subjects",
        searchHint: "Type part of a name, number or title.", searchNoResults: "Nothing found.",
        timeline: "Timeline", effective: "Effective", recorded: "Recorded", type: "Type", summary: "Summary",
        changes: "Changes", decision: "Decision", source: "Source", mark: "Mark", none: "none", unknown: "unknown",
        status: "Status", name: "Name", endDate: "End date", establishedOn: "Established on", authorised: "Added (total)",
        withdrawn: "Withdrawn (total)", balance: "Balance", allocated: "Allocated to projects", committed: "Committed",
        project: "Project", amount: "Amount", allocations: "Allocations", commitments: "Commitments",
        counterparty: "Counterparty", title: "Title", start: "Start", noticeDeadline: "Decide on continuation by",
        intendedEnd: "Intended end date (an intention, not a decision)", body: "Body", date: "Date",
        legalBasis: "Legal basis", authorisedMutations: "What this decision authorised",
        noAuthorisedMutations: "No changes name this decision.", severity: "Severity", finding: "Finding",
        message: "Message", events: "Events", noFindings: "No findings.", document: "Document",
        zaaknummer: "Case number", sha256: "SHA-256", hashUnknown: "unknown (document not with the register)",
        citedBy: "Cited by", programme: "Programme", total: "Total (computed)", statedTotal: "Total stated by the source",
        difference: "Difference", totalsAgree: "agrees", totalsDiffer: "does not agree", noStatedTotal: "no stated total",
        registers: "Registers", register: "Register", assumptions: "Assumptions", onDate: "As on",
        wooMetadata: "Woo metadata (JSON)", subject: "Subject", corrected: "CORRECTED by", retracted: "RETRACTED by",
        open: "open", lapsed: "lapsed", notYet: "not yet established", estimate: "estimate", actual: "actual",
        booked: "booked",
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"])
}
