import EventStore
import TestSupport
import Foundation
import Testing
@testable import Projections

/// The examples the register must answer on the shipped Dordrecht history.
/// These tests only read `events/`; nothing here appends.
@Suite struct ShippedHistoryTests {
    static let eventsFolder = Repository.shippedEvents

    let records: [ResolvedRecord]

    init() throws {
        let store = EventStore(directory: Self.eventsFolder)
        records = History(records: try store.events().map { try DomainRecord(envelope: $0.envelope) }).resolved()
    }

    func reserve(on d: String) throws -> ReserveState {
        guard case .state(let s)? = try ReserveProjection.project(ReserveNumber("404"), on: date(d), records: records) else {
            throw DomainError.conflict("no reserve 404 on \(d)")
        }
        return s
    }

    /// The one-pass states of every day (the report's chart) are the per-day projections.
    @Test func statesOfManyDaysAreTheProjectionsOfEachDay() throws {
        let reserve = ReserveNumber("404")
        let days = (Set(records.map(\.effectiveDate)).union([date("2010-01-01"), date("2030-01-01")])).sorted()
        var states: [(day: CalendarDate, state: ReserveState)] = []
        try ReserveProjection.forEachState(reserve, endingDays: days, records: records) { day, state in states.append((day, state)) }
        var expected: [(CalendarDate, ReserveState)] = []
        for day in days {
            if case .state(let s)? = try ReserveProjection.project(reserve, on: day, records: records) { expected.append((day, s)) }
        }
        #expect(states.count == expected.count && states.count > 5)
        for (got, want) in zip(states, expected) { #expect(got.day == want.0 && got.state == want.1, "\(got.day)") }
    }

    @Test func reserve404EndDateBeforeAndAfterTheCouncilDecision() throws {
        #expect(try reserve(on: "2022-06-30").endDate == date("2022-12-31"))
        #expect(try reserve(on: "2023-06-30").endDate == date("2026-12-31"))
        #expect(try reserve(on: "2023-06-30").status(on: date("2023-06-30")) == .open)
    }

    @Test func the2021AllocationsTotalFiveMillionOverFourteenProjects() throws {
        let s = try reserve(on: "2021-12-31")
        #expect(s.allocations.count == 14)
        #expect(s.allocated == Cents(500_000_000))
        #expect(s.allocations.first { $0.project == "FLITS" }?.amount == Cents(110_000_000))
        #expect(s.authorised == Cents(500_000_000), "the reallocation is not a second EUR 5 million")
    }

    @Test func the2020AllocationIsTheIndicativeTable() throws {
        let s = try reserve(on: "2020-12-31")
        #expect(s.allocated == Cents(500_000_000))
        #expect(s.allocations.count == 10)
    }

    @Test func theRemainderIsAnEstimateAndThe2023CommitmentsAreRecorded() throws {
        let s = try reserve(on: "2023-06-30")
        #expect(s.balance == .estimate(low: Cents(40_000_000), high: Cents(45_000_000), asOf: date("2022-12-31")))
        #expect(s.committed == Cents(44_000_000))
        #expect(Set(s.commitments.map(\.project)) == ["Uitvoeringsbrigade", "BSO+"])
    }

    @Test func theReserveDidNotExistBefore2019() throws {
        guard case .notYetEstablished? = try ReserveProjection.project(ReserveNumber("404"), on: date("2018-12-31"), records: records) else {
            Issue.record("expected 'not yet established'")
            return
        }
    }

    @Test func dordrechtSociaalIsDecidedToEnd2026AndIntendedToEnd2030() throws {
        guard case .state(let s)? = ContractProjection.project(ContractID("dordrecht-sociaal"), on: date("2026-01-01"), records: records) else {
            Issue.record("no contract")
            return
        }
        #expect(s.endDate == date("2026-12-31"))
        #expect(s.intendedEndDate == date("2030-12-31"))
        #expect(s.noticeDeadline == date("2025-12-31"))
    }

    @Test func programmeBudgetsAddUpToTheStatedTotals() throws {
        let expected: [Int: Int64] = [2025: 27_005_700_000, 2026: 26_624_200_000, 2027: 25_792_600_000]
        for (year, total) in expected {
            let s = try #require(try BudgetProjection.project(year: year, on: date("2025-01-01"), records: records))
            #expect(s.total == Cents(total))
            #expect(s.statedDifference == .zero)
            #expect(s.programmes.count == 5)
        }
    }

    @Test func everyEventNamesItsSourceFile() throws {
        let store = EventStore(directory: Self.eventsFolder)
        let sources = Set(["000_670a6af81f8fa9c1.txt", "001_b2a2623ba0ed9aeb.txt", "002_339159327708f54b.txt",
                           "003_b485894c4d3abfa7.txt", "004_aa63f06cb8a44dce.txt"])
        for event in try store.events() {
            #expect(sources.contains(event.envelope.source.document), "\(event.path)")
        }
    }

    @Test func theAuditFindsTheKnownIssuesOfTheShippedHistory() throws {
        let ids = Set(try Audit.run(records: records, on: date("2026-11-23")).map(\.id))
        #expect(ids.contains("commitments-within-estimate/reserve:404"))
        #expect(ids.contains("intention-past-deadline/con-dordrecht-sociaal-intention-2025"))
        #expect(ids.contains("decision-date-unknown/res-404-end-date-2026"))
        #expect(!ids.contains { $0.hasPrefix("stated-total-differs") })
        #expect(!ids.contains { $0.hasPrefix("money-after-end-date") })
        // Reserve 404 and the contract both end on 2026-12-31, 38 days later.
        #expect(ids.isSuperset(of: ["ends-soon/reserve:404", "ends-soon/contract:dordrecht-sociaal"]))
        // Before the deadline passed, the intention was not yet a finding.
        #expect(try !(Audit.run(records: records, on: date("2025-12-31")).contains { $0.rule == .intentionPastDeadline }))
    }
}
