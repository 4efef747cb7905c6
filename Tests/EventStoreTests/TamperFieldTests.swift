import Foundation
import Testing
@testable import EventStore
import TestSupport

/// One flipped byte in each field of a middle event's file: every one is caught, and the
/// damage is pinned on that file (whichever check trips first: JSON, name, or the next link).
@Suite struct TamperFieldTests {
    static let fields = ["sequence", "id", "type", "schemaVersion", "effectiveDate", "recordedAt", "actor",
                         "document", "zaaknummer", "payload", "previousHash"]

    @Test(arguments: fields)
    func aFlippedByteInTheFieldIsDetected(_ field: String) throws {
        let folder = try TemporaryFolder("tamper-field")
        let store = try folder.store()
        for n in 1...5 {
            _ = try store.append(EventDraft(id: "event-\(n)", type: "note", effectiveDate: try CalendarDate(iso: "2026-01-15"),
                                            actor: "clerk", source: EventSource(document: "doc-\(n)", zaaknummer: "2026-000000\(n)"),
                                            payload: ["text": .string("marker-\(n)")]))
        }
        let target = store.directory + "/00000003-note.json"
        var bytes = try readBytes(target)
        // Find the field's value: the first byte after `"field": ` that is a letter or digit.
        let key = Array("\"\(field)\": ".utf8)
        let keyStart = try #require((0...(bytes.count - key.count)).first { Array(bytes[$0..<($0 + key.count)]) == key })
        let valueStart = try #require((keyStart + key.count..<bytes.count).first {
            (48...57).contains(bytes[$0]) || (97...122).contains(bytes[$0]) || (65...90).contains(bytes[$0])
        })
        bytes[valueStart] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        let report = try StoreVerifier(store: store).verify()
        #expect(!report.isIntact, "flipping \(field) went unnoticed")
        #expect(report.problem?.file == "00000003-note.json", "\(field): \(String(describing: report.problem))")
    }
}
