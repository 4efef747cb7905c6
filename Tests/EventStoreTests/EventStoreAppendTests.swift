import Foundation
import Synchronization
import Testing
@testable import EventStore
import TestSupport

/// Appending to a fresh temporary store: numbering, names, the chain, the clock, ids,
/// expectations, policies, size limits, and "a refused append leaves the folder unchanged".
@Suite struct EventStoreAppendTests {
    let folder: TemporaryFolder
    let clock: SteppingClock
    let store: EventStore

    init() throws {
        folder = try TemporaryFolder("append")
        clock = SteppingClock()
        store = try folder.store(clock: clock.next)
    }

    /// Appends `count` events with ids `e1`...`eN` and types cycling through a few slugs.
    @discardableResult
    func appendSome(_ count: Int) throws -> [AppendReceipt] {
        let types = ["note", "reserve-established", "decision-taken"]
        return try (1...count).map { n in
            try store.append(makeDraft(id: "e\(n)", type: types[(n - 1) % types.count], payload: ["n": JSONValue(n)]))
        }
    }

    @Test func sequenceNumbersAreGaplessAndFileNamesAreNumberThenType() throws {
        let receipts = try appendSome(7)
        #expect(receipts.map(\.sequence) == Array(1...7))
        #expect(receipts.map(\.path) == [
            "00000001-note.json", "00000002-reserve-established.json", "00000003-decision-taken.json",
            "00000004-note.json", "00000005-reserve-established.json", "00000006-decision-taken.json",
            "00000007-note.json",
        ])
        // The folder holds exactly the event files: no temporaries, no lock file, no cache.
        #expect(try names(in: store.directory) == receipts.map(\.path))
        #expect(try store.events().map(\.envelope.sequence) == Array(1...7))
    }

    /// The chain, checked from the files on disk with nothing but their bytes and a JSON parser.
    @Test func eachPreviousHashIsTheSHA256OfThePreviousFilesBytes() throws {
        let receipts = try appendSome(6)
        var previous = String(repeating: "0", count: 64)
        for receipt in receipts {
            let bytes = try readBytes(store.directory + "/" + receipt.path)
            let json = try JSONParser.parse(bytes)
            #expect(json["previousHash"]?.string == previous, "\(receipt.path)")
            #expect(json["sequence"]?.integer == Int64(receipt.sequence))
            previous = SHA256.hash(bytes).hex
            #expect(receipt.hash.hex == previous)
        }
        #expect(try store.head()?.hash.hex == previous)
    }

    @Test func theFirstEventNamesSixtyFourZerosAsItsPredecessor() throws {
        try appendSome(1)
        let text = try String(contentsOfFile: store.directory + "/00000001-note.json", encoding: .utf8)
        #expect(text.contains("\"previousHash\": \"\(String(repeating: "0", count: 64))\""))
    }

    @Test func theEventFileIsTheCanonicalPrettyJSONOfTheEnvelope() throws {
        let receipt = try store.append(makeDraft(id: "x", payload: ["z": 1, "a": .number("1.50"), "text": "caf\u{e9}"]))
        let bytes = try readBytes(store.directory + "/" + receipt.path)
        let json = try JSONParser.parse(bytes)
        #expect(JSONWriter.pretty(json) == bytes)
        #expect(Set(json.object.map { Array($0.keys) } ?? []) == ["sequence", "id", "type", "schemaVersion", "effectiveDate", "recordedAt",
                                                         "actor", "source", "payload", "previousHash"])
        #expect(json["payload"]?["a"] == .number("1.50"))
        #expect(json["source"] == ["document": "test.pdf", "zaaknummer": "Z-1"])
        #expect(bytes.last == 0x0a)
    }

    @Test func recordedAtComesFromTheInjectedClock() throws {
        let receipts = try appendSome(3)
        let events = try store.events()
        for (n, (receipt, event)) in zip(receipts, events).enumerated() {
            let expected = clock.instant(reading: n)
            #expect(receipt.recordedAt == expected)
            #expect(event.envelope.recordedAt == expected)
            let text = try String(contentsOfFile: store.directory + "/" + receipt.path, encoding: .utf8)
            #expect(text.contains("\"recordedAt\": \"\(expected.iso)\""))
        }
        #expect(events.first?.envelope.recordedAt.iso == "2026-11-23T14:27:17.123Z")
    }

    @Test func theStoreMakesAnIdWhenNoneIsGiven() throws {
        let first = try store.append(makeDraft(id: nil))
        let second = try store.append(makeDraft(id: nil))
        #expect(!first.id.isEmpty && first.id != second.id)
        #expect(UUID(uuidString: first.id) != nil)
        #expect(first.id == first.id.lowercased())
        #expect(try store.events().map(\.envelope.id) == [first.id, second.id])
    }

    @Test func theEnvelopeKeepsEveryDraftField() throws {
        let draft = EventDraft(id: "keep-1", type: "reserve-established", schemaVersion: 3,
                               effectiveDate: try CalendarDate(iso: "2024-02-29"), actor: "griffie:\u{e9}\u{e9}n",
                               source: EventSource(document: "besluit.pdf", zaaknummer: nil),
                               payload: ["amountCents": 150, "nested": ["list": [1, "two", nil]]])
        _ = try store.append(draft)
        let envelope = try #require(try store.events().first?.envelope)
        #expect(envelope.id == "keep-1")
        #expect(envelope.type == draft.type)
        #expect(envelope.schemaVersion == 3)
        #expect(envelope.effectiveDate == draft.effectiveDate)
        #expect(envelope.actor == draft.actor)
        #expect(envelope.source == draft.source)
        #expect(envelope.payload == draft.payload)
    }

    @Test func aDuplicateIdIsRefusedAndTheFolderIsUnchanged() throws {
        try appendSome(3)
        let before = try snapshot(of: store.directory)
        #expect(throws: StoreError.duplicateEventID(id: "e2", existingFile: "00000002-reserve-established.json")) {
            _ = try store.append(makeDraft(id: "e2", type: "note"))
        }
        #expect(try snapshot(of: store.directory) == before)
    }

    /// A retry of an append whose answer was lost: the same id and content is the stored event,
    /// whatever the expectation said, and nothing is written; with or without the append cache.
    @Test func aRetryOfTheSameEventReturnsTheStoredReceiptAndWritesNothing() throws {
        try appendSome(2)
        let draft = makeDraft(id: "retried", payload: ["amountCents": 150])
        let first = try store.append(draft, expecting: .sequence(2))
        #expect(!first.alreadyStored)
        let before = try snapshot(of: store.directory)
        let again = try store.append(draft, expecting: .sequence(2))
        #expect(again.alreadyStored)
        #expect(again.sequence == first.sequence && again.hash == first.hash && again.path == first.path
                && again.recordedAt == first.recordedAt)
        try FileManager.default.removeItem(atPath: store.cacheDirectory)
        #expect(try EventStore(directory: store.directory, clock: fixedClock()).append(draft).alreadyStored)
        #expect(try snapshot(of: store.directory) == before)
        #expect(try store.events().map(\.envelope.id) == ["e1", "e2", "retried"])
    }

    @Test(arguments: [
        ("payload", makeDraft(id: "retried", payload: ["amountCents": 151])),
        ("type", makeDraft(id: "retried", type: "other-note", payload: ["amountCents": 150])),
        ("effective date", makeDraft(id: "retried", date: "2026-01-16", payload: ["amountCents": 150])),
        ("actor", makeDraft(id: "retried", actor: "griffie:other", payload: ["amountCents": 150])),
        ("source", makeDraft(id: "retried", document: "other.pdf", payload: ["amountCents": 150])),
        ("schema version", makeDraft(id: "retried", schemaVersion: 2, payload: ["amountCents": 150])),
    ])
    func theSameIdWithOtherContentIsStillRefused(_ differs: String, _ draft: EventDraft) throws {
        _ = try store.append(makeDraft(id: "retried", payload: ["amountCents": 150]))
        let before = try snapshot(of: store.directory)
        #expect(throws: StoreError.duplicateEventID(id: "retried", existingFile: "00000001-note.json"), "other \(differs)") {
            _ = try store.append(draft)
        }
        #expect(try snapshot(of: store.directory) == before)
    }

    /// The same refusal when the append cache is gone and the store is replayed instead.
    @Test func aDuplicateIdIsRefusedWithoutTheCacheToo() throws {
        try appendSome(3)
        try FileManager.default.removeItem(atPath: store.cacheDirectory)
        let before = try snapshot(of: store.directory)
        #expect(throws: StoreError.duplicateEventID(id: "e1", existingFile: "00000001-note.json")) {
            _ = try store.append(makeDraft(id: "e1"))
        }
        #expect(try snapshot(of: store.directory) == before)
        // A fresh EventStore value on the same folder (another process, in effect) refuses it too.
        let other = EventStore(directory: store.directory, clock: fixedClock())
        #expect(throws: StoreError.duplicateEventID(id: "e3", existingFile: "00000003-decision-taken.json")) {
            _ = try other.append(makeDraft(id: "e3"))
        }
        #expect(try snapshot(of: store.directory) == before)
    }

    @Test func aWrongExpectedHeadIsRefusedAndNothingIsWritten() throws {
        let receipts = try appendSome(2)
        let before = try snapshot(of: store.directory)
        let wrong = receipts[0].hash
        #expect(throws: StoreError.headMoved(expected: wrong.hex, actual: receipts[1].hash.hex)) {
            _ = try store.append(makeDraft(id: "late"), expecting: .head(wrong))
        }
        #expect(throws: StoreError.headMoved(expected: SHA256Digest.zero.hex, actual: receipts[1].hash.hex)) {
            _ = try store.append(makeDraft(id: "late"), expecting: .head(.zero))
        }
        #expect(try snapshot(of: store.directory) == before)
        let next = try store.append(makeDraft(id: "late"), expecting: .head(receipts[1].hash))
        #expect(next.sequence == 3)
    }

    @Test func aWrongExpectedSequenceIsRefusedAndNothingIsWritten() throws {
        try appendSome(2)
        let before = try snapshot(of: store.directory)
        for wrong in [0, 1, 3, 5] {
            #expect(throws: StoreError.headMoved(expected: "sequence \(wrong)", actual: "sequence 2")) {
                _ = try store.append(makeDraft(id: "late"), expecting: .sequence(wrong))
            }
        }
        #expect(try snapshot(of: store.directory) == before)
        #expect(try store.append(makeDraft(id: "late"), expecting: .sequence(2)).sequence == 3)
    }

    @Test func expectingAnEmptyStoreWorksOnAnEmptyStore() throws {
        #expect(try store.append(makeDraft(id: "a"), expecting: .sequence(0)).sequence == 1)
        let other = try folder.store("events-2")
        #expect(try other.append(makeDraft(id: "a"), expecting: .head(.zero)).sequence == 1)
        #expect(throws: StoreError.headMoved(expected: "sequence 1", actual: "sequence 0")) {
            try folder.store("events-3").append(makeDraft(id: "a"), expecting: .sequence(1))
        }
    }

    struct PolicyRefusal: Error, Equatable { let reason: String }

    /// A policy that records the candidate it was shown and then refuses (or accepts) it.
    final class RecordingPolicy: AppendPolicy, Sendable {
        let refuse: Bool
        let seen = Mutex<[EventEnvelope]>([])
        init(refuse: Bool) { self.refuse = refuse }
        func keys(definedBy event: EventEnvelope) -> [(key: String, value: String)] { [] }
        func check(_ candidate: EventEnvelope, lookup: EventLookup) throws {
            seen.withLock { $0.append(candidate) }
            if refuse { throw PolicyRefusal(reason: "no \(candidate.id)") }
        }
    }

    @Test func aPolicyThatThrowsLeavesNoEventAndNoTemporaryFile() throws {
        let receipts = try appendSome(2)
        let before = try snapshot(of: store.directory)
        let policy = RecordingPolicy(refuse: true)
        #expect(throws: PolicyRefusal(reason: "no refused")) {
            _ = try store.append(makeDraft(id: "refused"), policy: policy)
        }
        #expect(try snapshot(of: store.directory) == before)
        #expect(try names(in: store.directory).allSatisfy { !$0.hasPrefix(".tmp-") })
        // The policy saw the event as it would have been stored.
        let candidate = try #require(policy.seen.withLock { $0.first })
        #expect(candidate.sequence == 3)
        #expect(candidate.previousHash == receipts[1].hash)
        #expect(candidate.id == "refused")
        // And a refusal does not poison the store: the next append gets number 3.
        #expect(try store.append(makeDraft(id: "accepted"), policy: RecordingPolicy(refuse: false)).sequence == 3)
    }

    @Test func aPolicyThatThrowsOnAnEmptyStoreLeavesItEmpty() throws {
        #expect(throws: PolicyRefusal.self) { _ = try store.append(makeDraft(id: "x"), policy: RecordingPolicy(refuse: true)) }
        #expect(try names(in: store.directory) == [])
        #expect(try store.head() == nil)
    }

    @Test func headMatchesTheLastReplayedEvent() throws {
        #expect(try store.head() == nil)
        let receipts = try appendSome(4)
        let last = try #require(try store.events().last)
        let head = try #require(try store.head())
        #expect(head == StoreHead(sequence: last.envelope.sequence, hash: last.hash, path: last.path))
        #expect(head.sequence == 4)
        #expect(head.hash == receipts[3].hash)
        #expect(head.path == receipts[3].path)
    }

    /// The envelope (with this payload) would be exactly `size` bytes on disk. The filler is an
    /// array of texts of 1,000 characters and one shorter text, as no text may exceed 2,000.
    func draftOfSize(_ size: Int) throws -> EventDraft {
        func draft(_ items: Int, _ last: Int) -> EventDraft {
            let full = JSONValue.string(String(repeating: "x", count: 1000))
            return makeDraft(id: "big", payload: ["filler": .array(Array(repeating: full, count: items) + [.string(String(repeating: "x", count: last))])])
        }
        func bytes(_ draft: EventDraft) -> Int {
            EventEnvelope(sequence: 1, id: "big", type: draft.type, schemaVersion: 1, effectiveDate: draft.effectiveDate,
                          recordedAt: clock.instant(reading: 0), actor: draft.actor, source: draft.source,
                          payload: draft.payload, previousHash: .zero).fileBytes.count
        }
        let base = bytes(draft(0, 0))
        let items = (size - base) / (bytes(draft(1, 0)) - base)
        return draft(items, size - bytes(draft(items, 0)))
    }

    @Test func anEventOfExactlyTheMaximumSizeIsAccepted() throws {
        let receipt = try store.append(try draftOfSize(EventStore.maximumEventBytes))
        #expect(try readBytes(store.directory + "/" + receipt.path).count == EventStore.maximumEventBytes)
    }

    @Test func anEventLargerThanTheMaximumIsRefusedAndNothingIsWritten() throws {
        #expect(invalidFieldName { _ = try store.append(try draftOfSize(EventStore.maximumEventBytes + 1)) } == "payload")
        #expect(try names(in: store.directory) == [])
    }

    @Test func aMissingFolderIsReported() throws {
        let path = try folder.folder("does-not-exist", create: false)
        let missing = EventStore(directory: path, clock: fixedClock())
        #expect(throws: StoreError.missingDirectory(path: path)) { try missing.append(makeDraft(id: "a")) }
        #expect(throws: StoreError.missingDirectory(path: path)) { try missing.events() }
        #expect(throws: StoreError.missingDirectory(path: path)) { try missing.head() }
        #expect(throws: StoreError.missingDirectory(path: path)) { try StoreVerifier(store: missing).verify() }
        #expect(!FileManager.default.fileExists(atPath: path), "append must not create the folder")
    }

    @Test func aFileWhereTheFolderShouldBeIsNamedForWhatItIs() throws {
        let path = folder.root + "/plain-file"
        try writeBytes(Array("not a folder".utf8), to: path)
        #expect(throws: StoreError.notAFolder(path: path, found: .regularFile)) {
            try EventStore(directory: path, clock: fixedClock()).append(makeDraft(id: "a"))
        }
    }

    @Test func anInvalidDraftBuiltInCodeIsRefusedBeforeAnythingIsWritten() throws {
        #expect(invalidFieldName { _ = try store.append(makeDraft(type: "Not A Slug")) } == "type")
        #expect(invalidFieldName { _ = try store.append(makeDraft(id: "../x")) } == "id")
        #expect(invalidFieldName { _ = try store.append(makeDraft(actor: "")) } == "actor")
        #expect(try names(in: store.directory) == [])
    }

    @Test func aDryRunChecksEverythingAndWritesNothing() throws {
        try appendSome(1)
        let before = try snapshot(of: store.directory)
        let receipt = try store.append(makeDraft(id: "dry"), policy: AcceptAll(), dryRun: true)
        #expect(receipt.sequence == 2 && receipt.path == "00000002-note.json")
        #expect(try snapshot(of: store.directory) == before)
        #expect(throws: StoreError.self) { _ = try store.append(makeDraft(id: "e1"), policy: AcceptAll(), dryRun: true) }
    }

    /// A temporary file from an interrupted append is removed by the next append that replays.
    @Test func theNextAppendRemovesALeftoverTemporaryFile() throws {
        try appendSome(1)
        let leftover = store.directory + "/.tmp-123-abc.json"
        try writeBytes(Array("{\"half\":".utf8), to: leftover)
        #expect(try store.append(makeDraft(id: "after-crash")).sequence == 2)
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(try names(in: store.directory) == ["00000001-note.json", "00000002-note.json"])
    }

    /// A payload must be a JSON object (replay refuses any other kind), so append must refuse
    /// a draft built in code whose payload is not an object instead of writing a file that
    /// makes the whole store unreadable.
    @Test
    func aPayloadThatIsNotAnObjectIsRefusedByAppend() throws {
        try appendSome(1)
        #expect(invalidFieldName { _ = try store.append(makeDraft(id: "p", payload: "just text")) } == "payload")
        #expect(try StoreVerifier(store: store).verify().isIntact)
        #expect(try store.events().count == 1)
    }

    /// Same class of bug: `CalendarDate(daysSinceEpoch:)` / `adding(days:)` can make a year
    /// above 9999, which `iso` writes as five digits and `CalendarDate(iso:)` cannot read back.
    @Test
    func anEffectiveDateReplayCannotReadIsRefusedByAppend() throws {
        var draft = makeDraft(id: "far")
        draft.effectiveDate = try CalendarDate(iso: "9999-12-31").adding(days: 1)
        #expect(throws: (any Error).self) { _ = try store.append(draft) }
        #expect(try StoreVerifier(store: store).verify().isIntact)
    }
}
