import EventStore
import Testing
@testable import Projections

/// The one-pass `Audit` and `Timeline` give exactly what the slow, plain references give
/// (`ReferenceAudit`, which covers every rule, and `ReferenceTimeline`): the same findings in the
/// same order, the same timeline entries, on a hand-made history and on generated ones, at many
/// dates and moments.
@Suite struct AuditAndTimelineEquivalenceTests {
    /// Corrections of corrections, retractions (also of a correction), stated totals for several
    /// years and for reserves' allocations, several reserves, contracts and same-date events.
    static func handMade() -> HistoryBuilder {
        var h = HistoryBuilder()
        h.decision("D1", on: "2019-01-01")
        h.decision("D2", on: "2020-01-01")
        h.decision("D3", .decisionProposed, on: "2020-02-01")
        h.decision("D4", on: "2020-03-01", dated: .some(nil))
        h.decision("D5", on: "2021-01-10")
        h.reserve("404", on: "2019-02-01", end: "2022-12-31", decision: "D1")
        h.reserve("500", on: "2019-03-01", end: "2030-12-31", decision: "D1")
        // Earmarked before the reserve exists: counts in its allocations from the establishment on.
        h.add(.allocation, "2020-06-01", id: "early-600", ["reserve": "600", "allocations": lines([("Q", 70_000)]), "decision": "D2"])
        h.add(.statedTotal, "2020-07-01", id: "st-600-before", ["of": "reserve:600:allocations", "amountCents": cents(1)])
        h.reserve("600", on: "2025-01-01", end: "2030-12-31", decision: "D2")
        h.add(.statedTotal, "2025-01-01", id: "st-600", ["of": "reserve:600:allocations", "amountCents": cents(70_000)])
        h.add(.reserveAddition, "2019-06-01", id: "add1", ["reserve": "404", "amountCents": cents(1_000_000), "decision": "D1"])
        h.add(.reserveAddition, "2019-06-01", id: "add500", ["reserve": "500", "amountCents": cents(300_000), "decision": "D1"])
        h.add(.allocation, "2019-07-01", id: "alloc1", ["reserve": "404", "allocations": lines([("A", 400_000), ("B", 300_000)]), "decision": "D1"])
        h.add(.allocation, "2019-08-01", id: "alloc-zero", ["reserve": "404", "allocations": lines([("A", 0)]), "decision": "D1"])
        h.add(.reallocation, "2019-09-01", id: "realloc-same", ["reserve": "404", "allocations": lines([("A", 400_000), ("B", 300_000)]), "decision": "D1"])
        h.add(.statedTotal, "2019-09-01", id: "st-404-ok", ["of": "reserve:404:allocations", "amountCents": cents(700_000)])
        h.add(.statedTotal, "2019-10-01", id: "st-404-wrong", ["of": "reserve:404:allocations", "amountCents": cents(650_000)])
        // Same date: the stated total is recorded before the allocation it includes.
        h.add(.statedTotal, "2019-11-01", id: "st-404-sameday", ["of": "reserve:404:allocations", "amountCents": cents(900_000)])
        h.add(.allocation, "2019-11-01", id: "alloc2", ["reserve": "404", "allocations": lines([("C", 200_000)]), "decision": "D1"])
        h.add(.allocation, "2020-01-15", id: "alloc-over", ["reserve": "404", "allocations": lines([("D", 500_000)]), "decision": "D2"])
        h.add(.commitment, "2020-02-15", id: "commit", ["reserve": "404", "project": "A", "amountCents": cents(2_000_000), "basis": "exact", "decision": "D3"])
        h.add(.commitment, "2020-03-15", id: "commit500", ["reserve": "500", "project": "X", "amountCents": cents(150_000), "basis": "maximum", "decision": "D4"])
        h.add(.balanceEstimate, "2020-04-01", id: "est500", ["reserve": "500", "asOf": "2019-12-31", "lowCents": cents(100_000), "highCents": cents(400_000)])
        h.add(.reserveWithdrawal, "2023-02-01", id: "late", ["reserve": "404", "amountCents": cents(10_000)])
        h.add(.reserveWithdrawal, "2020-12-31", id: "yearend", ["reserve": "500", "amountCents": cents(10_000), "decision": "D5"])
        // Budgets for three years; totals stated right, wrong, and before the budget on the same date.
        h.add(.budgetSet, "2024-11-01", id: "b2025", ["year": 2025, "programmes": .array([
            ["programme": "wonen", "amountCents": cents(5_000_000)], ["programme": "zorg", "amountCents": cents(3_000_000)]]), "decision": "D2"])
        h.add(.statedTotal, "2024-11-01", id: "st2025-ok", ["of": "budget:2025", "amountCents": cents(8_000_000)])
        h.add(.statedTotal, "2024-11-02", id: "st2025-wrong", ["of": "budget:2025", "amountCents": cents(8_000_100)])
        h.add(.budgetSet, "2025-11-01", id: "b2026", ["year": 2026, "programmes": .array([["programme": "wonen", "amountCents": cents(6_000_000)]]), "decision": "D2"])
        h.add(.budgetSet, "2026-03-01", id: "b2026-amend", ["year": 2026, "programmes": .array([
            ["programme": "wonen", "amountCents": cents(6_500_000)], ["programme": "zorg", "amountCents": cents(1_000_000)]]), "decision": "D2"])
        h.add(.statedTotal, "2026-03-02", id: "st2026-wrong", ["of": "budget:2026", "amountCents": cents(7_000_000)])
        h.add(.statedTotal, "2026-06-01", id: "st2027-sameday", ["of": "budget:2027", "amountCents": cents(4_000_000)])
        h.add(.budgetSet, "2026-06-01", id: "b2027", ["year": 2027, "programmes": .array([["programme": "wonen", "amountCents": cents(4_000_000)]]), "decision": "D2"])
        h.add(.statedTotal, "2026-07-01", id: "st2028-nobudget", ["of": "budget:2028", "amountCents": cents(1)])
        // Contracts: an intention past its deadline, one superseded by an extension.
        h.add(.contractAwarded, "2019-01-15", id: "c1", ["contract": "C1", "counterparty": "Een", "start": "2019-02-01", "end": "2021-12-31", "decision": "D1"])
        h.add(.contractExtensionIntended, "2021-03-01", id: "c1-intend", ["contract": "C1", "newEndDate": "2023-12-31", "decideBy": "2021-06-30", "body": "college"])
        h.add(.contractAwarded, "2019-01-15", id: "c2", ["contract": "C2", "counterparty": "Twee", "start": "2019-02-01", "end": "2021-12-31"])
        h.add(.contractExtensionIntended, "2021-03-01", id: "c2-intend", ["contract": "C2", "newEndDate": "2023-12-31", "decideBy": "2021-06-30", "body": "raad"])
        h.add(.contractExtended, "2021-05-01", id: "c2-ext", ["contract": "C2", "newEndDate": "2023-12-31", "decision": "D2"])
        // Corrections of corrections, a correction moving an event to another reserve, retractions.
        h.add(.correction, "2021-01-01", id: "fix1", ["corrects": "add1", "reason": "amount", "payload":
            ["reserve": "404", "amountCents": cents(1_200_000), "decision": "D1"]])
        h.add(.correction, "2021-02-01", id: "fix1-fix", ["corrects": "fix1", "reason": "amount again", "payload":
            ["corrects": "add1", "reason": "amount", "payload": ["reserve": "404", "amountCents": cents(1_500_000), "decision": "D1"]]])
        h.add(.correction, "2021-03-01", id: "move", ["corrects": "add500", "reason": "wrong reserve", "effectiveDate": "2019-05-01", "payload":
            ["reserve": "600", "amountCents": cents(300_000), "decision": "D1"]])
        h.add(.correction, "2021-04-01", id: "fix-st", ["corrects": "st2026-wrong", "reason": "sum", "payload": ["of": "budget:2026", "amountCents": cents(7_500_000)]])
        h.add(.correction, "2021-05-01", id: "fix-realloc", ["corrects": "realloc-same", "reason": "table", "payload":
            ["reserve": "404", "allocations": lines([("A", 100_000)]), "decision": "D1"]])
        h.add(.retraction, "2021-06-01", id: "unfix-realloc", ["retracts": "fix-realloc", "reason": "the table was right"])
        h.add(.retraction, "2021-07-01", id: "drop-alloc-over", ["retracts": "alloc-over", "reason": "never decided"])
        h.add(.retraction, "2021-08-01", id: "ghost-retraction", ["retracts": "ghost", "reason": "no such event"])
        h.add(.reserveAddition, "2019-12-01", id: "backdated", recordedAt: "2023-11-14T00:00:00.000Z",
              ["reserve": "500", "amountCents": cents(5_000), "decision": "D1"])
        return h
    }

    static let auditDates = ["2019-01-01", "2019-10-15", "2020-06-30", "2021-12-31", "2023-06-30", "2026-12-31"]

    /// Every moment between two recorded events, and the whole history.
    static func moments(_ h: HistoryBuilder) -> [RecordedInstant?] {
        let instants = Set(h.records.map(\.recordedAt)).sorted()
        return [nil] + instants.map(Optional.some)
    }

    static func subjects(_ records: [ResolvedRecord]) -> [Subject] {
        SubjectCatalog(records: records).entries.map(\.subject) + [.reserve(ReserveNumber("600")), .reserve(ReserveNumber("none"))]
    }

    static func text(_ e: Timeline.Entry) -> String {
        "\(e.sequence) \(e.id) \(e.type) \(e.effectiveDate) \(e.recordedAt.iso) \(e.summary) \(e.changes) \(String(describing: e.decision)) \(e.source) \(e.standing) \(e.assumptions)"
    }

    static func expectSame(_ h: HistoryBuilder) throws {
        for knownOn in moments(h) {
            let records = h.history.resolved(knownOn: knownOn)
            for d in auditDates {
                #expect(try Audit.run(records: records, on: date(d)) == ReferenceAudit.run(records: records, on: date(d)),
                        "audit on \(d), known on \(knownOn?.iso ?? "-")")
            }
            for subject in subjects(records) {
                #expect(try Timeline(subject: subject, records: records).entries.map(text)
                        == ReferenceTimeline.entries(subject: subject, records: records).map(text),
                        "timeline of \(subject), known on \(knownOn?.iso ?? "-")")
            }
        }
    }

    @Test func theHandMadeHistoryGivesWhatTheOldImplementationGave() throws {
        try Self.expectSame(Self.handMade())
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func generatedHistoriesGiveWhatTheOldImplementationGave(_ seed: UInt64) throws {
        let h = RandomHistory.make(seed: seed, events: 250)
        let records = h.resolved()
        for d in Self.auditDates + ["2023-12-31", "2030-01-01"] {
            #expect(try Audit.run(records: records, on: date(d)) == ReferenceAudit.run(records: records, on: date(d)), "seed \(seed), audit on \(d)")
        }
        for subject in Self.subjects(records) {
            #expect(try Timeline(subject: subject, records: records).entries.map(Self.text)
                    == ReferenceTimeline.entries(subject: subject, records: records).map(Self.text), "seed \(seed), timeline of \(subject)")
        }
        // And at a few moments while it was being recorded.
        for k in [h.records.count / 3, 2 * h.records.count / 3] {
            let partial = h.history.resolved(knownOn: h.records[k].recordedAt)
            #expect(try Audit.run(records: partial, on: date("2026-12-31")) == ReferenceAudit.run(records: partial, on: date("2026-12-31")))
        }
    }

    /// What the hand-made history's findings are, pinned by id (beyond matching the reference).
    @Test func theHandMadeHistoryFindings() throws {
        let ids = try Audit.run(records: Self.handMade().resolved(), on: date("2026-12-31")).map(\.id)
        for expected in ["stated-total-differs/st-404-wrong", "stated-total-differs/st2025-wrong", "decision-after-effect/yearend",
                         "decision-not-taken/commit", "money-after-end-date/late", "decision-date-unknown/commit500",
                         "intention-past-deadline/c1-intend", "amendment-target-missing/ghost-retraction",
                         "recorded-out-of-order/backdated", "mutation-without-decision/c2", "decision-after-year-end/yearend",
                         "lapsed-reserve-holds-money/reserve:404", "commitments-exceed-balance/reserve:404"] {
            #expect(ids.contains(expected), "\(expected) in \(ids)")
        }
        for absent in ["stated-total-differs/st-404-ok", "stated-total-differs/st-404-sameday", "stated-total-differs/st2025-ok", "stated-total-differs/st2026-wrong",
                       "stated-total-differs/st2027-sameday", "stated-total-differs/st2028-nobudget", "stated-total-differs/st-600-before",
                       "stated-total-differs/st-600", "intention-past-deadline/c2-intend", "allocations-exceed-authorised/alloc-over"] {
            #expect(!ids.contains(absent), "\(absent) not in \(ids)")
        }
    }

    /// Earmarks that do not change (a zero allocation, the same table again) show no change.
    @Test func unchangedEarmarksShowNoChange() throws {
        let entries = try Timeline(subject: .reserve(ReserveNumber("404")), records: Self.handMade().resolved()).entries
        let changes = Dictionary(entries.map { ($0.id, $0.changes.map(\.field)) }, uniquingKeysWith: { a, _ in a })
        #expect(changes["alloc1"] == ["allocated"])
        #expect(changes["alloc-zero"] == [])
        #expect(changes["realloc-same"] == [])
        #expect(changes["alloc2"] == ["allocated"])
        // A correction of the reserve's event is on its timeline, and so is the retraction of that
        // correction: the chain is shown in full (issue #15).
        #expect(entries.contains { $0.id == "fix-realloc" } && entries.contains { $0.id == "unfix-realloc" })
    }
}

/// The generated histories are worth comparing on: between them they trigger every rule but
/// `recorded-in-future` (which needs a clock), each at least once.
@Suite struct GeneratedHistoryCoverageTests {
    @Test func theGeneratedHistoriesTriggerEveryRule() throws {
        var seen: [AuditRule: Int] = [:]
        for seed in [UInt64(1), 2, 3, 4, 5, 6] {
            let records = RandomHistory.make(seed: seed, events: 250).resolved()
            for d in AuditAndTimelineEquivalenceTests.auditDates + ["2023-12-31", "2030-01-01"] {
                for f in try Audit.run(records: records, on: date(d)) { seen[f.rule, default: 0] += 1 }
            }
        }
        for rule in AuditRule.allCases where rule != .recordedInFuture {
            #expect(seen[rule] != nil, "\(rule.rawValue) never triggered")
        }
    }
}
