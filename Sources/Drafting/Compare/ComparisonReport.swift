/// The comparison of drafts with recorded events as a Markdown table, one row per document and
/// a total, then every field that is not proposed correctly: what `register draft --compare`
/// prints and `docs/drafting.md` shows.
public enum ComparisonReport {
    public static func markdown(_ comparisons: [DraftComparison]) -> String {
        let categories = DraftComparison.Category.allCases
        var lines = [
            "| document | recorded | drafted | matched | extra drafts | " + categories.map(\.rawValue).joined(separator: " | ") + " |",
            "|---|--:|--:|--:|--:|" + categories.map { _ in "--:|" }.joined(),
        ]
        func cell(_ findings: [DraftComparison.Finding], _ category: DraftComparison.Category) -> String {
            let of = findings.filter { $0.category == category }
            let counts = [DraftComparison.Outcome.correct, .wrong, .missed].map { o in of.filter { $0.outcome == o }.count }
            return counts.allSatisfy { $0 == 0 } ? "–" : counts.map(String.init).joined(separator: " / ")
        }
        for c in comparisons {
            lines.append("| \(c.document) | \(c.recordedCount) | \(c.draftedCount) | \(c.matchedCount) | \(c.extraDrafts.count) | "
                         + categories.map { cell(c.findings, $0) }.joined(separator: " | ") + " |")
        }
        if comparisons.count > 1 {
            let all = comparisons.flatMap(\.findings)
            lines.append("| **all** | \(comparisons.map(\.recordedCount).reduce(0, +)) | \(comparisons.map(\.draftedCount).reduce(0, +)) | "
                         + "\(comparisons.map(\.matchedCount).reduce(0, +)) | \(comparisons.map(\.extraDrafts.count).reduce(0, +)) | "
                         + categories.map { cell(all, $0) }.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("Each field column: correct / wrong / missed. "
                     + "Of the correct values, \(comparisons.map(\.assumedCorrect).reduce(0, +)) rest on an assumption the draft states "
                     + "(a day chosen for a month or a deadline, an estimate's day, an authority).")
        for c in comparisons {
            let off = c.findings.filter { $0.outcome != .correct }
            guard !off.isEmpty || !c.extraDrafts.isEmpty else { continue }
            lines.append("")
            lines.append("\(c.document):")
            var missedEvents: [String: [String]] = [:]
            for f in off where f.outcome == .missed && f.field == "type" { missedEvents[f.event] = [] }
            for f in off where missedEvents[f.event] != nil { missedEvents[f.event]!.append(f.field) }
            for (event, fields) in missedEvents.sorted(by: { $0.key < $1.key }) {
                lines.append("- \(event): no draft (\(fields.count) fields missed)")
            }
            for f in off where missedEvents[f.event] == nil {
                switch f.outcome {
                case .wrong: lines.append("- \(f.event) \(f.field): wrong, drafted \(quoted(f.drafted)), recorded \(quoted(f.recorded))")
                case .missed: lines.append("- \(f.event) \(f.field): missed (recorded \(quoted(f.recorded)))")
                case .extra: lines.append("- \(f.event) \(f.field): drafted \(quoted(f.drafted)), not in the recorded event")
                case .correct: break
                }
            }
            for extra in c.extraDrafts { lines.append("- \(extra): drafted, matches no recorded event of this document") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ text: String?) -> String {
        guard let text else { return "nothing" }
        return "'" + (text.count > 100 ? String(text.prefix(99)) + "…" : text) + "'"
    }
}
