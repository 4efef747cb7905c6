import Foundation
import Synchronization
import EventStore

// Shared helpers for every test target: a temporary folder that removes itself, a draft
// factory, clocks that tests control, a seeded random generator, and folder snapshots.

/// A fresh folder under `TemporaryFolder.base`, removed when the value is released.
///
/// The events folder is `<root>/events`, so the store's cache (`<root>/.register/events`) also
/// lands inside `root` and is removed with it. Tests never touch the repository's `events/`.
public final class TemporaryFolder: Sendable {
    public let root: String

    /// Where test folders go: `$REGISTER_TEST_TMPDIR` when set, else `/dev/shm` when it is a
    /// writable folder (memory: the tests create and read hundreds of thousands of small files,
    /// which on a busy disk costs minutes of system time), else the system temporary directory.
    /// Set REGISTER_TEST_TMPDIR=/tmp to run the tests on a disk file system.
    public static let base: String = {
        if let folder = ProcessInfo.processInfo.environment["REGISTER_TEST_TMPDIR"], !folder.isEmpty { return folder }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isFolder), isFolder.boolValue, access("/dev/shm", W_OK) == 0 {
            return "/dev/shm"
        }
        return FileManager.default.temporaryDirectory.path
    }()

    public init(_ label: String = "eventstore") throws {
        root = TemporaryFolder.base + "/register-test-\(label)-\(UUID().uuidString.lowercased())"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// `<root>/<name>`, created (empty) unless `create` is false.
    public func folder(_ name: String = "events", create: Bool = true) throws -> String {
        let path = root + "/" + name
        if create { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        return path
    }

    /// A store on `<root>/<name>` (created empty) with a test clock.
    public func store(_ name: String = "events", clock: @escaping @Sendable () -> RecordedInstant = SteppingClock().next) throws -> EventStore {
        EventStore(directory: try folder(name), clock: clock)
    }
}

/// A clock that starts at a fixed instant and moves on by `step` milliseconds per reading,
/// so each appended event gets a known, distinct `recordedAt`. Safe to share between threads.
public final class SteppingClock: Sendable {
    /// 2026-11-23T14:27:17.123Z
    public static let start: Int64 = 1_795_444_037_123
    private let current: Mutex<Int64>
    public let step: Int64

    public init(start: Int64 = SteppingClock.start, step: Int64 = 1000) {
        current = Mutex(start)
        self.step = step
    }

    /// The instant the `n`th reading (0-based) returns.
    public func instant(reading n: Int) -> RecordedInstant {
        RecordedInstant(millisecondsSinceEpoch: SteppingClock.start + Int64(n) * step)
    }

    @Sendable public func next() -> RecordedInstant {
        current.withLock { value in
            defer { value += step }
            return RecordedInstant(millisecondsSinceEpoch: value)
        }
    }
}

/// A clock that always says the same instant.
public func fixedClock(_ milliseconds: Int64 = SteppingClock.start) -> @Sendable () -> RecordedInstant {
    { RecordedInstant(millisecondsSinceEpoch: milliseconds) }
}

/// A small valid draft; every field can be overridden.
public func makeDraft(id: String? = nil, type: String = "note", schemaVersion: Int = 1, date: String = "2026-01-15",
               actor: String = "griffie:test", document: String = "test.pdf", zaaknummer: String? = "Z-1",
               payload: JSONValue = ["text": "hello"]) -> EventDraft {
    EventDraft(id: id, type: type, schemaVersion: schemaVersion, effectiveDate: try! CalendarDate(iso: date),
               actor: actor, source: EventSource(document: document, zaaknummer: zaaknummer), payload: payload)
}

/// SplitMix64 (Steele, Lea and Flood 2014): a tiny seeded generator, so a failing random
/// test replays exactly from its seed.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}

/// Every entry of a folder (names, including dot files) with its exact bytes.
public func snapshot(of folder: String) throws -> [String: [UInt8]] {
    var result: [String: [UInt8]] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
        result[name] = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
    }
    return result
}

/// The names in a folder, sorted.
public func names(in folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
}

public func readBytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Creates or replaces the file at `path` with `bytes`: one open, write and close, and no fsync
/// (Foundation's `Data.write` syncs every file, which made writing a 10,000-event fixture cost
/// seconds of disk flushes). Test fixtures need not survive a power cut.
public func writeBytes(_ bytes: [UInt8], to path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    defer { close(fd) }
    var written = 0
    while written < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        written += n
    }
}

/// Lowercase hex of bytes.
public func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
}

/// The `field` of a `StoreError.invalidField`, or a description of whatever else happened.
public func invalidFieldName(_ body: () throws -> Void) -> String {
    do {
        try body()
        return "(no error)"
    } catch StoreError.invalidField(let field, _, _) {
        return field
    } catch {
        return "(other error: \(error))"
    }
}
