import EventStore
import Projections
import Testing
@testable import Drafting

/// Documents written for the tests (`Fixtures/made/`), so the rules are not fitted to five files:
/// other reserves and municipalities, other phrasing, tables laid out otherwise, and texts from
/// which nothing can be drafted.
@Suite struct MadeDocumentTests {
    @Test func aRaadsbesluitWithNumberedPointsOnTwoReserves() throws {
        let d = try Fixture.drafts("raadsbesluit-reserves-512-377.txt")
        #expect(d.kind == .decision && d.zaaknummerValue == "2024-0031415")
        #expect(d.drafts.map(\.type) == [.decisionTaken, .reserveEstablished, .reserveAddition, .reserveWithdrawal,
                                         .reserveEstablished, .reserveEndDateChanged])
        let taken = d.drafts[0]
        #expect(taken.date("date") == "2024-03-12" && taken.date("effectiveDate") == "2024-03-12", "a meeting date given is the date")
        #expect(taken.text("legalBasis") == "artikel 189 Gemeentewet" && taken.text("title") == "Energietransitie in de wijken")
        #expect(d.first("decision-proposed") == nil, "a besluit alone is no proposal")
        let new = d.drafts[1]
        #expect(new.text("reserve") == "512" && new.text("name") == "Energietransitie wijken" && new.date("endDate") == "2027-12-31")
        #expect(d.drafts[2].text("reserve") == "512" && d.drafts[2].cents("amountCents") == 120_000_000)
        #expect(d.drafts[2]["amountCents"]?.provenance?.quotes.first?.text == "€ 1,2 miljoen")
        #expect(d.drafts[3].text("reserve") == "377" && d.drafts[3].cents("amountCents") == 25_000_000)
        #expect(d.drafts[3].text("description") == "€ 250.000,- te onttrekken aan de reserve 377 Wijkaanpak voor de isolatie van huurwoningen;")
        #expect(d.drafts[4].text("reserve") == "377" && d.drafts[4]["endDate"]?.isKnown == false)
        #expect(d.drafts[5].date("endDate") == "2028-06-30" && d.drafts[5]["endDate"]?.provenance?.quotes.first?.text == "30-06-2028")
        #expect(d.drafts.dropFirst().allSatisfy { $0.type == .reserveEstablished && $0.text("reserve") == "377" || $0.text("decision") == "2024-0031415" })
    }

    @Test func aProposalAloneDecidesNothing() throws {
        let d = try Fixture.drafts("raadsvoorstel-zonder-besluit.txt")
        #expect(d.kind == .proposal)
        // The proposed end date and the project's costs are not drafted: nothing is decided yet.
        #expect(d.drafts.map(\.type) == [.decisionProposed, .balanceEstimate])
        let proposal = d.drafts[0]
        #expect(proposal.text("decision") == "2024-0099001" && proposal.date("date") == "2024-09-03")
        #expect(proposal.remarks.contains { $0.contains("te verschuiven naar 31-12-2026") })
        let estimate = d.drafts[1]
        #expect(estimate.text("reserve") == "615" && estimate.date("asOf") == "2024-12-31")
        #expect(estimate["asOf"]?.provenance?.isAssumed == false, "a date in the sentence itself is quoted, not assumed")
        #expect(estimate.cents("lowCents") == 110_000_000 && estimate.cents("highCents") == 130_000_000)
    }

    @Test func aLetterWithAPipeTableAndAnotherContract() throws {
        let d = try Fixture.drafts("rib-begroting-en-contract.txt")
        #expect(d.kind == .informationLetter)
        let budgets = d.all("budget-set")
        #expect(budgets.count == 3 && budgets.allSatisfy { $0.items("programmes", "name") == ["Welzijn en ontmoeting", "Mantelzorg", "Wijkteams"] })
        #expect(budgets[0].cents("programmes[2].amountCents") == 1_200_400_000)
        // The 2026 total does not add up (15.420, stated 15.430): said, not corrected.
        #expect(budgets[2].remarks.contains { $0.contains("€ 15.430.000,00") && $0.contains("€ 15.420.000,00") })
        #expect(d.all("stated-total")[2].cents("amountCents") == 1_543_000_000)
        let contract = try #require(d.first("contract-awarded"))
        #expect(contract.text("contract") == "stichting-welzijn-oost" && contract.date("start") == "2024-01-01" && contract.date("end") == "2027-12-31")
        #expect(contract.date("noticeDeadline") == "2027-06-30")
        let intention = try #require(d.first("contract-extension-intended"))
        #expect(intention.date("newEndDate") == "2029-12-31" && intention.date("effectiveDate") == "2024-05-14")
        #expect(intention["body"]?.provenance?.quotes.first?.text == "Wij")
    }

    @Test func anAllocationTableLaidOutWithSpacesAndEuroSigns() throws {
        let d = try Fixture.drafts("bijlage-besteding-reserve-208.txt")
        #expect(d.kind == .other)
        let allocation = try #require(d.first("allocation"))
        #expect(allocation.text("reserve") == "208")
        #expect(allocation.items("allocations", "project") == ["Schoolmaatschappelijk werk", "Huiswerkbegeleiding", "Jongeren in de wijk"])
        #expect(allocation.lines("allocations").compactMap { allocation.cents("allocations[\($0)].amountCents") } == [32_000_000, 9_550_000, 28_450_000])
        #expect(allocation.remarks.contains { $0.contains("Preventie en voorlichting") })
        #expect(d.first("stated-total")?.text("of") == "reserve:208:allocations")
    }

    @Test func aTextThatIsNoDecisionDocumentIsRefused() throws {
        #expect(throws: DraftingError.notADecisionDocument(document: "nieuwsbrief-geen-besluit.txt", lines: 5)) {
            try Drafter.draft(document: "nieuwsbrief-geen-besluit.txt", bytes: try Fixture.bytes("nieuwsbrief-geen-besluit.txt"))
        }
    }

    @Test func aLetterWithNothingToDraftSaysWhat() throws {
        let bytes = try Fixture.bytes("rib-zonder-gegevens.txt")
        do {
            _ = try Drafter.draft(document: "rib-zonder-gegevens.txt", bytes: bytes)
            Issue.record("drafted from a letter that says nothing")
        } catch {
            guard case .nothingToDraft(_, let kind, _) = error else { Issue.record("\(error)"); return }
            #expect(kind == .informationLetter)
            #expect(error.description.contains("register record"))
        }
    }

    @Test(arguments: [
        ([UInt8](), DraftingError.empty(document: "x.txt")),
        (Array("  \n\t\n".utf8), DraftingError.empty(document: "x.txt")),
        ([0x25, 0x50, 0x44, 0x46, 0x00, 0x01], DraftingError.notText(document: "x.txt", detail: "it holds a NUL byte at offset 4")),
        ([0x52, 0x61, 0xFF, 0x64], DraftingError.notText(document: "x.txt", detail: "it is not valid UTF-8")),
    ])
    func bytesThatAreNoTextAreRefused(_ bytes: [UInt8], _ expected: DraftingError) {
        #expect(throws: expected) { try Drafter.draft(document: "x.txt", bytes: bytes) }
    }

    @Test func windowsLineEndsAndAByteOrderMarkReadTheSame() throws {
        let text = try Fixture.text("raadsbesluit-reserves-512-377.txt")
        let windows = "\u{FEFF}" + text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        let plain = try Drafter.draft(document: "a.txt", bytes: Array(text.utf8))
        let crlf = try Drafter.draft(document: "a.txt", bytes: Array(windows.utf8))
        #expect(plain.drafts == crlf.drafts)
    }
}
