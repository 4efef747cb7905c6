import EventStore

/// Turns bytes into a short history: a few events of mixed types that refer to each other
/// (decisions, reserves established, additions, withdrawals, allocations, commitments,
/// estimates, contracts, budgets, stated totals, corrections and retractions), and the command
/// lines that ask every question about it.
///
/// The same generator serves the libFuzzer target `Fuzz/HistoryFuzzer.swift` (the bytes are
/// libFuzzer's input, so it can steer towards histories that trap) and the seeded test
/// `HistoryFuzzTests` (the bytes come from `SplitMix64`, so a failing history replays from its
/// seed). Each byte read picks one choice; past the end every byte reads as 0, so any input,
/// even an empty one, is a history. Names come from small pools, mostly ones already defined,
/// sometimes not (a reference the register must refuse); amounts include 0, 1, the cap
/// (`amountLimit`) and just above it.
///
/// The drafts are meant for the real append path with the domain's policy: some are refused,
/// which is part of the point.
public struct HistoryGenerator {
    /// What amounts may be: `anything` up to just above the cap, with now and then a table of
    /// `manyLines` amounts at the cap (whose sum exceeds an Int64); `upToTheCap` the same without
    /// those tables (no sum of a short history can overflow: for fuzzing past a known overflow);
    /// `small`, far below the cap (for a test that must not trap while checked totals are fixed elsewhere).
    public enum Amounts: String, Sendable { case anything, upToTheCap = "up-to-the-cap", small }

    /// The cap on one amount (`Cents.limit` in Projections: EUR 10 trillion).
    public static let amountLimit: Int64 = 1_000_000_000_000_000

    public static let reserves = ["404", "500", "R-7"]
    public static let contracts = ["C1", "dordrecht-sociaal"]
    public static let years = [2019, 2023, 9999]
    public static let decisions = ["D1", "D2", "2023-0000001"]
    public static let projects = ["P1", "P2", "Wonen & zorg"]
    public static let programmes = ["wonen", "zorg"]
    public static let dates = ["2019-06-27", "2022-12-31", "2023-01-10", "2023-06-30", "2024-02-29", "0001-01-01", "9999-12-31"]

    /// One command line and the exit statuses it may end with.
    public struct Command: Sendable, CustomStringConvertible {
        public let arguments: [String]
        public let allowedStatuses: Set<Int32>
        public var description: String { arguments.joined(separator: " ") }
    }

    public private(set) var drafts: [EventDraft] = []
    private var bytes: [UInt8]
    private var position = 0
    private let amounts: Amounts
    /// Events generated so far: id, type, payload (targets for corrections and retractions).
    private var generated: [(id: String, type: String, payload: [String: JSONValue])] = []
    /// Names generated events define, by kind (`decision`, `reserve`, `contract`, `budget`): later
    /// events mostly refer to these, so most of a history is accepted and folds into answers.
    private var defined: [String: [String]] = [:]

    /// A history of at most `maximumEvents` events read from `bytes`.
    public init(bytes: [UInt8], amounts: Amounts = .anything, maximumEvents: Int = 12) {
        self.bytes = bytes
        self.amounts = amounts
        let count = 1 + Int(next()) % max(1, maximumEvents)
        for n in 1...count { drafts.append(makeDraft(number: n)) }
    }

    // MARK: reading choices

    private mutating func next() -> UInt8 {
        defer { position += 1 }
        return position < bytes.count ? bytes[position] : 0
    }

    private mutating func below(_ n: Int) -> Int { Int(next()) % n }

    private mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }

    private mutating func chance(_ inEight: Int) -> Bool { below(8) < inEight }

    private mutating func amount() -> JSONValue {
        switch amounts {
        case .small:
            return JSONValue(Int64(below(8)) * 125_000 + Int64(next()))
        case .anything, .upToTheCap:
            switch below(8) {
            case 0: return JSONValue(0)
            case 1: return JSONValue(1)
            case 2: return JSONValue(Self.amountLimit)
            case 3: return JSONValue(Self.amountLimit + 1)
            case 4: return JSONValue(Self.amountLimit - Int64(next()))
            default:
                var value: Int64 = 0
                for _ in 0..<7 { value = value << 8 | Int64(next()) }
                return JSONValue(value % (Self.amountLimit + 1))
            }
        }
    }

    private mutating func date() -> String { pick(Self.dates) }

    /// How many lines an allocation or a budget gets: one to three, or (amounts `anything` only,
    /// rarely) `manyLines`, enough that their amounts at the cap add up past what an Int64 holds.
    private mutating func lineCount() -> Int {
        let n = below(16)
        return n == 15 && amounts == .anything ? Self.manyLines : 1 + n % 3
    }

    /// 9,300 amounts at the cap (EUR 10 trillion each) exceed Int64.max cents; the payload stays under 1 MiB.
    public static let manyLines = 9_300

    /// The name of the `i`th line of a table (`pool` first, then numbered).
    private static func lineName(_ pool: [String], _ i: Int) -> String { i < pool.count ? pool[i] : "\(pool[0])-\(i)" }

    /// A name of `kind` from `pool`: mostly one an earlier event defined, sometimes any (perhaps unknown).
    private mutating func reference(_ kind: String, _ pool: [String]) -> String {
        if let known = defined[kind], !known.isEmpty, chance(7) { return pick(known) }
        return pick(pool)
    }

    /// A name of `kind` that no earlier event defined, when there is one left (an establishment).
    private mutating func fresh(_ kind: String, _ pool: [String]) -> String {
        let unused = pool.filter { !(defined[kind] ?? []).contains($0) }
        return unused.isEmpty || !chance(7) ? pick(pool) : pick(unused)
    }

    private mutating func define(_ kind: String, _ name: String) { defined[kind, default: []].append(name) }

    /// Mostly a decision the history holds; without one, mostly none (which the register accepts
    /// and the audit reports), sometimes an unknown one (which it refuses).
    private mutating func decisionField(_ payload: inout [String: JSONValue]) {
        if defined["decision"]?.isEmpty == false {
            if chance(6) { payload["decision"] = .string(reference("decision", Self.decisions)) }
        } else if chance(1) {
            payload["decision"] = .string(pick(Self.decisions))
        }
    }

    // MARK: events

    private mutating func makeDraft(number: Int) -> EventDraft {
        let id = "e\(number)"
        var type: String
        var p: [String: JSONValue] = [:]
        // Mostly a decision first and a reserve second, so that the rest has something to refer to.
        var kind = below(22)
        if number == 1 && chance(6) { kind = 0 }
        if number == 2 && chance(6) { kind = 2 }
        switch kind {
        case 0, 1:
            type = pick(["decision-taken", "decision-taken", "decision-proposed", "decision-rejected", "decision-withdrawn"])
            let decision = chance(5) ? fresh("decision", Self.decisions) : reference("decision", Self.decisions)
            define("decision", decision)
            p = ["decision": .string(decision), "body": .string(pick(["raad", "college", "algemeen-bestuur", "unknown"]))]
            if chance(5) { p["date"] = .string(date()) }
            if chance(2) { p["title"] = "Besluit" }
        case 2, 3:
            type = "reserve-established"
            let reserve = fresh("reserve", Self.reserves)
            define("reserve", reserve)
            p = ["reserve": .string(reserve), "name": "Reserve", "endDate": .string(date())]
            decisionField(&p)
        case 4:
            type = "reserve-end-date-changed"
            p = ["reserve": .string(reference("reserve", Self.reserves)), "endDate": .string(date())]
            decisionField(&p)
        case 5, 6:
            type = "reserve-addition"
            p = ["reserve": .string(reference("reserve", Self.reserves)), "amountCents": amount()]
            decisionField(&p)
        case 7:
            type = "reserve-withdrawal"
            p = ["reserve": .string(reference("reserve", Self.reserves)), "amountCents": amount()]
            decisionField(&p)
        case 8, 9:
            type = pick(["allocation", "reallocation"])
            let count = lineCount()
            let amount = count == Self.manyLines ? JSONValue(Self.amountLimit) : .null
            let lines = (0..<count).map { i in
                JSONValue.object(["project": .string(Self.lineName(Self.projects, i)), "amountCents": amount == .null ? self.amount() : amount])
            }
            p = ["reserve": .string(reference("reserve", Self.reserves)), "allocations": .array(lines)]
            decisionField(&p)
        case 10:
            type = "commitment"
            p = ["reserve": .string(reference("reserve", Self.reserves)), "project": .string(pick(Self.projects)), "amountCents": amount(),
                 "basis": .string(pick(["exact", "approximate", "maximum"]))]
            if chance(3) { p["year"] = JSONValue(pick(Self.years)) }
            decisionField(&p)
        case 11:
            type = "balance-estimate"
            let low = amount(), high = amount()
            let (l, h) = (low.integer ?? 0) <= (high.integer ?? 0) ? (low, high) : (high, low)
            p = ["reserve": .string(reference("reserve", Self.reserves)), "asOf": .string(date()), "lowCents": l, "highCents": h]
        case 12:
            type = "balance-actual"
            p = ["reserve": .string(reference("reserve", Self.reserves)), "asOf": .string(date()), "amountCents": amount()]
            decisionField(&p)
        case 13:
            type = "contract-awarded"
            let (a, b) = (date(), date())
            let contract = fresh("contract", Self.contracts)
            define("contract", contract)
            p = ["contract": .string(contract), "counterparty": "Partij", "start": .string(min(a, b)), "end": .string(max(a, b))]
            if chance(3) { p["noticeDeadline"] = .string(date()) }
            decisionField(&p)
        case 14:
            type = "contract-extension-intended"
            p = ["contract": .string(reference("contract", Self.contracts)), "newEndDate": .string(date()), "body": "college"]
            if chance(5) { p["decideBy"] = .string(date()) }
        case 15:
            type = "contract-extended"
            p = ["contract": .string(reference("contract", Self.contracts)), "newEndDate": .string(date())]
            decisionField(&p)
        case 16:
            type = "budget-set"
            let count = lineCount()
            let amount = count == Self.manyLines ? JSONValue(Self.amountLimit) : .null
            let lines = (0..<count).map { i in
                JSONValue.object(["programme": .string(Self.lineName(Self.programmes, i)), "amountCents": amount == .null ? self.amount() : amount])
            }
            let year = pick(Self.years)
            define("budget", String(year))
            p = ["year": JSONValue(year), "programmes": .array(lines)]
            decisionField(&p)
        case 17:
            type = "stated-total"
            p = ["of": .string(chance(4) ? "budget:\(reference("budget", Self.years.map(String.init)))" : "reserve:\(reference("reserve", Self.reserves)):allocations"),
                 "amountCents": amount()]
        case 18, 19:
            type = "correction"
            p = correction()
        default:
            type = "retraction"
            p = ["retracts": .string(target()?.id ?? "ghost"), "reason": "vergissing"]
        }
        generated.append((id, type, p))
        return EventDraft(id: id, type: type, effectiveDate: try! CalendarDate(iso: date()), actor: "griffie:fuzz",
                          source: EventSource(document: "fuzz.pdf", zaaknummer: chance(4) ? "Z-1" : nil), payload: .object(p))
    }

    /// An earlier event, most often a recent one; nil before the first.
    private mutating func target() -> (id: String, type: String, payload: [String: JSONValue])? {
        guard !generated.isEmpty else { return nil }
        return generated[generated.count - 1 - below(min(4, generated.count))]
    }

    /// A correction of an earlier event: a new date, a new payload (the target's, with an amount,
    /// a reserve or a date changed), or both; for a correction, a correction of that correction.
    private mutating func correction() -> [String: JSONValue] {
        guard let target = target() else { return ["corrects": "ghost", "reason": "vergissing", "effectiveDate": .string(date())] }
        var p: [String: JSONValue] = ["corrects": .string(target.id), "reason": "vergissing"]
        if chance(3) { p["effectiveDate"] = .string(date()) }
        if chance(5) || p["effectiveDate"] == nil {
            var replaced = target.payload
            if target.type == "correction" {
                replaced["reason"] = "gecorrigeerde correctie"
                replaced["effectiveDate"] = .string(date())
            } else {
                for key in ["amountCents", "lowCents", "highCents"] where replaced[key] != nil && chance(6) { replaced[key] = amount() }
                if replaced["reserve"] != nil && chance(3) { replaced["reserve"] = .string(reference("reserve", Self.reserves)) }
                if replaced["endDate"] != nil && chance(4) { replaced["endDate"] = .string(date()) }
                if replaced["allocations"] != nil && chance(4) {
                    replaced["allocations"] = .array([.object(["project": .string(pick(Self.projects)), "amountCents": amount()])])
                }
            }
            p["payload"] = .object(replaced)
        }
        return p
    }

    // MARK: questions

    /// `count` of the questions `commands` lists, each picked by the next byte of the input (so a
    /// fuzzer steers which ones run, at a fraction of the cost of running them all).
    public mutating func chosenCommands(events: String, scratch: String, count: Int) -> [Command] {
        let all = commands(events: events, scratch: scratch)
        return (0..<count).map { _ in all[Int(next()) % all.count] }
    }

    /// Every question about the history in `events`, as command lines (reports are written into
    /// `scratch`): each query with each format, the timeline of every subject, the audit, the
    /// report, every export, log, subjects, verify, checkpoint and a proof.
    public func commands(events: String, scratch: String) -> [Command] {
        var result: [Command] = []
        func add(_ arguments: [String], _ allowed: Set<Int32>) { result.append(Command(arguments: arguments + ["--events", events], allowedStatuses: allowed)) }
        let formats: [[String]] = [[], ["--json"], ["--csv"]]
        let moments: [[String]] = [["--on", "2023-06-30"], ["--on", "9999-12-31", "--known-on", "2000-01-01"], ["--on", "0001-01-01", "--no-cache"]]
        // A question about a subject the register does not hold is refused (3); nothing else may fail.
        for reserve in Self.reserves {
            for (format, moment) in zip(formats, moments) { add(["reserve", reserve] + moment + format, [0, 3]) }
            add(["report", reserve, "--html", scratch + "/report-\(reserve).html", "--on", "2023-06-30"], [0, 3])
            add(["audit", reserve, "--on", "2023-06-30"], [0, 1, 3])
        }
        for contract in Self.contracts {
            for (format, moment) in zip(formats, moments) { add(["contract", contract] + moment + format, [0, 3]) }
        }
        for year in Self.years {
            for (format, moment) in zip(formats, moments) { add(["budget", "--year", String(year)] + moment + format, [0, 3]) }
        }
        let subjects = Self.reserves.map { "reserve:" + $0 } + Self.contracts.map { "contract:" + $0 } + Self.years.map { "budget:\($0)" }
            + Self.decisions.map { "decision:" + $0 } + Self.programmes.map { "programme:" + $0 }
        for (i, subject) in subjects.enumerated() { add(["timeline", subject] + formats[i % 3], [0, 3]) }
        for format in formats {
            add(["subjects"] + format, [0])
            add(["log"] + format, [0])
        }
        add(["audit"], [0, 1])
        add(["audit", "--json", "--on", "9999-12-31"], [0, 1])
        add(["audit", "--known-on", "2000-01-01"], [0, 1])
        // Without SUBJECT: the one reserve, a usage error (2) naming them when there are several, refused (3) when none.
        add(["report", "--html", scratch + "/report.html"], [0, 2, 3])
        for format in ["json", "csv", "ledger"] {
            add(["export", "--format", format], [0])
            add(["export", "--format", format, "--known-on", "2000-01-01", "--output", scratch + "/export.\(format)"], [0])
        }
        add(["verify"], [0])
        add(["verify", "--json"], [0])
        add(["checkpoint", "--json"], [0])
        add(["prove", "1"], [0, 3])
        return result
    }
}
