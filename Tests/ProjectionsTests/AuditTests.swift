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

    func findings(_ h: HistoryBuilder, on d: String = "2022-06-01") throws -> [Finding] {
        try Audit.run(records: h.resolved(), on: date(d))
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
        #expect(try findings(base(), on: "2022-12-31").isEmpty)
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
        let f = try findings(h, on: "2022-12-15")
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
}
