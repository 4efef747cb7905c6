import Foundation
import Testing
@testable import EventStore
import TestSupport

/// The append cache (`.register/` beside `events/`): used when valid, rebuilt when not, never trusted.
@Suite struct AppendStateTests {
    let temp: TemporaryFolder
    let store: EventStore

    init() throws {
        temp = try TemporaryFolder("append-state")
        store = EventStore(directory: try temp.folder())
    }

    /// A policy whose events define a key `tag:<tag>` and may require an earlier event or tag.
    struct CountingPolicy: AppendPolicy {
        func keys(definedBy event: EventEnvelope) -> [(key: String, value: String)] {
            event.payload["tag"]?.string.map { [("tag:" + $0, event.id)] } ?? []
        }
        func check(_ candidate: EventEnvelope, lookup: EventLookup) throws {
            if let target = candidate.payload["mustExist"]?.string, try lookup.type(ofEvent: target) == nil {
                throw StoreError.refused(reason: "no event \(target)")
            }
            if let tag = candidate.payload["needsTag"]?.string, try lookup.value(forKey: "tag:" + tag) == nil {
                throw StoreError.refused(reason: "no tag \(tag)")
            }
        }
    }

    func draft(_ id: String, payload: JSONValue = [:]) -> EventDraft {
        EventDraft(id: id, type: "note", effectiveDate: try! CalendarDate(iso: "2024-01-01"), actor: "t",
                   source: EventSource(document: "d", zaaknummer: nil), payload: payload)
    }

    var statePath: String { store.cacheDirectory + "/append-state.json" }

    @Test func aValidStateSkipsTheReplayAndStillFindsEarlierEvents() throws {
        _ = try store.append(draft("a", payload: ["tag": "caf\u{e9}"]), policy: CountingPolicy())
        _ = try store.append(draft("b"), policy: CountingPolicy())
        #expect(FileManager.default.fileExists(atPath: statePath))
        _ = try store.append(draft("b2", payload: ["needsTag": "cafe\u{301}"]), policy: CountingPolicy())
        #expect(throws: StoreError.refused(reason: "no tag other")) {
            try store.append(draft("b3", payload: ["needsTag": "other"]), policy: CountingPolicy())
        }
        _ = try store.append(draft("c", payload: ["mustExist": "a"]), policy: CountingPolicy())
        #expect(throws: StoreError.refused(reason: "no event zz")) {
            try store.append(draft("d", payload: ["mustExist": "zz"]), policy: CountingPolicy())
        }
        #expect(throws: StoreError.duplicateEventID(id: "b", existingFile: "00000002-note.json")) {
            try store.append(draft("b"), policy: CountingPolicy())
        }
        #expect(try store.events().map(\.envelope.id) == ["a", "b", "b2", "c"])
    }

    @Test func deletingOrCorruptingTheCacheChangesNoAnswer() throws {
        _ = try store.append(draft("a"), policy: CountingPolicy())
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: statePath))
        #expect(throws: StoreError.self) { try store.append(draft("a"), policy: CountingPolicy()) }
        try FileManager.default.removeItem(atPath: store.cacheDirectory)
        #expect(throws: StoreError.self) { try store.append(draft("a"), policy: CountingPolicy()) }
        let receipt = try store.append(draft("b"), policy: CountingPolicy())
        #expect(receipt.sequence == 2)
        #expect(try StoreVerifier(store: store).verify().isIntact)
    }

    @Test func anEventAddedBehindTheStoresBackIsNoticed() throws {
        _ = try store.append(draft("a"), policy: CountingPolicy())
        // Another copy of the store gets event 2 (as a git pull would bring it), then it is copied in.
        let other = EventStore(directory: store.directory + "-other")
        try FileManager.default.copyItem(atPath: store.directory, toPath: other.directory)
        let foreign = try other.append(draft("foreign"))
        try FileManager.default.copyItem(atPath: other.directory + "/" + foreign.path, toPath: store.directory + "/" + foreign.path)
        let next = try store.append(draft("b"), policy: CountingPolicy())
        #expect(next.sequence == 3, "the stale cached head (1) was not trusted")
        #expect(throws: StoreError.self) { try store.append(draft("foreign"), policy: CountingPolicy()) }
        #expect(try StoreVerifier(store: store).verify().isIntact)
    }

    @Test func aHeadFileChangedInPlaceInvalidatesTheState() throws {
        _ = try store.append(draft("a"), policy: CountingPolicy())
        let head = store.directory + "/00000001-note.json"
        let original = try String(contentsOfFile: head, encoding: .utf8)
        let bytes = Data(original.replacingOccurrences(of: "\"actor\": \"t\"", with: "\"actor\": \"u\"").utf8)
        #expect(bytes != Data(original.utf8))
        try bytes.write(to: URL(fileURLWithPath: head))
        let next = try store.append(draft("b"), policy: CountingPolicy())
        // The replay chained the new event to the head as it now is: the state's old hash was not used.
        #expect(try store.events().last?.envelope.previousHash == SHA256.hash(Array(bytes)))
        #expect(next.sequence == 2)
    }
}
