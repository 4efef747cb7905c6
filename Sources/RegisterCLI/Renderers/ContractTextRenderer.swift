/// `register contract` for people: counterparty, start, decided end and any intended extension.
struct ContractTextRenderer: TextAnswerRenderer {
    /// `--known-on` as the user wrote it, echoed beside the moment it means.
    let knownOnSpelling: String?
    /// The language of the labels and phrases.
    var language: Language = .en

    func render(_ answer: ContractAnswer) -> String {
        let on = answer.moment.on
        let l = language
        switch answer.standing {
        case .notYetAwarded(let awardedOn):
            return l.text("Contract {1} was not awarded yet on {2}; it was awarded on {3}.", answer.contract, on, awardedOn) + "\n"
        case .awarded(let c):
            let shown = DisplayText.escaped
            let labels = ["on", "known", "title", "status", "start", "end (decided)", "intended end", "decide by", "notice deadline"].map { l.text($0) }
            let width = (labels.map(\.count).max() ?? 15) + 2
            func row(_ label: String, _ value: String) -> String { "  " + l.text(label).padding(toLength: width, withPad: " ", startingAt: 0) + value }
            var lines = [l.text("Contract {1} with {2}", shown(answer.contract.rawValue), shown(c.counterparty)), row("on", "\(on)")]
            if let known = answer.moment.knownOnLine(spelledAs: knownOnSpelling) { lines.append(row("known", l.message(known))) }
            if let title = c.title { lines.append(row("title", shown(title))) }
            lines += [row("status", l.text(c.status.rawValue)), row("start", "\(c.start)"), row("end (decided)", "\(c.endDate)")]
            if let i = c.intendedExtension {
                lines.append(row("intended end", l.text("{1} (intention of the {2}, not decided)", i.newEndDate, i.body.rawValue)))
                if let by = i.decideBy {
                    lines.append(row("decide by", "\(by)" + (on > by ? " " + l.text("(passed without a decision)") : "")))
                }
            } else {
                lines.append(row("intended end", l.text("none")))
            }
            if let notice = c.noticeDeadline { lines.append(row("notice deadline", "\(notice)")) }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
