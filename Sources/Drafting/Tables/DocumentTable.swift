/// A table in a document's text: rows of a label and amounts, as PDF and HTML conversions lay
/// them out (columns separated by tabs, by `|`, or only by spaces; labels broken over two lines;
/// blank lines between the rows), with the column years, the scale (`x € 1.000,-`) and the
/// stated total when the table has them.
struct DocumentTable {
    /// One value of a row: an amount, a dash (`-`: none) or a text (`betaald uit Rijksmiddelen`).
    struct Cell {
        enum Value { case amount(String), dash, text(String) }
        let value: Value
        let range: Range<String.Index>
    }

    struct Row {
        /// The label with markup and line breaks taken out: `Algemene voorzieningen`.
        let label: String
        /// The row's lines, exactly.
        let quote: Quote
        let cells: [Cell]

        var amounts: [String] {
            cells.compactMap { if case .amount(let a) = $0.value { return a } else { return nil } }
        }
    }

    /// The lines above the first row: headings and column names.
    var header: [Quote]
    /// The column years (`2025 2026 2027`), when the table has a row of them.
    var years: [(year: Int, quote: Quote)]
    /// What the amounts are multiplied by (1.000 under `x € 1.000,-`) and the line that says so.
    var scale: (factor: Int64, quote: Quote)?
    var rows: [Row]
    /// Rows with a dash or a text instead of an amount, and labels inside the table that have no
    /// amount of their own (headings, items paid from elsewhere).
    var withoutAmount: [Row]
    var total: Row?
    var firstLine: Int
    var lastLine: Int

    /// Whether each row has one amount per column year: a table of budgets per year.
    var isPerYear: Bool { years.count >= 2 && rows.allSatisfy { $0.cells.count == years.count } }

    /// Whether each row has one amount: a table of amounts per item.
    var isSingleColumn: Bool { years.isEmpty && rows.allSatisfy { $0.cells.count == 1 } }

    var scaleFactor: Int64 { scale?.factor ?? 1 }
}
