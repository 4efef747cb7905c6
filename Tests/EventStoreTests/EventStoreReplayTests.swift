import Foundation
import Testing
@testable import EventStore
import TestSupport

/// Reading a store back: order, content, hashes, and what replay skips or stops at.
@Suite struct EventStoreReplayTests {
    let folder: TemporaryFolder
    let store: EventStore

    init() throws {
        folder = try TemporaryFolder("replay")
        store = try folder.store()
    }

    @Test func anEmptyStoreReplaysNothing() throws {
        var calls = 0
        try store.replay { _ in calls += 1 }
        #expect(calls == 0)
        #expect(try store.events().isEmpty)
        #expect(try store.head() == nil)
        let report = try StoreVerifier(store: store).verify()
        #expect(report.isIntact && report.eventCount == 0 && report.head == .zero)
    }

    /// `replay(prepare:)` works on windows of 2,048 files, the next read while one is handed over:
    /// over several windows every event comes with its own prepared value, in order, and a
    /// damaged file still stops the replay at that file.
    @Test func preparedWorkComesWithItsOwnEventInOrderAcrossWindows() throws {
        let count = 5_000
        try writeHistory(count: count, into: store.directory)
        var seen: [(Int, String, SHA256Digest)] = []
        try store.replay(prepare: { envelope, hash in (envelope.id, hash) }) { event, prepared in
            seen.append((event.envelope.sequence, prepared.0, prepared.1))
            #expect(prepared.0 == event.envelope.id && prepared.1 == event.hash)
        }
        #expect(seen.map(\.0) == Array(1...count))
        // A body that stops early stops the replay (and leaves no read running behind it).
        struct Stop: Error {}
        var handed = 0
        #expect(throws: Stop.self) {
            try store.replay(prepare: { envelope, _ in envelope.sequence }) { _, sequence in
                handed += 1
                if sequence == 3_000 { throw Stop() }
            }
        }
        #expect(handed == 3_000)
        // Damage in the third window is named, as without `prepare`.
        let damaged = EventShard.path(sequence: 4_500, type: "note")
        try writeBytes(Array("{}".utf8), to: store.directory + "/" + damaged)
        var before = 0
        do {
            try store.replay(prepare: { _, _ in 0 }) { _, _ in before += 1 }
            Issue.record("a damaged file was replayed")
        } catch StoreError.damaged(let file, _) {
            #expect(file == damaged)
        }
        #expect(before == 4_499)
    }

    @Test func replayGivesEveryEventInOrderWithItsFileFacts() throws {
        // More than 9 and more than 10 events: names must sort numerically (fixed width).
        let drafts = (1...23).map { makeDraft(id: "r\($0)", type: $0 % 2 == 0 ? "even" : "odd", payload: ["n": JSONValue($0)]) }
        for draft in drafts { _ = try store.append(draft) }
        var seen: [StoredEvent] = []
        try store.replay { seen.append($0) }
        #expect(seen.map(\.envelope.sequence) == Array(1...23))
        #expect(seen.map(\.envelope.id) == drafts.map { $0.id! })
        #expect(seen.map(\.envelope.payload) == drafts.map(\.payload))
        var previous = SHA256Digest.zero
        for event in seen {
            let bytes = try readBytes(store.directory + "/" + event.path)
            #expect(event.path == EventFileName.make(sequence: event.envelope.sequence, type: event.envelope.type))
            #expect(event.hash == SHA256.hash(bytes))
            #expect(event.byteCount == bytes.count)
            #expect(event.envelope.previousHash == previous)
            #expect(event.envelope.fileBytes == bytes, "the envelope re-serialises to the stored bytes")
            previous = event.hash
        }
    }

    /// Control characters are refused on append (`TextPolicy`); their JSON escapes round-trip in `JSONWriterTests`.
    @Test func contentRoundTripsExactly() throws {
        let draft = EventDraft(id: "exact", type: "budget-stated", schemaVersion: 2,
                               effectiveDate: try CalendarDate(iso: "2024-02-29"), actor: "griffie:\u{e9}\u{e9}n \u{1f600}",
                               source: EventSource(document: "begroting \"2025\".pdf", zaaknummer: nil),
                               payload: ["cents": .number("1.50"), "neg": .number("-0"), "text": "quote \" backslash \\ slash / tab-free",
                                         "list": [true, false, nil, [:], []], "nfd": "e\u{301}"])
        _ = try store.append(draft)
        let envelope = try #require(try store.events().first?.envelope)
        #expect(envelope.id == draft.id)
        #expect(envelope.schemaVersion == 2)
        #expect(envelope.effectiveDate == draft.effectiveDate)
        #expect(envelope.actor == draft.actor)
        #expect(envelope.source == draft.source)
        #expect(envelope.payload == draft.payload)
        #expect(envelope.payload["cents"] == .number("1.50"))
        // NFD text is stored as NFD bytes, not normalised.
        let bytes = try readBytes(store.directory + "/00000001-budget-stated.json")
        #expect(bytes.firstRange(of: [0x65, 0xCC, 0x81]) != nil)
    }

    @Test func anErrorFromTheBodyStopsReplayAndIsRethrown() throws {
        for n in 1...5 { _ = try store.append(makeDraft(id: "s\(n)")) }
        struct Stop: Error, Equatable {}
        var calls = 0
        #expect(throws: Stop()) {
            try store.replay { event in
                calls += 1
                if event.envelope.sequence == 3 { throw Stop() }
            }
        }
        #expect(calls == 3)
    }

    @Test func temporaryFilesAndGitkeepAreSkipped() throws {
        for n in 1...3 { _ = try store.append(makeDraft(id: "t\(n)")) }
        try writeBytes(Array("garbage".utf8), to: store.directory + "/.tmp-1-deadbeef.json")
        try writeBytes([], to: store.directory + "/.gitkeep")
        #expect(try store.events().map(\.envelope.id) == ["t1", "t2", "t3"])
        let report = try StoreVerifier(store: store).verify()
        #expect(report.isIntact)
        #expect(report.leftoverTemporaries == [".tmp-1-deadbeef.json"])
    }

    @Test func aStoreWrittenByOneValueIsReadByAnother() throws {
        for n in 1...3 { _ = try store.append(makeDraft(id: "v\(n)")) }
        let reader = EventStore(directory: store.directory + "/", clock: fixedClock(0))
        #expect(reader.directory == store.directory, "a trailing slash is dropped")
        #expect(try reader.events().map(\.envelope.id) == ["v1", "v2", "v3"])
        #expect(try reader.head() == (try store.head()))
        // Appending through the second value continues the same chain.
        let receipt = try reader.append(makeDraft(id: "v4"))
        #expect(receipt.sequence == 4)
        #expect(try store.events().last?.envelope.previousHash == (try store.events()[2].hash))
        #expect(try store.events().last?.envelope.recordedAt == RecordedInstant(millisecondsSinceEpoch: 0))
    }

    @Test func verifyReportsCountsBytesAndHeadOfAnIntactStore() throws {
        var total = 0
        var last = SHA256Digest.zero
        for n in 1...6 {
            let receipt = try store.append(makeDraft(id: "c\(n)"))
            total += try readBytes(store.directory + "/" + receipt.path).count
            last = receipt.hash
        }
        let report = try StoreVerifier(store: store).verify()
        #expect(report.isIntact)
        #expect(report.problem == nil)
        #expect(report.eventCount == 6)
        #expect(report.byteCount == total)
        #expect(report.head == last)
        #expect(report.leftoverTemporaries.isEmpty)
        #expect(!report.signatures.checked)
    }
}
