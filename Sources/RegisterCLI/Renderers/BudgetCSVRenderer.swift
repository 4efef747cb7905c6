/// `register budget --csv`: one row per programme.
struct BudgetCSVRenderer: CSVAnswerRenderer {
    typealias Rendered = BudgetAnswer

    let header = ["year", "programme", "name", "amount_cents", "amount_eur"]

    func rows(_ answer: BudgetAnswer) -> [[String]] {
        answer.programmes.map { [String(answer.year), $0.programme.rawValue, $0.name, String($0.amount.value), $0.amount.decimal] }
    }
}
