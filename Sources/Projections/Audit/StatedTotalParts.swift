import EventStore

/// The parts that stated totals are checked against, folded once in effect order.
///
/// Fed every record that counts, in effect order; after the records of a date are all in,
/// `computed(_:on:)` answers what `BudgetProjection` and `ReserveProjection` would on that date,
/// without replaying the history for each stated total.
struct StatedTotalParts {
    /// A year's budget: the programme amounts and their running sum.
    private struct Budget {
        var programmeIndex: [ProgrammeID: Int] = [:]
        var amounts: [Cents] = []
        var total: Cents = .zero
        /// Whether a budget was set (a stated total alone is not a budget).
        var seen = false
        /// Per programme (as `amounts`), the budget-set event whose amount counts now.
        var setters: [String] = []
        /// Each budget-set event's place in effect order.
        var order: [String: Int] = [:]

        /// A budget-set replaces the amounts of the programmes it names, as `BudgetProjection` does.
        mutating func set(_ lines: [ProgrammeAmount], year: Int, id: String) throws(TotalOutOfRange) {
            seen = true
            do {
                for line in lines {
                    if let i = programmeIndex[line.programme] {
                        total = try total - amounts[i] + line.amount
                        amounts[i] = line.amount
                        setters[i] = id
                    } else {
                        programmeIndex[line.programme] = amounts.count
                        amounts.append(line.amount)
                        setters.append(id)
                        try total += line.amount
                    }
                }
            } catch {
                throw TotalOutOfRange(total: "the budget total of \(year)", event: id, cause: error)
            }
            if order[id] == nil { order[id] = order.count }
        }

        /// The budget-set events whose amounts make up the total now, in effect order: at most one
        /// per programme, however many budgets were set for the year before.
        var standing: [String] { Set(setters).sorted { order[$0, default: 0] < order[$1, default: 0] } }
    }

    private let establishments: [ReserveNumber: CalendarDate]
    private let budgetYears: Set<Int>
    private let allocationReserves: Set<ReserveNumber>
    private var budgets: [Int: Budget] = [:]
    private var allocations: [ReserveNumber: ReserveState] = [:]

    /// - Parameters:
    ///   - establishments: each reserve's first establishment date.
    ///   - ordered: the records that will be applied; only the years and reserves whose totals
    ///     they state are folded.
    init(establishments: [ReserveNumber: CalendarDate], statedIn ordered: [ResolvedRecord]) {
        self.establishments = establishments
        var years: Set<Int> = [], reserves: Set<ReserveNumber> = []
        for record in ordered {
            switch record.event {
            case .statedTotal(.budget(let year), _): years.insert(year)
            case .statedTotal(.allocations(let r), _): reserves.insert(r)
            default: break
            }
        }
        budgetYears = years
        allocationReserves = reserves
    }

    mutating func apply(_ record: ResolvedRecord) throws(TotalOutOfRange) {
        switch record.event {
        case .budgetSet(let year, let lines, _) where budgetYears.contains(year):
            try budgets[year, default: Budget()].set(lines, year: year, id: record.id)
        default:
            break
        }
        for subject in record.event.subjects {
            guard case .reserve(let r) = subject, allocationReserves.contains(r) else { continue }
            try allocations[r, default: ReserveState(reserve: r, name: "", establishedOn: record.effectiveDate, endDate: record.effectiveDate)]
                .apply(record)
            break
        }
    }

    /// The sum of the parts on `date` (every record effective on or before it applied); nil when
    /// there is nothing to compare with: no budget set for the year, or the reserve not established.
    func computed(_ of: StatedTotalSubject, on date: CalendarDate) -> Cents? {
        switch of {
        case .budget(let year):
            guard let budget = budgets[year], budget.seen else { return nil }
            return budget.total
        case .allocations(let r):
            guard let established = establishments[r], established <= date else { return nil }
            return allocations[r]?.allocated ?? .zero
        }
    }

    /// The ids of the budget-set events whose amounts make up the year's total now, in effect order.
    func budgetEvents(year: Int) -> [String] { budgets[year]?.standing ?? [] }
}
