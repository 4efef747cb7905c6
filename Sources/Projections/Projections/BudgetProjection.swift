import EventStore

/// A year's programme budget as it stands on a date.
public struct BudgetState: Equatable, Sendable {
    public let year: Int
    /// Amount per programme, in the order programmes first appeared.
    public var programmes: [ProgrammeAmount] = []
    /// The total as the source states it, if it states one.
    public var statedTotal: Cents?
    public var decisions: [DecisionID] = []
    public var events: [String] = []

    /// Always the sum of the parts; the stated total is compared, never used.
    public var total: Cents { programmes.map(\.amount).sum() }

    /// Stated minus computed; nil when nothing is stated.
    public var statedDifference: Cents? { statedTotal.map { $0 - total } }
}

/// The budget of one year on a date.
public enum BudgetProjection {
    /// Nil when no budget was ever set for the year (up to `date`).
    public static func project(year: Int, on date: CalendarDate, records: [ResolvedRecord]) -> BudgetState? {
        var state = BudgetState(year: year)
        var seen = false
        // Where each programme sits, and the decisions already listed: no scans per event.
        var programmeIndex: [ProgrammeID: Int] = [:]
        var decisions: Set<DecisionID> = []
        for record in records.effective(on: date) {
            switch record.event {
            case .budgetSet(let y, let lines, let decision) where y == year:
                seen = true
                for line in lines {
                    if let i = programmeIndex[line.programme] {
                        state.programmes[i] = line
                    } else {
                        programmeIndex[line.programme] = state.programmes.count
                        state.programmes.append(line)
                    }
                }
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
