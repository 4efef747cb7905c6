import Projections

/// The money of one event as CSV columns: so a spreadsheet sums a column instead of reading the
/// payload's JSON.
///
/// `amount` is the event's amount (an addition, withdrawal, commitment, settlement's spending,
/// actual balance or stated total), or the sum of its lines (an allocation, reallocation or
/// budget); `low` and `high` are an estimate's range (for an event with one amount, both are it).
/// Empty for an event without money. A stored event whose lines add up past the cap gives no sum.
struct EventAmounts {
    let amount: Cents?
    let low: Cents?
    let high: Cents?

    init(_ event: DomainEvent) {
        var amount: Cents?
        switch event {
        case let .reserveAddition(_, c, _, _), let .reserveWithdrawal(_, c, _, _), let .commitmentSettled(_, _, c, _),
             let .balanceActual(_, _, c, _), let .statedTotal(_, c):
            amount = c
        case .commitment(let c): amount = c.amount
        case let .allocation(_, lines, _), let .reallocation(_, lines, _): amount = try? lines.map(\.amount).sum()
        case let .budgetSet(_, lines, _): amount = try? lines.map(\.amount).sum()
        case let .balanceEstimate(_, _, low, high):
            self.init(amount: nil, low: low, high: high)
            return
        default: amount = nil
        }
        self.init(amount: amount, low: amount, high: amount)
    }

    private init(amount: Cents?, low: Cents?, high: Cents?) {
        self.amount = amount
        self.low = low
        self.high = high
    }

    static let header = ["amount_cents", "amount_eur", "low_eur", "high_eur"]

    func fields(_ dialect: CSVDialect) -> [String] {
        [amount.map { String($0.value) } ?? "", amount.map { dialect.euros($0.decimal) } ?? "",
         low.map { dialect.euros($0.decimal) } ?? "", high.map { dialect.euros($0.decimal) } ?? ""]
    }
}
