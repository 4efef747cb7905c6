import EventStore
import TestSupport
import Testing
@testable import Projections

@Suite struct ContractProjectionTests {
    func contractHistory() -> HistoryBuilder {
        var h = HistoryBuilder()
        h.add(.contractAwarded, "2022-12-31", ["contract": "ds", "counterparty": "Dordrecht Sociaal", "start": "2023-01-01",
                                              "end": "2026-12-31", "noticeDeadline": "2025-12-31"])
        h.add(.contractExtensionIntended, "2025-09-30", id: "intent",
              ["contract": "ds", "newEndDate": "2030-12-31", "decideBy": "2025-12-31", "body": "college"])
        return h
    }

    func state(_ h: HistoryBuilder, on d: String) -> ContractState? {
        guard case .state(let s)? = ContractProjection.project(ContractID("ds"), on: date(d), records: h.resolved()) else { return nil }
        return s
    }

    @Test func anIntentionDoesNotMoveTheDecidedEnd() throws {
        let s = try #require(state(contractHistory(), on: "2026-01-01"))
        #expect(s.endDate == date("2026-12-31"))
        #expect(s.intendedEndDate == date("2030-12-31"))
        #expect(s.status(on: date("2027-01-01")) == .ended)
    }

    @Test func beforeTheIntentionThereIsNone() throws {
        #expect(try #require(state(contractHistory(), on: "2024-01-01")).intendedEndDate == nil)
    }

    @Test func aDecidedExtensionMovesTheEndAndFulfilsTheIntention() throws {
        var h = contractHistory()
        h.decision("X", on: "2025-11-20", body: "college")
        h.add(.contractExtended, "2025-11-20", ["contract": "ds", "newEndDate": "2030-12-31", "decision": "X"])
        let s = try #require(state(h, on: "2026-01-01"))
        #expect(s.endDate == date("2030-12-31"))
        #expect(s.intendedExtension == nil)
    }

    @Test func anIntentionNeverDecidedIsAFindingAfterItsDeadline() throws {
        let findings = try Audit.run(records: contractHistory().resolved(), on: date("2026-01-01"))
        #expect(findings.contains { $0.id == "intention-past-deadline/intent" })
        let before = try Audit.run(records: contractHistory().resolved(), on: date("2025-12-31"))
        #expect(!before.contains { $0.rule == .intentionPastDeadline })
    }

    @Test func beforeTheAwardThereIsNoContractYet() {
        #expect(ContractProjection.project(ContractID("ds"), on: date("2022-01-01"), records: contractHistory().resolved())
                == .notYetAwarded(awardedOn: date("2022-12-31")))
    }
}

@Suite struct BudgetProjectionTests {
    func budget(stated: Int64) -> HistoryBuilder {
        var h = HistoryBuilder()
        h.add(.budgetSet, "2024-12-17", id: "b", ["year": 2026, "programmes": [
            ["programme": "a", "name": "A", "amountCents": cents(100)], ["programme": "b", "amountCents": cents(250)]]])
        h.add(.statedTotal, "2024-12-17", id: "t", ["of": "budget:2026", "amountCents": cents(stated)])
        return h
    }

    @Test func theTotalIsTheSumOfTheParts() throws {
        let s = try #require(try BudgetProjection.project(year: 2026, on: date("2025-01-01"), records: budget(stated: 999).resolved()))
        #expect(s.total == Cents(350))
        #expect(s.statedTotal == Cents(999))
        #expect(s.statedDifference == Cents(649))
    }

    /// A stated total's finding names the budget-set events whose amounts make up the total, not
    /// every budget ever set for the year (which made the audit's output grow with the square of the history).
    @Test func aStatedTotalNamesTheBudgetsWhoseAmountsStand() throws {
        var h = HistoryBuilder()
        h.add(.budgetSet, "2024-01-10", id: "b1", ["year": 2026, "programmes": [["programme": "a", "amountCents": cents(100)], ["programme": "b", "amountCents": cents(250)]]])
        h.add(.budgetSet, "2024-02-10", id: "b2", ["year": 2026, "programmes": [["programme": "a", "amountCents": cents(120)]]])
        h.add(.statedTotal, "2024-02-11", id: "t1", ["of": "budget:2026", "amountCents": cents(999)])
        h.add(.budgetSet, "2024-03-10", id: "b3", ["year": 2026, "programmes": [["programme": "a", "amountCents": cents(130)], ["programme": "b", "amountCents": cents(260)]]])
        h.add(.statedTotal, "2024-03-11", id: "t2", ["of": "budget:2026", "amountCents": cents(999)])
        let findings = try Audit.run(records: h.resolved(), on: date("2025-01-01"))
        #expect(findings.first { $0.id == "stated-total-differs/t1" }?.events == ["b1", "b2", "t1"])
        #expect(findings.first { $0.id == "stated-total-differs/t2" }?.events == ["b3", "t2"])
    }

    @Test func aStatedTotalThatDiffersIsAFindingAndOneThatAgreesIsNot() throws {
        #expect(try Audit.run(records: budget(stated: 999).resolved(), on: date("2025-01-01")).contains { $0.id == "stated-total-differs/t" })
        #expect(try !(Audit.run(records: budget(stated: 350).resolved(), on: date("2025-01-01")).contains { $0.rule == .statedTotalDiffers }))
    }

    @Test func aLaterBudgetSetReplacesTheProgrammesItNames() throws {
        var h = budget(stated: 350)
        h.add(.budgetSet, "2025-06-01", ["year": 2026, "programmes": [["programme": "a", "amountCents": cents(120)]]])
        #expect(try #require(try BudgetProjection.project(year: 2026, on: date("2025-07-01"), records: h.resolved())).total == Cents(370))
        #expect(try #require(try BudgetProjection.project(year: 2026, on: date("2025-05-01"), records: h.resolved())).total == Cents(350))
    }

    @Test func aYearWithoutBudgetHasNone() throws {
        #expect(try BudgetProjection.project(year: 2030, on: date("2025-01-01"), records: budget(stated: 1).resolved()) == nil)
    }
}
