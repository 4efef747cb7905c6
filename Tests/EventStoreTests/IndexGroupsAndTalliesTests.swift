import Foundation
import Testing
@testable import EventStore
import TestSupport

/// Group lists (`StoreIndex.locations(inGroup:members:)`) and tallies (`StoreIndex.tally(of:)`): kept at
/// every append and by a rebuild alike, and never read from a manifest that was edited.
@Suite struct IndexGroupsAndTalliesTests {
    let temporary: TemporaryFolder
    let store: EventStore

    init() throws {
        temporary = try TemporaryFolder("index-groups")
        store = try temporary.store()
    }

    /// Subjects from the payload's `subjects`; those starting `doc:` form the group `docs`;
    /// `count` is added to the tally `count:<first subject>`.
    struct GroupingPolicy: AppendPolicy {
        func keys(definedBy event: EventEnvelope) -> [(key: String, value: String)] {
            guard let count = event.payload["count"]?.string, let first = event.payload["subjects"]?.array?.first?.string else { return [] }
            return [("count:" + first, count)]
        }
        func subjects(of event: EventEnvelope, resolve: (String) -> EventEnvelope?) -> [String] {
            event.payload["subjects"]?.array?.compactMap(\.string) ?? []
        }
        func group(ofSubject subject: String) -> String? { subject.hasPrefix("doc:") ? "docs" : nil }
        func isTally(_ key: String) -> Bool { key.hasPrefix("count:") }
        func check(_ candidate: EventEnvelope, lookup: EventLookup) throws {}
    }

    func append(_ id: String, _ subjects: [String], count: String? = nil) throws {
        var payload: [String: JSONValue] = ["subjects": .array(subjects.map(JSONValue.string))]
        if let count { payload["count"] = .string(count) }
        _ = try store.append(EventDraft(id: id, type: "note", effectiveDate: try CalendarDate(iso: "2024-01-01"), actor: "t",
                                        source: EventSource(document: "d", zaaknummer: nil), payload: .object(payload)),
                             policy: GroupingPolicy())
    }

    func fill() throws {
        try append("a", ["r:x", "doc:1"], count: "5")
        try append("b", ["doc:2"])
        try append("c", ["r:x", "doc:1"], count: "7")
        try append("d", ["r:y"], count: "-2")
        try append("e", ["doc:a b\\c d"])
    }

    func check(_ index: StoreIndex) throws {
        let odd = "doc:a b\\c d"
        let docs = try index.locations(inGroup: "docs", members: ["doc:1", "doc:2", odd, "doc:never"])
        #expect(docs.keys.sorted() == ["doc:1", "doc:2", odd])
        #expect(docs["doc:1"]?.map(\.sequence) == [1, 3])
        #expect(docs["doc:2"]?.map(\.sequence) == [2])
        #expect(docs[odd]?.map(\.sequence) == [5])
        #expect(docs["doc:1"] == (try index.locations(touching: "doc:1")))
        // Only the members asked of the group are answered.
        #expect(try index.locations(inGroup: "docs", members: ["doc:2"]).keys.sorted() == ["doc:2"])
        #expect(try index.locations(inGroup: "other", members: ["doc:1"]).isEmpty)
        #expect(try index.tally(of: "count:r:x") == 12)
        #expect(try index.tally(of: "count:r:y") == -2)
        #expect(try index.tally(of: "count:never") == 0)
    }

    @Test func appendsAndARebuildKeepTheSameGroupsAndTallies() throws {
        try fill()
        try check(try store.index(policy: GroupingPolicy()))
        try FileManager.default.removeItem(atPath: store.cacheDirectory)
        try check(try store.index(policy: GroupingPolicy()))
        try check(try store.rebuiltIndex(policy: GroupingPolicy()))
    }

    /// A cache folder that is a symbolic link gives an index kept in memory: the same answers.
    @Test func anIndexKeptInMemoryAnswersTheSame() throws {
        try fill()
        let cache = URL(fileURLWithPath: store.cacheDirectory).deletingLastPathComponent().path
        try FileManager.default.removeItem(atPath: cache)
        try FileManager.default.createSymbolicLink(atPath: cache, withDestinationPath: try temporary.folder("elsewhere"))
        try check(try store.index(policy: GroupingPolicy()))
    }

    @Test func aTallyIsKeptInTheManifestNotInTheBuckets() throws {
        try fill()
        let folder = store.cacheDirectory + "/index"
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".tsv") {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            #expect(!text.contains("count:"), "bucket \(name) holds a tally line")
        }
    }

    @Test func aValueThatIsNotANumberOrAnOverflowMakesTheTallyUnusable() throws {
        try append("a", ["r:x"], count: "9223372036854775800")
        try append("b", ["r:x"], count: "100")
        try append("c", ["r:y"], count: "many")
        let index = try store.index(policy: GroupingPolicy())
        #expect(try index.tally(of: "count:r:x") == nil)
        #expect(try index.tally(of: "count:r:y") == nil)
        try FileManager.default.removeItem(atPath: store.cacheDirectory)
        let rebuilt = try store.index(policy: GroupingPolicy())
        #expect(try rebuilt.tally(of: "count:r:x") == nil)
        #expect(try rebuilt.tally(of: "count:r:y") == nil)
    }

    @Test func anEditedTallyInTheManifestIsNeverRead() throws {
        try fill()
        let path = store.cacheDirectory + "/index/manifest"
        var bytes = try FileSystem.read(path)
        let text = String(decoding: bytes, as: UTF8.self)
        let range = try #require(text.range(of: "\"12\""))
        bytes.replaceSubrange(text.utf8.distance(from: text.startIndex, to: range.lowerBound)..<text.utf8.distance(from: text.startIndex, to: range.upperBound),
                              with: Array("\"99\"".utf8))
        try FileSystem.replaceContents(of: path, with: bytes)
        #expect(IndexManifest(bytes: bytes) == nil)
        try check(try store.index(policy: GroupingPolicy()))
    }
}
