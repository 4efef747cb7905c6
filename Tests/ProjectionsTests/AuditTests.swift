import EventStore
import TestSupport
import Testing
@testable import Projections

/// One history that triggers each rule and one that does not.
@Suite struct AuditTests {
    func base() -> HistoryBuilder {
        var h = HistoryBuilder()
        h.decision("D1", on: "2019-06-01")
        h.reserve(on: "2019-06-01", end: "2022-12-31", decision: "D1")
        h.add(.reserveAddition, "2019-06-01", id: "add", ["reserve": "404", "amountCents": cents(1_000_000), "decision": "D1"])
        return h
    }

    func findings(_ h: HistoryBuilder, on d: String = "2022-06-01", horizon: Int = Audit.defaultHorizon) throws -> [Finding] {
        try Audit.run(records: h.resolved(), on: date(d), horizon: horizon)
    }

    @Test func aCleanHistoryHasNoFindings() throws {
        #expect(try findings(base()) == [])
    }

    @Test func aMutationWithoutDecision() throws {
        var h = base()
        h.add(.reserveWithdrawal, "2020-01-01", id: "w", ["reserve": "404", "amountCents": cents(10)])
        #expect(try findings(h).map(\.id) == ["mutation-without-decision/w"])
        #expect(try findings(h).first?.severity == .warning)
    }

    @Test(arguments: [EventType.decisionProposed, .decisionRejected, .decisionWithdrawn])
    func aMutationAuthorisedByADecisionNotTaken(_ status: EventType) throws {
        var h = base()
        h.decision("D2", status, on: "2019-12-01")
        h.add(.reserveWithdrawal, "2020-01-01", id: "w", ["reserve": "404", "amountCents": cents(10), "decision": "D2"])
        let f = try findings(h)
        #expect(f.map(\.id) == ["decision-not-taken/w"])
        #expect(f.first?.events.contains("dec-D2-\(status.rawValue)") == true)
    }

    @Test func aDecisionDatedAfterTheMutation() throws {
        var h = base()
        h.decision("D2", on: "2020-03-01")
        h.add(.reserveWithdrawal, "2020-01-01", id: "w", ["reserve": "404", "amountCents": cents(10), "decision": "D2"])
        #expect(try findings(h).map(\.id) == ["decision-after-effect/w"])
    }

    @Test func aReserveMutationDecidedAfterItsYearEnd() throws {
        var h = base()
        h.decision("D2", on: "2021-01-05")
        h.add(.reserveWithdrawal, "2020-12-31", id: "w", ["reserve": "404", "amountCents": cents(10), "decision": "D2"])
        #expect(Set(try findings(h).map(\.id)) == ["decision-after-effect/w", "decision-after-year-end/w"])
    }

    @Test func aDecisionWithAnUnknownDateIsReportedAsALimit() throws {
        var h = base()
        h.decision("D3", on: "2020-01-01", dated: .some(nil))
        h.add(.reserveWithdrawal, "2020-01-01", id: "w", ["reserve": "404", "amountCents": cents(10), "decision": "D3"])
        #expect(try findings(h).map(\.id) == ["decision-date-unknown/w"])
        #expect(try findings(h).first?.severity == .info)
    }

    @Test func moneyCommittedAfterTheEndDate() throws {
        var h = base()
        h.add(.commitment, "2023-02-01", id: "c", ["reserve": "404", "project": "P", "amountCents": cents(10), "basis": "exact", "decision": "D1"])
        #expect(try findings(h, on: "2023-03-01").map(\.id).contains("money-after-end-date/c"))
        #expect(try !findings(h, on: "2022-12-31").contains { $0.rule == .moneyAfterEndDate })
    }

    @Test func aLapsedReserveThatStillHoldsMoney() throws {
        #expect(try findings(base(), on: "2023-01-01").map(\.id) == ["lapsed-reserve-holds-money/reserve:404"])
        // Open through its end date: not lapsed, only ending.
        #expect(try findings(base(), on: "2022-12-31").map(\.id) == ["ends-soon/reserve:404"])
    }

    @Test func allocationsAboveTheAuthorisedAmount() throws {
        var h = base()
        h.add(.allocation, "2020-01-01", id: "a", ["reserve": "404", "allocations": lines([("P", 1_000_001)]), "decision": "D1"])
        #expect(try findings(h).map(\.id) == ["allocations-exceed-authorised/a"])
        var ok = base()
        ok.add(.allocation, "2020-01-01", ["reserve": "404", "allocations": lines([("P", 1_000_000)]), "decision": "D1"])
        #expect(try findings(ok).isEmpty)
    }

    @Test func commitmentsInsideAnEstimateRangeAreARiskNotAnError() throws {
        var h = base()
        h.add(.balanceEstimate, "2022-11-08", ["reserve": "404", "asOf": "2022-12-31", "lowCents": cents(40_000_000), "highCents": cents(45_000_000)])
        h.add(.commitment, "2022-12-01", ["reserve": "404", "project": "U", "amountCents": cents(20_000_000), "basis": "approximate", "decision": "D1"])
        h.add(.commitment, "2022-12-01", ["reserve": "404", "project": "B", "amountCents": cents(24_000_000), "basis": "maximum", "decision": "D1"])
        let f = try findings(h, on: "2022-12-15", horizon: 10)
        #expect(f.map(\.id) == ["commitments-within-estimate/reserve:404"])
        #expect(f.first?.severity == .risk)
    }

    @Test func commitmentsAboveTheBalanceAreAnError() throws {
        var h = base()
        h.add(.commitment, "2020-01-01", ["reserve": "404", "project": "U", "amountCents": cents(2_000_000), "basis": "exact", "decision": "D1"])
        #expect(try findings(h).map(\.id) == ["commitments-exceed-balance/reserve:404"])
    }

    @Test func eventsRecordedOutOfTimeOrder() throws {
        var h = base()
        h.add(.reserveEndDateChanged, "2020-01-01", id: "late", recordedAt: "2001-01-01T00:00:00.000Z", ["reserve": "404", "endDate": "2024-12-31", "decision": "D1"])
        #expect(try findings(h).map(\.id) == ["recorded-out-of-order/late"])
    }

    @Test func aCorrectionThatPointsAtNothing() throws {
        var h = base()
        h.add(.correction, "2020-01-01", id: "fix", ["corrects": "ghost", "reason": "r", "effectiveDate": "2020-01-01"])
        #expect(try findings(h).map(\.id) == ["amendment-target-missing/fix"])
    }

    @Test func findingIdsAreStableAcrossRuns() throws {
        var h = base()
        h.add(.reserveWithdrawal, "2020-01-01", id: "w", ["reserve": "404", "amountCents": cents(10)])
        #expect(try findings(h, on: "2023-06-01") == findings(h, on: "2023-06-01"))
    }

    /// The Dordrecht Sociaal contract: 2023 to the end of 2026, notice by the end of 2025, and the
    /// college's intention to extend to 2030, to be decided by the end of 2025.
    func contract() -> HistoryBuilder {
        var h = HistoryBuilder()
        h.add(.contractAwarded, "2022-12-31", id: "award", ["contract": "ds", "counterparty": "Dordrecht Sociaal", "start": "2023-01-01",
                                                          "end": "2026-12-31", "noticeDeadline": "2025-12-31"])
        h.add(.contractExtensionIntended, "2025-09-30", id: "intention", ["contract": "ds", "newEndDate": "2030-12-31", "decideBy": "2025-12-31",
                                                                        "body": "college"])
        return h
    }

    @Test func anExtensionDecidedAfterTheDeadlinesIsDecidedLate() throws {
        var h = contract()
        #expect(try findings(h, on: "2026-03-01").map(\.id).contains("intention-past-deadline/intention"))
        h.decision("D-ext", on: "2026-02-10")
        h.add(.contractExtended, "2026-02-10", id: "ext", ["contract": "ds", "newEndDate": "2030-12-31", "decision": "D-ext"])
        let f = try findings(h, on: "2026-03-01").filter { $0.rule == .decidedLate }
        #expect(f.map(\.id) == ["decided-late/ext"], "the deadline finding does not just disappear")
        #expect(f.first?.message == "contract ds was extended to 2030-12-31 by decision D-ext of 2026-02-10, after the decide-by date 2025-12-31 of intention and after the notice deadline 2025-12-31")
        #expect(f.first?.events == ["award", "intention", "dec-D-ext-decision-taken", "ext"])
        #expect(try !findings(h, on: "2026-03-01").contains { $0.rule == .intentionPastDeadline })
        // Decided in time: nothing late.
        var inTime = contract()
        inTime.decision("D-ext", on: "2025-11-10")
        inTime.add(.contractExtended, "2025-11-10", ["contract": "ds", "newEndDate": "2030-12-31", "decision": "D-ext"])
        #expect(try !findings(inTime, on: "2026-03-01").contains { $0.rule == .decidedLate })
    }

    @Test func anExtensionWithoutADecisionDateIsJudgedOnItsEffectiveDate() throws {
        var h = contract()
        h.add(.contractExtended, "2026-01-15", id: "ext", ["contract": "ds", "newEndDate": "2030-12-31"])
        let f = try findings(h, on: "2026-03-01").filter { $0.rule == .decidedLate }
        #expect(f.first?.message.contains("on 2026-01-15 (its effective date: no decision date is known)") == true, "\(f)")
    }

    @Test func endsSoonWithinTheHorizon() throws {
        var h = base()
        h.add(.reserveEndDateChanged, "2022-12-01", id: "end-2026", ["reserve": "404", "endDate": "2026-12-31", "decision": "D1"])
        let autumn = try findings(h, on: "2026-10-15").filter { $0.rule == .endsSoon }
        #expect(autumn.map(\.id) == ["ends-soon/reserve:404"])
        #expect(autumn.first?.message == "reserve 404 ends on 2026-12-31, in 77 days (horizon 90 days); it holds € 10.000,00 booked")
        #expect(autumn.first?.events == ["end-2026"])
        #expect(try findings(h, on: "2026-09-01").filter { $0.rule == .endsSoon }.isEmpty, "121 days ahead")
        #expect(try findings(h, on: "2026-09-01", horizon: 150).map(\.id).contains("ends-soon/reserve:404"))
        #expect(try !findings(h, on: "2027-01-01").contains { $0.rule == .endsSoon }, "past its end it has lapsed")
        let c = try findings(contract(), on: "2026-11-23").filter { $0.rule == .endsSoon }
        #expect(c.map(\.id) == ["ends-soon/contract:ds"])
        #expect(c.first?.message == "contract ds ends on 2026-12-31, in 38 days (horizon 90 days); the college intends to extend it to 2030-12-31, which is not decided")
    }

    @Test func eventsEffectiveAfterTheAuditDateAreListedAsScheduled() throws {
        var h = base()
        h.add(.reserveWithdrawal, "2035-01-01", id: "w-2035", ["reserve": "404", "amountCents": cents(1_000), "decision": "D1"])
        // HistoryBuilder records in November 2023.
        let f = try findings(h, on: "2024-01-01").filter { $0.rule == .scheduled }
        #expect(f.map(\.id) == ["scheduled/w-2035"])
        #expect(f.first?.severity == .info)
        #expect(f.first?.message == "reserve-withdrawal w-2035 takes effect on 2035-01-01, after 2024-01-01: withdrawal of € 10,00 from reserve 404")
        // Not yet recorded on the audit date: not scheduled then.
        #expect(try !findings(h, on: "2023-01-01").contains { $0.rule == .scheduled })
    }

    @Test func findingIdsNameGeneratedEventsReadably() throws {
        var h = base()
        let generated = ["3f1c9a52-7d1e-4c1b-9a55-2b9e6f0d8c11", "a2b4c6d8-1e3f-4a5b-8c7d-9e0f1a2b3c4d"]
        for id in generated {
            h.add(.reserveWithdrawal, "2020-01-01", id: id, ["reserve": "404", "amountCents": cents(10)])
        }
        let ids = try findings(h).map(\.id)
        #expect(ids == ["mutation-without-decision/reserve:404/2020-01-01/reserve-withdrawal",
                        "mutation-without-decision/reserve:404/2020-01-01/reserve-withdrawal-2"])
        #expect(!ids.contains { id in generated.contains { id.contains($0) } })
        // The same after more is recorded: an append never renames an earlier finding.
        h.add(.reserveWithdrawal, "2020-01-01", id: "c0ffee00-0000-4000-8000-000000000000", ["reserve": "404", "amountCents": cents(10)])
        #expect(try Array(findings(h).map(\.id).prefix(2)) == ids)
    }

    @Test func everyRuleHasAnExampleThatNamesIt() {
        for rule in AuditRule.allCases {
            #expect(rule.example.hasPrefix(rule.rawValue + "/"), "\(rule.rawValue)")
            #expect(!rule.explanation.isEmpty)
        }
    }

    @Test func theTimelineOfADecisionListsTheMutationsItAuthorises() throws {
        var h = base()
        h.add(.reserveWithdrawal, "2020-01-01", id: "w", ["reserve": "404", "amountCents": cents(10), "decision": "D1"])
        h.add(.reserveWithdrawal, "2020-02-01", id: "other", ["reserve": "404", "amountCents": cents(10)])
        let entries = try Timeline(subject: .decision(DecisionID("D1")), records: h.resolved()).entries.map(\.id)
        #expect(entries == ["dec-D1-decision-taken", "res-404", "add", "w"])
    }
}
