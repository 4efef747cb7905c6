import EventStore
import TestSupport
import Foundation
import Testing
@testable import Projections

/// The append rules, through a real store in a temporary folder.
@Suite struct DomainPolicyTests {
    let temp: TemporaryFolder
    let folder: String
    let store: EventStore

    init() throws {
        temp = try TemporaryFolder("policy")
        folder = try temp.folder()
        store = EventStore(directory: folder)
    }

    @discardableResult
    func append(_ type: EventType, _ payload: JSONValue, id: String? = nil, effective: String = "2020-01-01", version: Int = 1) throws -> AppendReceipt {
        try store.append(EventDraft(id: id, type: type.rawValue, schemaVersion: version, effectiveDate: date(effective), actor: "test",
                                    source: EventSource(document: "d", zaaknummer: nil), payload: payload), policy: DomainPolicy())
    }

    func refusal(_ type: EventType, _ payload: JSONValue, effective: String = "2020-01-01", version: Int = 1) -> String? {
        do { try append(type, payload, effective: effective, version: version); return nil } catch StoreError.refused(let refusal) { return refusal.description } catch { return "\(error)" }
    }

    func fileCount() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.count
    }

    @Test func aMutationNamingAnUnknownDecisionIsRefusedAndNothingIsWritten() throws {
        try append(.reserveEstablished, ["reserve": "404", "name": "R", "endDate": "2022-12-31"])
        let reason = try #require(refusal(.reserveAddition, ["reserve": "404", "amountCents": 5, "decision": "2099-1"]))
        #expect(reason.contains("payload.decision") && reason.contains("2099-1"))
        #expect(try fileCount() == 1)
    }

    @Test func aMutationNamingNoDecisionIsAccepted() throws {
        try append(.reserveEstablished, ["reserve": "404", "name": "R", "endDate": "2022-12-31"])
        try append(.reserveAddition, ["reserve": "404", "amountCents": 5])
        #expect(try fileCount() == 2)
    }

    @Test func aMutationOfAnUnknownReserveIsRefused() throws {
        #expect(refusal(.reserveEndDateChanged, ["reserve": "405", "endDate": "2026-12-31"])?.contains("reserve '405'") == true)
    }

    @Test func aReserveIsEstablishedOnce() throws {
        try append(.reserveEstablished, ["reserve": "404", "name": "R", "endDate": "2022-12-31"])
        #expect(refusal(.reserveEstablished, ["reserve": "404", "name": "R", "endDate": "2022-12-31"])?.contains("already established") == true)
    }

    @Test func correctingOrRetractingNothingOrARetractionIsRefused() throws {
        try append(.reserveEstablished, ["reserve": "404", "name": "R", "endDate": "2022-12-31"], id: "est")
        #expect(refusal(.retraction, ["retracts": "ghost", "reason": "r"])?.contains("no event 'ghost'") == true)
        try append(.retraction, ["retracts": "est", "reason": "wrong register"], id: "undo")
        #expect(refusal(.retraction, ["retracts": "undo", "reason": "r"])?.contains("is a retraction") == true)
        #expect(refusal(.correction, ["corrects": "undo", "reason": "r", "effectiveDate": "2020-01-01"])?.contains("is a retraction") == true)
        #expect(try fileCount() == 2)
    }

    @Test func aCorrectionPayloadIsCheckedAgainstTheCorrectedType() throws {
        try append(.reserveEstablished, ["reserve": "404", "name": "R", "endDate": "2022-12-31"], id: "est")
        let reason = try #require(refusal(.correction, ["corrects": "est", "reason": "r",
                                                        "payload": ["reserve": "404", "name": "R", "endDate": "2022-02-30"]]))
        #expect(reason.contains("payload.payload.endDate"))
        try append(.correction, ["corrects": "est", "reason": "r", "payload": ["reserve": "404", "name": "R", "endDate": "2023-12-31"]])
    }

    /// A correction of a correction changes what the first correction does to its event: that is
    /// checked as if the corrected correction were appended itself (it used to be accepted, and
    /// answers silently lost both corrections or moved the event to an unknown reserve).
    static let changesOfAChange: [(JSONValue, String)] = [
        (["reserve": "999", "amountCents": 450, "decision": "D1"], "payload.payload.payload.reserve"),
        (["reserve": "404", "amountCents": -5, "decision": "D1"], "payload.payload.payload.amountCents"),
        (["reserve": "404", "amountCents": "abc", "decision": "D1"], "payload.payload.payload.amountCents"),
        (["reserve": "404", "amountCents": 5_000_000_000_000_000, "decision": "D1"], "payload.payload.payload.amountCents"),
        (["reserve": "404", "amountCents": 450, "decision": "no-such-decision"], "no-such-decision"),
    ]

    @Test(arguments: changesOfAChange)
    func aCorrectionOfACorrectionIsCheckedAgainstTheEventItFinallyChanges(_ change: JSONValue, _ named: String) throws {
        try append(.decisionTaken, ["decision": "D1", "body": "raad", "date": "2020-01-01"])
        try append(.reserveEstablished, ["reserve": "404", "name": "R", "endDate": "2030-12-31", "decision": "D1"])
        try append(.reserveAddition, ["reserve": "404", "amountCents": 500, "decision": "D1"], id: "add")
        try append(.correction, ["corrects": "add", "reason": "fix", "payload": ["reserve": "404", "amountCents": 450, "decision": "D1"]], id: "c1")
        let reason = try #require(refusal(.correction, ["corrects": "c1", "reason": "fix",
                                                        "payload": ["corrects": "add", "reason": "fix", "payload": change]]))
        #expect(reason.contains(named), "\(reason)")
        #expect(try fileCount() == 4)
        // The same correction with a sound change is accepted.
        try append(.correction, ["corrects": "c1", "reason": "fix",
                                 "payload": ["corrects": "add", "reason": "fix", "payload": ["reserve": "404", "amountCents": 460, "decision": "D1"]]])
    }

    /// A correction of the effective date alone is checked too: an establishment moved past its
    /// reserve's end date was accepted.
    @Test func aCorrectionOfTheEffectiveDateAloneMustLeaveAPlausibleEvent() throws {
        try append(.reserveEstablished, ["reserve": "404", "name": "R", "endDate": "2022-12-31"], id: "est")
        let reason = try #require(refusal(.correction, ["corrects": "est", "reason": "r", "effectiveDate": "2030-01-01"]))
        #expect(reason.contains("payload.effectiveDate") && reason.contains("before it is established on 2030-01-01"), "\(reason)")
        #expect(try fileCount() == 1)
        try append(.correction, ["corrects": "est", "reason": "r", "effectiveDate": "2019-06-01"])
    }

    /// Two levels down, with corrections that name only the fields they change (schema 2): a
    /// correction of the second correction whose change, passed down through the first, gives the
    /// addition a field it does not have, is refused too.
    @Test func aCorrectionThatMakesTheEventTwoLevelsDownInvalidIsRefused() throws {
        try append(.reserveEstablished, ["reserve": "404", "name": "R", "endDate": "2030-12-31"])
        try append(.reserveAddition, ["reserve": "404", "amountCents": 500], id: "add")
        try append(.correction, ["corrects": "add", "reason": "fix", "payload": ["amountCents": 450]], id: "c1", version: 2)
        try append(.correction, ["corrects": "c1", "reason": "fix", "payload": ["payload": ["amountCents": 460]]], id: "c2", version: 2)
        let reason = try #require(refusal(.correction, ["corrects": "c2", "reason": "fix", "payload": ["payload": ["payload": ["bogus": 1]]]],
                                          version: 2))
        #expect(reason.contains("bogus"), "\(reason)")
        #expect(try fileCount() == 4)
        try append(.correction, ["corrects": "c2", "reason": "fix", "payload": ["payload": ["payload": ["amountCents": 470]]]], version: 2)
    }

    @Test func aReserveThatEndsBeforeItIsEstablishedIsRefused() throws {
        let reason = try #require(refusal(.reserveEstablished, ["reserve": "404", "name": "R", "endDate": "2019-12-31"]))
        #expect(reason.contains("payload.endDate") && reason.contains("before it is established on 2020-01-01"), "\(reason)")
        try append(.reserveEstablished, ["reserve": "404", "name": "R", "endDate": "2020-01-01"])
        #expect(try fileCount() == 1)
    }

    @Test func aDecisionDatedAfterTheDayItIsRecordedIsRefused() throws {
        let today = RecordedInstant.now().utcDate
        let later = today.adding(days: 2).iso
        let reason = try #require(refusal(.decisionTaken, ["decision": "D", "body": "raad", "date": .string(later)], effective: later))
        #expect(reason.contains("payload.date") && reason.contains("after the day it is recorded"), "\(reason)")
        #expect(refusal(.decisionRejected, ["decision": "D", "body": "raad", "date": .string(later)])?.contains("payload.date") == true)
        // Today in Amsterdam may be tomorrow in UTC; a proposal may be for a meeting still to come.
        try append(.decisionTaken, ["decision": "D", "body": "raad", "date": .string(today.adding(days: 1).iso)])
        try append(.decisionProposed, ["decision": "E", "body": "raad", "date": .string(later)])
        #expect(try fileCount() == 2)
    }

    @Test func aSettlementOrReleaseMustNameACommitmentOfItsReserve() throws {
        try append(.reserveEstablished, ["reserve": "404", "name": "R", "endDate": "2022-12-31"], id: "res-404")
        try append(.reserveEstablished, ["reserve": "405", "name": "S", "endDate": "2022-12-31"])
        try append(.commitment, ["reserve": "404", "project": "P", "amountCents": 100, "basis": "exact"], id: "c1")
        #expect(refusal(.commitmentSettled, ["reserve": "404", "commitment": "ghost", "amountCents": 100])?.contains("no commitment 'ghost'") == true)
        #expect(refusal(.commitmentSettled, ["reserve": "404", "commitment": "res-404", "amountCents": 100])?
            .contains("event res-404 is a reserve-established, not a commitment") == true)
        #expect(refusal(.commitmentReleased, ["reserve": "405", "commitment": "c1", "reason": "r"])?.contains("commitment c1 is in reserve 404, not 405") == true)
        #expect(refusal(.commitmentReleased, ["reserve": "406", "commitment": "c1", "reason": "r"])?.contains("reserve '406'") == true)
        try append(.commitmentSettled, ["reserve": "404", "commitment": "c1", "amountCents": 95])
        #expect(try fileCount() == 4)
    }

    /// A pushed event is judged by the policy alone (no draft): the text rule is the policy's too.
    @Test func thePolicyAloneRefusesAControlCharacterInAName() throws {
        let envelope = EventEnvelope(sequence: 1, id: "r", type: "reserve-established", schemaVersion: 1, effectiveDate: date("2020-01-01"),
                                     recordedAt: RecordedInstant(millisecondsSinceEpoch: 0), actor: "t",
                                     source: EventSource(document: "d", zaaknummer: nil),
                                     payload: ["reserve": "404", "name": "R\u{1B}[2J", "endDate": "2022-12-31"], previousHash: .zero)
        #expect(throws: StoreError.self) { try DomainPolicy().check(envelope, lookup: KeyIndex().lookup) }
        // Stored, the same event is read: a history that arrived by git clone is shown, escaped.
        #expect((try? DomainEvent(envelope: envelope)) != nil)
        #expect((try? DomainEvent(envelope: envelope, rules: .append)) == nil)
    }

    @Test func aNewNameSpelledLikeAnExistingOneIsRefusedNamingIt() throws {
        try append(.reserveEstablished, ["reserve": "404", "name": "R", "endDate": "2022-12-31"])
        try append(.allocation, ["reserve": "404", "allocations": [["project": "Welzijn-Noord", "amountCents": 5]]])
        let reason = try #require(refusal(.allocation, ["reserve": "404", "allocations": [["project": "welzijn-noord", "amountCents": 5]]]))
        #expect(reason.contains("'welzijn-noord' differs from project of reserve 404 'Welzijn-Noord'"), "\(reason)")
        #expect(refusal(.reserveEstablished, ["reserve": "0404", "name": "R", "endDate": "2022-12-31"])?.contains("reserve '404'") == true)
        // The same spelling is the same project; a project of another reserve is another name.
        #expect(refusal(.allocation, ["reserve": "404", "allocations": [["project": "Welzijn-Noord", "amountCents": 5]]]) == nil)
        try append(.reserveEstablished, ["reserve": "405", "name": "S", "endDate": "2022-12-31"])
        #expect(refusal(.allocation, ["reserve": "405", "allocations": [["project": "welzijn-noord", "amountCents": 5]]]) == nil)
        #expect(try fileCount() == 5)
    }

    /// A reallocation restates the whole table, so it may respell (as the shipped history's does);
    /// later events are compared with its spelling.
    @Test func aReallocationMayRespellAProjectAndItsSpellingCountsFromThen() throws {
        try append(.reserveEstablished, ["reserve": "404", "name": "R", "endDate": "2022-12-31"])
        try append(.allocation, ["reserve": "404", "allocations": [["project": "overgang Jeugdwet-Wmo", "amountCents": 5]]])
        try append(.reallocation, ["reserve": "404", "allocations": [["project": "Overgang Jeugdwet-Wmo", "amountCents": 5]]])
        let reason = try #require(refusal(.commitment, ["reserve": "404", "project": "overgang Jeugdwet-Wmo", "amountCents": 5, "basis": "exact"]))
        #expect(reason.contains("project of reserve 404 'Overgang Jeugdwet-Wmo'"), "\(reason)")
    }
}
