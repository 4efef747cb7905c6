/// An answer as rows of a CSV table with a fixed header; several registers are one table whose
/// first column is `register`. A register without an answer adds no rows (CSV has no place for
/// the error; its exit status still counts).
protocol CSVAnswerRenderer: AnswerRenderer {
    var header: [String] { get }
    func rows(_ answer: Rendered) -> [[String]]
}

extension CSVAnswerRenderer {
    func render(_ answer: Rendered) -> String {
        var table = CSVTable(header: header)
        for row in rows(answer) { table.add(row) }
        return table.text
    }

    func render(_ answers: [RegisterAnswer<Rendered>]) -> String {
        var table = CSVTable(header: ["register"] + header)
        for item in answers {
            guard case .success(let answer) = item.result else { continue }
            for row in rows(answer) { table.add([item.register] + row) }
        }
        return table.text
    }
}
