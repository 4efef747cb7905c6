import Foundation
import Testing
@testable import EventStore
import TestSupport

/// The subject index (`.register/<events>/index/`): used when valid, rebuilt when not, never trusted.
@Suite struct SubjectIndexTests {
    let temporary: TemporaryFolder
    let store: EventStore

    init() throws {
        temporary = try TemporaryFolder("subject-index")
        store = try temporary.store()
    }

    /// What `CountingPolicy` throws: the store hands a policy's own error on as it is.
    struct Refusal: Error, Equatable { let reason: String }

    /// A policy whose events define a key `tag:<tag>` and may require an earlier event or tag.
    struct CountingPolicy: AppendPolicy {
        func keys(definedBy event: EventEnvelope) -> [(key: String, value: String)] {
            event.payload["tag"]?.string.map { [("tag:" + $0, event.id)] } ?? []
        }
        /// Subjects from the payload's `subjects` list; an amendment (`amends`) touches what its target touches.
        /// No text in an event may hold a tab or a line break, but a policy's keys may: the control
        /// pictures ␉ and ␊ in a subject stand for them.
        func subjects(of event: EventEnvelope, resolve: (String) -> EventEnvelope?) -> [String] {
            var keys = (event.payload["subjects"]?.array?.compactMap(\.string) ?? []).map {
                $0.replacingOccurrences(of: "\u{2409}", with: "\t").replacingOccurrences(of: "\u{240A}", with: "\n")
            }
            if let target = event.payload["amends"]?.string, let original = resolve(target) { keys += subjects(of: original, resolve: resolve) }
            return keys
        }
        func check(_ candidate: EventEnvelope, lookup: EventLookup) throws {
            if let target = candidate.payload["mustExist"]?.string, try lookup.type(ofEvent: target) == nil {
                throw Refusal(reason: "no event \(target)")
            }
            if let tag = candidate.payload["needsTag"]?.string, try lookup.value(forKey: "tag:" + tag) == nil {
                throw Refusal(reason: "no tag \(tag)")
            }
        }
    }

    func draft(_ id: String, payload: JSONValue = [:]) -> EventDraft {
        EventDraft(id: id, type: "note", effectiveDate: try! CalendarDate(iso: "2024-01-01"), actor: "t",
                   source: EventSource(document: "d", zaaknummer: nil), payload: payload)
    }

    var statePath: String { store.cacheDirectory + "/index/manifest" }

    @Test func aValidStateSkipsTheReplayAndStillFindsEarlierEvents() throws {
        _ = try store.append(draft("a", payload: ["tag": "caf\u{e9}"]), policy: CountingPolicy())
        _ = try store.append(draft("b"), policy: CountingPolicy())
        #expect(FileManager.default.fileExists(atPath: statePath))
        _ = try store.append(draft("b2", payload: ["needsTag": "cafe\u{301}"]), policy: CountingPolicy())
        #expect(throws: Refusal(reason: "no tag other")) {
            try store.append(draft("b3", payload: ["needsTag": "other"]), policy: CountingPolicy())
        }
        _ = try store.append(draft("c", payload: ["mustExist": "a"]), policy: CountingPolicy())
        #expect(throws: Refusal(reason: "no event zz")) {
            try store.append(draft("d", payload: ["mustExist": "zz"]), policy: CountingPolicy())
        }
        #expect(throws: StoreError.duplicateEventID(id: "b", existingFile: "00000002-note.json")) {
            try store.append(draft("b", payload: ["other": "content"]), policy: CountingPolicy())
        }
        #expect(try store.events().map(\.envelope.id) == ["a", "b", "b2", "c"])
    }

    @Test func deletingOrCorruptingTheCacheChangesNoAnswer() throws {
        _ = try store.append(draft("a"), policy: CountingPolicy())
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: statePath))
        #expect(throws: StoreError.self) { try store.append(draft("a", payload: ["other": "content"]), policy: CountingPolicy()) }
        #expect(try store.append(draft("a"), policy: CountingPolicy()).alreadyStored)
        try FileManager.default.removeItem(atPath: store.cacheDirectory)
        #expect(throws: StoreError.self) { try store.append(draft("a", payload: ["other": "content"]), policy: CountingPolicy()) }
        #expect(try store.append(draft("a"), policy: CountingPolicy()).alreadyStored)
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
        #expect(throws: StoreError.self) { try store.append(draft("foreign", payload: ["other": "content"]), policy: CountingPolicy()) }
        #expect(try store.append(draft("foreign"), policy: CountingPolicy()).alreadyStored, "found, though it came behind the store's back")
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

    // MARK: subjects

    func about(_ subjects: String..., amends: String? = nil) -> JSONValue {
        var object: [String: JSONValue] = ["subjects": .array(subjects.map(JSONValue.string))]
        if let amends { object["amends"] = .string(amends) }
        return .object(object)
    }

    func ids(touching subject: String) throws -> [String] {
        let index = try store.index(policy: CountingPolicy())
        return try index.envelopes(try index.locations(touching: subject)).map(\.id)
    }

    var bucketFolder: String { store.cacheDirectory + "/index" }

    @Test func aSubjectsEventsAreFoundWithoutReadingOthersAndAmendmentsFollowTheirTarget() throws {
        _ = try store.append(draft("r1", payload: about("reserve:R1")), policy: CountingPolicy())
        _ = try store.append(draft("r2", payload: about("reserve:R2")), policy: CountingPolicy())
        _ = try store.append(draft("both", payload: about("reserve:R1", "decision:D")), policy: CountingPolicy())
        _ = try store.append(draft("fix", payload: about(amends: "r1")), policy: CountingPolicy())
        _ = try store.append(draft("fix-fix", payload: about(amends: "fix")), policy: CountingPolicy())
        #expect(try ids(touching: "reserve:R1") == ["r1", "both", "fix", "fix-fix"])
        #expect(try ids(touching: "reserve:R2") == ["r2"])
        #expect(try ids(touching: "decision:D") == ["both"])
        #expect(try ids(touching: "reserve:R3") == [])
        // A rebuild from the events gives the same answers.
        try FileManager.default.removeItem(atPath: store.cacheDirectory)
        #expect(try ids(touching: "reserve:R1") == ["r1", "both", "fix", "fix-fix"])
    }

    @Test func keysAreCanonicallyEquivalentNotByteEqual() throws {
        // Decomposed é when appended, composed when asked (and the other way round).
        _ = try store.append(draft("a", payload: about("reserve:Cafe\u{301}")), policy: CountingPolicy())
        _ = try store.append(draft("b", payload: about("reserve:Caf\u{e9}")), policy: CountingPolicy())
        #expect(try ids(touching: "reserve:Caf\u{e9}") == ["a", "b"])
        #expect(try ids(touching: "reserve:Cafe\u{301}") == ["a", "b"])
        // Quotes, tabs and newlines in an id are kept apart from the index's own syntax.
        _ = try store.append(draft("q", payload: about("reserve:a\"b\u{2409}c\u{240A}d\\e")), policy: CountingPolicy())
        #expect(try ids(touching: "reserve:a\"b\tc\nd\\e") == ["q"])
        #expect(try ids(touching: "reserve:a\"b") == [])
    }

    @Test func anAppendExtendsTheIndexInsteadOfRebuildingIt() throws {
        _ = try store.append(draft("a", payload: about("reserve:R1")), policy: CountingPolicy())
        #expect(try ids(touching: "reserve:R1") == ["a"])
        // A rebuild removes every file that is no part of its layout; an append touches only the
        // files its lines go to. So a stranger planted in the folder survives appends, not rebuilds.
        let planted = bucketFolder + "/p1-0-99.tsv"
        try writeBytes(Array("planted\n".utf8), to: planted)
        _ = try store.append(draft("b", payload: about("reserve:R1")), policy: CountingPolicy())
        #expect(try ids(touching: "reserve:R1") == ["a", "b"])
        #expect(FileManager.default.fileExists(atPath: planted), "the append or the first question after it rebuilt the index")
        // The check itself can fail: a rebuild does remove it.
        _ = try store.rebuiltIndex(policy: CountingPolicy())
        #expect(!FileManager.default.fileExists(atPath: planted))
    }

    @Test(arguments: ["edited-line", "deleted-line", "appended-line", "truncated-bucket", "edited-manifest", "garbage-manifest"])
    func aDamagedOrEditedIndexIsNeverServed(_ damage: String) throws {
        for i in 0..<20 { _ = try store.append(draft("e\(i)", payload: about(i % 2 == 0 ? "reserve:R1" : "reserve:R2")), policy: CountingPolicy()) }
        let expected = try ids(touching: "reserve:R1")
        #expect(expected.count == 10)
        // The bucket holding reserve:R1's postings.
        let bucket = SubjectIndex(folder: bucketFolder).bucketPath(SubjectIndex.bucket(of: "subject:reserve:R1"))
        var text = try String(contentsOfFile: bucket, encoding: .utf8)
        let manifestPath = bucketFolder + "/manifest"
        switch damage {
        case "edited-line": text = text.replacingOccurrences(of: "subject:reserve:R1\t3 ", with: "subject:reserve:R1\t4 ")
        case "deleted-line": text = text.replacingOccurrences(of: "subject:reserve:R1\t3 note\n", with: "")
        case "appended-line": text += "subject:reserve:R1\t4 note\n"
        case "truncated-bucket": text = String(text.prefix(text.count / 2))
        default: break
        }
        if damage.hasSuffix("manifest") {
            var bytes = try readBytes(manifestPath)
            if damage == "edited-manifest" { bytes[bytes.count / 2] ^= 1 } else { bytes = Array("garbage".utf8) }
            try writeBytes(bytes, to: manifestPath)
        } else {
            try text.write(toFile: bucket, atomically: false, encoding: .utf8)
        }
        // An appended line beyond the manifest's count is an append in progress: ignored, not served.
        let index = try store.index(policy: CountingPolicy())
        var answer: [String]
        do {
            answer = try index.envelopes(try index.locations(touching: "reserve:R1")).map(\.id)
        } catch is IndexDamage {
            let rebuilt = try store.rebuiltIndex(policy: CountingPolicy())
            answer = try rebuilt.envelopes(try rebuilt.locations(touching: "reserve:R1")).map(\.id)
        }
        #expect(answer == expected)
    }
}
