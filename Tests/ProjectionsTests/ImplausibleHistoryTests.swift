import EventStore
import Testing
@testable import Projections

/// Histories that cannot or should not be: each is accepted (it is what was recorded) and
/// reported by the rule named in docs/semantics.md ("Impossible and implausible histories").
/// The cases refused at append are in `DomainPolicyTests` and the bad-input corpus.
@Suite struct ImplausibleHistoryTests {
    func base() -> HistoryBuilder {
        var h = HistoryBuilder()
        h.decision("D1", on: "2019-06-01")
        h.reserve(on: "2019-06-30", end: "2022-12-31", decision: "D1")
        h.add(.reserveAddition, "2019-06-30", id: "add", ["reserve": "404", "amountCents": cents(500_000_000), "decision": "D1"])
        return h
    }

    func findings(_ h: HistoryBuilder, on d: String = "2021-06-01", rule: AuditRule) throws -> [Finding] {
        try Audit.run(records: h.resolved(), on: date(d)).filter { $0.rule == rule }
    }

    @Test func aMutationBeforeTheReserveWasEstablished() throws {
        var h = base()
        h.add(.reserveAddition, "2019-01-15", id: "early", ["reserve": "404", "amountCents": cents(100), "decision": "D1"])
        let f = try findings(h, rule: .beforeEstablishment)
        #expect(f.map(\.id) == ["before-establishment/early"])
        #expect(f.first?.severity == .error)
        #expect(f.first?.message == "reserve-addition early takes effect on 2019-01-15, before reserve 404 was established on 2019-06-30; it counts from the establishment on")
        // It counts from the establishment on: facts and their legality are separate.
        guard case .state(let s)? = try ReserveProjection.project(ReserveNumber("404"), on: date("2020-01-01"), records: h.resolved()) else {
            Issue.record("no reserve")
            return
        }
        #expect(s.authorised == Cents(500_000_100))
    }

    @Test func aWithdrawalBeyondTheBalance() throws {
        var h = base()
        h.add(.reserveWithdrawal, "2020-01-01", id: "w1", ["reserve": "404", "amountCents": cents(400_000_000), "decision": "D1"])
        h.add(.reserveWithdrawal, "2020-02-01", id: "w2", ["reserve": "404", "amountCents": cents(150_000_000), "decision": "D1"])
        h.add(.reserveWithdrawal, "2020-03-01", id: "w3", ["reserve": "404", "amountCents": cents(10), "decision": "D1"])
        let f = try findings(h, rule: .balanceBelowZero)
        #expect(f.map(\.id) == ["balance-below-zero/w2"], "once per time it goes below zero")
        #expect(f.first?.message == "after reserve-withdrawal w2 on 2020-02-01 reserve 404's balance is -€ 500.000,00 booked")
        #expect(f.first?.severity == .error)
    }

    @Test func aWithdrawalBelowTheLowEndOfAnEstimateIsARisk() throws {
        var h = base()
        h.add(.balanceEstimate, "2020-01-01", ["reserve": "404", "asOf": "2019-12-31", "lowCents": cents(100), "highCents": cents(1_000)])
        h.add(.reserveWithdrawal, "2020-02-01", id: "w", ["reserve": "404", "amountCents": cents(500), "decision": "D1"])
        #expect(try findings(h, rule: .balanceBelowZero).map(\.severity) == [.risk])
    }

    @Test func anEndDateBeforeTheEstablishment() throws {
        var h = base()
        h.add(.reserveEndDateChanged, "2020-01-01", id: "back", ["reserve": "404", "endDate": "2018-12-31", "decision": "D1"])
        let f = try findings(h, rule: .endBeforeEstablishment)
        #expect(f.map(\.id) == ["end-before-establishment/back"])
        #expect(f.first?.message == "after reserve-end-date-changed back reserve 404 ends on 2018-12-31, before it was established on 2019-06-30")
    }

    @Test func anEndDateChangeThatRevivesALapsedReserve() throws {
        var h = base()
        h.add(.reserveEndDateChanged, "2023-03-01", id: "revive", ["reserve": "404", "endDate": "2026-12-31", "decision": "D1"])
        let f = try findings(h, on: "2023-06-01", rule: .lapsedReserveRevived)
        #expect(f.map(\.id) == ["lapsed-reserve-revived/revive"])
        #expect(f.first?.message == "reserve 404 lapsed after 2022-12-31; revive on 2023-03-01 moves its end date to 2026-12-31 and so brings it back")
        // Moved before it lapsed, it is an ordinary extension.
        var inTime = base()
        inTime.add(.reserveEndDateChanged, "2022-12-01", ["reserve": "404", "endDate": "2026-12-31", "decision": "D1"])
        #expect(try findings(inTime, on: "2023-06-01", rule: .lapsedReserveRevived).isEmpty)
    }

    @Test func aContractExtensionToBeforeItsCurrentEnd() throws {
        var h = HistoryBuilder()
        h.decision("D1", on: "2022-01-01")
        h.add(.contractAwarded, "2022-12-31", id: "award", ["contract": "ds", "counterparty": "DS", "start": "2023-01-01", "end": "2026-12-31", "decision": "D1"])
        h.add(.contractExtended, "2024-01-01", id: "ext", ["contract": "ds", "newEndDate": "2025-06-30", "decision": "D1"])
        let f = try findings(h, on: "2024-06-01", rule: .extensionShortens)
        #expect(f.map(\.id) == ["extension-shortens/ext"])
        #expect(f.first?.events == ["award", "ext"])
    }

    @Test func oneDecisionRecordedTwiceWithAConflictingStatusBodyOrDate() throws {
        for (status, body, day) in [(EventType.decisionRejected, "raad", "2020-03-01"), (.decisionTaken, "college", "2020-03-01"),
                                    (.decisionTaken, "raad", "2020-03-09")] {
            var h = HistoryBuilder()
            h.add(.decisionTaken, "2020-03-01", id: "first", ["decision": "D9", "body": "raad", "date": "2020-03-01"])
            h.add(status, day, id: "second", ["decision": "D9", "body": .string(body), "date": .string(day)])
            let f = try findings(h, rule: .decisionConflict)
            #expect(f.map(\.id) == ["decision-conflict/decision:D9"])
            #expect(f.first?.message.hasSuffix("; the last in effect order, second, counts") == true, "\(f)")
            #expect(f.first?.events == ["first", "second"])
        }
        // A proposal followed by its decision, and the same decision recorded twice alike, are no conflict.
        var h = HistoryBuilder()
        h.add(.decisionProposed, "2020-02-01", ["decision": "D9", "body": "raad", "date": "2020-02-01"])
        h.add(.decisionTaken, "2020-03-01", ["decision": "D9", "body": "raad", "date": "2020-03-01"])
        h.add(.decisionTaken, "2020-03-01", ["decision": "D9", "body": "unknown", "date": "2020-03-01"])
        #expect(try findings(h, rule: .decisionConflict).isEmpty)
    }

    @Test func theLastOfConflictingRecordsIsWhatTheRegisterUses() throws {
        var h = HistoryBuilder()
        h.add(.decisionTaken, "2020-03-01", ["decision": "D9", "body": "raad", "date": "2020-03-01"])
        h.add(.decisionRejected, "2020-03-05", ["decision": "D9", "body": "college", "date": "2020-03-05"])
        let entry = DecisionIndex(records: h.resolved())[DecisionID("D9")]
        #expect(entry?.status == .rejected && entry?.body == .college && entry?.date == date("2020-03-05"))
    }

    @Test func theSameDecisionsMoneyAddedTwice() throws {
        var h = base()
        h.add(.reserveAddition, "2020-01-01", id: "again", ["reserve": "404", "amountCents": cents(500_000_000), "decision": "D1"])
        h.add(.reserveAddition, "2020-02-01", id: "other-amount", ["reserve": "404", "amountCents": cents(1_000), "decision": "D1"])
        let f = try findings(h, rule: .possibleDuplicate)
        #expect(f.map(\.id) == ["possible-duplicate/again"])
        #expect(f.first?.message == "reserve-addition again adds € 5.000.000,00 to reserve 404 under decision D1, as add did on 2019-06-30: a possible duplicate (retract one if it is)")
        #expect(f.first?.severity == .warning)
    }

    @Test func aSecondEstablishmentUnderAnotherIDButTheSameDecisionAndName() throws {
        var h = base()
        h.add(.reserveEstablished, "2019-07-01", id: "res-404b", ["reserve": "404b", "name": "Reserve 404", "endDate": "2022-12-31", "decision": "D1"])
        h.add(.reserveEstablished, "2019-07-01", id: "res-405", ["reserve": "405", "name": "Another", "endDate": "2022-12-31", "decision": "D1"])
        let f = try findings(h, rule: .possibleDuplicate)
        #expect(f.map(\.id) == ["possible-duplicate/res-404b"])
        #expect(f.first?.subject == .reserve(ReserveNumber("404b")))
        #expect(f.first?.events == ["res-404", "res-404b"])
    }

    @Test func aDecisionDatedAfterItWasRecorded() throws {
        // HistoryBuilder records in November 2023; a store written before the rule, or replicated, can hold this.
        var h = base()
        h.add(.decisionTaken, "2030-01-01", id: "ahead", ["decision": "D7", "body": "raad", "date": "2030-01-01"])
        #expect(try findings(h, on: "2030-06-01", rule: .decisionDatedInFuture).map(\.id) == ["decision-dated-in-future/ahead"])
        var proposal = base()
        proposal.add(.decisionProposed, "2030-01-01", ["decision": "D7", "body": "raad", "date": "2030-01-01"])
        #expect(try findings(proposal, on: "2030-06-01", rule: .decisionDatedInFuture).isEmpty, "a proposal may be for a later meeting")
    }
}
