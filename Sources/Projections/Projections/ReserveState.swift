import EventStore

/// A reserve as it stands after a run of events: the fold state of `ReserveProjection`.
public struct ReserveState: Equatable, Sendable {
    public let reserve: ReserveNumber
    public var name: String
    public var establishedOn: CalendarDate
    public var endDate: CalendarDate
    /// The sum of additions (toevoegingen): what the council made available.
    public var authorised: Cents = .zero
    public var withdrawn: Cents = .zero
    /// Earmarks per project, in the order projects first appeared.
    public private(set) var allocations: [ProjectAmount] = []
    /// The commitments, which of them are open, and what the open ones are judged against.
    public private(set) var commitmentBook = CommitmentBook()
    public var balance: Balance = .booked(.zero)
    /// The decisions named by the events that shaped the reserve, first mention first.
    public private(set) var decisions: [DecisionID] = []
    /// Ids of the events that shaped the reserve, in effect order.
    public private(set) var events: [String] = []

    /// The sum of `allocations`, kept as they change so that reading it costs nothing.
    public private(set) var allocated: Cents = .zero
    /// Every commitment recorded, open or ended, in effect order.
    public var commitments: [CommitmentBook.Line] { commitmentBook.lines }
    /// The sum of the open commitments: what is still owed.
    public var committed: Cents { commitmentBook.open }
    /// Where each project sits in `allocations`, and the decisions already in `decisions`:
    /// derived from those arrays, so that applying an event never scans them.
    private var allocationIndex: [String: Int] = [:]
    private var decisionSet: Set<DecisionID> = []

    /// Open through its end date, lapsed from the day after.
    public func status(on date: CalendarDate) -> ReserveStatus { date <= endDate ? .open : .lapsed }

    init(reserve: ReserveNumber, name: String, establishedOn: CalendarDate, endDate: CalendarDate) {
        self.reserve = reserve
        self.name = name
        self.establishedOn = establishedOn
        self.endDate = endDate
    }

    /// Applies one event that touches this reserve (others are ignored).
    ///
    /// Costs the size of the event, not of the state: returns whether the earmarks changed,
    /// so a timeline need not compare the whole table before and after. Throws, changing
    /// nothing the caller can use, when a total would pass the cap (`Cents.limit`).
    @discardableResult
    mutating func apply(_ record: ResolvedRecord) throws(TotalOutOfRange) -> Bool {
        let event = record.event
        guard event.subjects.contains(.reserve(reserve)) else { return false }
        if let decision = event.authorisingDecision, decisionSet.insert(decision).inserted { decisions.append(decision) }
        events.append(record.id)
        var allocationsChanged = false
        var total = "the authorised amount"
        do {
        switch event {
        case .reserveEstablished:
            // The state was made from the reserve's first establishment; a second one (append
            // refuses it; a file from elsewhere may hold it) changes nothing, and the audit says so.
            break
        case .reserveEndDateChanged(_, let endDate, _):
            self.endDate = endDate
        case .reserveAddition(_, let amount, _, _):
            try authorised += amount
            total = "the balance"
            balance = try balance.adjusted(by: amount)
            total = "the committed amount"
            try commitmentBook.added(amount)
        case .reserveWithdrawal(_, let amount, _, _):
            total = "the withdrawn amount"
            try withdrawn += amount
            total = "the balance"
            balance = try balance.adjusted(by: .zero - amount)
        case .allocation(_, let lines, _):
            total = "the allocated amount"
            // The sum first: a refused event changes no earmark.
            let added = try lines.map(\.amount).sum()
            allocated = try allocated + added
            var before: [Int: Cents] = [:]
            for line in lines {
                if let i = allocationIndex[line.project] {
                    if before[i] == nil { before[i] = allocations[i].amount }
                    allocations[i] = ProjectAmount(project: line.project, amount: try allocations[i].amount + line.amount)
                } else {
                    allocationIndex[line.project] = allocations.count
                    allocations.append(line)
                    allocationsChanged = true
                }
            }
            if before.contains(where: { allocations[$0.key].amount != $0.value }) { allocationsChanged = true }
        case .reallocation(_, let lines, _):
            total = "the allocated amount"
            allocated = try lines.map(\.amount).sum()
            allocationsChanged = allocations != lines
            allocations = lines
            allocationIndex = [:]
            for (i, line) in lines.enumerated() where allocationIndex[line.project] == nil { allocationIndex[line.project] = i }
        case .commitment(let c):
            total = "the committed amount"
            try commitmentBook.commit(c, event: record.id, on: record.effectiveDate, balance: balance)
        case let .commitmentSettled(_, commitment, spent, _):
            total = "the committed amount"
            try commitmentBook.settle(commitment, spent: spent, on: record.effectiveDate, by: record.id)
        case let .commitmentReleased(_, commitment, _, _):
            total = "the committed amount"
            try commitmentBook.release(commitment, on: record.effectiveDate, by: record.id)
        case .balanceEstimate(_, let asOf, let low, let high):
            balance = .estimate(low: low, high: high, asOf: asOf)
            commitmentBook.stated(balance, asOf: asOf, actual: false, by: record.id)
        case .balanceActual(_, let asOf, let amount, _):
            balance = .actual(amount, asOf: asOf)
            commitmentBook.stated(balance, asOf: asOf, actual: true, by: record.id)
        default:
            break
        }
        } catch {
            throw TotalOutOfRange(total: "\(total) of reserve \(reserve)", event: record.id, cause: error)
        }
        return allocationsChanged
    }
}

/// Whether a reserve can still be used on a date.
public enum ReserveStatus: String, Sendable {
    case open, lapsed
}

/// What the register knows of a reserve's balance, and how it knows it.
public enum Balance: Equatable, Sendable {
    /// Additions minus withdrawals as booked in the register; spending not booked is not in it.
    case booked(Cents)
    /// A range a source estimated for `asOf` (plus any mutations booked since).
    case estimate(low: Cents, high: Cents, asOf: CalendarDate)
    /// An actual figure, for example from the jaarstukken, for `asOf` (plus mutations since).
    case actual(Cents, asOf: CalendarDate)

    /// How many days before `date` the figure is for (negative when it is for a later date);
    /// nil for a booked balance, which counts every mutation up to the date asked about.
    public func age(on date: CalendarDate) -> Int? {
        asOf.map { date.daysSinceEpoch - $0.daysSinceEpoch }
    }

    /// The date an estimate or actual is for; nil for a booked balance (it is of every day).
    public var asOf: CalendarDate? {
        switch self {
        case .booked: return nil
        case .estimate(_, _, let asOf), .actual(_, let asOf): return asOf
        }
    }

    public var kind: String {
        switch self {
        case .booked: return "booked"
        case .estimate: return "estimate"
        case .actual: return "actual"
        }
    }

    func adjusted(by delta: Cents) throws(AmountOutOfRange) -> Balance {
        switch self {
        case .booked(let c): return .booked(try c + delta)
        case let .estimate(low, high, asOf): return .estimate(low: try low + delta, high: try high + delta, asOf: asOf)
        case let .actual(c, asOf): return .actual(try c + delta, asOf: asOf)
        }
    }

    /// The lowest amount the balance can be.
    public var low: Cents {
        switch self {
        case .booked(let c), .actual(let c, _): return c
        case .estimate(let low, _, _): return low
        }
    }

    /// The highest amount the balance can be.
    public var high: Cents {
        switch self {
        case .booked(let c), .actual(let c, _): return c
        case .estimate(_, let high, _): return high
        }
    }
}
