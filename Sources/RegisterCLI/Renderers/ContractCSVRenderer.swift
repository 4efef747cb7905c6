/// `register contract --csv`: one row, the contract on the date (or `not-awarded` with the award date).
struct ContractCSVRenderer: CSVAnswerRenderer {
    typealias Rendered = ContractAnswer

    let header = ["contract", "counterparty", "on", "status", "start", "end_date", "intended_end_date", "decide_by",
                  "notice_deadline", "awarded_on"]

    func rows(_ answer: ContractAnswer) -> [[String]] {
        let on = answer.moment.on.iso
        switch answer.standing {
        case .notYetAwarded(let awardedOn):
            return [[answer.contract.rawValue, "", on, "not-awarded", "", "", "", "", "", awardedOn.iso]]
        case .awarded(let c):
            return [[answer.contract.rawValue, c.counterparty, on, c.status.rawValue, c.start.iso, c.endDate.iso,
                     c.intendedEndDate?.iso ?? "", c.intendedExtension?.decideBy?.iso ?? "", c.noticeDeadline?.iso ?? "", ""]]
        }
    }
}
