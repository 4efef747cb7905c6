import EventStore
import TestSupport
import Testing
@testable import Projections

@Suite struct ReserveProjectionTests {
    func baseHistory() -> HistoryBuilder {
        var h = HistoryBuilder()
        h.decision("D1", on: "2019-06-01")
        h.reserve(on: "2019-06-01", end: "2022-12-31", decision: "D1")
        h.add(.reserveAddition, "2019-06-01", ["reserve": "404", "amountCents": cents(500_000_000), "decision": "D1"])
        return h
    }

    func state(_ h: HistoryBuilder, on d: String, knownOn: String? = nil) throws -> ReserveState? {
        guard case .state(let s)? = try ReserveProjection.project(ReserveNumber("404"), on: date(d), records: h.resolved(knownOn: knownOn)) else { return nil }
        return s
    }

    @Test func endDateMovesOnlyFromTheDecisionOn() throws {
        var h = baseHistory()
        h.decision("D2", on: "2022-12-13")
        h.add(.reserveEndDateChanged, "2022-12-13", ["reserve": "404", "endDate": "2026-12-31", "decision": "D2"])
        #expect(try state(h, on: "2022-06-30")?.endDate == date("2022-12-31"))
        #expect(try state(h, on: "2022-12-12")?.endDate == date("2022-12-31"))
        #expect(try state(h, on: "2022-12-13")?.endDate == date("2026-12-31"))
        #expect(try state(h, on: "2023-06-30")?.endDate == date("2026-12-31"))
    }

    @Test func openThroughTheEndDateAndLapsedTheDayAfter() throws {
        let h = baseHistory()
        let s = try #require(try state(h, on: "2022-12-31"))
        #expect(s.status(on: date("2022-12-31")) == .open)
        #expect(s.status(on: date("2023-01-01")) == .lapsed)
    }

    @Test func sameDayChangesApplyInRecordedOrderAndTheLaterWins() throws {
        var h = baseHistory()
        h.add(.reserveEndDateChanged, "2022-01-10", ["reserve": "404", "endDate": "2024-12-31", "decision": "D1"])
        h.add(.reserveEndDateChanged, "2022-01-10", ["reserve": "404", "endDate": "2023-12-31", "decision": "D1"])
        #expect(try state(h, on: "2022-01-10")?.endDate == date("2023-12-31"))
    }

    @Test func aLaterRecordedEventWithAnEarlierEffectiveDateCountsFromItsOwnDate() throws {
        var h = baseHistory()
        h.add(.reserveEndDateChanged, "2023-01-01", ["reserve": "404", "endDate": "2025-12-31", "decision": "D1"])
        h.add(.reserveEndDateChanged, "2021-01-01", ["reserve": "404", "endDate": "2024-12-31", "decision": "D1"])
        #expect(try state(h, on: "2021-06-01")?.endDate == date("2024-12-31"))
        #expect(try state(h, on: "2023-06-01")?.endDate == date("2025-12-31"))
    }

    @Test func aReallocationReplacesTheTableInsteadOfAddingToIt() throws {
        var h = baseHistory()
        h.add(.allocation, "2020-12-15", ["reserve": "404", "allocations": lines([("A", 300_000_000), ("B", 200_000_000)]), "decision": "D1"])
        h.add(.reallocation, "2021-09-30", ["reserve": "404", "allocations": lines([("A", 100_000_000), ("C", 400_000_000)]), "decision": "D1"])
        let before = try #require(try state(h, on: "2021-01-01"))
        #expect(before.allocated == Cents(500_000_000))
        #expect(before.allocations.map(\.project) == ["A", "B"])
        let after = try #require(try state(h, on: "2021-12-31"))
        #expect(after.allocated == Cents(500_000_000))
        #expect(after.allocations == [ProjectAmount(project: "A", amount: Cents(100_000_000)), ProjectAmount(project: "C", amount: Cents(400_000_000))])
    }

    @Test func allocationsAddUpPerProject() throws {
        var h = baseHistory()
        h.add(.allocation, "2020-01-01", ["reserve": "404", "allocations": lines([("A", 100)])])
        h.add(.allocation, "2020-02-01", ["reserve": "404", "allocations": lines([("A", 50), ("B", 7)])])
        let s = try #require(try state(h, on: "2020-03-01"))
        #expect(s.allocations.map(\.amount) == [Cents(150), Cents(7)])
    }

    @Test func anEstimateIsARangeAndAnActualSupersedesIt() throws {
        var h = baseHistory()
        h.add(.balanceEstimate, "2022-11-08", ["reserve": "404", "asOf": "2022-12-31", "lowCents": cents(40_000_000), "highCents": cents(45_000_000)])
        #expect(try state(h, on: "2022-12-01")?.balance == .estimate(low: Cents(40_000_000), high: Cents(45_000_000), asOf: date("2022-12-31")))
        #expect(try state(h, on: "2022-01-01")?.balance == .booked(Cents(500_000_000)))
        h.add(.balanceActual, "2023-04-15", ["reserve": "404", "asOf": "2022-12-31", "amountCents": cents(42_123_456)])
        #expect(try state(h, on: "2023-05-01")?.balance == .actual(Cents(42_123_456), asOf: date("2022-12-31")))
        #expect(try state(h, on: "2023-01-01")?.balance.kind == "estimate")
    }

    @Test func withdrawalsLowerTheBookedBalanceAndCommitmentsDoNot() throws {
        var h = baseHistory()
        h.add(.reserveWithdrawal, "2020-01-01", ["reserve": "404", "amountCents": cents(1_000), "decision": "D1"])
        h.add(.commitment, "2020-01-02", ["reserve": "404", "project": "X", "amountCents": cents(500), "basis": "maximum", "decision": "D1"])
        let s = try #require(try state(h, on: "2020-02-01"))
        #expect(s.balance == .booked(Cents(500_000_000 - 1_000)))
        #expect(s.committed == Cents(500))
    }

    @Test func beforeItsEstablishmentTheReserveDidNotExistYet() throws {
        let h = baseHistory()
        #expect(try ReserveProjection.project(ReserveNumber("404"), on: date("2018-01-01"), records: h.resolved())
                == .notYetEstablished(establishedOn: date("2019-06-01")))
    }

    @Test func anUnknownReserveHasNoAnswer() throws {
        #expect(try ReserveProjection.project(ReserveNumber("999"), on: date("2020-01-01"), records: baseHistory().resolved()) == nil)
    }

    @Test func proposalsAndDecisionsAloneChangeNothing() throws {
        var h = baseHistory()
        h.decision("D9", .decisionProposed, on: "2020-05-05")
        h.decision("D9", on: "2020-06-06")
        let s = try #require(try state(h, on: "2021-01-01"))
        #expect(s.endDate == date("2022-12-31"))
        #expect(s.authorised == Cents(500_000_000))
    }

    @Test func namesCompareAfterUnicodeNormalisation() throws {
        var h = HistoryBuilder()
        h.add(.reserveEstablished, "2020-01-01", ["reserve": "caf\u{e9}", "name": "NFC", "endDate": "2030-12-31"])
        let nfd = ReserveNumber("cafe\u{301}")
        #expect(try ReserveProjection.project(nfd, on: date("2021-01-01"), records: h.resolved()) != nil)
    }
}
