import TestSupport
import EventStore
import Foundation
import Testing
@testable import RegisterCLI

/// The ledger journal reconciles with the register: `ledger` and `hledger` on the export give, on
/// each date, the figures `register reserve … --json` and `register budget … --json` give (the
/// convention in `LedgerJournal`): the balance figure, the estimate's range, the earmarks per
/// project and the open commitments per project, and each budget in its own year.
///
/// Runs where `ledger` and `hledger` are installed (`.ci/run` installs them from Debian).
@Suite struct LedgerReconciliationTests {
    static let tools: [(name: String, arguments: [String])] = [("ledger", ["bal", "--flat", "--no-total"]), ("hledger", ["bal", "--flat", "-N"])]

    static func installed(_ tool: String) throws -> Bool {
        try runProcess("/bin/sh", ["-c", "command -v \(tool)"]).status == 0
    }

    /// A tool's flat balance report as account -> cents; accounts at zero are left out, as the tools leave them out.
    static func balances(_ output: String) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for line in output.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard let gap = trimmed.range(of: "  ") else { continue }
            let amount = trimmed[..<gap.lowerBound].replacingOccurrences(of: "EUR ", with: "")
            guard amount != "0" else { continue }
            let parts = amount.split(separator: ".")
            guard parts.count == 2, let euros = Int(parts[0]), let cents = Int(parts[1]) else {
                throw FixtureError("not an amount: \(line)")
            }
            let value = euros * 100 + (amount.hasPrefix("-") ? -cents : cents)
            if value != 0 { result[String(trimmed[gap.upperBound...])] = value }
        }
        return result
    }

    static func json(_ result: CLIResult) throws -> [String: Any] {
        guard result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw FixtureError("register failed: \(result.stderr)")
        }
        return object
    }

    /// What the register says, in the journal's accounts: account -> cents, zeros left out.
    static func registerFigures(reserves: [String], years: [Int], on date: String, store: String) throws -> [String: Int] {
        var figures: [String: Int] = [:]
        func put(_ account: String, _ cents: Int) { if cents != 0 { figures[account, default: 0] += cents } }
        for reserve in reserves {
            let answer = try json(CLI.run(["reserve", reserve, "--on", date, "--json", "--events", store]))
            guard answer["exists"] as? Bool == true, let balance = answer["balance"] as? [String: Any] else { continue }
            let r = LedgerJournal.accountComponent(reserve)
            let low = (balance["amountCents"] as? Int) ?? (balance["lowCents"] as? Int) ?? 0
            let high = (balance["amountCents"] as? Int) ?? (balance["highCents"] as? Int) ?? 0
            put("Reserves:\(r)", low)
            put("Estimate-range:\(r)", high - low)
            for line in answer["allocations"] as? [[String: Any]] ?? [] {
                put("Allocated:\(r):\(LedgerJournal.accountComponent(line["project"] as? String ?? ""))", line["amountCents"] as? Int ?? 0)
            }
            for line in answer["commitments"] as? [[String: Any]] ?? [] where line["status"] as? String == "open" {
                put("Committed:\(r):\(LedgerJournal.accountComponent(line["project"] as? String ?? ""))", line["amountCents"] as? Int ?? 0)
            }
        }
        for year in years {
            let answer = CLI.run(["budget", "--year", String(year), "--on", date, "--json", "--events", store])
            guard answer.status == 0 else { continue }
            for line in try json(answer)["programmes"] as? [[String: Any]] ?? [] {
                put("Budget:\(year):\(LedgerJournal.accountComponent(line["programme"] as? String ?? ""))", line["amountCents"] as? Int ?? 0)
            }
        }
        return figures
    }

    /// The journal's figures on `date` (inclusive): the tools' `--end` is exclusive, so the day after.
    static func journalFigures(_ tool: (name: String, arguments: [String]), journal: String, on date: String) throws -> [String: Int] {
        let next = try CalendarDate(iso: date).adding(days: 1).iso
        let r = try runProcess("/usr/bin/env", [tool.name, "-f", journal] + tool.arguments + ["--end", next])
        guard r.status == 0 else { throw FixtureError("\(tool.name) failed on \(date): \(r.stderr)") }
        return try balances(r.stdout).filter { !$0.key.hasPrefix("Equity:") && !$0.key.hasPrefix("Spending:") && !$0.key.hasPrefix("Unbooked:") }
    }

    static func reconcile(store: String, reserves: [String], years: [Int], dates: [String], budgetDates: [String]) throws {
        let temp = try TemporaryFolder("reconcile")
        let journal = temp.path("register.journal")
        let export = CLI.run(["export", "--format", "ledger", "--output", journal, "--events", store])
        #expect(export.status == 0, "\(export.stderr)")
        for tool in tools where try installed(tool.name) {
            for date in dates {
                let journalSide = try journalFigures(tool, journal: journal, on: date).filter { !$0.key.hasPrefix("Budget:") }
                let registerSide = try registerFigures(reserves: reserves, years: [], on: date, store: store)
                #expect(!registerSide.isEmpty && journalSide == registerSide, "\(tool.name) on \(date)")
            }
            // A budget is journaled in its own year: from the year on, the journal and the register agree.
            for date in budgetDates {
                let journalSide = try journalFigures(tool, journal: journal, on: date).filter { $0.key.hasPrefix("Budget:") }
                let registerSide = try registerFigures(reserves: [], years: years, on: date, store: store)
                #expect(journalSide == registerSide, "\(tool.name) budgets on \(date)")
            }
        }
    }

    @Test func theShippedHistoryReconciles() throws {
        try Self.reconcile(store: Repository.shippedEvents, reserves: ["404"], years: [2025, 2026, 2027],
                           dates: ["2019-06-30", "2020-12-31", "2021-12-31", "2022-11-08", "2022-12-31", "2026-11-23"],
                           budgetDates: ["2027-12-31"])
    }

    /// `hledger bal --yearly` puts each budget in the year it is for.
    @Test func budgetsFallInTheirYear() throws {
        guard try Self.installed("hledger") else { return }
        let temp = try TemporaryFolder("reconcile-yearly")
        let journal = temp.path("register.journal")
        #expect(CLI.run(["export", "--format", "ledger", "--output", journal, "--events", Repository.shippedEvents]).status == 0)
        for year in [2025, 2026, 2027] {
            let r = try runProcess("/usr/bin/env", ["hledger", "-f", journal, "bal", "^Budget:\(year):", "-N", "--flat",
                                                    "-b", "\(year)-01-01", "-e", "\(year + 1)-01-01"])
            let budget = try Self.json(CLI.run(["budget", "--year", String(year), "--json", "--on", "\(year)-12-31", "--events", Repository.shippedEvents]))
            let total = (budget["programmes"] as? [[String: Any]] ?? []).compactMap { $0["amountCents"] as? Int }.reduce(0, +)
            let journaled = try Self.balances(r.stdout).values.reduce(0, +)
            #expect(total > 0 && journaled == total, "\(year): \(r.stdout)")
            let before = try runProcess("/usr/bin/env", ["hledger", "-f", journal, "bal", "^Budget:\(year):", "-N", "-e", "\(year)-01-01"])
            #expect(try Self.balances(before.stdout).isEmpty, "\(year) before its year: \(before.stdout)")
        }
    }

    /// A seeded history that uses every kind of reserve event: additions, withdrawals, earmarks,
    /// reallocations, commitments settled, released and superseded, estimates, actuals, end dates.
    static func generatedHistory(seed: UInt64) -> (events: [UncheckedEvent], dates: [String]) {
        var random = SplitMix64(seed: seed)
        var day = try! CalendarDate(iso: "2020-01-01")
        let reserves = ["900", "R-2"]
        let projects = ["alpha", "beta gamma", "δ;x"]
        var events = reserves.enumerated().map { i, r in
            UncheckedEvent(id: "est-\(i)", type: "reserve-established", payload: ["reserve": .string(r), "name": "R", "endDate": "2024-12-31"],
                           effective: day.iso)
        }
        var open: [String: [String]] = [:]
        var dates: [String] = []
        for n in 0..<40 {
            day = day.adding(days: Int(random.next() % 40))
            let r = reserves[Int(random.next() % 2)]
            let amount = JSONValue(Int(random.next() % 1_000_000) + 1)
            let project = JSONValue.string(projects[Int(random.next() % 3)])
            let id = "g-\(n)"
            var type = "reserve-addition"
            var payload: JSONValue = ["reserve": .string(r), "amountCents": amount]
            switch random.next() % 10 {
            case 0, 1: break
            case 2: type = "reserve-withdrawal"
            case 3: type = "allocation"; payload = ["reserve": .string(r), "allocations": [["project": project, "amountCents": amount]]]
            case 4: type = "reallocation"; payload = ["reserve": .string(r), "allocations": [["project": project, "amountCents": amount], ["project": "omega", "amountCents": 5]]]
            case 5: type = "commitment"; payload = ["reserve": .string(r), "project": project, "amountCents": amount, "basis": "maximum"]
                open[r, default: []].append(id)
            case 6:
                guard let commitment = open[r]?.popLast() else { break }
                if random.next() % 2 == 0 {
                    type = "commitment-settled"; payload = ["reserve": .string(r), "commitment": .string(commitment), "amountCents": amount]
                } else {
                    type = "commitment-released"; payload = ["reserve": .string(r), "commitment": .string(commitment), "reason": "not needed"]
                }
            case 7: type = "balance-estimate"
                let low = Int(random.next() % 500_000)
                payload = ["reserve": .string(r), "asOf": .string(day.iso), "lowCents": JSONValue(low), "highCents": JSONValue(low + Int(random.next() % 100_000))]
            case 8: type = "balance-actual"; payload = ["reserve": .string(r), "asOf": .string(day.iso), "amountCents": amount]
                open[r] = []
            default: type = "reserve-end-date-changed"; payload = ["reserve": .string(r), "endDate": .string(day.adding(days: 400).iso)]
            }
            events.append(UncheckedEvent(id: id, type: type, payload: payload, effective: day.iso))
            if n % 5 == 4 { dates.append(day.iso) }
        }
        events.append(UncheckedEvent(id: "budget-a", type: "budget-set", payload: ["year": 2031, "programmes": [["programme": "p1", "amountCents": 700], ["programme": "p 2", "amountCents": 900]]], effective: "2030-11-01"))
        events.append(UncheckedEvent(id: "budget-b", type: "budget-set", payload: ["year": 2031, "programmes": [["programme": "p1", "amountCents": 650]]], effective: "2031-03-01"))
        return (events, dates)
    }

    @Test(arguments: [UInt64(16), 1604])
    func aGeneratedHistoryReconciles(seed: UInt64) throws {
        let temp = try TemporaryFolder("reconcile-generated")
        let store = try temp.folder()
        let (events, dates) = Self.generatedHistory(seed: seed)
        try appendWithoutChecks(events, to: store)
        try Self.reconcile(store: store, reserves: ["900", "R-2"], years: [2031], dates: dates, budgetDates: ["2031-02-01", "2031-12-31"])
    }
}
