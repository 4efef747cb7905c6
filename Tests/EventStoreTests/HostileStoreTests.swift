import Foundation
import Glibc
import Testing
@testable import EventStore
import TestSupport

/// The tamper suite, continued: files put into an events folder by hand or by an attacker
/// that are not what a store holds. Each must fail `verify` naming the file, and must never be
/// followed, waited on or written through.
@Suite struct HostileStoreTests {
    let folder: TemporaryFolder
    let store: EventStore

    init() throws {
        folder = try TemporaryFolder("hostile")
        store = EventStore(directory: try folder.folder("events"), clock: fixedClock())
    }

    func path(_ name: String) -> String { store.directory + "/" + name }
    func verify(now: RecordedInstant = .now()) throws -> StoreVerifier.Report { try StoreVerifier(store: store, now: now).verify() }

    /// Six notes written as files, chained.
    func writeSix(event: (Int) -> (id: String, type: String, payload: JSONValue) = noteEvent,
                  recordedFrom start: Int64 = SteppingClock.start) throws -> [(path: String, bytes: [UInt8])] {
        let files = try historyFiles(count: 6, recordedFrom: start, event: event)
        try write(files, into: store.directory)
        return files
    }

    @Test func anEventFileReplacedByASymbolicLinkToIdenticalBytesIsDamage() throws {
        let files = try writeSix()
        let outside = folder.root + "/elsewhere.json"
        try FileManager.default.moveItem(atPath: path(files[2].path), toPath: outside)
        try FileManager.default.createSymbolicLink(atPath: path(files[2].path), withDestinationPath: outside)
        let report = try verify()
        #expect(report.problems.map(\.file) == [files[2].path])
        #expect(report.problem?.damage == .wrongKind(found: .symbolicLink, expected: .regularFile))
        #expect(report.problem?.damage.description.contains("not a regular file: it is a symbolic link") == true)
        #expect(report.eventCount == 5, "the events after the link are still checked")
        #expect(throws: StoreError.damaged(file: files[2].path, damage: .wrongKind(found: .symbolicLink, expected: .regularFile))) {
            try store.events()
        }
    }

    @Test func aNamedPipeUnderAnEventNameIsDamageAndIsNotWaitedOn() throws {
        let files = try writeSix()
        try FileManager.default.removeItem(atPath: path(files[4].path))
        #expect(mkfifo(path(files[4].path), 0o644) == 0)
        let report = try verify()
        #expect(report.problems.map(\.file) == [files[4].path])
        #expect(report.problem?.damage == .wrongKind(found: .fifo, expected: .regularFile))
    }

    @Test func aFolderUnderAnEventNameIsDamage() throws {
        let files = try writeSix()
        try FileManager.default.removeItem(atPath: path(files[1].path))
        try FileManager.default.createDirectory(atPath: path(files[1].path), withIntermediateDirectories: false)
        #expect(try verify().problem?.damage == .wrongKind(found: .folder, expected: .regularFile))
    }

    @Test func aShardFolderThatIsASymbolicLinkIsDamageAndAppendNeverWritesThroughIt() throws {
        try writeHistory(count: 9_999, into: store.directory)
        let outside = try folder.folder("outside")
        try FileManager.default.createSymbolicLink(atPath: path("0001"), withDestinationPath: outside)
        let report = try verify()
        #expect(report.problems.map(\.file) == ["0001"])
        #expect(report.problem?.damage == .wrongKind(found: .symbolicLink, expected: .folder))
        #expect(report.problem?.damage.description.contains("not a folder: it is a symbolic link") == true)
        #expect(throws: StoreError.damaged(file: "0001", damage: .wrongKind(found: .symbolicLink, expected: .folder))) {
            try store.append(makeDraft(id: "number-10000"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty, "event 10000 landed outside the store")
    }

    @Test func anEventFileLargerThanAnEventMayBeIsUnreadableAndOnlyItsLimitIsRead() throws {
        let files = try writeSix()
        var bytes = files[3].bytes
        bytes += [UInt8](repeating: UInt8(ascii: " "), count: EventStore.maximumEventBytes)
        try writeBytes(bytes, to: path(files[3].path))
        let problem = try #require(try verify().problem)
        #expect(problem.file == files[3].path)
        #expect(problem.damage == .unreadable("the file is larger than the \(EventStore.maximumEventBytes) bytes an event may be"))
    }

    @Test func theSameEventIDInTwoFilesIsDamage() throws {
        let files = try writeSix { n in (n == 5 ? "gen-2" : "gen-\(n)", "note", ["n": JSONValue(n)]) }
        let report = try verify()
        #expect(report.problems.map(\.file) == [files[4].path])
        #expect(report.problem?.damage == .duplicateEventID(id: "gen-2", firstSequence: 2))
        #expect(report.problem?.damage.kind == "duplicate-event-id")
        #expect(report.eventCount == 5)
    }

    @Test func theSameEventIDTypedInComposedAndDecomposedFormIsOneID() throws {
        let composed = "besluit-\u{e9}\u{e9}n"
        let decomposed = "besluit-e\u{301}e\u{301}n"
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        let files = try writeSix { n in (n == 1 ? composed : n == 4 ? decomposed : "gen-\(n)", "note", ["n": JSONValue(n)]) }
        let report = try verify()
        #expect(report.problems.map(\.file) == [files[3].path])
        #expect(report.problem?.damage == .duplicateEventID(id: decomposed, firstSequence: 1))
    }

    @Test func aPreviousHashInUpperCaseHexIsDamage() throws {
        let files = try writeSix()
        let text = try #require(String(bytes: files[2].bytes, encoding: .utf8))
        let link = SHA256.hash(files[1].bytes).hex
        #expect(text.contains(link))
        try writeBytes(Array(text.replacingOccurrences(of: link, with: link.uppercased()).utf8), to: path(files[2].path))
        let report = try verify()
        let problem = try #require(report.problem)
        #expect(problem.file == files[2].path)
        #expect(problem.damage == .unreadable("field 'previousHash' is not 64 lower-case hex digits, the one form a hash is written in"))
    }

    @Test func everyDamagedOrForeignFileIsNamedNotOnlyTheFirst() throws {
        let files = try writeSix()
        var flipped = files[1].bytes
        flipped[flipped.count / 2] ^= 0x01
        try writeBytes(flipped, to: path(files[1].path))
        try FileManager.default.removeItem(atPath: path(files[3].path))
        try writeBytes(Array("x".utf8), to: path("notes.txt"))
        try writeBytes(Array("y".utf8), to: path("zz.txt"))
        try FileManager.default.copyItem(atPath: path(files[5].path), toPath: path("00000006-zzz.json"))
        let report = try verify()
        let named = report.problems.map { "\($0.file) \($0.damage.kind)" }
        #expect(named.contains { $0.hasPrefix(files[1].path + " ") }, "\(named)")
        #expect(named.contains("\(files[4].path) missing-sequence"), "\(named)")
        #expect(named.contains("\(files[5].path) duplicate-sequence") && named.contains("00000006-zzz.json duplicate-sequence"), "\(named)")
        #expect(named.contains("notes.txt unexpected-file") && named.contains("zz.txt unexpected-file"), "\(named)")
        #expect(report.problemCount == report.problems.count)
    }

    @Test func aFloodOfForeignFilesIsCappedAndCounted() throws {
        _ = try writeSix()
        for n in 0..<150 { try writeBytes([UInt8(ascii: "x")], to: path("stranger-\(n).txt")) }
        let report = try verify()
        #expect(report.problems.count == StoreVerifier.listedProblems)
        #expect(report.problemCount == 150)
        #expect(report.eventCount == 6)
    }

    @Test func anEventRecordedInTheFutureIsDamage() throws {
        let now = RecordedInstant(millisecondsSinceEpoch: SteppingClock.start)
        // Recorded one day after the moment of the check.
        let files = try writeSix(recordedFrom: SteppingClock.start + 86_400_000)
        let report = try verify(now: now)
        #expect(report.problems.count == 6)
        #expect(report.problems.first?.file == files[0].path)
        #expect(report.problems.first?.damage.kind == "recorded-in-future")
        #expect(report.problems.first?.damage.description.contains("recorded in the future") == true)
    }

    @Test func anEventRecordedWithinTheClockToleranceIsNotDamage() throws {
        let now = RecordedInstant(millisecondsSinceEpoch: SteppingClock.start)
        _ = try writeSix(recordedFrom: SteppingClock.start + StoreVerifier.clockToleranceMilliseconds - 10)
        #expect(try verify(now: now).isIntact)
    }
}
