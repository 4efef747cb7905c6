import EventStore
import TestSupport
import Testing
@testable import Projections

/// The two time axes: what was true on a date (`on`) and what the register said at an instant (`knownOn`).
@Suite struct TwoTimesTests {
    /// A reserve whose end date was recorded wrongly, then corrected later.
    func correctedHistory() -> HistoryBuilder {
        var h = HistoryBuilder()
        h.decision("D1", on: "2019-06-01")
        h.add(.reserveEstablished, "2019-06-01", id: "est", recordedAt: "2020-01-01T10:00:00.000Z",
              ["reserve": "404", "name": "R", "endDate": "2021-12-31", "decision": "D1"])
        h.add(.correction, "2020-03-01", id: "fix", recordedAt: "2020-03-01T10:00:00.000Z",
              ["corrects": "est", "reason": "typo in end date",
               "payload": ["reserve": "404", "name": "R", "endDate": "2022-12-31", "decision": "D1"]])
        return h
    }

    func endDate(_ h: HistoryBuilder, on d: String, knownOn: String?) throws -> CalendarDate? {
        guard case .state(let s)? = try ReserveProjection.project(ReserveNumber("404"), on: date(d), records: h.resolved(knownOn: knownOn)) else { return nil }
        return s.endDate
    }

    @Test func aCorrectionFixesThePastOnlyForAnswersKnownAfterIt() throws {
        let h = correctedHistory()
        // Known before the correction: the wrong value, even for dates long ago.
        #expect(try endDate(h, on: "2019-07-01", knownOn: "2020-02-01T00:00:00.000Z") == date("2021-12-31"))
        // Known after: the corrected value, from the original's own effective date.
        #expect(try endDate(h, on: "2019-07-01", knownOn: "2020-03-02T00:00:00.000Z") == date("2022-12-31"))
        #expect(try endDate(h, on: "2019-07-01", knownOn: nil) == date("2022-12-31"))
    }

    @Test func knownOnIsInclusive() throws {
        let h = correctedHistory()
        #expect(try endDate(h, on: "2019-07-01", knownOn: "2020-03-01T10:00:00.000Z") == date("2022-12-31"))
        #expect(try endDate(h, on: "2019-07-01", knownOn: "2020-03-01T09:59:59.999Z") == date("2021-12-31"))
    }

    @Test func beforeAnythingWasRecordedTheRegisterKnewNothing() throws {
        #expect(try endDate(correctedHistory(), on: "2019-07-01", knownOn: "2019-12-31T00:00:00.000Z") == nil)
    }

    @Test func aCorrectionOfACorrectionWins() throws {
        var h = correctedHistory()
        h.add(.correction, "2020-04-01", id: "fix2", recordedAt: "2020-04-01T10:00:00.000Z",
              ["corrects": "fix", "reason": "the correction itself had the wrong year",
               "payload": ["corrects": "est", "reason": "typo", "payload": ["reserve": "404", "name": "R", "endDate": "2023-12-31", "decision": "D1"]]])
        #expect(try endDate(h, on: "2020-01-01", knownOn: nil) == date("2023-12-31"))
        #expect(try endDate(h, on: "2020-01-01", knownOn: "2020-03-15T00:00:00.000Z") == date("2022-12-31"))
    }

    @Test func aRetractionMeansTheEventNeverCounted() throws {
        var h = HistoryBuilder()
        h.add(.reserveEstablished, "2019-01-01", recordedAt: "2019-01-01T10:00:00.000Z", ["reserve": "404", "name": "R", "endDate": "2022-12-31"])
        h.add(.reserveEndDateChanged, "2020-01-01", id: "wrong", recordedAt: "2020-01-01T10:00:00.000Z", ["reserve": "404", "endDate": "2030-12-31"])
        h.add(.retraction, "2020-02-01", id: "undo", recordedAt: "2020-02-01T10:00:00.000Z", ["retracts": "wrong", "reason": "entered in the wrong register"])
        #expect(try endDate(h, on: "2021-01-01", knownOn: "2020-01-15T00:00:00.000Z") == date("2030-12-31"))
        #expect(try endDate(h, on: "2021-01-01", knownOn: nil) == date("2022-12-31"))
        let resolved = h.resolved()
        #expect(resolved.first { $0.id == "wrong" }?.standing == .retracted(by: "undo"))
    }

    @Test func retractingACorrectionRestoresTheOriginal() throws {
        var h = correctedHistory()
        h.add(.retraction, "2020-05-01", id: "undo-fix", recordedAt: "2020-05-01T10:00:00.000Z", ["retracts": "fix", "reason": "the original was right"])
        #expect(try endDate(h, on: "2020-01-01", knownOn: nil) == date("2021-12-31"))
        #expect(h.resolved().first { $0.id == "est" }?.standing == .counts)
    }

    @Test func aCorrectionCanMoveTheEffectiveDate() throws {
        var h = HistoryBuilder()
        h.reserve(on: "2019-01-01", end: "2022-12-31")
        h.add(.reserveEndDateChanged, "2022-12-31", id: "chg", ["reserve": "404", "endDate": "2026-12-31"])
        h.add(.correction, "2023-02-01", ["corrects": "chg", "reason": "the council met on 13 December", "effectiveDate": "2022-12-13"])
        #expect(try endDate(h, on: "2022-12-14", knownOn: nil) == date("2026-12-31"))
        #expect(h.resolved().first { $0.id == "chg" }?.standing == .corrected(by: ["e3"]))
    }
}
