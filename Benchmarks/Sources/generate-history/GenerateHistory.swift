import EventStore
import Foundation
import Projections

// generate-history --events N --out DIR [--seed S]
//
// Writes a realistic synthetic register through the real store and its domain policy (every
// event fsynced, chained and checked): reserves, contracts and programmes over decades,
// decisions proposed and taken before the mutations they authorise, additions, withdrawals,
// allocations, commitments, end-date changes, estimates, budgets with stated totals, contract
// intentions and extensions, and about 1% corrections and retractions. Deterministic per seed.
// Appends to an existing store, so a 1M store can be built in steps.

@main
struct GenerateHistory {
    static func main() throws {
        var target = 10_000
        var out = "bench/events"
        var seed: UInt64 = 20_261_123
        var arguments = CommandLine.arguments.dropFirst()
        while let flag = arguments.popFirst() {
            guard let value = arguments.popFirst() else { fatalError("\(flag) needs a value") }
            switch flag {
            case "--events": target = Int(value) ?? target
            case "--out": out = value
            case "--seed": seed = UInt64(value) ?? seed
            default: fatalError("unknown option \(flag); use --events N --out DIR --seed S")
            }
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let store = EventStore(directory: out)

        var random = SplitMix64(state: seed)
        let start = try store.head()?.sequence ?? 0
        let reserveCount = max(5, target / 20_000), contractCount = max(2, target / 50_000)
        let programmes = ["bestaanszekerheid", "elkaar-helpen", "algemene-voorzieningen", "specialistische-hulp", "inzet-eigen-personeel",
                          "wonen", "onderwijs", "veiligheid"]
        let firstDay = try CalendarDate(iso: "1990-01-01").daysSinceEpoch, span = 36 * 365
        var decisions: [String] = []
        var eventIDs: [String] = []
        var budgets: [Int: Int64] = [:]

        func day(_ i: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: firstDay + i * span / max(target, 1)) }

        @discardableResult
        func append(_ type: EventType, _ i: Int, _ payload: JSONValue, id: String? = nil) throws -> String {
            let receipt = try store.append(EventDraft(id: id, type: type.rawValue, effectiveDate: day(i), actor: "bench:generator",
                                                      source: EventSource(document: "synthetic-\(i / 1000).txt", zaaknummer: "B-\(i)"),
                                                      payload: payload), policy: DomainPolicy())
            eventIDs.append(receipt.id)
            return receipt.id
        }

        var i = start
        let began = Date()
        if start == 0 {
            try append(.decisionTaken, 0, ["decision": "B-0", "body": "raad", "date": .string(day(0).iso), "title": "Oprichting reserves"])
            decisions.append("B-0")
            i = 1
            for r in 1...reserveCount {
                try append(.reserveEstablished, i, ["reserve": .string("R\(r)"), "name": .string("Reserve \(r)"), "endDate": "2030-12-31", "decision": "B-0"])
                i += 1
            }
            for c in 1...contractCount {
                try append(.contractAwarded, i, ["contract": .string("C\(c)"), "counterparty": .string("Stichting \(c)"), "start": "1991-01-01",
                                                 "end": "2001-12-31", "noticeDeadline": "2000-12-31", "decision": "B-0"])
                i += 1
            }
        } else {
            decisions.append("B-0")
        }
        while i < target {
            let roll = random.below(1000)
            let reserve = JSONValue.string("R\(1 + random.below(reserveCount))")
            let decision = JSONValue.string(decisions[max(0, decisions.count - 1 - random.below(min(20, decisions.count)))])
            let amount = JSONValue.number(String(100_000 + random.below(50_000_000)))
            switch roll {
            case 0..<100:
                let id = "B-\(i)"
                try append(.decisionProposed, i, ["decision": .string(id), "body": "raad", "date": .string(day(i).iso), "title": .string("Voorstel \(i)")])
                i += 1
                try append(.decisionTaken, i, ["decision": .string(id), "body": "raad", "date": .string(day(i).iso)])
                decisions.append(id)
            case 100..<300: try append(.reserveAddition, i, ["reserve": reserve, "amountCents": amount, "decision": decision])
            case 300..<450: try append(.reserveWithdrawal, i, ["reserve": reserve, "amountCents": amount, "decision": decision])
            case 450..<600:
                try append(.allocation, i, ["reserve": reserve, "decision": decision,
                                            "allocations": [["project": .string("Project \(random.below(40))"), "amountCents": amount]]])
            case 600..<700:
                try append(.commitment, i, ["reserve": reserve, "project": .string("Project \(random.below(40))"), "amountCents": amount,
                                            "basis": "approximate", "year": JSONValue(day(i).year), "decision": decision])
            case 700..<730:
                try append(.reserveEndDateChanged, i, ["reserve": reserve, "endDate": .string(CalendarDate(year: day(i).year + 4, month: 12, day: 31).iso),
                                                       "decision": decision])
            case 730..<760:
                try append(.balanceEstimate, i, ["reserve": reserve, "asOf": .string(day(i).endOfYear.iso), "lowCents": 1_000_000, "highCents": 2_000_000])
            case 760..<860:
                let year = day(i).year + 1
                let lines: [JSONValue] = programmes.map { ["programme": .string($0), "amountCents": .number(String(1_000_000 + random.below(90_000_000)))] }
                try append(.budgetSet, i, ["year": JSONValue(year), "programmes": .array(lines), "decision": decision])
                budgets[year] = lines.compactMap { $0["amountCents"]?.integer }.reduce(0, +)
            case 860..<890:
                if let year = budgets.keys.randomElement(), let total = budgets[year] {
                    try append(.statedTotal, i, ["of": .string("budget:\(year)"), "amountCents": .number(String(total + (random.below(10) == 0 ? 100 : 0)))])
                } else {
                    try append(.reserveAddition, i, ["reserve": reserve, "amountCents": amount, "decision": decision])
                }
            case 890..<910:
                let contract = JSONValue.string("C\(1 + random.below(contractCount))")
                try append(.contractExtensionIntended, i, ["contract": contract, "newEndDate": .string(CalendarDate(year: day(i).year + 4, month: 12, day: 31).iso),
                                                           "decideBy": .string(day(i).endOfYear.iso), "body": "college"])
            case 910..<930:
                let contract = JSONValue.string("C\(1 + random.below(contractCount))")
                try append(.contractExtended, i, ["contract": contract, "newEndDate": .string(CalendarDate(year: day(i).year + 4, month: 12, day: 31).iso),
                                                  "decision": decision])
            case 930..<950:
                // Corrections and retractions of recent events; one the policy refuses (a retraction's
                // target that is itself a retraction) becomes an ordinary addition instead.
                let target = eventIDs[eventIDs.count - 1 - random.below(min(50, eventIDs.count))]
                do {
                    if roll < 945 {
                        try append(.correction, i, ["corrects": .string(target), "reason": "synthetic correction", "effectiveDate": .string(day(i).iso)])
                    } else {
                        try append(.retraction, i, ["retracts": .string(target), "reason": "synthetic retraction"])
                    }
                } catch StoreError.refused {
                    try append(.reserveAddition, i, ["reserve": reserve, "amountCents": amount, "decision": decision])
                }
            default:
                try append(.reserveAddition, i, ["reserve": reserve, "amountCents": amount, "decision": decision])
            }
            i += 1
            if i % 10_000 == 0 {
                FileHandle.standardError.write(Data("generated \(i) events (\(Int(Double(i - start) / Date().timeIntervalSince(began))) /s)\n".utf8))
            }
        }
        print("store \(out): \(i) events")

    }
}

struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

