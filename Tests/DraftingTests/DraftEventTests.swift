import EventStore
import Projections
import Testing
@testable import Drafting

/// A draft becoming an event: what its payload, note and assumptions hold, and the clerk's edits.
@Suite struct DraftEventTests {
    @Test func theEventCitesTheDocumentItsSHA256AndEveryQuote() throws {
        let d = try Fixture.drafts("000_670a6af81f8fa9c1.txt")
        let change = try #require(d.first("reserve-end-date-changed"))
        let event = try change.eventDraft(in: d, actor: "griffie:test")
        #expect(event.type == "reserve-end-date-changed" && event.effectiveDate.iso == "2022-12-31")
        #expect(event.source == EventSource(document: "000_670a6af81f8fa9c1.txt", zaaknummer: "2022-0177088"))
        #expect(event.payload["reserve"] == "404" && event.payload["endDate"] == "2026-12-31" && event.payload["decision"] == "2022-0177088")
        let note = try #require(event.payload["note"]?.string)
        #expect(note.hasPrefix("Drafted from 000_670a6af81f8fa9c1.txt (SHA-256 b3ef38624440599dba631b9423ec64990b01fa29b12f089b779edd027efea7e8)"))
        #expect(note.contains("endDate: line 138 '31 december 2026'"))
        #expect(note.contains("source.zaaknummer: line 126 'Zaaknummer 2022-0177088'"))
        let assumptions = try #require(event.payload["assumptions"]?.array)
        #expect(assumptions.count == 1 && assumptions[0].string?.hasPrefix("effectiveDate: The meeting date is blank") == true)
        #expect(note.count <= 2000 && !note.contains("\n"))
    }

    @Test func aBlankDateIsNullAndListsAreAssembled() throws {
        let d = try Fixture.drafts("002_339159327708f54b.txt")
        let visie = try #require(d.first("decision-taken")).payload(in: d)
        #expect(visie["date"] == .null && visie["dateNote"] == "maart 2024 (month only)")
        let budget = try #require(d.first("budget-set")).payload(in: d)
        let programmes = try #require(budget["programmes"]?.array)
        #expect(programmes.count == 5)
        #expect(programmes[0] == ["programme": "bestaanszekerheid", "name": "Bestaanszekerheid", "amountCents": .number("13509900000")])
        #expect(budget["decision"] == nil, "an unknown optional field is left out")
    }

    @Test func anIncompleteDraftNamesWhatIsMissing() throws {
        let d = try Fixture.drafts("003_b485894c4d3abfa7.txt")
        let allocation = try #require(d.first("allocation"))
        do {
            _ = try allocation.eventDraft(in: d, actor: "griffie:test")
            Issue.record("an allocation without its reserve became an event")
        } catch {
            #expect(error.description.contains("unknown reserve (the document names no reserve; give its number)"))
        }
    }

    @Test func theClerksEditsAreReadAsRecordReadsThem() throws {
        let d = try Fixture.drafts("003_b485894c4d3abfa7.txt")
        var allocation = try #require(d.first("allocation"))
        try allocation.edit("reserve", to: "404")
        try allocation.edit("effectiveDate", to: "16-12-2020")
        try allocation.edit("allocations[1].amountCents", to: "€ 29.500,00")
        try allocation.edit("type", to: "reallocation")
        try allocation.edit("allocations[9].project", to: "remove")
        let event = try allocation.eventDraft(in: d, actor: "griffie:test")
        #expect(event.type == "reallocation" && event.effectiveDate.iso == "2020-12-16" && event.payload["reserve"] == "404")
        let lines = try #require(event.payload["allocations"]?.array)
        #expect(lines.count == 9 && lines[1]["amountCents"] == .number("2950000"))
        #expect(event.payload["note"]?.string?.contains("Given by the clerk: effectiveDate, reserve, allocations[1].amountCents.") == true)
        #expect(allocation["reserve"]?.provenance == .clerk)
    }

    @Test(arguments: [
        ("effectiveDate", "12/31/2020", "there is no month 31"),
        ("effectiveDate", "31-12-20", "two-digit year"),
        ("allocations[0].amountCents", "1.5", "unambiguously"),
        ("type", "commitment", "can become allocation, reallocation"),
        ("allocations[0].amountCents", "unknown", "must have a value"),
    ])
    func aWrongEditIsRefusedWithTheAcceptedForms(_ key: String, _ text: String, _ expected: String) throws {
        var allocation = try #require(try Fixture.drafts("003_b485894c4d3abfa7.txt").first("allocation"))
        let before = allocation
        do {
            try allocation.edit(key, to: text)
            Issue.record("\(key) '\(text)' was accepted")
        } catch {
            #expect(error.description.contains(expected), "\(error)")
        }
        #expect(allocation == before)
    }

    @Test func aFieldTheDraftHasNotIsNamedWithTheFieldsItHas() throws {
        var change = try #require(try Fixture.drafts("000_670a6af81f8fa9c1.txt").first("reserve-end-date-changed"))
        #expect(throws: DraftingError.unknownField(field: "amountCents", fields: ["type", "effectiveDate", "reserve", "endDate", "decision"])) {
            try change.edit("amountCents", to: "5")
        }
        try change.edit("decision", to: "unknown")
        #expect(change["decision"]?.isKnown == false && change.missing.isEmpty, "an optional field may be left unknown")
    }
}
