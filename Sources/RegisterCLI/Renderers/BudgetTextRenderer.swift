/// `register budget` for people: a table of programmes with their sum, and the stated total compared.
struct BudgetTextRenderer: TextAnswerRenderer {
    /// `--known-on` as the user wrote it, echoed beside the moment it means.
    let knownOnSpelling: String?

    func render(_ answer: BudgetAnswer) -> String {
        var lines = ["Budget \(answer.year) (on \(answer.moment.on))"]
        if let known = answer.moment.knownOnLine(spelledAs: knownOnSpelling) { lines.append("  known \(known)") }
        var table = TextTable(["programme", "name", "amount"], rightAligned: [2])
        for p in answer.programmes { table.add([p.programme.rawValue, p.name, p.amount.dutch]) }
        table.add(["total", "(sum of the programmes)", answer.total.dutch])
        lines.append(table.render())
        if let stated = answer.statedTotal, let difference = answer.statedDifference {
            lines.append(difference == .zero ? "  stated total \(stated.dutch) agrees with the sum"
                         : "  stated total \(stated.dutch) differs from the sum by \(difference.dutch)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
