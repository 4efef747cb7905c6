import Foundation
import Testing
@testable import EventStore
import TestSupport

/// `ReplacementFile`: the destination holds the old bytes or the new ones, never part; every
/// write gets its own temporary name, made exclusively, and none is left behind.
@Suite struct ReplacementFileTests {
    let temporary: TemporaryFolder
    let folder: String

    init() throws {
        temporary = try TemporaryFolder("replacement-file")
        folder = try temporary.folder("files")
    }

    func contents(_ name: String) throws -> String { try String(contentsOfFile: folder + "/" + name, encoding: .utf8) }

    @Test func twoWritesToOneDestinationAtOnceBothLandAndLeaveNoTemporary() throws {
        let path = folder + "/answer"
        let first = try ReplacementFile(path: path), second = try ReplacementFile(path: path)
        #expect(first.temporary != second.temporary)
        try first.write(Array("first".utf8))
        try second.write(Array("second".utf8))
        try first.commit()
        #expect(try contents("answer") == "first")
        try second.commit(sync: true)
        #expect(try contents("answer") == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["answer"])
    }

    @Test func anAbandonedWriteLeavesTheDestinationAsItWas() throws {
        let path = folder + "/journal"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        do {
            let file = try ReplacementFile(path: path)
            try file.write(Array(repeating: UInt8(ascii: "x"), count: 200_000))
            file.abandon()
        }
        do {
            // Dropped without a commit: the same.
            let file = try ReplacementFile(path: path)
            try file.write(Array("new".utf8))
        }
        #expect(try contents("journal") == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["journal"])
    }

    @Test func aFolderThatCannotBeWrittenIsNamedByTheDestination() throws {
        let path = folder + "/missing/file"
        let error = #expect(throws: StoreError.self) { _ = try ReplacementFile(path: path) }
        guard case .system(let call, let named, let code, _)? = error else {
            Issue.record("not a system error: \(String(describing: error))")
            return
        }
        #expect(call == "open" && named == path && code == ENOENT)
    }
}
