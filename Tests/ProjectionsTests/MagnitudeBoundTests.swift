import EventStore
import Testing
@testable import Projections

/// The bound that lets an append skip folding a subject's history (`DomainPolicy+Magnitudes`):
/// every amount an event records counts by its magnitude, under the subjects whose totals it enters.
@Suite struct MagnitudeBoundTests {
    func event(_ type: EventType, _ payload: [String: JSONValue]) throws -> DomainEvent {
        try DomainEvent(type: type, payload: .object(payload))
    }

    @Test func everyAmountCountsByItsMagnitude() throws {
        #expect(DomainPolicy.magnitude(of: try event(.reserveWithdrawal, ["reserve": "404", "amountCents": 500])) == 500)
        #expect(DomainPolicy.magnitude(of: try event(.balanceEstimate, ["reserve": "404", "asOf": "2022-12-31", "lowCents": 400, "highCents": 450])) == 850)
        #expect(DomainPolicy.magnitude(of: try event(.allocation, ["reserve": "404", "allocations": [["project": "a", "amountCents": 3], ["project": "b", "amountCents": 4]]])) == 7)
        #expect(DomainPolicy.magnitude(of: try event(.budgetSet, ["year": 2026, "programmes": [["programme": "p", "amountCents": 9]]])) == 9)
        #expect(DomainPolicy.magnitude(of: try event(.correction, ["corrects": "x", "reason": "r", "payload": ["amountCents": 12]])) == 12)
        #expect(DomainPolicy.magnitude(of: try event(.decisionTaken, ["decision": "D", "body": "raad", "date": "2020-01-01"])) == 0)
    }

    @Test func theSubjectsAnAmountEntersAreItsReservesAndBudgetYears() throws {
        #expect(DomainPolicy.totalled(try event(.reserveAddition, ["reserve": "404", "amountCents": 1])) == [.reserve(ReserveNumber("404"))])
        #expect(DomainPolicy.totalled(try event(.budgetSet, ["year": 2026, "programmes": [["programme": "p", "amountCents": 9]]])) == [.budget(year: 2026)])
    }

    @Test func aSumThatWouldOverflowGivesNoBound() throws {
        let lines: [JSONValue] = (0..<10_000).map { ["project": .string("p\($0)"), "amountCents": .number(String(Cents.limit))] }
        #expect(DomainPolicy.magnitude(of: try event(.allocation, ["reserve": "404", "allocations": .array(lines)])) == nil)
    }
}
