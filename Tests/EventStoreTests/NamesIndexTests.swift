import Foundation
import Testing
@testable import EventStore
import TestSupport

/// The names of a history kept for a git revision (`NamesIndex`): given only for exactly that history.
@Suite struct NamesIndexTests {
    let temporary: TemporaryFolder
    let names: NamesIndex

    init() throws {
        temporary = try TemporaryFolder("names-index")
        names = NamesIndex(folder: temporary.path("deep/er/names"))
    }

    struct TagPolicy: AppendPolicy {
        func keys(definedBy event: EventEnvelope) -> [(key: String, value: String)] {
            event.payload["tag"]?.string.map { [("tag:" + $0, event.id)] } ?? []
        }
        func check(_ candidate: EventEnvelope, lookup: EventLookup) throws {}
    }

    func history(_ count: Int) throws -> [StoredEvent] {
        let store = try temporary.store("events-\(count)")
        for i in 1...count { _ = try store.append(makeDraft(id: "e\(i)", payload: ["tag": .string("t\(i)")])) }
        return try store.events()
    }

    @Test func namesAreGivenOnlyForTheHistoryTheyDescribeAndExtendWithIt() throws {
        let events = try history(5)
        let first = Array(events.prefix(3))
        let stored = try #require(try names.withLock {
            try names.replace(sequence: 3, head: first[2].hash, policy: TagPolicy()) { add in for e in first { try add(e.envelope) } }
        } ?? nil)
        #expect(try stored.lookup(adding: KeyIndex()).type(ofEvent: "e2") == "note")
        #expect(try stored.lookup(adding: KeyIndex()).value(forKey: "tag:t3") == "e3")
        #expect(try stored.lookup(adding: KeyIndex()).type(ofEvent: "e4") == nil)
        #expect(names.names(sequence: 3, head: events[1].hash, policy: TagPolicy()) == nil, "another head")
        #expect(names.names(sequence: 2, head: first[2].hash, policy: TagPolicy()) == nil, "another count")
        try names.extend(stored, with: events.suffix(2).map(\.envelope), head: events[4].hash, policy: TagPolicy())
        #expect(names.names(sequence: 3, head: first[2].hash, policy: TagPolicy()) == nil, "the old history is gone")
        let extended = try #require(names.names(sequence: 5, head: events[4].hash, policy: TagPolicy()))
        #expect(try extended.lookup(adding: KeyIndex()).value(forKey: "tag:t5") == "e5")
        // What a check adds in memory comes first.
        var added = KeyIndex()
        added.add(EventEnvelope(sequence: 6, id: "e6", type: "other", schemaVersion: 1, effectiveDate: try CalendarDate(iso: "2026-01-01"),
                                recordedAt: RecordedInstant(millisecondsSinceEpoch: 0), actor: "a", source: EventSource(document: "d", zaaknummer: nil),
                                payload: ["tag": "t5"], previousHash: events[4].hash), policy: TagPolicy())
        #expect(try extended.lookup(adding: added).value(forKey: "tag:t5") == "e6")
    }

    @Test func aDamagedBucketIsAnErrorNotAnAnswer() throws {
        let events = try history(3)
        let stored = try #require(try names.withLock {
            try names.replace(sequence: 3, head: events[2].hash, policy: TagPolicy()) { add in for e in events { try add(e.envelope) } }
        } ?? nil)
        // Event ids live in the leaves of single-valued keys.
        let index = SubjectIndex(folder: temporary.path("deep/er/names"))
        let manifest = try #require(index.loadManifest())
        let leaf = index.leafPath(manifest.leaves[try index.leafSlot(of: "event:e2", manifest: manifest)])
        try "event:e2\tnote 9\n".write(toFile: leaf, atomically: false, encoding: .utf8)
        #expect(throws: IndexDamage.self) { try stored.lookup(adding: KeyIndex()).type(ofEvent: "e2") }
    }
}
