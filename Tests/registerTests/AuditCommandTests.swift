import TestSupport
import EventStore
import Foundation
import Testing

/// `register audit` on the shipped history and on copies with events appended: the new rules,
/// `--horizon`, readable ids, help; and what settlements and the age of a balance look like in
/// `register reserve`, and a decision's timeline read through the subject index.
@Suite struct AuditCommandTests {
    func shipped(_ arguments: [String]) -> CLIResult {
        CLI.run(arguments + ["--events", Repository.shippedEvents])
    }

    func ids(_ r: CLIResult) -> [String] {
        (r.json?["findings"]?.array ?? []).compactMap { $0["id"]?.string }
    }

    func append(_ store: String, _ type: String, effective: String, id: String? = nil, _ payload: String) {
        let r = CLI.run(["append", "--events", store], stdin: eventJSON(type: type, effective: effective, id: id, payload: payload))
        #expect(r.status == 0, "\(type): \(r.stderr)")
    }

    /// The shipped history's findings before this audit had the new rules, unchanged, plus the two
    /// end dates of 2026-12-31 coming up in the autumn of 2026.
    @Test func theShippedHistoryKeepsItsFindingsAndEndsSoonInTheAutumnOf2026() {
        let before = ["commitments-within-estimate/reserve:404", "intention-past-deadline/con-dordrecht-sociaal-intention-2025",
                      "mutation-without-decision/budget-2025-set", "mutation-without-decision/budget-2026-set",
                      "mutation-without-decision/budget-2027-set", "mutation-without-decision/con-dordrecht-sociaal-awarded",
                      "decision-date-unknown/alloc-404-2020", "decision-date-unknown/realloc-404-2021",
                      "decision-date-unknown/res-404-addition-2019", "decision-date-unknown/res-404-commit-bso-plus",
                      "decision-date-unknown/res-404-commit-uitvoeringsbrigade", "decision-date-unknown/res-404-end-date-2026",
                      "decision-date-unknown/res-404-established"]
        let autumn = shipped(["audit", "--json", "--on", "2026-11-23"])
        #expect(autumn.status == 1)
        #expect(Set(ids(autumn)) == Set(before + ["ends-soon/reserve:404", "ends-soon/contract:dordrecht-sociaal"]))
        #expect(Set(ids(shipped(["audit", "--json", "--on", "2026-06-30"]))) == Set(before), "the end is 184 days away")
        #expect(Set(ids(shipped(["audit", "--json", "--on", "2026-06-30", "--horizon", "200"])))
                == Set(before + ["ends-soon/reserve:404", "ends-soon/contract:dordrecht-sociaal"]))
        let text = shipped(["audit", "--on", "2026-11-23", "--rule", "ends-soon"]).stdout
        #expect(text.contains("RISK  ends-soon/reserve:404\n    reserve 404 ends on 2026-12-31, in 38 days (horizon 90 days)"), "\(text)")
        #expect(text.contains("contract dordrecht-sociaal ends on 2026-12-31, in 38 days (horizon 90 days); the college intends to extend it to 2030-12-31, which is not decided"))
    }

    @Test func aHorizonThatIsNotANumberOfDaysIsAUsageError() {
        for bad in ["soon", "-1", "1.5"] {
            let r = shipped(["audit", "--horizon", bad])
            #expect(r.status == 2, "\(bad): \(r.stderr)")
            #expect(r.stderr.contains("--horizon '\(bad)' is not a number of days"))
        }
    }

    @Test func helpListsEveryRuleWithAnExample() {
        let help = CLI.run(["help", "audit"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--horizon DAYS"))
        for rule in ["ends-soon", "decided-late", "scheduled", "balance-below-zero", "possible-duplicate", "decision-conflict",
                     "commitment-not-open", "before-establishment", "end-before-establishment", "lapsed-reserve-revived",
                     "extension-shortens", "decision-dated-in-future", "commitments-exceed-balance", "mutation-without-decision"] {
            #expect(help.stdout.contains("\n  \(rule): "), "\(rule) is listed")
            #expect(help.stdout.contains("e.g. \(rule)/"), "\(rule) has an example")
        }
    }

    @Test func aScheduledWithdrawalIsVisibleTodayAndAGeneratedIDIsNamedReadably() throws {
        let temp = try TemporaryFolder("audit-scheduled")
        let store = try temp.copyOfShippedEvents()
        append(store, "reserve-withdrawal", effective: "2035-01-01", #"{"reserve": "404", "amountCents": 1000, "decision": "2022-0177088"}"#)
        let r = CLI.run(["audit", "--rule", "scheduled", "--json", "--events", store])
        #expect(ids(r) == ["scheduled/reserve:404/2035-01-01/reserve-withdrawal"], "\(r.stdout)")
        #expect(r.json?["findings"]?.array?.first?["severity"] == "info")
        #expect(ids(CLI.run(["audit", "--rule", "scheduled", "--json", "--events", store])) == ids(r), "the same id every run")
    }

    @Test func settlingTheCommitmentsEndsThemInTheAnswerAndTheAudit() throws {
        let temp = try TemporaryFolder("audit-settle")
        let store = try temp.copyOfShippedEvents()
        // The jaarstukken 2022 give EUR 432.500: the EUR 440.000 committed is not covered.
        append(store, "balance-actual", effective: "2023-04-18", id: "res-404-actual-2022",
               #"{"reserve": "404", "asOf": "2022-12-31", "amountCents": 43250000}"#)
        let uncovered = CLI.run(["audit", "404", "--json", "--on", "2023-06-30", "--events", store])
        #expect(ids(uncovered).contains("commitments-exceed-balance/reserve:404"))
        let message = uncovered.json?["findings"]?.array?.first { $0["id"] == "commitments-exceed-balance/reserve:404" }?["message"]?.string
        #expect(message?.contains("(€ 432.500,00 actual for 2022-12-31)") == true, "\(message ?? "")")
        append(store, "commitment-settled", effective: "2023-12-15", id: "settle-brigade",
               #"{"reserve": "404", "commitment": "res-404-commit-uitvoeringsbrigade", "amountCents": 19250000, "decision": "2022-0177088"}"#)
        append(store, "commitment-released", effective: "2023-12-15", id: "release-bso",
               #"{"reserve": "404", "commitment": "res-404-commit-bso-plus", "reason": "BSO+ continues from the regular budget"}"#)
        let settled = CLI.run(["reserve", "404", "--on", "2024-01-31", "--json", "--events", store])
        #expect(settled.json?["committedCents"]?.integer == 0)
        let commitments = try #require(settled.json?["commitments"]?.array)
        #expect(commitments.map { $0["status"]?.string } == ["settled", "released"])
        #expect(commitments.first?["spentCents"]?.integer == 19_250_000 && commitments.first?["endedBy"] == "settle-brigade")
        let text = CLI.run(["reserve", "404", "--on", "2024-01-31", "--events", store]).stdout
        #expect(text.contains("commitments  € 0,00 open in 0 of 2 commitment(s)"), "\(text)")
        #expect(text.contains("settled (€ 192.500,00 spent) by settle-brigade"))
        let audit = CLI.run(["audit", "404", "--json", "--on", "2024-01-31", "--events", store])
        #expect(!ids(audit).contains { $0.hasPrefix("commitments-") }, "\(ids(audit))")
        // The settlement names its decision: the decision's timeline lists it.
        let timeline = CLI.run(["timeline", "decision:2022-0177088", "--json", "--events", store])
        let entries = (timeline.json?["entries"]?.array ?? []).compactMap { $0["id"]?.string }
        #expect(entries.contains("settle-brigade") && !entries.contains("release-bso"), "\(entries)")
    }

    @Test func theBalanceSaysHowOldItIs() {
        let text = shipped(["reserve", "404", "--on", "2026-12-01"]).stdout
        #expect(text.contains("balance      estimate € 400.000,00 to € 450.000,00 for 2022-12-31 (not an actual amount; 3 years and 11 months old on 2026-12-01)"),
                "\(text)")
        #expect(shipped(["reserve", "404", "--on", "2023-06-30"]).stdout.contains("(not an actual amount; 5 months old on 2023-06-30)"))
        #expect(shipped(["reserve", "404", "--on", "2022-12-01"]).stdout.contains("(not an actual amount; for a date 30 days after 2022-12-01)"))
        let json = shipped(["reserve", "404", "--on", "2026-12-01", "--json"]).json
        #expect(json?["balance"]?["ageDays"]?.integer == 1431)
        #expect(json?["balance"]?["asOf"] == "2022-12-31")
    }

    @Test func theTimelineOfADecisionListsTheMutationsItAuthorises() throws {
        let timeline = shipped(["timeline", "decision:2022-0177088", "--json"])
        #expect(timeline.status == 0, "\(timeline.stderr)")
        let entries = (timeline.json?["entries"]?.array ?? []).compactMap { $0["id"]?.string }
        #expect(entries == ["dec-2022-0177088-proposed", "dec-2022-0177088-taken", "res-404-end-date-2026",
                            "res-404-commit-uitvoeringsbrigade", "res-404-commit-bso-plus"])
        // Read through the index after an append too.
        let temp = try TemporaryFolder("audit-decision-timeline")
        let store = try temp.copyOfShippedEvents()
        _ = CLI.run(["timeline", "decision:2403230", "--events", store])
        append(store, "reserve-withdrawal", effective: "2023-03-01", id: "w-2023", #"{"reserve": "404", "amountCents": 1000, "decision": "2403230"}"#)
        let after = CLI.run(["timeline", "decision:2403230", "--json", "--events", store])
        let ids = (after.json?["entries"]?.array ?? []).compactMap { $0["id"]?.string }
        #expect(ids.last == "w-2023" && ids.contains("res-404-established"), "\(ids)")
    }
}
