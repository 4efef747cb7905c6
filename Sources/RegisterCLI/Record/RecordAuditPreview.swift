import EventStore
import Projections

/// What the audit would newly report if an event were appended: shown before the clerk confirms.
///
/// The audit runs twice on the same day (today, or the event's effective date when that is
/// later, so the event is judged, not listed as scheduled): on the history as it is, and with the
/// event added; the findings whose ids are new are the event's. Nothing is written.
enum RecordAuditPreview {
    static func findings(of draft: EventDraft, sequence: Int, in history: History) throws -> [Finding] {
        let envelope = DomainAppend.envelope(draft, sequence: sequence, head: .zero)
        let record = try DomainRecord(envelope: envelope, rules: .append)
        var after = history
        after.append(record)
        let today = DateArguments.today()
        let on = draft.effectiveDate > today ? draft.effectiveDate : today
        let before = Set(try Audit.run(records: history.resolved(), on: on).map(\.id))
        return try Audit.run(records: after.resolved(), on: on).filter { !before.contains($0.id) }
    }

    /// The findings for people, with a count per severity ("1 error"); one line when there are none.
    static func text(_ findings: [Finding], language: Language) -> String {
        guard !findings.isEmpty else { return language.text("The audit would report nothing new about this event.") + "\n" }
        var lines = [language.text("The audit would report about this event:")]
        for f in findings { lines.append("  \(language.text(f.severity.rawValue).uppercased())  \(f.rule.rawValue): \(language.message(f.message))") }
        let counts = Severity.allCases.compactMap { s -> String? in
            let n = findings.filter { $0.severity == s }.count
            return n == 0 ? nil : "\(n) \(language.text(s.rawValue))"
        }
        lines.append("  " + counts.joined(separator: ", "))
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ findings: [Finding]) -> JSONValue {
        .array(findings.map { f in
            .object(["id": .string(f.id), "rule": .string(f.rule.rawValue), "severity": .string(f.severity.rawValue), "message": .string(f.message)])
        })
    }
}
