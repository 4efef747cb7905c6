// libFuzzer entry point over the event decoder and validator (scripts/fuzz.sh builds it).
//
// Each input is treated as an append input: strict JSON parsing, the envelope fields, and
// the domain payload decoding of its type. Any crash, trap or sanitizer report is a bug;
// a thrown error is the expected answer to bad input.
//
// scripts/fuzz.sh compiles it as one module with the EventStore and Projections sources, where
// the imports below are ignored or skipped; `scripts/fuzz.sh --typecheck` (run by CI) checks it
// against the built modules.

import EventStore
#if canImport(Projections)
import Projections
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    // The canonical writer must round-trip whatever the parser accepts.
    let written = JSONWriter.pretty(value)
    guard let reparsed = try? JSONParser.parse(written), reparsed == value else {
        fatalError("JSON did not round-trip through the canonical writer")
    }
    guard let draft = try? EventDraft(json: value) else { return 0 }
    let envelope = EventEnvelope(sequence: 1, id: draft.id ?? "fuzz", type: draft.type, schemaVersion: draft.schemaVersion,
                                 effectiveDate: draft.effectiveDate, recordedAt: RecordedInstant(millisecondsSinceEpoch: 0),
                                 actor: draft.actor, source: draft.source, payload: draft.payload, previousHash: .zero)
    if let record = try? DomainRecord(envelope: envelope) {
        _ = EventSummary.describe(record.event)
        let resolved = History(records: [record]).resolved()
        _ = try? Audit.run(records: resolved, on: draft.effectiveDate) // a total past the cap is a thrown error, not a crash
    }
    // A stored envelope must read back as itself.
    guard let stored = try? JSONParser.parse(envelope.fileBytes), (try? EventEnvelope(stored: stored)) == envelope else {
        fatalError("an envelope did not read back from its own file bytes")
    }
    return 0
}
