import EventStore
import Projections
import Testing
@testable import Drafting

/// The five source documents of the shipped history: what a clerk would record from each, with
/// the quote of every field. The comparison with the shipped events is `DraftComparisonTests`.
@Suite struct DrafterTests {
    /// `sha256sum Tests/DraftingTests/Fixtures/sources/*.txt`: the copies are the documents the shipped events cite.
    @Test(arguments: [
        ("000_670a6af81f8fa9c1.txt", "b3ef38624440599dba631b9423ec64990b01fa29b12f089b779edd027efea7e8"),
        ("001_b2a2623ba0ed9aeb.txt", "4ea09e88d1b7778f43b70dcd465d9abbd45c76784a4850583fe1e5b79d24c072"),
        ("002_339159327708f54b.txt", "efbad676d856be3546a29d8d8dcf8e0e41f70d6a5a711edfb574d524c669d833"),
        ("003_b485894c4d3abfa7.txt", "0aae5ab9dc8ed2481b6e4ec0e815c59daf73b7b9d811df728b64d18618cb9bab"),
        ("004_aa63f06cb8a44dce.txt", "0edc779a2e86d31180bef7c37b53e12cd6d12979167781ff71fd792a88504626"),
    ])
    func theDraftsCiteTheDocumentsSHA256(_ name: String, _ sha256: String) throws {
        let drafts = try Fixture.drafts(name)
        #expect(drafts.sha256.hex == sha256)
        #expect(drafts.document == name)
    }

    @Test func theRaadsvoorstelIsProposedAndItsSignedDecisionTaken() throws {
        let d = try Fixture.drafts("000_670a6af81f8fa9c1.txt")
        #expect(d.kind == .proposalWithDecision)
        #expect(d.zaaknummerValue == "2022-0177088" && d.zaaknummer.provenance?.quotes.first?.firstLine == 126)
        let proposed = try #require(d.all("decision-proposed").first { $0.text("decision") == "2022-0177088" })
        #expect(proposed.date("effectiveDate") == "2022-11-08" && proposed.date("date") == "2022-11-08")
        #expect(proposed.text("body") == "raad" && proposed.text("proposedBy") == "college")
        #expect(proposed.text("title") == "Inzet niet bestede middelen reserve sociaal domein")
        #expect(proposed.text("legalBasis") == "artikel 192, lid 1 Gemeentewet")
        #expect(proposed["legalBasis"]?.provenance?.quotes.first?.text == "artikel 192, lid 1 van de Gemeentewet")

        let taken = try #require(d.first("decision-taken"))
        #expect(taken.text("decision") == "2022-0177088" && taken.text("body") == "raad")
        // The meeting date is blank: it stays unknown, and says so.
        #expect(taken.value("date") == .blank)
        #expect(taken["date"]?.provenance?.quotes.first?.text == "Aldus besloten in de vergadering van")
        #expect(taken["date"]?.provenance?.quotes.first?.firstLine == 140)
        // The effective date is an assumption from 'nog dit jaar' and the proposal's date, and is said to be one.
        guard case .assumed(let reason, let quotes)? = taken["effectiveDate"]?.provenance else {
            Issue.record("the effective date of a decision with a blank meeting date is not an assumption")
            return
        }
        #expect(taken.date("effectiveDate") == "2022-12-31")
        #expect(reason.contains("nog dit jaar") && quotes.map(\.firstLine).contains(6) && quotes.map(\.firstLine).contains(130))
    }

    @Test func theSignedDecisionMovesTheEndDateAndThePlanIsCommitted() throws {
        let d = try Fixture.drafts("000_670a6af81f8fa9c1.txt")
        // 'Voorgesteld besluit' (line 3) proposes the same change; only the signed text (line 138) makes it.
        let changes = d.all("reserve-end-date-changed")
        #expect(changes.count == 1)
        let change = try #require(changes.first)
        #expect(change.text("reserve") == "404" && change.date("endDate") == "2026-12-31" && change.text("decision") == "2022-0177088")
        #expect(change["endDate"]?.provenance?.quotes.first == Quote(text: "31 december 2026", firstLine: 138, lastLine: 138))

        let estimate = try #require(d.first("balance-estimate"))
        #expect(estimate.cents("lowCents") == 40_000_000 && estimate.cents("highCents") == 45_000_000)
        #expect(estimate.date("asOf") == "2022-12-31" && estimate["asOf"]?.provenance?.isAssumed == true)
        #expect(estimate.date("effectiveDate") == "2022-11-08" && estimate.text("reserve") == "404")

        let commitments = d.all("commitment")
        #expect(commitments.map { $0.text("project") } == ["Uitvoeringsbrigade", "BSO+"])
        #expect(commitments.map { $0.cents("amountCents") } == [20_000_000, 24_000_000])
        #expect(commitments.map { $0.text("basis") } == ["approximate", "maximum"])
        #expect(commitments.map { $0["basis"]?.provenance?.quotes.first?.text } == ["ongeveer", "maximaal"])
        #expect(commitments.allSatisfy { $0.value("year") == .integer(2023) && $0.text("decision") == "2022-0177088" })

        // The reserve, for a register that does not hold it yet: its end date until the change, from 'na 31-12-2022'.
        let reserve = try #require(d.first("reserve-established"))
        #expect(reserve.text("name") == "SI Sociaal Domein Innovatiebudget & versterken sociale infrastructuur")
        #expect(reserve.date("endDate") == "2022-12-31" && reserve.missing == ["effectiveDate"])
        #expect(d.first("decision-proposed")?.text("decision") == "2019_GDD_B&W_00314", "the related raadsvoorstel comes first")
    }

    @Test func aRaadsinformatiebriefDecidesNothingButReportsAContractAndAnIntention() throws {
        let d = try Fixture.drafts("001_b2a2623ba0ed9aeb.txt")
        #expect(d.kind == .informationLetter && d.zaaknummerValue == nil)
        #expect(d.drafts.allSatisfy { $0.type != .decisionTaken }, "an RIB takes no decision")
        let contract = try #require(d.first("contract-awarded"))
        #expect(contract.text("contract") == "dordrecht-sociaal" && contract.text("counterparty") == "Dordrecht Sociaal")
        #expect(contract.date("start") == "2023-01-01" && contract.date("end") == "2026-12-31")
        #expect(contract.date("noticeDeadline") == "2025-12-31" && contract["noticeDeadline"]?.provenance?.quotes.first?.text == "eind 2025")
        #expect(contract.date("effectiveDate") == "2022-12-31" && contract["effectiveDate"]?.provenance?.isAssumed == true)
        let intention = try #require(d.first("contract-extension-intended"))
        #expect(intention.date("newEndDate") == "2030-12-31" && intention.date("decideBy") == "2025-12-31")
        #expect(intention.text("body") == "college")
        #expect(intention["newEndDate"]?.provenance?.quotes.contains { $0.text.contains("4 jaar") } == true)
        // The letter is undated: the intention's date stays unknown.
        #expect(intention["effectiveDate"]?.isKnown == false && intention.missing == ["effectiveDate"])
        #expect(d.first("contract-extended") == nil, "an intention moves no end date")
    }

    @Test func programmeBudgetsPerYearInThousandsWithTheirTotals() throws {
        let d = try Fixture.drafts("002_339159327708f54b.txt")
        let budgets = d.all("budget-set")
        #expect(budgets.map { $0.value("year") } == [.integer(2025), .integer(2026), .integer(2027)])
        #expect(budgets[0].items("programmes", "programme") == ["bestaanszekerheid", "elkaar-helpen", "algemene-voorzieningen",
                                                                "specialistische-hulp", "inzet-eigen-personeel"])
        #expect(budgets.map { b in b.lines("programmes").compactMap { b.cents("programmes[\($0)].amountCents") } } == [
            [13_509_900_000, 377_600_000, 3_348_500_000, 9_579_500_000, 190_200_000],
            [13_557_000_000, 372_400_000, 3_296_900_000, 9_205_700_000, 192_200_000],
            [13_422_400_000, 323_900_000, 2_706_700_000, 9_168_200_000, 171_400_000],
        ])
        #expect(d.all("stated-total").map { $0.cents("amountCents") } == [27_005_700_000, 26_624_200_000, 25_792_600_000])
        #expect(d.all("stated-total").map { $0.text("of") } == ["budget:2025", "budget:2026", "budget:2027"])
        #expect(budgets.allSatisfy { $0.date("effectiveDate") == "2024-12-17" && $0.remarks.isEmpty })
        let visie = d.all("decision-taken")
        #expect(visie.count == 1, "the Visie is named twice but is one decision")
        #expect(visie.first?.text("decision") == "visie-sociaal-domein-dordrecht-2030" && visie.first?.text("dateNote") == "maart 2024 (month only)")
        #expect(visie.first?.date("effectiveDate") == "2024-03-31" && visie.first?.value("date") == .blank)
    }

    @Test func anAllocationTableFromARaadsinformatiebrief() throws {
        let d = try Fixture.drafts("003_b485894c4d3abfa7.txt")
        #expect(d.zaaknummerValue == "2020-0166332")
        let allocation = try #require(d.first("allocation"))
        #expect(allocation.items("allocations", "project").count == 10)
        #expect(allocation.lines("allocations").compactMap { allocation.cents("allocations[\($0)].amountCents") }.reduce(0, +) == 500_000_000)
        #expect(allocation.date("effectiveDate") == "2020-12-15")
        // The letter names no reserve: that stays for the clerk.
        #expect(allocation["reserve"]?.isKnown == false && allocation.missing == ["reserve"])
        #expect(allocation.text("decision") == "2403230" && allocation["decision"]?.provenance?.isAssumed == true)
        #expect(allocation.remarks.contains { $0.contains("professionele tegenkracht") && $0.contains("betaald uit verkregen Rijksmiddelen") })
        #expect(d.first("stated-total")?.cents("amountCents") == 500_000_000)
        let decisions = d.all("decision-taken")
        #expect(decisions.map { $0.text("decision") } == ["2403230", "2382362"])
        #expect(decisions.map { $0.text("body") } == ["raad", "unknown"])
        let addition = try #require(d.first("reserve-addition"))
        #expect(addition.cents("amountCents") == 500_000_000 && addition.text("decision") == "2403230")
    }

    @Test func theBrokenFinancialOverviewOfTheEvaluation() throws {
        let d = try Fixture.drafts("004_aa63f06cb8a44dce.txt")
        #expect(d.kind == .other)
        #expect(d.drafts.map(\.type) == [.allocation, .statedTotal])
        let allocation = d.drafts[0]
        #expect(allocation.items("allocations", "project").first == "Overgang Jeugdwet –Wmo")
        #expect(allocation.items("allocations", "project").last == "Re-integratie officier")
        #expect(allocation.cents("allocations[13].amountCents") == 3_750_000)
        #expect(allocation["effectiveDate"]?.isKnown == false, "the bijlage is undated")
    }

    /// What every draft of every fixture must satisfy.
    @Test(arguments: Fixture.sources + Fixture.made)
    func everyValueHasItsExactQuote(_ name: String) throws {
        let drafts = try Fixture.drafts(name)
        let source = SourceText(try Fixture.text(name))
        for (i, draft) in drafts.drafts.enumerated() {
            for field in draft.fields {
                if field.value == nil {
                    #expect(field.provenance == nil && field.remark != nil, "\(name) draft \(i + 1) \(field.key): unknown without a reason")
                    continue
                }
                let quotes = try #require(field.provenance, "\(name) draft \(i + 1) \(field.key) has a value and no provenance").quotes
                #expect(!quotes.isEmpty, "\(name) draft \(i + 1) \(field.key): a value without a quote")
                for quote in quotes {
                    let lines = (quote.firstLine...quote.lastLine).map { String(source.line($0)) }.joined(separator: "\n")
                    #expect(lines.contains(quote.text), "\(name) draft \(i + 1) \(field.key): '\(quote.text)' is not on \(quote.lines)")
                }
            }
            if draft.missing.isEmpty {
                let payload = draft.payload(in: drafts)
                #expect(throws: Never.self, "\(name) draft \(i + 1) is complete but its payload is refused") {
                    try DomainEvent(type: draft.type, payload: payload)
                }
                let assumed = draft.fields.filter { $0.provenance?.isAssumed == true }.count
                #expect(payload["assumptions"]?.array?.count ?? 0 == assumed)
                #expect(payload["note"]?.string?.hasPrefix("Drafted from \(name) (SHA-256 \(drafts.sha256.hex))") == true)
            }
        }
    }
}
