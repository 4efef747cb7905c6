import Testing
@testable import Drafting

/// Tables laid out as conversions from PDF and HTML lay them out.
@Suite struct TableReaderTests {
    func tables(_ text: String) -> [DocumentTable] { TableReader.tables(in: SourceText(text)) }

    @Test func yearsAndThousandsWithLabelsBrokenOverTwoLines() throws {
        let t = try #require(tables("""
            Begrote bedragen x € 1.000,-

            2025 2026

            Elkaar helpen  3.776 3.724

            Algemene
            voorzieningen 33.485 32.969

            Totaal 37.261 36.693
            """).first)
        #expect(t.years.map(\.year) == [2025, 2026])
        #expect(t.scaleFactor == 1000)
        #expect(t.rows.map(\.label) == ["Elkaar helpen", "Algemene voorzieningen"])
        #expect(t.rows[1].quote.firstLine == 7 && t.rows[1].quote.lastLine == 8)
        #expect(t.rows[1].amounts == ["33.485", "32.969"])
        #expect(t.total?.amounts == ["37.261", "36.693"])
        #expect(t.isPerYear)
    }

    @Test func tabSeparatedColumnsWithHeadingsDashesAndTexts() throws {
        let t = try #require(tables("""
            Een overzicht van de projecten.

            <b>pijler</b>\t<b>status</b>\t<b>bedrag</b>
            <b>basis op orde</b>\t\t
            project een\tlopend\t200.000
            project twee\tlopend\tbetaald uit Rijksmiddelen
            project drie\tafgerond\t-
            <b>monitoring</b>\t\t73.000
            <b>totaal</b>\t\t<b>273.000</b>
            """).first)
        #expect(t.rows.map(\.label) == ["project een", "monitoring"])
        #expect(t.withoutAmount.map(\.label) == ["project twee", "project drie"])
        #expect(t.total?.amounts == ["273.000"])
        #expect(t.isSingleColumn && t.scale == nil)
    }

    @Test func pipesAndAScaleInBrackets() throws {
        let t = try #require(tables("""
            Budget (x 1.000)

            | Programma | 2024 | 2025 |
            |---|---|---|
            | Wijkteams | 12.004 | 12.300 |
            | Mantelzorg | 480 | 495 |
            """).first)
        #expect(t.years.map(\.year) == [2024, 2025] && t.scaleFactor == 1000)
        #expect(t.rows.map(\.label) == ["Wijkteams", "Mantelzorg"] && t.total == nil)
    }

    @Test func aNumberBeforeTheAmountBelongsToTheLabel() throws {
        let t = try #require(tables("""
            Project 2023 700.000
            Ander project 40.000
            Totaal 740.000
            """).first)
        #expect(t.rows.map(\.label) == ["Project 2023", "Ander project"])
    }

    @Test func proseWithNumbersIsNoTable() {
        #expect(tables("""
            In totaal hebben we 20 aanmeldingen sinds de start van FLITS begin dit jaar.
            Totaal bedraagt dit € 707.000 voor 2020 en 2021.
            Financiën: € 100.000 per jaar. Totaal € 262.500.
            """).isEmpty)
    }

    @Test func theFinancialOverviewOfTheEvaluation() throws {
        let source = SourceText(try Fixture.text("004_aa63f06cb8a44dce.txt"))
        let all = TableReader.tables(in: source)
        #expect(all.count == 1, "only the FINANCIEEL OVERZICHT is a table")
        let t = try #require(all.first)
        #expect(t.rows.count == 14 && t.total?.amounts == ["5.000.000"])
        #expect(t.withoutAmount.map(\.label) == ["Onafhankelijke clientondersteuning Betaald uit al verkregen landelijke subsidie", "Beschikkingsvrij"])
    }
}
