import EventStore
import Testing
@testable import Projections

/// Corrections and retractions (issue #15): what a correction changes, how chains resolve, and
/// what histories from outside `append` (a clone, a copy) may hold that append refuses: replay
/// gives those no effect, terminates, and the audit names each.
@Suite struct AmendmentTests {
    /// Reserve 404 with a decision and one addition of EUR 1.000,00 under it.
    static func base() -> HistoryBuilder {
        var h = HistoryBuilder()
        h.decision("D1", on: "2020-01-01")
        h.reserve(on: "2020-01-02", end: "2030-12-31", decision: "D1")
        h.add(.reserveAddition, "2020-02-01", id: "add", ["reserve": "404", "amountCents": cents(100_000), "decision": "D1", "description": "first"])
        return h
    }

    /// Reserve 404 as it stands on `day`, which it must be established by.
    func reserve404(on day: String, _ records: [ResolvedRecord]) throws -> ReserveState {
        guard case .state(let state)? = try ReserveProjection.project(ReserveNumber("404"), on: date(day), records: records) else {
            throw Failure.notEstablished
        }
        return state
    }
    enum Failure: Error { case notEstablished }

    func record(_ id: String, in records: [ResolvedRecord]) throws -> ResolvedRecord {
        try #require(records.first { $0.id == id })
    }

    @Test func aCorrectionThatNamesOneFieldKeepsEveryOther() throws {
        var h = Self.base()
        h.add(.correction, "2020-03-01", id: "fix", version: 2,
              ["corrects": "add", "reason": "typo", "payload": ["amountCents": cents(120_000)]])
        let records = h.resolved()
        let add = try record("add", in: records)
        guard case let .reserveAddition(_, amount, decision, description) = add.event else { Issue.record("\(add.event)"); return }
        #expect(amount == Cents(120_000))
        #expect(decision == DecisionID("D1"), "the decision the correction left out is kept")
        #expect(description == "first")
        #expect(try record("fix", in: records).changes == [FieldChange(field: "payload.amountCents", before: "100000", after: "120000")])
        #expect(try !Audit.run(records: records, on: date("2021-01-01")).contains { $0.rule == .mutationWithoutDecision })
    }

    @Test func aCorrectionRemovesAnOptionalFieldOnlyWhenItSaysNull() throws {
        var h = Self.base()
        h.add(.correction, "2020-03-01", id: "fix", version: 2, ["corrects": "add", "reason": "r", "payload": ["description": .null]])
        guard case let .reserveAddition(_, _, decision, description) = try record("add", in: h.resolved()).event else { return }
        #expect(description == nil && decision == DecisionID("D1"))
    }

    @Test func aSchemaOneCorrectionStillReplacesTheWholePayload() throws {
        var h = Self.base()
        h.add(.correction, "2020-03-01", id: "fix", version: 1, ["corrects": "add", "reason": "r", "payload": ["reserve": "404", "amountCents": cents(5)]])
        guard case let .reserveAddition(_, amount, decision, _) = try record("add", in: h.resolved()).event else { return }
        #expect(amount == Cents(5) && decision == nil, "schema 1 meant the complete payload, and is read as it meant")
    }

    @Test func correctionsOfCorrectionsApplyInOrderAndARetractedCorrectionRestores() throws {
        var h = Self.base()
        h.add(.correction, "2020-03-01", id: "fix1", version: 2, ["corrects": "add", "reason": "r", "payload": ["amountCents": cents(200_000)]])
        h.add(.correction, "2020-03-02", id: "fix2", version: 2, ["corrects": "fix1", "reason": "r", "payload": ["payload": ["amountCents": cents(300_000)]]])
        func amount(_ records: [ResolvedRecord]) throws -> Int64? {
            if case let .reserveAddition(_, a, _, _) = try record("add", in: records).event { return a.value } else { return nil }
        }
        #expect(try amount(h.resolved()) == 300_000)
        h.add(.retraction, "2020-03-03", id: "unfix2", ["retracts": "fix2", "reason": "r"])
        #expect(try amount(h.resolved()) == 200_000)
        // The timeline of the reserve holds the whole chain, and the original row is as recorded.
        let timeline = try Timeline(subject: .reserve(ReserveNumber("404")), records: h.resolved())
        #expect(Set(["add", "fix1", "fix2", "unfix2"]).isSubset(of: Set(timeline.entries.map(\.id))))
        let original = try #require(timeline.entries.first { $0.id == "add" })
        #expect(original.summary.contains("1.000,00"), "\(original.summary)")
        let fix = try #require(timeline.entries.first { $0.id == "fix1" })
        #expect(fix.changes.contains(Timeline.Change(field: "add payload.amountCents", before: "100000", after: "200000")), "\(fix.changes)")
    }

    /// Two records with one id come only from files the chain checker refuses (a duplicate id). If
    /// a history holds them anyway, with corrections of other events in it, each uncorrected one
    /// still stands for itself: replay does not hand the second the first one's version.
    @Test func twoRecordsWithOneIDEachStandForThemselves() throws {
        var h = Self.base()
        h.add(.reserveAddition, "2020-02-02", id: "add", ["reserve": "404", "amountCents": cents(500), "decision": "D1"])
        h.add(.correction, "2020-03-01", id: "fix", version: 2, ["corrects": "res-404", "reason": "r", "payload": ["endDate": "2031-12-31"]])
        let records = h.resolved()
        let amounts: [Cents] = records.filter { $0.id == "add" }.compactMap {
            guard case let .reserveAddition(_, amount, _, _) = $0.event else { return nil }
            return amount
        }
        #expect(amounts == [Cents(100_000), Cents(500)])
        guard case let .reserveEstablished(_, _, end, _) = try record("res-404", in: records).event else { Issue.record("not a reserve"); return }
        #expect(end == date("2031-12-31"), "the correction of another event still applies")
    }

    @Test func amendmentsAppendRefusesHaveNoEffectAndAreReported() throws {
        var h = Self.base()
        // A correction of a later event, a correction of itself, and a cycle.
        h.add(.correction, "2020-03-01", id: "early", version: 2, ["corrects": "late", "reason": "r", "payload": ["amountCents": cents(7)]])
        h.add(.correction, "2020-03-01", id: "self", version: 2, ["corrects": "self", "reason": "r", "effectiveDate": "2020-01-01"])
        h.add(.correction, "2020-03-01", id: "cycle-a", version: 2, ["corrects": "cycle-b", "reason": "r", "effectiveDate": "2020-01-01"])
        h.add(.correction, "2020-03-01", id: "cycle-b", version: 2, ["corrects": "cycle-a", "reason": "r", "effectiveDate": "2020-01-01"])
        h.add(.reserveAddition, "2020-04-01", id: "late", ["reserve": "404", "amountCents": cents(50_000), "decision": "D1"])
        // A retraction, a retraction of it, and a second retraction of the same event.
        h.add(.reserveWithdrawal, "2020-05-01", id: "wd", ["reserve": "404", "amountCents": cents(10_000), "decision": "D1"])
        h.add(.retraction, "2020-05-02", id: "r1", ["retracts": "wd", "reason": "r"])
        h.add(.retraction, "2020-05-03", id: "r-of-r", ["retracts": "r1", "reason": "r"])
        h.add(.retraction, "2020-05-04", id: "r2", ["retracts": "wd", "reason": "r"])
        let records = h.resolved()  // terminates
        if case let .reserveAddition(_, amount, _, _) = try record("late", in: records).event { #expect(amount == Cents(50_000)) }
        #expect(try record("wd", in: records).standing == .retracted(by: "r1"))
        #expect(try record("r1", in: records).standing == .counts, "r-of-r names r1 but has no effect")
        // In the cycle only the link to the later event is void: cycle-b (later) corrects cycle-a.
        #expect(try record("cycle-a", in: records).standing == .corrected(by: ["cycle-b"]))
        #expect(try record("cycle-b", in: records).standing == .counts)
        let ids = Set(try Audit.run(records: records, on: date("2021-01-01")).map(\.id))
        for expected in ["amendment-out-of-order/early", "amendment-out-of-order/self", "amendment-out-of-order/cycle-a",
                         "amendment-of-retraction/r-of-r", "retracted-twice/r2"] {
            #expect(ids.contains(expected), "\(expected) in \(ids)")
        }
    }

    /// Corrections append refuses, from files that did not come through it: one whose corrected
    /// payload is no valid addition (a negative amount), one that moves the addition to another
    /// reserve. Neither has any effect (the second used to move the money), and the audit names both.
    @Test func correctionsAppendRefusesHaveNoEffectAndAreReportedAsSuch() throws {
        var h = Self.base()
        h.add(.correction, "2020-03-01", id: "negative", version: 2, ["corrects": "add", "reason": "r", "payload": ["amountCents": cents(-5)],
                                                                       "effectiveDate": "2020-02-15"])
        h.add(.correction, "2020-03-02", id: "elsewhere", version: 2, ["corrects": "add", "reason": "r", "payload": ["reserve": "999"]])
        let records = h.resolved()
        let add = try record("add", in: records)
        guard case let .reserveAddition(reserve, amount, _, _) = add.event else { Issue.record("\(add.event)"); return }
        #expect(reserve == ReserveNumber("404") && amount == Cents(100_000))
        #expect(add.effectiveDate == date("2020-02-01"), "a void correction's new date has no effect either")
        #expect(try record("negative", in: records).voidBecause?.contains("not a valid reserve-addition") == true)
        #expect(try record("elsewhere", in: records).voidBecause == "it would change what event add is about (reserve '404' to '999')")
        #expect(add.standing == .counts, "a correction without effect does not mark its target corrected")
        let ids = Set(try Audit.run(records: records, on: date("2021-01-01")).map(\.id))
        #expect(ids.isSuperset(of: ["correction-without-effect/negative", "correction-without-effect/elsewhere"]), "\(ids)")
    }

    /// The sibling with a new date alone: a correction that moves an establishment past its own
    /// end date (append refuses it) has no effect either, and is reported.
    @Test func aCorrectionThatMakesAnImplausibleEventHasNoEffect() throws {
        var h = Self.base()
        h.add(.correction, "2020-03-01", id: "late", version: 2, ["corrects": "res-404", "reason": "r", "effectiveDate": "2031-06-01"])
        let records = h.resolved()
        #expect(try record("res-404", in: records).effectiveDate == date("2020-01-02"))
        #expect(try record("late", in: records).voidBecause?.contains("is not plausible") == true)
        #expect(try Audit.run(records: records, on: date("2021-01-01")).contains { $0.id == "correction-without-effect/late" })
    }

    /// An addition to a reserve no event establishes (from files that did not come through
    /// append) counts nowhere, and the audit says so (it said nothing).
    @Test func eventsAboutAReserveNeverEstablishedAreReported() throws {
        var h = Self.base()
        h.add(.reserveAddition, "2020-04-01", id: "stray", ["reserve": "999", "amountCents": cents(5), "decision": "D1"])
        let findings = try Audit.run(records: h.resolved(), on: date("2021-01-01"))
        let stray = try #require(findings.first { $0.id == "before-establishment/stray" })
        #expect(stray.message.contains("reserve 999 is never established") && stray.severity == .error, "\(stray.message)")
    }

    /// A second establishment of a reserve (append refuses it) changes neither its name nor its
    /// end date (it used to set both), and the audit reports it.
    @Test func aSecondEstablishmentChangesNothingAndIsReported() throws {
        var h = Self.base()
        h.add(.reserveEstablished, "2020-05-01", id: "again", ["reserve": "404", "name": "dup", "endDate": "2030-01-01"])
        let records = h.resolved()
        let state = try reserve404(on: "2021-01-01", records)
        #expect(state.name == "Reserve 404" && state.endDate == date("2030-12-31"))
        let findings = try Audit.run(records: records, on: date("2021-01-01"))
        #expect(findings.contains { $0.id == "created-twice/again" && $0.severity == .error }, "\(findings.map(\.id))")
    }

    /// An extension before its contract's award, and one of a contract never awarded, count nowhere;
    /// the audit names both (it was silent, and said "no extension is recorded").
    @Test func contractEventsBeforeTheAwardOrWithoutOneAreReported() throws {
        var h = Self.base()
        h.add(.contractAwarded, "2021-01-01", id: "award", ["contract": "c1", "counterparty": "First", "start": "2021-01-01", "end": "2022-12-31", "decision": "D1"])
        h.add(.contractExtended, "2020-06-01", id: "early", ["contract": "c1", "newEndDate": "2031-12-31", "decision": "D1"])
        h.add(.contractExtended, "2020-06-01", id: "ghost", ["contract": "c9", "newEndDate": "2031-12-31", "decision": "D1"])
        let findings = try Audit.run(records: h.resolved(), on: date("2021-06-01"))
        let early = try #require(findings.first { $0.id == "before-establishment/early" })
        #expect(early.message.contains("before contract c1 was awarded on 2021-01-01; it does not count"), "\(early.message)")
        let ghost = try #require(findings.first { $0.id == "before-establishment/ghost" })
        #expect(ghost.message.contains("but contract c9 is never awarded"), "\(ghost.message)")
    }

    /// A name spelt a second way (append refuses it) is reported; a reallocation's respelling is
    /// allowed, and counts from then.
    @Test func aSecondSpellingOfANameIsReportedUnlessAReallocationRespellsIt() throws {
        var h = Self.base()
        h.add(.allocation, "2020-03-01", id: "a1", ["reserve": "404", "allocations": lines([("Taskforce Jeugd", 100)]), "decision": "D1"])
        h.add(.allocation, "2020-04-01", id: "a2", ["reserve": "404", "allocations": lines([("taskforce jeugd", 100)]), "decision": "D1"])
        h.add(.reallocation, "2020-05-01", id: "r1", ["reserve": "404", "allocations": lines([("TASKFORCE JEUGD", 200)]), "decision": "D1"])
        h.add(.allocation, "2020-06-01", id: "a3", ["reserve": "404", "allocations": lines([("TASKFORCE JEUGD", 100)]), "decision": "D1"])
        h.add(.reserveEstablished, "2020-07-01", id: "est-0404", ["reserve": "0404", "name": "Other", "endDate": "2030-12-31"])
        let findings = try Audit.run(records: h.resolved(), on: date("2021-01-01")).filter { $0.rule == .nameSpelledTwice }
        #expect(findings.map(\.id).sorted() == ["name-spelled-twice/a2", "name-spelled-twice/est-0404"], "\(findings.map(\.id))")
        #expect(findings.first { $0.id == "name-spelled-twice/a2" }?.message
                    .contains("spells project of reserve 404 'taskforce jeugd' as 'Taskforce Jeugd' is spelt (a1) another way") == true)
    }

    /// A second establishment dated before the first (a file from elsewhere) takes nothing over:
    /// the establishment recorded first counts, and the audit names the second.
    @Test func aBackdatedSecondEstablishmentTakesNothingOver() throws {
        var h = Self.base()
        h.add(.reserveEstablished, "2019-01-01", id: "hijack", ["reserve": "404", "name": "Hijacked", "endDate": "2040-12-31"])
        let records = h.resolved()
        let state = try reserve404(on: "2021-01-01", records)
        #expect(state.name == "Reserve 404" && state.endDate == date("2030-12-31") && state.establishedOn == date("2020-01-02"))
        #expect(ReserveProjection.reserves(in: records)[ReserveNumber("404")] == "Reserve 404")
        let ids = Set(try Audit.run(records: records, on: date("2021-01-01")).map(\.id))
        #expect(ids.contains("created-twice/hijack") && !ids.contains("created-twice/res-404"), "\(ids)")
    }

    /// A document's hash recorded a second time (append refuses it): the first counts, as the
    /// source catalogue already had it, and the audit names the others (it said nothing).
    @Test func aSourceDocumentRecordedAgainIsReported() throws {
        var h = Self.base()
        let first = String(repeating: "a", count: 64), other = String(repeating: "b", count: 64)
        h.add(.sourceDocument, "2020-02-01", id: "src-1", ["document": "doc.txt", "sha256": .string(first)])
        h.add(.sourceDocument, "2020-03-01", id: "src-same", ["document": "doc.txt", "sha256": .string(first)])
        h.add(.sourceDocument, "2020-01-15", id: "src-other", ["document": "doc.txt", "sha256": .string(other)])
        h.add(.sourceDocument, "2020-03-01", id: "src-elsewhere", ["document": "other.txt", "sha256": .string(other)])
        let records = h.resolved()
        #expect(SourceCatalog(records: records).entries.first { $0.document == "doc.txt" }?.recordedBy == "src-1")
        let findings = try Audit.run(records: records, on: date("2021-01-01")).filter { $0.rule == .createdTwice }
        #expect(findings.map(\.id).sorted() == ["created-twice/src-other", "created-twice/src-same"], "\(findings.map(\.id))")
        let contradicting = try #require(findings.first { $0.id == "created-twice/src-other" })
        #expect(contradicting.message.contains("records document doc.txt again, after src-1, with another SHA-256 (\(other) against \(first))")
                && contradicting.severity == .error && contradicting.events == ["src-1", "src-other"], "\(contradicting)")
    }

    /// The same for a contract awarded twice: the second award replaced the counterparty and the dates.
    @Test func aSecondAwardChangesNothingAndIsReported() throws {
        var h = Self.base()
        h.add(.contractAwarded, "2020-01-05", id: "award", ["contract": "c1", "counterparty": "First", "start": "2020-01-01", "end": "2022-12-31", "decision": "D1"])
        h.add(.contractAwarded, "2020-06-01", id: "award-again", ["contract": "c1", "counterparty": "Second", "start": "2020-06-01", "end": "2030-12-31", "decision": "D1"])
        let records = h.resolved()
        guard case .state(let state)? = ContractProjection.project(ContractID("c1"), on: date("2021-01-01"), records: records) else {
            Issue.record("no contract"); return
        }
        #expect(state.counterparty == "First" && state.endDate == date("2022-12-31"))
        let findings = try Audit.run(records: records, on: date("2021-01-01"))
        #expect(findings.contains { $0.id == "created-twice/award-again" }, "\(findings.map(\.id))")
    }

    @Test func eventsStandingOnARetractedCreationAreReported() throws {
        var h = Self.base()
        h.add(.retraction, "2020-06-01", id: "unestablish", ["retracts": "res-404", "reason": "r"])
        let findings = try Audit.run(records: h.resolved(), on: date("2021-01-01"))
        #expect(findings.contains { $0.id == "orphaned-by-retraction/add" && $0.subject == .reserve(ReserveNumber("404")) })
    }

    @Test func thePayloadOfAnEventDecodesBackToTheEvent() throws {
        let h = Self.base()
        for r in h.records {
            #expect(try DomainEvent(type: r.type, payload: r.event.payload) == r.event, "\(r.type)")
        }
    }
}
