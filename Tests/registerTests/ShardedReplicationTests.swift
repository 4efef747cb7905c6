import TestSupport
import EventStore
import Foundation
import Testing

/// Publishing, syncing and the push hook where the history crosses into its first shard folder
/// (events from 10,000 on live in `events/0001/`), on a bare repository seeded with 9,998 events.
/// The seed is written as the store's exact bytes and committed by one `git fast-import`, so a
/// test starts in about a second; the commands run in-process, the hook as the built binary.
@Suite(.serialized) struct ShardedReplicationTests {
    let temp: TemporaryFolder
    let bare: String
    static let seeded = 9_998
    /// The seed's files, made once per test run (the same bytes every time).
    static let seedFiles = try! historyFiles(count: seeded, effective: "2023-01-10", recordedFrom: 1_700_000_000_000) { sequence in
        ("S-\(sequence)", "decision-taken", ["decision": .string("S-\(sequence)"), "body": "college", "date": "2023-01-10"])
    }

    init() throws {
        temp = try TemporaryFolder("register-shards")
        bare = temp.path("shared.git")
        try makeBareRepository(bare, files: Self.seedFiles)
        #expect(CLI.run(["install-hook", bare]).status == 0)
    }

    @discardableResult
    func git(_ arguments: [String], in directory: String? = nil) throws -> CLIResult { try runGit(arguments, in: directory) }

    func clone(_ name: String) throws -> String {
        let path = temp.path(name)
        try git(["clone", "-q", bare, path])
        return path
    }

    func register(_ arguments: [String], in clone: String, stdin: String? = nil) throws -> CLIResult {
        CLI.run(arguments + ["--events", clone + "/events"], stdin: stdin, environment: gitIdentity)
    }

    func decision(_ id: String) -> String { eventJSON(id: id, payload: #"{"decision": "\#(id)", "body": "college", "date": "2023-01-10"}"#) }

    func eventFiles(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test func publishAndSyncCrossIntoTheShardFolderAndRenumberInsideIt() throws {
        let a = try clone("a"), b = try clone("b")
        // b publishes the last event of the flat folder (and so has a current append cache).
        #expect(try register(["append", "-"], in: b, stdin: decision("B-0")).status == 0)
        #expect(try register(["publish"], in: b).status == 0)
        #expect(try register(["sync"], in: a).status == 0)
        for id in ["A-1", "A-2", "A-3"] { #expect(try register(["append", "-"], in: a, stdin: decision(id)).status == 0) }
        #expect(try eventFiles(in: a + "/events/0001") == ["00010000-decision-taken.json", "00010001-decision-taken.json",
                                                            "00010002-decision-taken.json"])
        let published = try register(["publish"], in: a)
        #expect(published.status == 0, "\(published.stderr)")
        let synced = try register(["sync"], in: b)
        #expect(synced.status == 0, "\(synced.stderr)")
        #expect(try eventFiles(in: b + "/events/0001").count == 3)
        #expect(try register(["verify"], in: b).status == 0)
        // The sync carried b's append cache forward: its state already names the new head.
        let state = try String(contentsOfFile: temp.path("b/.register/events/index/manifest"), encoding: .isoLatin1)
        #expect(state.contains("\"sequence\":10002") && state.contains("0001/00010002-decision-taken.json"), "\(state)")

        // Both append one; a publishes first, so b's event is renumbered after it, inside the shard.
        #expect(try register(["append", "-"], in: a, stdin: decision("A-4")).status == 0)
        #expect(try register(["append", "-"], in: b, stdin: decision("B-1")).status == 0)
        #expect(try register(["publish"], in: a).status == 0)
        let rebased = try register(["publish", "--json"], in: b)
        #expect(rebased.status == 0, "\(rebased.stderr)")
        #expect(rebased.stdout.contains("\"rechained\":1") || rebased.stdout.contains("\"rechained\": 1"), "\(rebased.stdout)")

        let fresh = try clone("fresh")
        let verify = try register(["verify", "--json"], in: fresh)
        #expect(verify.status == 0, "\(verify.stderr)")
        let events = try EventStore(directory: fresh + "/events").events()
        #expect(events.count == Self.seeded + 6)
        #expect(events.suffix(2).map(\.envelope.id) == ["A-4", "B-1"])
        #expect(events.last?.path == "0001/00010004-decision-taken.json")
        let tree = try git(["ls-tree", "--name-only", "main:events/0001"], in: bare).stdout.split(separator: "\n")
        #expect(tree.count == 5)
    }

    @Test func theHookRefusesEditsAndMisplacedEventsInsideShardFolders() throws {
        let a = try clone("a")
        for id in ["A-1", "A-2", "A-3"] { #expect(try register(["append", "-"], in: a, stdin: decision(id)).status == 0) }
        #expect(try register(["publish"], in: a).status == 0)

        let editor = try clone("editor")
        let file = editor + "/events/0001/00010000-decision-taken.json"
        try (try String(contentsOfFile: file, encoding: .utf8)).replacingOccurrences(of: "\"college\"", with: "\"raad\"")
            .write(toFile: file, atomically: true, encoding: .utf8)
        try git(["commit", "-qam", "edit"], in: editor)
        let edited = try git(["push", "-q", "origin", "HEAD:main"], in: editor)
        #expect(edited.status != 0)
        #expect(edited.stderr.contains("0001/00010000-decision-taken.json: an already published event was modified"), "\(edited.stderr)")

        // A valid, correctly chained event put in the wrong shard folder.
        let mover = try clone("mover")
        #expect(try register(["append", "-"], in: mover, stdin: decision("M-1")).status == 0)
        try FileManager.default.createDirectory(atPath: mover + "/events/0002", withIntermediateDirectories: false)
        try FileManager.default.moveItem(atPath: mover + "/events/0001/00010002-decision-taken.json",
                                         toPath: mover + "/events/0002/00010002-decision-taken.json")
        #expect(try register(["verify"], in: mover).status == 1, "verify calls it damage locally too")
        try git(["add", "events"], in: mover)
        try git(["commit", "-qm", "misplaced"], in: mover)
        let misplaced = try git(["push", "-q", "origin", "HEAD:main"], in: mover)
        #expect(misplaced.status != 0)
        #expect(misplaced.stderr.contains("0002/00010002-decision-taken.json: moved into the wrong folder"), "\(misplaced.stderr)")
        #expect(try git(["ls-tree", "--name-only", "main:events/0001"], in: bare).stdout.split(separator: "\n").count == 2)
    }
}
