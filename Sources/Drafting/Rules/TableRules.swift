import Projections

/// Tables: programme budgets per year (a row of years, amounts per programme, often in
/// thousands) become one `budget-set` per year, and a table of amounts per project becomes an
/// `allocation`; a stated total row becomes a `stated-total`, which the audit compares with
/// the sum of the rows.
enum TableRules {
    static func drafts(_ r: DocumentReading, tables: [DocumentTable], effective: DraftField, decision: DraftField,
                       earmarkAuthority: DraftField) -> [DraftEvent] {
        var drafts: [DraftEvent] = []
        for table in tables {
            if table.isPerYear, isAboutMoney(r, table) {
                drafts += budgets(r, table, effective: effective, decision: decision)
            } else if table.isSingleColumn, table.total != nil {
                drafts += allocations(r, table, effective: effective, decision: earmarkAuthority)
            }
        }
        return drafts
    }

    /// A table of years is about money when it has a scale or its heading speaks of amounts.
    private static func isAboutMoney(_ r: DocumentReading, _ table: DocumentTable) -> Bool {
        if table.scale != nil { return true }
        let above = max(1, table.firstLine - 3)
        let words = (above...table.firstLine).map { r.source.line($0).lowercased() }.joined(separator: " ") + table.header.map(\.text).joined(separator: " ").lowercased()
        return ["bedrag", "begro", "budget", "€", "euro"].contains(where: words.contains)
    }

    private static func budgets(_ r: DocumentReading, _ table: DocumentTable, effective: DraftField, decision: DraftField) -> [DraftEvent] {
        var drafts: [DraftEvent] = []
        let scaleWords = table.scale.map { " times \(DraftValue.grouped($0.factor)) ('\($0.quote.oneLine)')" } ?? ""
        for (column, year) in table.years.enumerated() {
            var fields: [DraftField] = [effective, .quoted("year", .integer(year.year), year.quote)]
            var sum: Int64 = 0
            var seen = Set<String>()
            var remarks: [String] = []
            for (i, row) in table.rows.enumerated() {
                let id = NameText.slug(row.label)
                guard !id.isEmpty, seen.insert(id).inserted else {
                    remarks.append("Row '\(row.label)' (\(row.quote.lines)) is left out: its name gives no id, or the same id as an earlier row.")
                    continue
                }
                guard case .amount(let text) = row.cells[column].value,
                      let cents = try? AmountPhrase.cents(text, scale: table.scaleFactor) else {
                    remarks.append("Row '\(row.label)' (\(row.quote.lines)) has no amount for \(year.year).")
                    continue
                }
                sum += cents
                let quotes = [row.quote, year.quote] + (table.scale.map { [$0.quote] } ?? [])
                fields += [
                    DraftField("programmes[\(i)].programme", .text(id), .derived(how: "made from the programme's name", from: [row.quote])),
                    .quoted("programmes[\(i)].name", .text(row.label), row.quote),
                    DraftField("programmes[\(i)].amountCents", .cents(cents), .derived(how: "'\(text)' in the \(year.year) column\(scaleWords)", from: quotes)),
                ]
            }
            fields.append(decision)
            if let total = table.total, total.cells.count == table.years.count, case .amount(let text) = total.cells[column].value,
               let cents = try? AmountPhrase.cents(text, scale: table.scaleFactor), cents != sum {
                remarks.append("The stated total \(DraftValue.dutch(cents)) differs from the sum of the rows, \(DraftValue.dutch(sum)); the audit will report it.")
            }
            drafts.append(DraftEvent(type: .budgetSet, basis: "the \(year.year) column of a table of budgets (lines \(table.firstLine)-\(table.lastLine))",
                                     fields: fields, remarks: remarks))
            if let total = table.total, total.cells.count == table.years.count, case .amount(let text) = total.cells[column].value,
               let cents = try? AmountPhrase.cents(text, scale: table.scaleFactor) {
                let quotes = [total.quote, year.quote] + (table.scale.map { [$0.quote] } ?? [])
                drafts.append(DraftEvent(type: .statedTotal, basis: "the total row of the table (\(total.quote.lines))", fields: [
                    effective, DraftField("of", .text("budget:\(year.year)"), .derived(how: "the budget of the column's year", from: [year.quote])),
                    DraftField("amountCents", .cents(cents), .derived(how: "'\(text)' in the \(year.year) column\(scaleWords)", from: quotes)),
                ]))
            }
        }
        return drafts
    }

    /// `'professionele tegenkracht' (-, line 55)`.
    private static func describe(_ row: DocumentTable.Row) -> String {
        let value = row.cells.last.map { cell -> String in
            switch cell.value {
            case .dash: return "-, "
            case .text(let t): return "'\(t)', "
            case .amount(let a): return a + ", "
            }
        } ?? ""
        return "'\(row.label)' (\(value)\(row.quote.lines))"
    }

    private static func allocations(_ r: DocumentReading, _ table: DocumentTable, effective: DraftField, decision: DraftField) -> [DraftEvent] {
        let reserve = ReserveRules.reserve(r)
        var fields: [DraftField] = [effective, reserve]
        var remarks: [String] = []
        var seen = Set<String>()
        var sum: Int64 = 0
        var line = 0
        for row in table.rows {
            guard case .amount(let text) = row.cells[0].value, let cents = try? AmountPhrase.cents(text, scale: table.scaleFactor), cents > 0 else {
                remarks.append("Row '\(row.label)' (\(row.quote.lines)) has no amount above zero.")
                continue
            }
            guard !row.label.isEmpty, row.label.count <= 200, seen.insert(NameText.key(row.label)).inserted else {
                remarks.append("Row '\(row.label)' (\(row.quote.lines)) is left out: no name, too long a name, or a project named twice.")
                continue
            }
            sum += cents
            let amount: DraftField = table.scaleFactor == 1 ? .quoted("allocations[\(line)].amountCents", .cents(cents), row.quote)
                : DraftField("allocations[\(line)].amountCents", .cents(cents), .derived(how: "'\(text)' times \(DraftValue.grouped(table.scaleFactor))", from: [row.quote, table.scale!.quote]))
            fields += [.quoted("allocations[\(line)].project", .text(row.label), row.quote), amount]
            line += 1
        }
        fields.append(decision)
        if !table.withoutAmount.isEmpty {
            remarks.append("Not allocated (no amount in the table): " + table.withoutAmount.map(describe).joined(separator: "; ") + ".")
        }
        var drafts = [DraftEvent]()
        var totalDraft: DraftEvent? = nil
        if let total = table.total, case .amount(let text) = total.cells[0].value, let cents = try? AmountPhrase.cents(text, scale: table.scaleFactor) {
            if cents != sum {
                remarks.append("The stated total \(DraftValue.dutch(cents)) differs from the sum of the rows, \(DraftValue.dutch(sum)); the audit will report it.")
            }
            let of: DraftField
            if case .text(let number)? = reserve.value, let quote = reserve.provenance?.quotes.first {
                of = DraftField("of", .text("reserve:\(number):allocations"), .derived(how: "the earmarks of the document's reserve", from: [quote]))
            } else {
                of = .unknown("of", "the document names no reserve; give reserve:NUMBER:allocations")
            }
            let amount: DraftField = table.scaleFactor == 1 ? .quoted("amountCents", .cents(cents), total.quote)
                : DraftField("amountCents", .cents(cents), .derived(how: "'\(text)' times \(DraftValue.grouped(table.scaleFactor))", from: [total.quote, table.scale!.quote]))
            totalDraft = DraftEvent(type: .statedTotal, basis: "the total row of the table (\(total.quote.lines))", fields: [effective, of, amount])
        }
        remarks.append("If the register already holds earmarks for this reserve, record the table as a reallocation: it replaces them.")
        drafts.append(DraftEvent(type: .allocation, basis: "a table of amounts per project (lines \(table.firstLine)-\(table.lastLine))",
                                 fields: fields, remarks: remarks))
        if let totalDraft { drafts.append(totalDraft) }
        return drafts
    }
}
