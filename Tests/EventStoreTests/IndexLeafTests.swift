import Foundation
import Testing
@testable import EventStore
import TestSupport

/// The leaves of single-valued keys (`IndexLeaf`): they keep the last value of each key, stay
/// within `SubjectIndex.leafLimit` lines however many facts arrive, agree with a rebuild, and are
/// never served when damaged.
@Suite struct IndexLeafTests {
    let temporary: TemporaryFolder

    init() throws { temporary = try TemporaryFolder("index-leaves") }

    /// `name:` keys are single-valued, `list:` keys lists.
    struct NamingPolicy: AppendPolicy {
        func keys(definedBy event: EventEnvelope) -> [(key: String, value: String)] {
            (event.payload["names"]?.array ?? []).compactMap(\.string).map { ("name:" + $0, event.id) }
                + [("list:all", event.id)]
        }
        func check(_ candidate: EventEnvelope, lookup: EventLookup) throws {}
        func isSingleValued(_ key: String) -> Bool { key.hasPrefix("name:") }
    }

    var kinds: IndexKeyKinds { IndexKeyKinds(NamingPolicy()) }

    /// Leaves that fill after 32 lines, so a few thousand facts exercise compaction and splits.
    static let limit = 32

    /// Facts of `rounds` batches: each sets 30 keys drawn from 3,000 (so keys are set again and
    /// again), one hot key that every batch sets, and one list value.
    func batches(_ rounds: Int) -> [[(key: String, value: String)]] {
        var random = SplitMix64(seed: 7)
        return (0..<rounds).map { round in
            (0..<30).map { _ in ("name:k\(random.next() % 3000)", "v\(round)") } + [("name:hot", "h\(round)"), ("list:all", "l\(round)")]
        }
    }

    /// What the facts say: each key's last value, and the list's every value.
    func expected(_ batches: [[(key: String, value: String)]]) -> (last: [String: String], list: [String]) {
        var last: [String: String] = [:]
        var list: [String] = []
        for batch in batches {
            for fact in batch { if fact.key.hasPrefix("name:") { last[fact.key] = fact.value } else { list.append(fact.value) } }
        }
        return (last, list)
    }

    func emptyIndex(_ name: String) throws -> (SubjectIndex, IndexManifest) {
        let index = SubjectIndex(folder: temporary.path(name), leafLimit: Self.limit)
        var rebuild = try SubjectIndex.Rebuild(index, state: state, events: 0, kinds: kinds)
        return (index, try rebuild.finish(state: state))
    }

    var state: AppendState { AppendState(sequence: 0, headPath: "", headHash: .zero, directoryModified: 0, nextShardModified: 0) }

    func leafFiles(_ index: SubjectIndex) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: index.folder).filter { $0.hasPrefix("p") })
    }

    @Test func appendsKeepTheLastValueOfEachKeyInLeavesThatStaySmall() throws {
        let (index, start) = try emptyIndex("appended")
        var manifest = start
        let batches = batches(200)
        for batch in batches {
            try index.add(batch, to: &manifest, kinds: kinds)
            try index.save(manifest)
        }
        #expect(manifest.leaves.count > start.leaves.count, "3,000 keys in \(start.leaves.count) leaves of at most 16 need splits")
        #expect(IndexLeaf.partition(manifest.leaves))
        #expect(manifest.leaves.allSatisfy { $0.content.lines <= UInt64(Self.limit) })
        let (last, list) = expected(batches)
        for (key, value) in last { #expect(try index.values(of: key, kind: .single, manifest: manifest) == [value]) }
        #expect(try index.values(of: "name:never", kind: .single, manifest: manifest) == [])
        #expect(try index.values(of: "list:all", kind: .list, manifest: manifest) == list)
        // The files on disk are the manifest's leaves and, until the next append, the ones it retired.
        let live = Set(manifest.leaves.map(\.fileName))
        #expect(try leafFiles(index) == live.union(manifest.retired))
        try index.add([("name:hot", "after")], to: &manifest, kinds: kinds)
        #expect(try leafFiles(index).isSuperset(of: Set(manifest.leaves.map(\.fileName))))
        #expect(try leafFiles(index).isDisjoint(with: live.subtracting(manifest.leaves.map(\.fileName))), "retired leaves stay behind")
    }

    @Test func aRebuildGivesTheSameValuesAndCompactsWhatFilled() throws {
        let batches = batches(60)
        let index = SubjectIndex(folder: temporary.path("rebuilt"), leafLimit: Self.limit)
        var rebuild = try SubjectIndex.Rebuild(index, state: state, events: 0, kinds: kinds)
        for batch in batches { try rebuild.add(batch) }
        let manifest = try rebuild.finish(state: state)
        #expect(IndexLeaf.partition(manifest.leaves) && manifest.retired.isEmpty)
        #expect(manifest.leaves.allSatisfy { $0.content.lines <= UInt64(Self.limit) })
        // A rebuild writes only the leaves that hold lines; an empty one needs no file.
        #expect(try leafFiles(index) == Set(manifest.leaves.filter { $0.content.lines > 0 }.map(\.fileName)))
        let (last, list) = expected(batches)
        for (key, value) in last { #expect(try index.values(of: key, kind: .single, manifest: manifest) == [value]) }
        #expect(try index.values(of: "list:all", kind: .list, manifest: manifest) == list)
    }

    @Test func aRebuildClearsFilesOfAnEarlierLayoutAndEveryLineOfAnEarlierIndex() throws {
        let (index, _) = try emptyIndex("stale")
        let stale = Array("event:x\tstale\n".utf8)
        // An older format's bucket, a leaf of another layout, and this layout's own bucket and leaf.
        let ownBucket = index.bucketPath(SubjectIndex.bucket(of: "list:all")), ownLeaf = index.leafPath(IndexLeaf(depth: 6, bits: 5))
        for path in [index.folder + "/fff.tsv", index.folder + "/p3-1-9.tsv", ownBucket, ownLeaf] {
            try FileSystem.replaceContents(of: path, with: stale)
        }
        var rebuild = try SubjectIndex.Rebuild(index, state: state, events: 0, kinds: kinds)
        try rebuild.add([("name:a", "1")])
        var manifest = try rebuild.finish(state: state)
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: index.folder))
        #expect(!files.contains("fff.tsv") && !files.contains("p3-1-9.tsv"))
        #expect(!FileManager.default.fileExists(atPath: ownBucket) && !FileManager.default.fileExists(atPath: ownLeaf))
        // So an append after the rebuild extends its own lines, not the earlier index's.
        try index.add([("list:all", "x"), ("name:a", "2")], to: &manifest, kinds: kinds)
        #expect(try index.values(of: "list:all", kind: .list, manifest: manifest) == ["x"])
        #expect(try index.values(of: "name:a", kind: .single, manifest: manifest) == ["2"])
    }

    @Test(arguments: ["edited", "deleted", "truncated"])
    func aDamagedLeafIsAnErrorNotAnAnswer(_ damage: String) throws {
        let (index, start) = try emptyIndex("damaged")
        var manifest = start
        try index.add((0..<50).map { ("name:k\($0)", "v\($0)") }, to: &manifest, kinds: kinds)
        let path = index.leafPath(manifest.leaves[try index.leafSlot(of: "name:k7", manifest: manifest)])
        var text = try String(contentsOfFile: path, encoding: .utf8)
        switch damage {
        case "edited": text = text.replacingOccurrences(of: "name:k7\tv7", with: "name:k7\tv8")
        case "deleted": text = text.replacingOccurrences(of: "name:k7\tv7\n", with: "")
        default: text = String(text.dropLast(2))
        }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: IndexDamage.self) { try index.values(of: "name:k7", kind: .single, manifest: manifest) }
    }

    @Test func leavesThatDoNotPartitionTheHashesAreNoManifest() throws {
        let (index, manifest) = try emptyIndex("partition")
        #expect(IndexManifest(bytes: manifest.bytes) == manifest)
        var missing = manifest, overlapping = manifest, outside = manifest
        missing.replaceLeaf(at: 3, with: [])
        overlapping.replaceLeaf(at: 3, with: [manifest.leaves[3], manifest.leaves[3].children.0])
        outside.replaceLeaf(at: 3, with: [IndexLeaf(depth: 2, bits: 9)])
        for broken in [missing, overlapping, outside] {
            #expect(!IndexLeaf.partition(broken.leaves))
            #expect(IndexManifest(bytes: broken.bytes) == nil)
        }
        var retiring = manifest
        retiring.retired = ["../../events/00000001-x.json"]
        #expect(IndexManifest(bytes: retiring.bytes) == nil, "a retired name outside the index's own files")
        _ = index
    }

    @Test func everyHashFindsTheOneLeafThatHoldsIt() throws {
        var manifest = IndexManifest(state: state, leafDepth: 3)
        // Split one leaf, then one of its halves again: leaves of depth 3, 4 and 5.
        let slot = try #require(manifest.leaf(holding: 5))
        let (low, high) = manifest.leaves[slot].children
        let (highLow, highHigh) = high.children
        manifest.replaceLeaf(at: slot, with: [low, highLow, highHigh])
        #expect(IndexLeaf.partition(manifest.leaves) && manifest.leaves.isInStartOrder)
        var random = SplitMix64(seed: 11)
        for _ in 0..<2_000 {
            let hash = random.next()
            let holders = manifest.leaves.indices.filter { hash & IndexLeaf.mask(manifest.leaves[$0].depth) == manifest.leaves[$0].bits }
            #expect(holders.count == 1 && manifest.leaf(holding: hash) == holders.first)
        }
        // A manifest whose leaves were written in another order (as earlier versions did) reads as
        // the same manifest, its leaves put in order.
        var reordered = IndexManifest(state: state, leafDepth: 1)
        reordered.replaceLeaf(at: 1, with: [])
        reordered.replaceLeaf(at: 0, with: manifest.leaves.reversed())
        #expect(!reordered.leaves.isInStartOrder && IndexLeaf.partition(reordered.leaves))
        #expect(IndexManifest(bytes: reordered.bytes) == manifest)
    }

    @Test func anEmptyLeafTableOrADeeperSplitStillPartitions() {
        let root = IndexLeaf.all(depth: 1)
        #expect(IndexLeaf.partition(root))
        let (a, b) = root[1].children
        #expect(IndexLeaf.partition([root[0], a, b]) && IndexLeaf.partition([b, root[0], a]))
        #expect(!IndexLeaf.partition([root[0], a]) && !IndexLeaf.partition([root[0], a, b, b]))
        #expect(!IndexLeaf.partition([]))
        #expect(IndexLeaf.startingDepth(forEvents: 0) == 6)
        #expect(IndexLeaf.startingDepth(forEvents: 100_000) == 9)
        #expect(IndexLeaf.startingDepth(forEvents: 1_000_000) == 12)
    }
}
