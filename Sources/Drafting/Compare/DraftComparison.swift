import EventStore
import Projections

/// How the drafts of one document compare with the events a register recorded from it
/// (those whose `source.document` names it): per field, how many the drafts propose correctly,
/// wrongly, or miss, and which drafts match no recorded event.
///
/// Each recorded event is paired with the draft of the same kind that agrees with it on the most
/// fields (a decision by its id, a budget by its year, a total by what it totals). Names
/// (projects, programmes, titles, counterparties) compare after `NameText.key` (case, accents,
/// dashes); every other value compares exactly. Free texts (`note`, `assumptions`, `dateNote`,
/// `description`) are not compared.
public struct DraftComparison: Sendable {
    /// What a field of a recorded event is, for the table's columns.
    public enum Category: String, CaseIterable, Sendable {
        case type, zaaknummer, dates, amounts, reserve, endDate = "end date", names, other
    }

    public enum Outcome: String, Sendable { case correct, wrong, missed, extra }

    /// One compared field.
    public struct Finding: Sendable {
        public let category: Category
        public let outcome: Outcome
        /// `res-404-end-date-2026 endDate`, or the draft's type and number for an extra draft.
        public let event: String
        public let field: String
        public let recorded: String?
        public let drafted: String?
        /// Whether the drafted value rests on an assumption the register states.
        public let assumed: Bool
    }

    public let document: String
    public let recordedCount: Int
    public let draftedCount: Int
    public let matchedCount: Int
    public let findings: [Finding]
    /// Drafts that match no recorded event: `reserve-addition (draft 4)`.
    public let extraDrafts: [String]

    public func count(_ category: Category, _ outcome: Outcome) -> Int {
        findings.filter { $0.category == category && $0.outcome == outcome }.count
    }

    public var assumedCorrect: Int { findings.filter { $0.outcome == .correct && $0.assumed }.count }

    public init(drafts: DocumentDrafts, recorded: [EventEnvelope]) {
        document = drafts.document
        recordedCount = recorded.count
        draftedCount = drafts.drafts.count
        let draftFields = drafts.drafts.map { Self.flatten($0, zaaknummer: drafts.zaaknummerValue) }
        let recordedFields = recorded.map(Self.flatten)

        // Greedy pairing: the pair that agrees on most fields first.
        var pairs: [(score: Int, r: Int, d: Int)] = []
        for (ri, e) in recorded.enumerated() {
            for (di, d) in drafts.drafts.enumerated() where Self.family(e.type) == Self.family(d.type.rawValue) {
                let r = recordedFields[ri], f = draftFields[di]
                var score = r.keys.filter { k in f[k].map { Self.same(k, $0.value, r[k]!) } ?? false }.count
                if let rs = Self.subject(e.type, r), rs == Self.subject(d.type.rawValue, f) { score += 100 }
                pairs.append((score, ri, di))
            }
        }
        pairs.sort { $0.score != $1.score ? $0.score > $1.score : ($0.r, $0.d) < ($1.r, $1.d) }
        var pairedRecorded: [Int: Int] = [:], pairedDrafts = Set<Int>()
        for pair in pairs where pair.score > 1 && pairedRecorded[pair.r] == nil && !pairedDrafts.contains(pair.d) {
            pairedRecorded[pair.r] = pair.d
            pairedDrafts.insert(pair.d)
        }
        matchedCount = pairedRecorded.count

        var findings: [Finding] = []
        for (ri, e) in recorded.enumerated() {
            let r = recordedFields[ri]
            let name = e.id
            guard let di = pairedRecorded[ri] else {
                for key in r.keys.sorted() { findings.append(Finding(category: Self.category(key), outcome: .missed, event: name, field: key,
                                                                     recorded: r[key], drafted: nil, assumed: false)) }
                continue
            }
            let f = draftFields[di]
            for key in Set(r.keys).union(f.keys).sorted() {
                let outcome: Outcome
                switch (r[key], f[key]?.value) {
                case let (rv?, dv?): outcome = Self.same(key, dv, rv) ? .correct : .wrong
                case (_?, nil): outcome = .missed
                case (nil, _?): outcome = .extra
                case (nil, nil): continue
                }
                findings.append(Finding(category: Self.category(key), outcome: outcome, event: name, field: key,
                                        recorded: r[key], drafted: f[key]?.value, assumed: f[key]?.assumed ?? false))
            }
        }
        self.findings = findings
        extraDrafts = drafts.drafts.indices.filter { !pairedDrafts.contains($0) }.map { "\(drafts.drafts[$0].type.rawValue) (draft \($0 + 1))" }
    }

    /// The recorded event that already says what `draft` says, if any: one of the same kind
    /// whose fields agree with every field the draft knows (its effective date, note and
    /// zaaknummer aside). A draft with its reserve unknown is held by an event that differs
    /// only there, so the clerk sees that the table is in the register already.
    public static func held(_ draft: DraftEvent, in recorded: [EventEnvelope]) -> EventEnvelope? {
        let known = flatten(draft, zaaknummer: nil).filter { $0.key != "effectiveDate" && $0.key != "source.zaaknummer" }
        return recorded.last { e in
            guard e.type == draft.type.rawValue else { return false }
            let r = flatten(e)
            return known.allSatisfy { key, value in r[key].map { same(key, value.value, $0) } ?? false }
        }
    }

    // MARK: Fields as comparable texts

    /// The compared fields of a recorded event, as texts.
    static func flatten(_ e: EventEnvelope) -> [String: String] {
        var out: [String: String] = ["type": e.type, "effectiveDate": e.effectiveDate.iso, "source.zaaknummer": e.source.zaaknummer ?? "null"]
        for (key, value) in e.payload.object ?? [:] where !ignored.contains(key) {
            if let items = value.array {
                for item in items {
                    guard let object = item.object, let line = lineKey(key, object.mapValues(text)) else { continue }
                    for (k, v) in object { out["\(key)[\(line)].\(k)"] = text(v) }
                }
            } else {
                out[key] = text(value)
            }
        }
        return out
    }

    /// The compared fields of a draft, as texts, with whether each rests on an assumption.
    static func flatten(_ d: DraftEvent, zaaknummer: String?) -> [String: (value: String, assumed: Bool)] {
        var out: [String: (String, Bool)] = ["type": (d.type.rawValue, false), "source.zaaknummer": (zaaknummer ?? "null", false)]
        var lines: [String: [Int: [String: String]]] = [:]
        for field in d.fields {
            guard let value = field.value, !ignored.contains(field.key) else { continue }
            if let (list, line, item) = DraftSchema.listPath(field.key) {
                lines[list, default: [:]][line, default: [:]][item] = text(value.json)
            } else {
                out[field.key] = (text(value.json), field.provenance?.isAssumed ?? false)
            }
        }
        for (list, items) in lines {
            for item in items.values {
                guard let line = lineKey(list, item) else { continue }
                for (k, v) in item { out["\(list)[\(line)].\(k)"] = (v, false) }
            }
        }
        return out
    }

    /// A list line's key: its project or programme, so lines compare by what they are, not by position.
    private static func lineKey(_ list: String, _ item: [String: String]) -> String? {
        if list == "programmes" { return item["programme"] }
        return item["project"].map(NameText.key)
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .number(let n): return n
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        default: return JSONWriter.prettyString(value)
        }
    }

    static let ignored: Set<String> = ["note", "assumptions", "dateNote", "description"]
    static let nameFields: Set<String> = ["project", "name", "title", "counterparty", "programme"]

    private static func leaf(_ key: String) -> String { String(key.split(separator: ".").last ?? Substring(key)) }

    static func same(_ key: String, _ a: String, _ b: String) -> Bool {
        nameFields.contains(leaf(key)) ? NameText.key(a) == NameText.key(b) : a == b
    }

    static func category(_ key: String) -> Category {
        switch leaf(key) {
        case "type": return .type
        case "zaaknummer", "decision": return .zaaknummer
        case "effectiveDate", "date", "asOf", "start", "end", "noticeDeadline", "decideBy", "newEndDate": return .dates
        case "amountCents", "lowCents", "highCents": return .amounts
        case "reserve": return .reserve
        case "endDate": return .endDate
        case "project", "name", "title", "counterparty", "programme", "contract": return .names
        default: return .other
        }
    }

    /// Types that describe the same kind of fact: a table of earmarks is one, whether added or replaced.
    static func family(_ type: String) -> String {
        switch type {
        case "decision-proposed", "decision-taken", "decision-rejected", "decision-withdrawn": return "decision"
        case "allocation", "reallocation": return "earmarks"
        default: return type
        }
    }

    /// What an event is about, for pairing: a decision's id and status, a budget's year, a total's object, a project.
    static func subject(_ type: String, _ fields: [String: String]) -> String? {
        switch family(type) {
        case "decision": return fields["decision"].map { "\(type):\($0)" }
        case "budget-set": return fields["year"]
        case "stated-total": return fields["of"]
        case "commitment": return fields["project"].map(NameText.key)
        case "contract-awarded", "contract-extension-intended": return fields["contract"]
        default: return nil
        }
    }

    static func subject(_ type: String, _ fields: [String: (value: String, assumed: Bool)]) -> String? {
        subject(type, fields.mapValues(\.value))
    }
}
