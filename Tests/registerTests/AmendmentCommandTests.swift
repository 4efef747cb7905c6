import TestSupport
import EventStore
import Foundation
import Testing

/// Corrections and retractions through `register append` on a copy of the shipped history.
@Suite struct AmendmentCommandTests {
    let temp: TemporaryFolder
    let events: String

    init() throws {
        temp = try TemporaryFolder("amendments")
        events = try temp.copyOfShippedEvents()
    }

    func append(_ type: String, version: Int = 1, _ payload: String) -> CLIResult {
        let event = #"{"type": "\#(type)", "schemaVersion": \#(version), "effectiveDate": "2023-01-10", "actor": "griffie:test", "source": {"document": "test.txt", "zaaknummer": null}, "payload": \#(payload)}"#
        return CLI.run(["append", "--events", events], stdin: event)
    }

    @Test func aCorrectionOfOneFieldChangesOnlyThatFieldEndToEnd() throws {
        let auditBefore = CLI.run(["audit", "--json", "--events", events]).stdout
        let r = append("correction", version: 2, #"{"corrects": "res-404-addition-2019", "reason": "amount mistyped", "payload": {"amountCents": 450000000}}"#)
        #expect(r.status == 0, "\(r.stderr)")
        let reserve = CLI.run(["reserve", "404", "--on", "2023-06-30", "--events", events])
        #expect(reserve.stdout.contains("€ 4.500.000,00"), "\(reserve.stdout)")
        // The decision the correction did not name is kept: no new mutation-without-decision.
        let auditAfter = CLI.run(["audit", "--json", "--events", events]).stdout
        #expect(auditBefore.components(separatedBy: "mutation-without-decision").count == auditAfter.components(separatedBy: "mutation-without-decision").count)
        let timeline = CLI.run(["timeline", "404", "--events", events]).stdout
        #expect(timeline.contains("res-404-addition-2019 payload.amountCents: 500000000 -> 450000000"), "\(timeline)")
        #expect(timeline.contains("addition of € 5.000.000,00"), "the original row shows the event as recorded")
    }

    @Test func anEventIsRetractedOnceAndTheSecondRetractionChangesNothing() throws {
        let first = append("retraction", #"{"retracts": "res-404-commit-bso-plus", "reason": "not committed after all"}"#)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try digest(of: events)
        let second = append("retraction", #"{"retracts": "res-404-commit-bso-plus", "reason": "again"}"#)
        #expect(second.status == 3)
        #expect(second.stderr.contains("is already retracted by"), "\(second.stderr)")
        #expect(try digest(of: events) == before)
    }

    @Test func aCorrectedEndDateIsTheAnswerFromThenOn() throws {
        #expect(append("correction", version: 2, #"{"corrects": "res-404-end-date-2026", "reason": "r", "payload": {"endDate": "2027-12-31"}}"#).status == 0)
        let reserve = CLI.run(["reserve", "404", "--on", "2027-06-30", "--json", "--events", events]).stdout
        #expect(reserve.contains("2027-12-31"), "\(reserve)")
    }
}
