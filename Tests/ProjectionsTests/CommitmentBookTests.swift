import EventStore
import Testing
@testable import Projections

/// Commitments against the balance statement they follow, and how they end: settled, released,
/// or superseded by a later actual (docs/semantics.md, "Commitments").
@Suite struct CommitmentBookTests {
    /// Reserve 404 with an actual remainder of EUR 440.000 for 2022 (the jaarstukken), and the two
    /// 2023 commitments it covers exactly.
    func covered() -> HistoryBuilder {
        var h = HistoryBuilder()
        h.decision("D1", on: "2019-06-01")
        h.reserve(on: "2019-06-01", end: "2026-12-31", decision: "D1")
        h.add(.reserveAddition, "2019-06-01", id: "add", ["reserve": "404", "amountCents": cents(500_000_000), "decision": "D1"])
        h.add(.balanceActual, "2023-01-31", id: "actual-2022", ["reserve": "404", "asOf": "2022-12-31", "amountCents": cents(44_000_000)])
        h.add(.commitment, "2023-02-01", id: "brigade", ["reserve": "404", "project": "Uitvoeringsbrigade", "amountCents": cents(20_000_000),
                                                       "basis": "approximate", "decision": "D1"])
        h.add(.commitment, "2023-02-01", id: "bso", ["reserve": "404", "project": "BSO+", "amountCents": cents(24_000_000),
                                                   "basis": "maximum", "decision": "D1"])
        return h
    }

    func commitmentFindings(_ h: HistoryBuilder, on d: String) throws -> [Finding] {
        try Audit.run(records: h.resolved(), on: date(d)).filter { [.commitmentsExceedBalance, .commitmentsWithinEstimate].contains($0.rule) }
    }

    func reserve(_ h: HistoryBuilder, on d: String) throws -> ReserveState {
        guard case .state(let s)? = try ReserveProjection.project(ReserveNumber("404"), on: date(d), records: h.resolved()) else {
            throw DomainError.conflict("no reserve 404 on \(d)")
        }
        return s
    }

    @Test func commitmentsCoveredWhenMadeStayCoveredWhenTheRemainderIsWithdrawn() throws {
        var h = covered()
        #expect(try commitmentFindings(h, on: "2023-03-01").isEmpty)
        h.add(.reserveWithdrawal, "2023-06-01", id: "paid", ["reserve": "404", "amountCents": cents(44_000_000), "decision": "D1"])
        #expect(try commitmentFindings(h, on: "2023-12-01").isEmpty, "a later withdrawal does not count against them")
        #expect(try reserve(h, on: "2023-12-01").committed == Cents(44_000_000), "never discharged by a withdrawal alone")
    }

    @Test func anActualForALaterYearEndsTheCommitmentsAndIsNeverQuotedForThem() throws {
        var h = covered()
        h.add(.reserveWithdrawal, "2023-06-01", id: "paid", ["reserve": "404", "amountCents": cents(44_000_000), "decision": "D1"])
        h.add(.balanceActual, "2024-04-18", id: "actual-2023", ["reserve": "404", "asOf": "2023-12-31", "amountCents": cents(0)])
        #expect(try commitmentFindings(h, on: "2024-06-01").isEmpty)
        let s = try reserve(h, on: "2024-06-01")
        #expect(s.committed == .zero)
        #expect(s.commitments.map(\.status) == [.superseded(by: "actual-2023", actualFor: date("2023-12-31")),
                                                .superseded(by: "actual-2023", actualFor: date("2023-12-31"))])
        #expect(try !Audit.run(records: h.resolved(), on: date("2024-06-01")).contains { $0.message.contains("2023-12-31") && $0.rule.rawValue.hasPrefix("commitments") })
    }

    @Test func theActualForTheEstimatedDateJudgesTheCommitmentsInstead() throws {
        var h = HistoryBuilder()
        h.decision("D1", on: "2019-06-01")
        h.reserve(on: "2019-06-01", end: "2026-12-31", decision: "D1")
        h.add(.reserveAddition, "2019-06-01", ["reserve": "404", "amountCents": cents(500_000_000), "decision": "D1"])
        h.add(.balanceEstimate, "2022-11-08", id: "estimate", ["reserve": "404", "asOf": "2022-12-31", "lowCents": cents(40_000_000), "highCents": cents(45_000_000)])
        h.add(.commitment, "2022-12-31", ["reserve": "404", "project": "U", "amountCents": cents(20_000_000), "basis": "approximate", "decision": "D1"])
        h.add(.commitment, "2022-12-31", ["reserve": "404", "project": "B", "amountCents": cents(24_000_000), "basis": "maximum", "decision": "D1"])
        #expect(try commitmentFindings(h, on: "2023-03-01").map(\.id) == ["commitments-within-estimate/reserve:404"])
        h.add(.balanceActual, "2023-04-18", id: "actual", ["reserve": "404", "asOf": "2022-12-31", "amountCents": cents(43_250_000)])
        let f = try commitmentFindings(h, on: "2023-06-01")
        #expect(f.map(\.id) == ["commitments-exceed-balance/reserve:404"])
        #expect(f.first?.message.contains("more than the balance they follow (€ 432.500,00 actual for 2022-12-31)") == true, "\(f)")
        #expect(f.first?.events.contains("actual") == true && f.first?.events.contains("estimate") == false)
    }

    @Test func aSettlementEndsACommitmentAndWhatItSpentNoLongerCoversTheRest() throws {
        var h = covered()
        h.add(.commitmentSettled, "2023-09-01", id: "settle-brigade", ["reserve": "404", "commitment": "brigade", "amountCents": cents(19_500_000)])
        #expect(try commitmentFindings(h, on: "2023-10-01").isEmpty, "€ 240.000 open against € 440.000 less € 195.000 spent")
        var s = try reserve(h, on: "2023-10-01")
        #expect(s.committed == Cents(24_000_000))
        #expect(s.commitments.first?.status == .settled(spent: Cents(19_500_000), on: date("2023-09-01"), by: "settle-brigade"))

        var over = covered()
        over.add(.commitmentSettled, "2023-09-01", id: "settle-brigade", ["reserve": "404", "commitment": "brigade", "amountCents": cents(21_000_000)])
        let f = try commitmentFindings(over, on: "2023-10-01")
        #expect(f.map(\.id) == ["commitments-exceed-balance/reserve:404"])
        #expect(f.first?.message.contains("less € 210.000,00 spent on settled commitments: € 230.000,00 left") == true, "\(f)")

        h.add(.commitmentReleased, "2023-11-01", id: "release-bso", ["reserve": "404", "commitment": "bso", "reason": "BSO+ not continued"])
        s = try reserve(h, on: "2023-12-01")
        #expect(s.committed == .zero)
        #expect(s.commitments.last?.status == .released(on: date("2023-11-01"), by: "release-bso"))
        #expect(s.commitmentBook.cover == nil)
    }

    @Test func additionsAfterTheCommitmentsCountForThem() throws {
        var h = HistoryBuilder()
        h.decision("D1", on: "2019-06-01")
        h.reserve(on: "2019-06-01", end: "2026-12-31", decision: "D1")
        h.add(.reserveAddition, "2019-06-01", ["reserve": "404", "amountCents": cents(10_000_000), "decision": "D1"])
        h.add(.commitment, "2020-01-01", ["reserve": "404", "project": "P", "amountCents": cents(20_000_000), "basis": "exact", "decision": "D1"])
        let f = try commitmentFindings(h, on: "2020-02-01")
        #expect(f.map(\.id) == ["commitments-exceed-balance/reserve:404"])
        #expect(f.first?.message.contains("(€ 100.000,00 booked)") == true, "\(f)")
        h.add(.reserveAddition, "2020-03-01", ["reserve": "404", "amountCents": cents(15_000_000), "decision": "D1"])
        #expect(try commitmentFindings(h, on: "2020-04-01").isEmpty)
    }

    @Test func aSettlementOrReleaseOfACommitmentThatIsNotOpenIsReported() throws {
        var h = covered()
        h.add(.commitmentSettled, "2023-09-01", id: "s1", ["reserve": "404", "commitment": "brigade", "amountCents": cents(19_500_000)])
        h.add(.commitmentSettled, "2023-10-01", id: "s2", ["reserve": "404", "commitment": "brigade", "amountCents": cents(19_500_000)])
        h.add(.commitmentReleased, "2023-01-01", id: "early", ["reserve": "404", "commitment": "bso", "reason": "before it was made"])
        let f = try Audit.run(records: h.resolved(), on: date("2023-12-01")).filter { $0.rule == .commitmentNotOpen }
        #expect(f.map(\.id) == ["commitment-not-open/early", "commitment-not-open/s2"])
        #expect(f.last?.message.contains("(settled by s1)") == true)
        #expect(f.first?.message.contains("no commitment of reserve 404 with that id takes effect before it") == true)
        // The second settlement changes nothing: € 240.000 open against € 440.000 less € 195.000.
        #expect(try commitmentFindings(h, on: "2023-12-01").isEmpty)
    }
}
