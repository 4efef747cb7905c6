import Foundation
import Testing
@testable import EventStore
import TestSupport

/// `ExternalSort`: the records come back in byte order, every one of them, however they were
/// split into runs; its temporary folder goes with it.
@Suite struct ExternalSortTests {
    @Test(arguments: [1, 2, 7, 64, 1 << 18])
    func recordsComeBackInByteOrderWhateverTheRuns(_ runLength: Int) throws {
        var random = SplitMix64(seed: UInt64(runLength))
        let records = (0..<500).map { _ in (0..<6).map { _ in UInt8(random.next() % 4) } }
        let sort = try ExternalSort(width: 6, runLength: runLength)
        for record in records { try sort.add(record) }
        var sorted: [[UInt8]] = []
        try sort.forEachSorted { sorted.append(Array($0)) }
        #expect(sorted == records.sorted { $0.lexicographicallyPrecedes($1) })
        // Again, after more records: the runs are read anew.
        try sort.add([255, 255, 255, 255, 255, 255])
        try sort.add([0, 0, 0, 0, 0, 0])
        var again: [[UInt8]] = []
        try sort.forEachSorted { again.append(Array($0)) }
        #expect(again.first == [0, 0, 0, 0, 0, 0] && again.last == [255, 255, 255, 255, 255, 255])
        #expect(again.count == 502 && again == again.sorted { $0.lexicographicallyPrecedes($1) })
        var all: [[UInt8]] = []
        try sort.forEach { all.append(Array($0)) }
        #expect(all.sorted { $0.lexicographicallyPrecedes($1) } == again)
        #expect(sort.count == 502)
    }

    @Test func aRecordOfAnotherWidthIsRefusedAndTheFolderGoesWithTheSort() throws {
        let temporary = try TemporaryFolder("external-sort")
        let base = try temporary.folder("tmp")
        do {
            let sort = try ExternalSort(width: 4, runLength: 2, in: base)
            #expect(throws: StoreError.self) { try sort.add([1, 2, 3]) }
            for i in 0..<9 { try sort.add([UInt8(9 - i), 0, 0, 0]) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: base).count == 1, "one folder, holding the runs")
            var first: [UInt8] = []
            try sort.forEachSorted { if first.isEmpty { first = Array($0) } }
            #expect(first == [1, 0, 0, 0])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: base).isEmpty, "the sort's folder was removed")
    }

    /// A run that gives back fewer or more records than were written fails the read: no record is
    /// lost or added without a word.
    @Test(arguments: ["truncated", "extended", "cut inside a record"])
    func aRunChangedWhileTheSortRanIsRefused(_ change: String) throws {
        let temporary = try TemporaryFolder("external-sort-changed")
        let base = try temporary.folder("tmp")
        let sort = try ExternalSort(width: 4, runLength: 3, in: base)
        for i in 0..<7 { try sort.add([UInt8(i), 0, 0, 0]) }
        let folder = base + "/" + (try #require(try FileManager.default.contentsOfDirectory(atPath: base).first))
        let run = folder + "/run-0"
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: run)))
        switch change {
        case "truncated": bytes.removeLast(4)
        case "extended": bytes += [9, 9, 9, 9]
        default: bytes.removeLast(1)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: run))
        #expect(throws: StoreError.self) { try sort.forEachSorted { _ in } }
        #expect(throws: StoreError.self) { try sort.forEach { _ in } }
    }
}
