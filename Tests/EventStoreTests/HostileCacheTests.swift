import Foundation
import Glibc
import Testing
@testable import EventStore
import TestSupport

/// The cache folder (`.register/`) may be as hostile as the events folder: a symbolic link, a
/// named pipe or a second name of another file (a hard link) under an index file's name is never
/// followed, written through or waited on; it
/// costs a rebuild and the answer stays right. And a file that claims an absurd size is damage,
/// never an allocation of that size.
@Suite struct HostileCacheTests {
    let folder: TemporaryFolder
    let store: EventStore

    init() throws {
        folder = try TemporaryFolder("hostile-cache")
        store = try folder.store()
    }

    /// Every note touches the subject `s`; `name:<n>` is single-valued.
    struct NotePolicy: AppendPolicy {
        func keys(definedBy event: EventEnvelope) -> [(key: String, value: String)] { [("name:" + event.id, event.id)] }
        func subjects(of event: EventEnvelope, resolve: (String) -> EventEnvelope?) -> [String] { ["s"] }
        func isSingleValued(_ key: String) -> Bool { key.hasPrefix("name:") }
        func check(_ candidate: EventEnvelope, lookup: EventLookup) throws {}
    }

    func append(_ id: String) throws { _ = try store.append(makeDraft(id: id), policy: NotePolicy()) }

    func idsTouchingS() throws -> [String] {
        var index = try store.index(policy: NotePolicy())
        do { return try index.envelopes(try index.locations(touching: "s")).map(\.id) } catch is IndexDamage {
            index = try store.rebuiltIndex(policy: NotePolicy())
            return try index.envelopes(try index.locations(touching: "s")).map(\.id)
        }
    }

    /// The bucket of `s`'s postings and the leaf of the next event's id.
    func indexFiles(nextID: String) throws -> [String] {
        let index = store.subjectIndex
        let manifest = try #require(index.loadManifest())
        return [index.bucketPath(SubjectIndex.bucket(of: "subject:s")),
                index.leafPath(manifest.leaves[try index.leafSlot(of: "event:" + nextID, manifest: manifest)])]
    }

    @Test(arguments: ["link", "pipe", "hard link"])
    func anIndexFileReplacedByALinkOrAPipeIsNeitherWrittenThroughNorWaitedOn(_ kind: String) throws {
        for i in 0..<3 { try append("e\(i)") }
        #expect(try idsTouchingS() == ["e0", "e1", "e2"])
        let outside = folder.root + "/outside.txt"
        try writeBytes(Array("precious\n".utf8), to: outside)
        for path in try indexFiles(nextID: "e3") {
            try? FileManager.default.removeItem(atPath: path)  // a leaf that holds nothing yet has no file
            if kind == "link" {
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: outside)
            } else if kind == "hard link" {
                #expect(Glibc.link(outside, path) == 0)
            } else {
                #expect(mkfifo(path, 0o644) == 0)
            }
        }
        // An append adds to those files (or finds it cannot), a question reads them, a rebuild
        // replaces them: none of it reaches the link's target or blocks on the pipe.
        try append("e3")
        #expect(try idsTouchingS() == ["e0", "e1", "e2", "e3"])
        try append("e4")
        #expect(try idsTouchingS() == ["e0", "e1", "e2", "e3", "e4"])
        _ = try store.rebuiltIndex(policy: NotePolicy())
        #expect(try idsTouchingS() == ["e0", "e1", "e2", "e3", "e4"])
        #expect(try readBytes(outside) == Array("precious\n".utf8))
        for path in try indexFiles(nextID: "e5") where FileManager.default.fileExists(atPath: path) {
            #expect(Syscall.kind(ofPath: path) == .regularFile)
        }
    }

    /// The manifest is written over in place at each append (`FileSystem.overwrite`), but never
    /// through a link, into a pipe or into a file that has another name: those are replaced.
    @Test(arguments: ["link", "pipe", "hard link"])
    func aManifestReplacedByALinkOrAPipeIsNeitherWrittenThroughNorWaitedOn(_ kind: String) throws {
        for i in 0..<3 { try append("e\(i)") }
        let outside = folder.root + "/outside.txt"
        try writeBytes(Array("precious\n".utf8), to: outside)
        let path = store.subjectIndex.manifestPath
        let saved = try #require(store.subjectIndex.loadManifest())
        try FileManager.default.removeItem(atPath: path)
        switch kind {
        case "link": try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: outside)
        case "hard link": #expect(Glibc.link(outside, path) == 0)
        default: #expect(mkfifo(path, 0o644) == 0)
        }
        try store.subjectIndex.save(saved)
        #expect(try readBytes(outside) == Array("precious\n".utf8))
        #expect(Syscall.kind(ofPath: path) == .regularFile)
        #expect(store.subjectIndex.loadManifest() == saved)
        try append("e3")
        #expect(try idsTouchingS() == ["e0", "e1", "e2", "e3"])
        #expect(try readBytes(outside) == Array("precious\n".utf8))
    }

    /// Written over in place, the manifest keeps its file; a shorter one leaves no bytes behind.
    @Test func theManifestIsWrittenOverInPlace() throws {
        for i in 0..<3 { try append("e\(i)") }
        let path = store.subjectIndex.manifestPath
        var before = stat()
        #expect(lstat(path, &before) == 0)
        try append("e3")
        var after = stat()
        #expect(lstat(path, &after) == 0)
        #expect(after.st_ino == before.st_ino)
        let manifest = try #require(store.subjectIndex.loadManifest())
        #expect(manifest.state.sequence == 4)
        // A longer file under the name (an earlier, larger manifest) is cut to the new length.
        try writeBytes(try readBytes(path) + [UInt8](repeating: 0x41, count: 5000), to: path)
        try store.subjectIndex.save(manifest)
        #expect(try readBytes(path) == manifest.bytes)
    }

    /// A repository can carry a tracked symbolic link named `.register`; the store then keeps its
    /// index in memory rather than write through it.
    @Test func aCacheFolderThatIsASymbolicLinkIsNeverWrittenThrough() throws {
        for i in 0..<3 { try append("e\(i)") }
        try FileManager.default.removeItem(atPath: folder.root + "/.register")
        let outside = try folder.folder("outside")
        try FileManager.default.createSymbolicLink(atPath: folder.root + "/.register", withDestinationPath: outside)
        #expect(try idsTouchingS() == ["e0", "e1", "e2"])
        try append("e3")
        #expect(try idsTouchingS() == ["e0", "e1", "e2", "e3"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty, "the index was written through the link")
    }

    @Test func aManifestLineCountPastAnyFileIsNoManifest() throws {
        try append("e0")
        let index = store.subjectIndex
        var manifest = try #require(index.loadManifest())
        manifest.buckets[SubjectIndex.bucket(of: "subject:s")].lines = IndexManifest.maximumLines + 1
        #expect(IndexManifest(bytes: manifest.bytes) == nil)
        var leaf = try #require(index.loadManifest())
        leaf.replaceLeafContent(at: 0) { $0.lines = .max }
        #expect(IndexManifest(bytes: leaf.bytes) == nil)
    }

    @Test func anEventFileThatClaimsATerabyteIsDamageNotAnAllocation() throws {
        for i in 0..<3 { try append("e\(i)") }
        let last = store.directory + "/" + EventShard.path(sequence: 3, type: "note")
        // Sparse: it takes no space, but fstat says 1 TiB.
        #expect(truncate(last, 1 << 40) == 0)
        let report = try StoreVerifier(store: store).verify()
        #expect(report.problems.map(\.file) == [EventShard.path(sequence: 3, type: "note")])
        #expect(report.problem?.damage.description.contains("larger than") == true)
        #expect(throws: IrregularFile.larger(than: 4096)) { try FileSystem.readRegularFile(last, limit: 4096) }
    }
}
