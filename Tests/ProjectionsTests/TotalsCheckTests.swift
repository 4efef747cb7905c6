import EventStore
import Testing
@testable import Projections

/// `TotalsCheck`: a new event may not take any total past the cap, on any date.
@Suite struct TotalsCheckTests {
    static let cap = Cents.limit

    /// The history so far, and the candidate as its last record.
    func split(_ h: HistoryBuilder) -> (History, DomainRecord) {
        (History(records: Array(h.records.dropLast())), h.records.last!)
    }

    func refusal(_ h: HistoryBuilder) -> TotalOutOfRange? {
        let (history, candidate) = split(h)
        do { try TotalsCheck.check(candidate, in: history); return nil } catch { return error }
    }

    @Test func additionsUpToTheCapAreAcceptedAndOneMoreCentIsNot() {
        var h = HistoryBuilder()
        h.reserve(on: "2020-01-01", end: "2030-12-31")
        h.add(.reserveAddition, "2020-01-02", ["reserve": "404", "amountCents": cents(Self.cap - 1)])
        h.add(.reserveAddition, "2020-01-03", id: "last-cent", ["reserve": "404", "amountCents": cents(1)])
        #expect(refusal(h) == nil)
        h.add(.reserveAddition, "2020-01-04", id: "one-too-many", ["reserve": "404", "amountCents": cents(1)])
        let error = refusal(h)
        #expect(error?.total == "the authorised amount of reserve 404")
        #expect(error?.event == "one-too-many")
    }

    /// A total that only an earlier date shows: the budget of 2026 holds A and then B at the
    /// cap on 2 March, before A is set to 0 on 3 March. The final total is within the cap.
    @Test func aTotalPastTheCapOnAnEarlierDateIsRefusedToo() {
        var h = HistoryBuilder()
        h.add(.budgetSet, "2025-03-01", ["year": 2026, "programmes": [["programme": "a", "amountCents": cents(Self.cap)]]])
        h.add(.budgetSet, "2025-03-03", ["year": 2026, "programmes": [["programme": "a", "amountCents": cents(0)]]])
        h.add(.budgetSet, "2025-03-02", id: "b", ["year": 2026, "programmes": [["programme": "b", "amountCents": cents(Self.cap)]]])
        #expect(refusal(h)?.total == "the budget total of 2026")
    }

    /// An event effective before others: the total passes the cap at the later event.
    @Test func anEarlierEffectiveDateNamesTheLaterEventWhereTheTotalPassesTheCap() {
        var h = HistoryBuilder()
        h.reserve(on: "2020-01-01", end: "2030-12-31")
        h.add(.reserveAddition, "2021-01-01", id: "later", ["reserve": "404", "amountCents": cents(10)])
        h.add(.balanceActual, "2020-06-01", id: "actual", ["reserve": "404", "asOf": "2020-06-01", "amountCents": cents(Self.cap)])
        let error = refusal(h)
        #expect(error?.total == "the balance of reserve 404")
        #expect(error?.event == "later")
    }

    /// A retraction changes totals too: retracting a withdrawal raises the balance.
    @Test func aRetractionIsJudgedByWhatItsTargetTouches() {
        var h = HistoryBuilder()
        h.reserve(on: "2020-01-01", end: "2030-12-31")
        h.add(.balanceActual, "2020-01-02", ["reserve": "404", "asOf": "2020-01-02", "amountCents": cents(Self.cap)])
        h.add(.reserveWithdrawal, "2020-01-03", id: "w", ["reserve": "404", "amountCents": cents(10)])
        h.add(.reserveAddition, "2020-01-04", ["reserve": "404", "amountCents": cents(10)])
        h.add(.retraction, "2020-02-01", id: "undo", ["retracts": "w", "reason": "booked twice"])
        #expect(refusal(h)?.total == "the balance of reserve 404")
    }

    @Test func eventsAboutOtherSubjectsAreNotFolded() {
        var h = HistoryBuilder()
        h.reserve(on: "2020-01-01", end: "2030-12-31")
        h.decision("D", on: "2020-01-01")
        #expect(refusal(h) == nil)
    }
}
