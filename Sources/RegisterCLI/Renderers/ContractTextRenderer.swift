/// `register contract` for people: counterparty, start, decided end and any intended extension.
struct ContractTextRenderer: TextAnswerRenderer {
    /// `--known-on` as the user wrote it, echoed beside the moment it means.
    let knownOnSpelling: String?

    func render(_ answer: ContractAnswer) -> String {
        let on = answer.moment.on
        switch answer.standing {
        case .notYetAwarded(let awardedOn):
            return "Contract \(answer.contract) was not awarded yet on \(on); it was awarded on \(awardedOn).\n"
        case .awarded(let c):
            let shown = DisplayText.escaped
            var lines = ["Contract \(shown(answer.contract.rawValue)) with \(shown(c.counterparty))", "  on               \(on)"]
            if let known = answer.moment.knownOnLine(spelledAs: knownOnSpelling) { lines.append("  known            \(known)") }
            if let title = c.title { lines.append("  title            \(shown(title))") }
            lines += [
                "  status           \(c.status.rawValue)",
                "  start            \(c.start)",
                "  end (decided)    \(c.endDate)",
            ]
            if let i = c.intendedExtension {
                lines.append("  intended end     \(i.newEndDate) (intention of the \(i.body.rawValue), not decided)")
                if let by = i.decideBy {
                    lines.append("  decide by        \(by)" + (on > by ? " (passed without a decision)" : ""))
                }
            } else {
                lines.append("  intended end     none")
            }
            if let notice = c.noticeDeadline { lines.append("  notice deadline  \(notice)") }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
