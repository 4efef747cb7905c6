import Foundation
import EventStore

/// The repository the tests run from, and its shipped history (which tests only ever read).
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    public static let shippedEvents = root + "/events"
}

extension TemporaryFolder {
    /// A copy of the shipped history at `<root>/<name>`, for a test that appends or damages it.
    public func copyOfShippedEvents(_ name: String = "events") throws -> String {
        let target = root + "/" + name
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repository.shippedEvents, toPath: target)
        return target
    }

    /// `<root>/<name>` as a path, nothing created (for a file a command is to write).
    public func path(_ name: String) -> String { root + "/" + name }
}

/// A digest of every file name and byte in a folder (not its subfolders), to prove it did not change.
public func digest(of folder: String) throws -> String {
    var hasher = SHA256()
    for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
        hasher.update(Array(name.utf8))
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), isFolder.boolValue { continue }
        hasher.update(try readBytes(folder + "/" + name))
    }
    return hasher.finalize().hex
}

/// A chained history of `count` events as files (path inside the events folder, exact bytes),
/// each where `EventShard` puts it, made without the append protocol so a test reaches the shard
/// boundary in a second. `flat` puts every event in the folder itself, as stores written before
/// sharding were. `event(sequence)` gives each event's id, type and payload; event N is recorded
/// at `recordedFrom + N` milliseconds.
public func historyFiles(count: Int, flat: Bool = false, effective: String = "2026-01-15",
                         recordedFrom start: Int64 = SteppingClock.start,
                         event: (Int) -> (id: String, type: String, payload: JSONValue) = noteEvent) throws -> [(path: String, bytes: [UInt8])] {
    var previous = SHA256Digest.zero
    var files: [(path: String, bytes: [UInt8])] = []
    files.reserveCapacity(count)
    let date = try CalendarDate(iso: effective)
    for sequence in 1...count {
        let (id, type, payload) = event(sequence)
        let envelope = EventEnvelope(sequence: sequence, id: id, type: type, schemaVersion: 1, effectiveDate: date,
                                     recordedAt: RecordedInstant(millisecondsSinceEpoch: start + Int64(sequence)),
                                     actor: "griffie:test", source: EventSource(document: "test.pdf", zaaknummer: nil),
                                     payload: payload, previousHash: previous)
        let bytes = envelope.fileBytes
        files.append((flat ? envelope.fileName : EventShard.path(sequence: sequence, type: envelope.type), bytes))
        previous = SHA256.hash(bytes)
    }
    return files
}

/// Writes a history of `count` notes (`historyFiles`' default events) into `directory`, no lock,
/// no fsync, no policy. The notes are made once per test run and shared: event N's bytes do not
/// depend on how many follow it, so every count up to 19,999 is a prefix of the same history.
public func writeHistory(count: Int, into directory: String, flat: Bool = false) throws {
    let files = count <= sharedNotes.count ? Array(sharedNotes.prefix(count)) : try historyFiles(count: count)
    try write(files.map { (flat ? EventShard.split($0.path).name : $0.path, $0.bytes) }, into: directory)
}

/// Notes 1 to 19,999: up to the last event before the second shard folder.
private let sharedNotes = try! historyFiles(count: 19_999)

/// Writes event files (paths inside the events folder) into `directory`, making shard folders as needed.
public func write(_ files: [(path: String, bytes: [UInt8])], into directory: String) throws {
    var folders: Set<String> = []
    for file in files {
        if let folder = EventShard.split(file.path).folder, folders.insert(folder).inserted {
            try FileManager.default.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true)
        }
        try writeBytes(file.bytes, to: directory + "/" + file.path)
    }
}

/// The events `historyFiles` makes unless told otherwise: notes numbered `gen-N`.
public func noteEvent(_ sequence: Int) -> (id: String, type: String, payload: JSONValue) {
    ("gen-\(sequence)", "note", ["n": JSONValue(sequence)])
}

/// A new bare repository at `bare` whose `main` is one commit holding `files` under `folder/`,
/// written by a single `git fast-import` (no work tree, no `git add` of thousands of files).
public func makeBareRepository(_ bare: String, files: [(path: String, bytes: [UInt8])], folder: String = "events",
                               message: String = "seed") throws {
    let created = try runGit(["init", "-q", "--bare", "-b", "main", bare])
    guard created.status == 0 else { throw FixtureError("git init: \(created.stderr)") }
    var stream: [UInt8] = []
    func line(_ text: String) { stream += Array((text + "\n").utf8) }
    line("commit refs/heads/main")
    line("committer test <t@example.org> 1700000000 +0000")
    line("data \(message.utf8.count)")
    line(message)
    for file in files {
        line("M 100644 inline \(folder)/\(file.path)")
        line("data \(file.bytes.count)")
        stream += file.bytes
        line("")
    }
    line("done")
    let imported = try runGit(["fast-import", "--quiet", "--done"], in: bare, stdin: stream)
    guard imported.status == 0 else { throw FixtureError("git fast-import: \(imported.stderr)") }
}

public struct FixtureError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// An event for `appendWithoutChecks`: what a history that arrived by git clone may hold.
public struct UncheckedEvent: Sendable {
    public var id: String
    public var type: String
    public var payload: JSONValue
    public var effective: String
    public var actor: String
    public var document: String
    /// When it says it was recorded (nil: just after the event before it).
    public var recordedAt: RecordedInstant?

    public init(id: String, type: String, payload: JSONValue, effective: String = "2026-01-15", actor: String = "griffie:test",
                document: String = "test.pdf", recordedAt: RecordedInstant? = nil) {
        self.recordedAt = recordedAt
        self.id = id
        self.type = type
        self.payload = payload
        self.effective = effective
        self.actor = actor
        self.document = document
    }
}

/// Writes `events` after the last event of the store in `directory` as event files, each
/// chained to the one before (sequence, previous hash, file name and shard as `append` would
/// make them) but without `append`, its checks or any policy: a history as it arrives from
/// outside (a git clone, a copied folder), which `verify` finds intact and no append rule has seen.
public func appendWithoutChecks(_ events: [UncheckedEvent], to directory: String) throws {
    let store = EventStore(directory: directory)
    let head = try store.head()
    // Recorded after the store's newest event (never earlier, which the audit would report), and not in the future.
    let newest = try store.events().last?.envelope.recordedAt.millisecondsSinceEpoch ?? 0
    let from = max(SteppingClock.start + 86_400_000, newest + 1)
    var sequence = head?.sequence ?? 0
    var previous = head?.hash ?? .zero
    var files: [(path: String, bytes: [UInt8])] = []
    for event in events {
        sequence += 1
        let envelope = EventEnvelope(sequence: sequence, id: event.id, type: event.type, schemaVersion: 1,
                                     effectiveDate: try CalendarDate(iso: event.effective),
                                     recordedAt: event.recordedAt ?? RecordedInstant(millisecondsSinceEpoch: from + Int64(sequence)),
                                     actor: event.actor, source: EventSource(document: event.document, zaaknummer: nil),
                                     payload: event.payload, previousHash: previous)
        let bytes = envelope.fileBytes
        files.append((EventShard.path(sequence: sequence, type: event.type), bytes))
        previous = SHA256.hash(bytes)
    }
    try write(files, into: directory)
}
