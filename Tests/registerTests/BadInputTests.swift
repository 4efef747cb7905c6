import TestSupport
import EventStore
import Foundation
import Testing

/// The corpus in `BadInputs/`: every case is refused with a message that names the problem,
/// a non-zero exit, and the store byte for byte unchanged. `cases.tsv` lists file, exit code
/// and a fragment the error must contain.
@Suite struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let status: Int32
        let fragment: String
        var testDescription: String { file }
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BadInputs")

    static let cases: [Case] = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 2).map(String.init)
            guard parts.count == 3, let status = Int32(parts[1]) else { return nil }
            return Case(file: parts[0], status: status, fragment: parts[2])
        }
    }()

    @Test func theCorpusHasAtLeastFortyCases() {
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func refusedWithAClearErrorAndTheStoreUnchanged(_ c: Case) throws {
        let temp = try TemporaryFolder("bad-input")
        let store = try temp.copyOfShippedEvents()
        let before = try digest(of: store)
        let input = try Data(contentsOf: Self.folder.appendingPathComponent(c.file))
        let r = CLI.run(["append", Self.folder.appendingPathComponent(c.file).path, "--events", store])
        #expect(r.status == c.status, "\(c.file): stderr \(r.stderr)")
        #expect(r.stderr.contains(c.fragment), "\(c.file): stderr \(r.stderr)")
        #expect(r.stderr.hasPrefix("register: error: "), "a clean error, not a crash")
        #expect(r.stdout.isEmpty)
        #expect(try digest(of: store) == before, "\(c.file) (\(input.count) bytes) changed the store")
    }

    @Test func aTenMegabytePayloadIsRefused() throws {
        let temp = try TemporaryFolder("bad-input")
        let store = try temp.copyOfShippedEvents()
        let before = try digest(of: store)
        let note = String(repeating: "x", count: 10 * 1024 * 1024)
        let r = CLI.run(["append", "--events", store], stdin: eventJSON(payload: #"{"decision": "D", "body": "raad", "note": "\#(note)"}"#))
        #expect(r.status == 3)
        #expect(r.stderr.contains("an event may be at most 1048576 bytes"))
        #expect(try digest(of: store) == before)
    }
}
