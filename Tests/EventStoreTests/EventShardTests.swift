import Foundation
import Testing
@testable import EventStore
import TestSupport

/// Events from number 10,000 on live in shard folders (`0001/` holds 10,000 to 19,999); the first
/// 9,999 and every event of a store written before sharding live in the events folder itself.
@Suite struct EventShardTests {
    @Test func pathsFollowTheSequenceNumber() {
        #expect(EventShard.path(sequence: 1, type: "note") == "00000001-note.json")
        #expect(EventShard.path(sequence: 9_999, type: "note") == "00009999-note.json")
        #expect(EventShard.path(sequence: 10_000, type: "note") == "0001/00010000-note.json")
        #expect(EventShard.path(sequence: 19_999, type: "note") == "0001/00019999-note.json")
        #expect(EventShard.path(sequence: 1_000_000, type: "commitment") == "0100/01000000-commitment.json")
        #expect(EventShard.path(sequence: 99_999_999, type: "x") == "9999/99999999-x.json")
        #expect(EventShard.split("0012/00123456-x.json") == ("0012", "00123456-x.json"))
        #expect(EventShard.split("00000001-x.json") == (nil, "00000001-x.json"))
    }

    @Test func onlyFourDigitNamesAreShardFolders() {
        #expect(EventShard.number(ofFolder: "0001") == 1)
        #expect(EventShard.number(ofFolder: "0100") == 100)
        for name in ["001", "00001", "abcd", "0x01", "", "+001", "١٢٣٤"] { #expect(EventShard.number(ofFolder: name) == nil, "\(name)") }
    }

    @Test func anEventMayLiveInItsShardOrDirectlyInTheFolder() {
        #expect(EventShard.accepts(folder: nil, sequence: 5))
        #expect(EventShard.accepts(folder: nil, sequence: 123_456), "a store written before sharding")
        #expect(EventShard.accepts(folder: "0012", sequence: 123_456))
        #expect(!EventShard.accepts(folder: "0011", sequence: 123_456))
        #expect(!EventShard.accepts(folder: "0000", sequence: 5), "the first shard is the folder itself")
    }

    @Test func appendsCrossIntoTheFirstShardFolderAndReplayReadsBothLayouts() throws {
        let temp = try TemporaryFolder("shards")
        let store = try temp.store()
        try writeHistory(count: 9_998, into: store.directory)
        let receipts = try (0..<3).map { _ in try store.append(makeDraft()) }
        #expect(receipts.map(\.path) == ["00009999-note.json", "0001/00010000-note.json", "0001/00010001-note.json"])
        for receipt in receipts { #expect(FileManager.default.fileExists(atPath: store.directory + "/" + receipt.path)) }
        var sequences: [Int] = []
        var paths: [String] = []
        try store.replay { sequences.append($0.envelope.sequence); paths.append($0.path) }
        #expect(sequences == Array(1...10_001))
        #expect(paths.suffix(2) == ["0001/00010000-note.json", "0001/00010001-note.json"])
        #expect(try store.head()?.path == "0001/00010001-note.json")
        let report = try StoreVerifier(store: store).verify()
        #expect(report.isIntact && report.eventCount == 10_001)
        // The subject index is built across the shard boundary and names files in their shard.
        let index = try store.index(policy: AcceptAll())
        #expect(index.sequence == 10_001)
        #expect(try index.location(ofEvent: store.events().last!.envelope.id)?.sequence == 10_001)
    }

    @Test func aFlatStoreFromBeforeShardingStaysReadableAndGrowsIntoShards() throws {
        let temp = try TemporaryFolder("shards")
        let store = try temp.store()
        try writeHistory(count: 10_005, into: store.directory, flat: true)
        #expect(try StoreVerifier(store: store).verify().isIntact)
        let receipt = try store.append(makeDraft())
        #expect(receipt.path == "0001/00010006-note.json", "new events go to their shard; landed ones are never moved")
        #expect(FileManager.default.fileExists(atPath: store.directory + "/00010005-note.json"))
        let report = try StoreVerifier(store: store).verify()
        #expect(report.isIntact && report.eventCount == 10_006)
    }

    @Test func anEventMovedIntoAnotherShardIsDamageNamingWhereItBelongs() throws {
        let temp = try TemporaryFolder("shards")
        let store = try temp.store()
        try writeHistory(count: 10_001, into: store.directory)
        try FileManager.default.createDirectory(atPath: store.directory + "/0002", withIntermediateDirectories: false)
        try FileManager.default.moveItem(atPath: store.directory + "/0001/00010000-note.json", toPath: store.directory + "/0002/00010000-note.json")
        let report = try StoreVerifier(store: store).verify()
        #expect(report.problem?.file == "0002/00010000-note.json")
        #expect(report.problem?.damage == .misplaced(expectedPath: "0001/00010000-note.json"))
        #expect(throws: StoreError.damaged(file: "0002/00010000-note.json", damage: .misplaced(expectedPath: "0001/00010000-note.json"))) {
            try store.index(policy: AcceptAll())
        }
    }

    @Test func anEventInBothPlacesIsADuplicate() throws {
        let temp = try TemporaryFolder("shards")
        let store = try temp.store()
        try writeHistory(count: 10_001, into: store.directory)
        try FileManager.default.copyItem(atPath: store.directory + "/0001/00010000-note.json", toPath: store.directory + "/00010000-note.json")
        let report = try StoreVerifier(store: store).verify()
        #expect(report.problem?.damage == .duplicateSequence(10_000))
    }

    @Test func strangersInAShardFolderAreNamedWithTheirFolder() throws {
        let temp = try TemporaryFolder("shards")
        let store = try temp.store()
        try writeHistory(count: 10_000, into: store.directory)
        try Data("x".utf8).write(to: URL(fileURLWithPath: store.directory + "/0001/notes.txt"))
        #expect(try StoreVerifier(store: store).verify().problem?.file == "0001/notes.txt")
        // A four-digit name that is a file, not a folder, is a stranger too.
        try FileManager.default.removeItem(atPath: store.directory + "/0001/notes.txt")
        try Data("x".utf8).write(to: URL(fileURLWithPath: store.directory + "/0002"))
        #expect(try StoreVerifier(store: store).verify().problem?.file == "0002")
    }

    @Test func anEventAddedToTheShardFolderBehindTheStoresBackIsNoticed() throws {
        let temp = try TemporaryFolder("shards")
        let store = try temp.store()
        try writeHistory(count: 10_000, into: store.directory)
        _ = try store.append(makeDraft(id: "mine"))   // 10,001, and a valid append state
        // Another copy gets 10,002 (as a git pull would bring it), then the file is copied in:
        // the events folder itself does not change, only the shard folder does.
        let other = EventStore(directory: try temp.folder("other", create: false))
        try FileManager.default.copyItem(atPath: store.directory, toPath: other.directory)
        let foreign = try other.append(makeDraft(id: "foreign"))
        #expect(foreign.path == "0001/00010002-note.json")
        try FileManager.default.copyItem(atPath: other.directory + "/" + foreign.path, toPath: store.directory + "/" + foreign.path)
        let next = try store.append(makeDraft(id: "after"))
        #expect(next.sequence == 10_003, "the stale cached head was not trusted")
        #expect(try StoreVerifier(store: store).verify().isIntact)
    }

    @Test func aShardFolderIsCreatedWhenTheFirstEventOfItIsAppended() throws {
        let temp = try TemporaryFolder("shards")
        let store = try temp.store()
        try writeHistory(count: 19_999, into: store.directory)
        #expect(!FileManager.default.fileExists(atPath: store.directory + "/0002"))
        let receipt = try store.append(makeDraft())
        #expect(receipt.path == "0002/00020000-note.json")
        #expect(try StoreVerifier(store: store).verify().eventCount == 20_000)
    }
}
