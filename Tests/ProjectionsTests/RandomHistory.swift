import EventStore
@testable import Projections

/// A generated history that exercises what the audit and the timeline fold: few reserves,
/// contracts and budget years, many events on the same dates, stated totals right and wrong,
/// corrections (of payloads, of dates, of other corrections, moving an event to another
/// reserve), retractions (also of corrections) and events recorded out of order; commitments
/// settled and released (also ones that are not open), estimates and actuals, decisions recorded
/// twice, a reserve established twice under one name, and ids the store would have generated.
enum RandomHistory {
    static let reserves = ["404", "500", "600"]
    static let contracts = ["C1", "C2"]
    static let years = [2020, 2021, 2022]
    static let programmes = ["wonen", "onderwijs", "veiligheid", "zorg"]

    static func make(seed: UInt64, events: Int) -> HistoryBuilder {
        var random = SeededRandom(seed: seed)
        var h = HistoryBuilder()
        // Few dates, so that many events share one and the order within a date matters.
        let dates = (0..<40).map { i in CalendarDate(daysSinceEpoch: 17_500 + i * 61).iso }
        func someDate() -> String { random.pick(dates) }
        var decisions: [String] = []
        var amendable: [(id: String, type: EventType, payload: [String: JSONValue])] = []
        var lastBudget: [Int: Int64] = [:]
        var lastAllocated: [String: Int64] = [:]
        var commitments: [(id: String, reserve: JSONValue)] = []

        /// Now and then an id as the store makes them (a UUID), so findings must name the event otherwise.
        func someID() -> String? {
            guard random.below(5) == 0 else { return nil }
            let hex = String(random.next(), radix: 16).leftPadded(to: 16) + String(random.next(), radix: 16).leftPadded(to: 16)
            let h = Array(hex)
            return "\(String(h[0..<8]))-\(String(h[8..<12]))-\(String(h[12..<16]))-\(String(h[16..<20]))-\(String(h[20..<32]))"
        }
        var retractions: [String] = []
        var creations: [String] = []
        var retracted: [String] = []
        func add(_ type: EventType, _ payload: [String: JSONValue], date: String? = nil, recordedAt: String? = nil) {
            let id = h.add(type, date ?? someDate(), id: someID(), recordedAt: recordedAt, payload)
            if type != .retraction { amendable.append((id, type, payload)) } else { retractions.append(id) }
            if type == .reserveEstablished || type == .contractAwarded { creations.append(id) }
            if type == .commitment, let reserve = payload["reserve"] { commitments.append((id, reserve)) }
        }
        for (i, d) in ["D1", "D2", "D3"].enumerated() {
            h.decision(d, on: dates[i * 5])
            decisions.append(d)
        }
        h.decision("DP", .decisionProposed, on: dates[2])
        h.decision("DU", on: dates[3], dated: .some(nil))
        decisions += ["DP", "DU", "missing"]
        for r in reserves {
            add(.reserveEstablished, ["reserve": .string(r), "name": .string("Reserve \(r)"), "endDate": .string(random.pick(dates)), "decision": "D1"])
        }
        // The same reserve again under another number: a possible duplicate.
        add(.reserveEstablished, ["reserve": "404-bis", "name": "Reserve 404", "endDate": .string(dates[30]), "decision": "D1"])
        // And one reserve established twice (append refuses it): only the first counts.
        add(.reserveEstablished, ["reserve": .string(Self.reserves[0]), "name": "Again", "endDate": .string(dates[39]), "decision": "D1"])
        for c in contracts {
            add(.contractAwarded, ["contract": .string(c), "counterparty": .string("Party \(c)"), "start": .string(dates[0]),
                                   "end": .string(dates[20]), "noticeDeadline": .string(dates[15]), "decision": "D1"])
        }
        while h.records.count < events {
            let reserve = JSONValue.string(random.pick(reserves))
            let amount = cents(Int64(1 + random.below(5)) * 100_000)
            var decision: [String: JSONValue] = [:]
            if random.below(10) > 0 { decision["decision"] = .string(random.pick(decisions)) }
            let outOfOrder = random.below(40) == 0 ? RecordedInstant(millisecondsSinceEpoch: 1_600_000_000_000).iso : nil
            switch random.below(22) {
            case 0, 1: add(.reserveAddition, ["reserve": reserve, "amountCents": amount].merging(decision) { $1 }, recordedAt: outOfOrder)
            case 2: add(.reserveWithdrawal, ["reserve": reserve, "amountCents": amount].merging(decision) { $1 })
            case 3, 4:
                let project = "P\(random.below(4))"
                let n = Int64(random.below(3)) * 50_000  // sometimes zero: the earmarks do not change
                lastAllocated[reserve.string!, default: 0] += n
                add(.allocation, ["reserve": reserve, "allocations": lines([(project, n)])].merging(decision) { $1 })
            case 5:
                let table = random.below(2) == 0 ? [("P0", Int64(100_000)), ("P1", 200_000)] : [("P2", Int64(300_000))]
                lastAllocated[reserve.string!] = table.map(\.1).reduce(0, +)
                add(.reallocation, ["reserve": reserve, "allocations": lines(table)].merging(decision) { $1 })
            case 6: add(.commitment, ["reserve": reserve, "project": "P1", "amountCents": amount, "basis": "exact"].merging(decision) { $1 })
            case 7: add(.reserveEndDateChanged, ["reserve": reserve, "endDate": .string(someDate())].merging(decision) { $1 })
            case 8: add(.balanceEstimate, ["reserve": reserve, "asOf": .string(someDate()), "lowCents": cents(100_000), "highCents": cents(900_000)])
            case 9, 10:
                let year = random.pick(years)
                let chosen = programmes.filter { _ in random.below(3) > 0 }
                let parts = (chosen.isEmpty ? [programmes[0]] : chosen).map { (p: $0, n: Int64(1 + random.below(9)) * 1_000_000) }
                lastBudget[year] = parts.map(\.n).reduce(0, +)
                add(.budgetSet, ["year": JSONValue(year), "programmes": .array(parts.map { .object(["programme": .string($0.p), "amountCents": cents($0.n)]) })]
                    .merging(decision) { $1 })
            case 11, 12:
                if random.below(2) == 0, let year = years.filter({ lastBudget[$0] != nil }).randomElement(using: &random) {
                    let total = lastBudget[year]! + (random.below(3) == 0 ? 100 : 0)
                    add(.statedTotal, ["of": .string("budget:\(year)"), "amountCents": cents(total)])
                } else {
                    let r = reserve.string!
                    add(.statedTotal, ["of": .string("reserve:\(r):allocations"), "amountCents": cents((lastAllocated[r] ?? 0) + (random.below(3) == 0 ? 100 : 0))])
                }
            case 13:
                let contract = JSONValue.string(random.pick(contracts))
                add(.contractExtensionIntended, ["contract": contract, "newEndDate": .string(dates[30 + random.below(10)]),
                                                 "decideBy": .string(someDate()), "body": "college"])
            case 14: add(.contractExtended, ["contract": .string(random.pick(contracts)), "newEndDate": .string(dates[25 + random.below(15)])]
                         .merging(decision) { $1 })
            case 15, 16:
                // A correction: a new date, a new payload (perhaps naming another reserve), or a correction of a correction.
                let target = amendable[amendable.count - 1 - random.below(min(30, amendable.count))]
                var p: [String: JSONValue] = ["corrects": .string(target.id), "reason": "test"]
                if random.below(2) == 0 { p["effectiveDate"] = .string(someDate()) }
                if target.type == .correction, let inner = target.payload["corrects"] {
                    p["payload"] = .object(["corrects": inner, "reason": "corrected correction", "effectiveDate": .string(someDate())])
                } else if target.payload["reserve"] != nil, target.payload["amountCents"] != nil {
                    var replaced = target.payload
                    replaced["amountCents"] = amount
                    if random.below(3) == 0 { replaced["reserve"] = .string(random.pick(reserves)) }
                    p["payload"] = .object(replaced)
                }
                if p["payload"] == nil { p["effectiveDate"] = .string(someDate()) }
                add(.correction, p)
            case 17:
                // Now and then what append refuses but a copied folder can hold: an event not in the
                // register, a retraction of a retraction, an event recorded later (the id the next
                // event but one gets unless it is given one), a creation that other events stand on.
                let target: String
                switch random.below(15) {
                case 0: target = "ghost"
                case 1 where !retractions.isEmpty: target = random.pick(retractions)
                case 2: target = "e\(h.records.count + 3)"
                case 3: target = random.pick(creations)
                case 4 where !retracted.isEmpty: target = random.pick(retracted)
                default: target = amendable[amendable.count - 1 - random.below(min(30, amendable.count))].id
                }
                add(.retraction, ["retracts": .string(target), "reason": "test"])
                retracted.append(target)
            case 18:
                // Settled, released, or a second time; now and then under the wrong reserve.
                guard let target = commitments.isEmpty ? nil : random.pick(commitments) else { continue }
                let under = random.below(6) == 0 ? JSONValue.string(random.pick(reserves)) : target.reserve
                if random.below(3) == 0 {
                    add(.commitmentReleased, ["reserve": under, "commitment": .string(target.id), "reason": "not needed"].merging(decision) { $1 })
                } else {
                    add(.commitmentSettled, ["reserve": under, "commitment": .string(target.id), "amountCents": amount].merging(decision) { $1 })
                }
            case 19:
                if random.below(2) == 0 {
                    add(.balanceActual, ["reserve": reserve, "asOf": .string(someDate()), "amountCents": cents(Int64(random.below(8)) * 100_000)])
                } else {
                    // A decision recorded again: sometimes the same, sometimes with another status, body or date.
                    let id = random.pick(["D1", "D2", "D3"])
                    let status = random.pick([EventType.decisionTaken, .decisionTaken, .decisionRejected])
                    let day = random.below(4) == 0 ? someDate() : dates[random.below(3) * 5]  // some after they were recorded
                    add(status, ["decision": .string(id), "body": .string(random.pick(["raad", "college", "unknown"])),
                                 "date": .string(day)], date: day)
                }
            default:
                add(.reserveAddition, ["reserve": reserve, "amountCents": amount, "decision": "D2"])
            }
        }
        // Last, so the random part stays as it was: a reserve spelt another way (append refuses
        // it), counted apart and reported.
        add(.reserveEstablished, ["reserve": .string("0" + Self.reserves[1]), "name": "Spelt", "endDate": .string(dates[39]), "decision": "D1"])
        // A document's hash recorded up to three times, with the same hash or another.
        for _ in 0..<(1 + random.below(3)) {
            add(.sourceDocument, ["document": "doc.txt", "sha256": .string(String(repeating: random.pick(["a", "b"]), count: 64))])
        }
        return h
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
