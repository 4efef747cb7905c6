import EventStore

/// A year's programme budget as it stands on a date.
public struct BudgetState: Equatable, Sendable {
    public let year: Int
    /// Amount per programme, in the order programmes first appeared.
    public private(set) var programmes: [ProgrammeAmount] = []
    /// The total as the source states it, if it states one.
    public var statedTotal: Cents?
    public var decisions: [DecisionID] = []
    public var events: [String] = []

    /// Always the sum of the parts; the stated total is compared, never used. Kept as the
    /// programmes change, checked against the cap after every event (`TotalOutOfRange`).
    public private(set) var total: Cents = .zero

    /// Stated minus computed; nil when nothing is stated. Both are within the cap, so it is too.
    public var statedDifference: Cents? { statedTotal.flatMap { try? $0 - total } }

    /// Sets the programmes a `budget-set` names, keeping the others; `index` says where each sits.
    mutating func set(_ lines: [ProgrammeAmount], index: inout [ProgrammeID: Int], event: String) throws(TotalOutOfRange) {
        do {
            var sum = total
            for line in lines {
                if let i = index[line.programme] {
                    sum = try sum - programmes[i].amount + line.amount
                } else {
                    sum = try sum + line.amount
                }
            }
            total = sum
        } catch {
            throw TotalOutOfRange(total: "the budget total of \(year)", event: event, cause: error)
        }
        for line in lines {
            if let i = index[line.programme] {
                programmes[i] = line
            } else {
                index[line.programme] = programmes.count
                programmes.append(line)
            }
        }
    }
}

/// The budget of one year on a date.
public enum BudgetProjection {
    /// Nil when no budget was ever set for the year (up to `date`); throws when the total passes the cap.
    public static func project(year: Int, on date: CalendarDate, records: [ResolvedRecord]) throws(TotalOutOfRange) -> BudgetState? {
        var state = BudgetState(year: year)
        var seen = false
        // Where each programme sits, and the decisions already listed: no scans per event.
        var programmeIndex: [ProgrammeID: Int] = [:]
        var decisions: Set<DecisionID> = []
        for record in records.effective(on: date) {
            switch record.event {
            case .budgetSet(let y, let lines, let decision) where y == year:
                seen = true
                try state.set(lines, index: &programmeIndex, event: record.id)
                if let decision, decisions.insert(decision).inserted { state.decisions.append(decision) }
                state.events.append(record.id)
            case .statedTotal(.budget(let y), let amount) where y == year:
                state.statedTotal = amount
                state.events.append(record.id)
            default: break
            }
        }
        return seen ? state : nil
    }

    /// Years with a budget, ascending.
    public static func years(in records: [ResolvedRecord]) -> [Int] {
        var years: Set<Int> = []
        for record in records where record.counts {
            if case .budgetSet(let y, _, _) = record.event { years.insert(y) }
        }
        return years.sorted()
    }

    /// Programmes with their names, from every budget.
    public static func programmes(in records: [ResolvedRecord]) -> [ProgrammeID: String] {
        programmes(inEffectOrder: records.inEffectOrder)
    }

    static func programmes(inEffectOrder ordered: [ResolvedRecord]) -> [ProgrammeID: String] {
        var result: [ProgrammeID: String] = [:]
        for record in ordered {
            if case .budgetSet(_, let lines, _) = record.event {
                for line in lines where result[line.programme] == nil { result[line.programme] = line.name }
            }
        }
        return result
    }
}
