import Dispatch
import Foundation
import Synchronization
import Testing
@testable import EventStore
import TestSupport

/// Several writers appending to one folder at once, each through its own `EventStore` value.
/// The `flock` on the folder serialises them: `flock` locks belong to the open file
/// description, so two `open`s in one process exclude each other just as two processes do.
@Suite struct ConcurrentAppendTests {
    /// Runs `writers` threads that each append `perWriter` events with ids `w<writer>-<n>`.
    /// Returns the errors they hit (none expected).
    static func appendConcurrently(into directory: String, writers: Int, perWriter: Int) -> [String] {
        let errors = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            let store = EventStore(directory: directory, clock: SteppingClock(start: SteppingClock.start + Int64(writer) * 1_000_000).next)
            for n in 0..<perWriter {
                do {
                    _ = try store.append(makeDraft(id: "w\(writer)-\(n)", payload: ["writer": JSONValue(writer), "n": JSONValue(n)]))
                } catch {
                    errors.withLock { $0.append("writer \(writer), event \(n): \(error)") }
                }
            }
        }
        return errors.withLock { $0 }
    }

    static func checkStore(_ directory: String, expecting count: Int, writers: Int, perWriter: Int) throws {
        let store = EventStore(directory: directory)
        let report = try StoreVerifier(store: store).verify()
        #expect(report.isIntact, "\(String(describing: report.problem))")
        #expect(report.eventCount == count)
        #expect(report.leftoverTemporaries.isEmpty)
        let events = try store.events()
        #expect(events.map(\.envelope.sequence) == Array(1...count))
        let ids = events.map(\.envelope.id)
        #expect(Set(ids).count == count, "no duplicate ids")
        #expect(Set(ids) == Set((0..<writers).flatMap { w in (0..<perWriter).map { "w\(w)-\($0)" } }))
        // Each writer's own events appear in the order it appended them.
        for w in 0..<writers {
            let mine = events.filter { $0.envelope.id.hasPrefix("w\(w)-") }.map { $0.envelope.payload["n"]?.integer }
            #expect(mine == (0..<perWriter).map { Int64($0) }, "writer \(w)")
        }
        // Only event files in the folder.
        #expect(try names(in: directory).allSatisfy { EventFileName.sequence(of: $0) != nil })
    }

    /// Every event touches the subject `s`.
    struct SubjectPolicy: AppendPolicy {
        func keys(definedBy event: EventEnvelope) -> [(key: String, value: String)] { [] }
        func subjects(of event: EventEnvelope, resolve: (String) -> EventEnvelope?) -> [String] { ["s"] }
        func check(_ candidate: EventEnvelope, lookup: EventLookup) throws {}
    }

    /// The manifest is written over in place while readers read it without the lock: a reader
    /// whose read crosses a write takes the lock and reads again, so every answer it gets is the
    /// whole history as of some head, never an error and never a mix.
    @Test func readersDuringAppendsAlwaysGetAWholeHistory() throws {
        let folder = try TemporaryFolder("concurrent-readers")
        let directory = try folder.folder()
        let count = 120
        let problems = Mutex<[String]>([])
        let answers = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 3) { role in
            let store = EventStore(directory: directory)
            if role == 0 {
                for n in 0..<count {
                    do { _ = try store.append(makeDraft(id: "e\(n)"), policy: SubjectPolicy()) } catch {
                        problems.withLock { $0.append("append \(n): \(error)") }
                    }
                }
                return
            }
            var last = 0
            while last < count {
                do {
                    let index = try store.index(policy: SubjectPolicy())
                    let ids = try index.locations(touching: "s").map(\.sequence)
                    guard ids == Array(stride(from: 1, through: index.sequence, by: 1)), index.sequence >= last else {
                        problems.withLock { $0.append("reader saw \(ids.count) events at sequence \(index.sequence) after \(last)") }
                        return
                    }
                    last = index.sequence
                    answers.withLock { $0 += 1 }
                } catch {
                    problems.withLock { $0.append("reader: \(error)") }
                    return
                }
            }
        }
        #expect(problems.withLock { $0 }.isEmpty, "\(problems.withLock { $0 })")
        #expect(answers.withLock { $0 } > 0)
    }

    @Test func twoWritersAppendingFiftyEachGiveOneHundredGaplessEvents() throws {
        let folder = try TemporaryFolder("concurrent-2")
        let directory = try folder.folder()
        let errors = Self.appendConcurrently(into: directory, writers: 2, perWriter: 50)
        #expect(errors.isEmpty, "\(errors)")
        try Self.checkStore(directory, expecting: 100, writers: 2, perWriter: 50)
    }

    @Test func fourWritersOnAStoreThatAlreadyHasEvents() throws {
        let folder = try TemporaryFolder("concurrent-4")
        let directory = try folder.folder()
        let seed = EventStore(directory: directory, clock: fixedClock())
        for n in 0..<3 { _ = try seed.append(makeDraft(id: "seed-\(n)")) }
        let errors = Self.appendConcurrently(into: directory, writers: 4, perWriter: 25)
        #expect(errors.isEmpty, "\(errors)")
        let events = try EventStore(directory: directory).events()
        #expect(events.count == 103)
        #expect(events.prefix(3).map(\.envelope.id) == ["seed-0", "seed-1", "seed-2"])
        #expect(events.map(\.envelope.sequence) == Array(1...103))
        #expect(try StoreVerifier(store: EventStore(directory: directory)).verify().isIntact)
    }

    /// Writers that all try the same id: exactly one wins, the others get `duplicateEventID`.
    @Test func racingWritersWithTheSameIdStoreItOnce() throws {
        let folder = try TemporaryFolder("concurrent-same-id")
        let directory = try folder.folder()
        let outcomes = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { writer in
            let store = EventStore(directory: directory, clock: fixedClock())
            for n in 0..<10 {
                do {
                    _ = try store.append(makeDraft(id: "shared-\(n)", payload: ["writer": JSONValue(writer)]))
                    outcomes.withLock { $0.append("stored \(n)") }
                } catch StoreError.duplicateEventID(let id, _) {
                    outcomes.withLock { $0.append("duplicate \(id)") }
                } catch {
                    outcomes.withLock { $0.append("error \(error)") }
                }
            }
        }
        let all = outcomes.withLock { $0 }
        #expect(all.filter { $0.hasPrefix("stored") }.count == 10)
        #expect(all.filter { $0.hasPrefix("duplicate") }.count == 30)
        let events = try EventStore(directory: directory).events()
        #expect(events.map(\.envelope.id).sorted() == (0..<10).map { "shared-\($0)" }.sorted())
        #expect(try StoreVerifier(store: EventStore(directory: directory)).verify().isIntact)
    }

    /// Optimistic concurrency: writers append with `.sequence(head they saw)` and retry when
    /// told the head moved. The check happens under the lock, so no two writers both succeed
    /// on the same head and no event is lost.
    @Test func expectedSequenceUnderContentionNeverForksTheHistory() throws {
        let folder = try TemporaryFolder("concurrent-expect")
        let directory = try folder.folder()
        let refusals = Mutex(0)
        let errors = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 3) { writer in
            let store = EventStore(directory: directory, clock: fixedClock())
            for n in 0..<10 {
                var attempts = 0
                while attempts < 1000 {
                    attempts += 1
                    do {
                        let seen = try store.head()?.sequence ?? 0
                        let receipt = try store.append(makeDraft(id: "x\(writer)-\(n)"), expecting: .sequence(seen))
                        if receipt.sequence != seen + 1 { errors.withLock { $0.append("got \(receipt.sequence) after \(seen)") } }
                        break
                    } catch StoreError.headMoved {
                        refusals.withLock { $0 += 1 }
                    } catch {
                        errors.withLock { $0.append("\(error)") }
                        break
                    }
                }
            }
        }
        #expect(errors.withLock { $0 }.isEmpty, "\(errors.withLock { $0 })")
        let events = try EventStore(directory: directory).events()
        #expect(events.count == 30)
        #expect(events.map(\.envelope.sequence) == Array(1...30))
        #expect(Set(events.map(\.envelope.id)).count == 30)
    }
}
