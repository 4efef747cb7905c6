/// `register budget` for people: a table of programmes with their sum, and the stated total compared.
struct BudgetTextRenderer: TextAnswerRenderer {
    /// `--known-on` as the user wrote it, echoed beside the moment it means.
    let knownOnSpelling: String?
    /// The language of the labels and phrases.
    var language: Language = .en

    func render(_ answer: BudgetAnswer) -> String {
        let l = language
        var lines = [l.text("Budget {1} (on {2})", answer.year, answer.moment.on)]
        if let known = answer.moment.knownOnLine(spelledAs: knownOnSpelling) { lines.append("  " + l.text("known") + " " + l.message(known)) }
        var table = TextTable(["programme", "name", "amount"].map { l.text($0) }, rightAligned: [2])
        for p in answer.programmes { table.add([p.programme.rawValue, p.name, p.amount.dutch]) }
        table.add([l.text("total"), l.text("(sum of the programmes)"), answer.total.dutch])
        lines.append(table.render())
        if let stated = answer.statedTotal, let difference = answer.statedDifference {
            lines.append("  " + (difference == .zero ? l.text("stated total {1} agrees with the sum", stated.dutch)
                                 : l.text("stated total {1} differs from the sum by {2}", stated.dutch, difference.dutch)))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
