import Projections

/// `register reserve --csv`: one row per figure (authorised, withdrawn, balance low and high, each
/// allocation and commitment), or one `not-established` row with the date it was established.
struct ReserveCSVRenderer: CSVAnswerRenderer {
    typealias Rendered = ReserveAnswer

    let header = ["reserve", "name", "on", "status", "end_date", "kind", "item", "amount_cents", "amount_eur", "basis", "year", "decision"]

    func rows(_ answer: ReserveAnswer) -> [[String]] {
        let on = answer.moment.on.iso
        switch answer.standing {
        case .notYetEstablished(let establishedOn):
            return [[answer.reserve.rawValue, "", on, "not-established", "", "established_on", establishedOn.iso, "", "", "", "", ""]]
        case .established(let r):
            let head = [answer.reserve.rawValue, r.name, on, r.status.rawValue, r.endDate.iso]
            func row(_ kind: String, _ item: String, _ c: Cents, basis: String = "", year: String = "", decision: String = "") -> [String] {
                head + [kind, item, String(c.value), c.decimal, basis, year, decision]
            }
            var rows = [
                row("authorised", "", r.authorised), row("withdrawn", "", r.withdrawn),
                row("balance_low", r.balance.kind, r.balance.low), row("balance_high", r.balance.kind, r.balance.high),
            ]
            rows += r.allocations.map { row("allocation", $0.project, $0.amount) }
            // An ended commitment is `commitment_settled`, `commitment_released` or `commitment_superseded`.
            rows += r.commitments.map {
                row($0.status == "open" ? "commitment" : "commitment_\($0.status)", $0.project, $0.amount, basis: $0.basis.rawValue, year: $0.year.map(String.init) ?? "",
                    decision: $0.decision?.rawValue ?? "")
            }
            return rows
        }
    }
}
