import TestSupport
import EventStore
import Foundation
import Testing

/// An event this register cannot read (an unknown type, an amount outside the rules, a date that
/// does not exist), in a history that came from outside `append` (a clone, a copied folder): it may
/// be about any subject, so no question is answered while it is there, and the error names it.
/// Queries used to leave such an event out and answer as if it were not there (exit 0).
@Suite struct UnreadableEventTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let type: String
        let payload: JSONValue
        var testDescription: String { type + " " + "\(payload)" }
    }

    static let cases = [
        Case(type: "reserve-bonus", payload: ["reserve": "404", "amountCents": 100]),
        Case(type: "reserve-addition", payload: ["reserve": "404", "amountCents": -5]),
        Case(type: "contract-extended", payload: ["contract": "dordrecht-sociaal", "newEndDate": "2030-02-30"]),
    ]

    static let questions: [[String]] = [
        ["reserve", "404", "--on", "2023-06-30"], ["reserve", "404", "--no-cache"], ["timeline", "reserve:404"],
        ["contract", "dordrecht-sociaal"], ["budget", "--year", "2025"],
    ]

    @Test(arguments: cases)
    func noQuestionIsAnsweredAroundAnEventThisRegisterCannotRead(_ unreadable: Case) throws {
        let temp = try TemporaryFolder("register-unreadable")
        let events = try temp.copyOfShippedEvents()
        // The index and the answer cache exist before the event arrives, as in a clone that was pulled.
        for question in Self.questions { #expect(CLI.run(question + ["--events", events]).status == 0) }
        try appendWithoutChecks([UncheckedEvent(id: "odd", type: unreadable.type, payload: unreadable.payload)], to: events)
        let file = "00000030-\(unreadable.type).json"
        for question in Self.questions {
            let r = CLI.run(question + ["--events", events])
            #expect(r.status == 1, "\(question): \(r.stdout)")
            #expect(r.stderr.contains(file) && r.stderr.contains("cannot read the event"), "\(question): \(r.stderr)")
        }
    }
}
