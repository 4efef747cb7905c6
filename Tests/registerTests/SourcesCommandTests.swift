import TestSupport
import EventStore
import Foundation
import Testing
@testable import RegisterCLI

/// `register sources` and `register verify-sources DIR`: the recorded SHA-256 of every cited
/// document, and a folder of copies checked against them.
@Suite struct SourcesCommandTests {
    static let hashOfHello = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"  // printf hello | sha256sum

    /// A store whose events cite `a.txt` (hash recorded), `b.txt` (hash recorded) and `c.txt` (none).
    static func store(_ temp: TemporaryFolder) throws -> String {
        let store = try temp.folder()
        try appendWithoutChecks([
            UncheckedEvent(id: "n1", type: "decision-taken", payload: ["decision": "D1", "body": "raad", "date": .null], document: "a.txt"),
            UncheckedEvent(id: "n2", type: "decision-taken", payload: ["decision": "D2", "body": "raad", "date": .null], document: "b.txt"),
            UncheckedEvent(id: "n3", type: "decision-taken", payload: ["decision": "D3", "body": "raad", "date": .null], document: "c.txt"),
        ], to: store)
        for (id, document, hash) in [("src-a", "a.txt", hashOfHello), ("src-b", "b.txt", String(repeating: "0", count: 64))] {
            let event = """
                {"id": "\(id)", "type": "source-document", "effectiveDate": "2026-11-30", "actor": "griffie:test",
                 "source": {"document": "\(document)", "zaaknummer": null},
                 "payload": {"document": "\(document)", "sha256": "\(hash)", "address": "https://example.org/\(document)"}}
                """
            let r = CLI.run(["append", "-", "--events", store], stdin: event)
            #expect(r.status == 0, "\(r.stderr)")
        }
        return store
    }

    @Test func sourcesListsEveryCitedDocumentWithItsHashAndCitingEvents() throws {
        let temp = try TemporaryFolder("sources")
        let store = try Self.store(temp)
        let r = CLI.run(["sources", "--json", "--events", store])
        #expect(r.status == 0, "\(r.stderr)")
        let sources = try JSONParser.parse(r.stdout).object?["sources"]?.array ?? []
        #expect(sources.map { $0.object?["document"]?.string } == ["a.txt", "b.txt", "c.txt"])
        let a = sources[0].object ?? [:]
        #expect(a["sha256"]?.string == Self.hashOfHello)
        #expect(a["address"]?.string == "https://example.org/a.txt")
        #expect(a["recordedBy"]?.string == "src-a")
        #expect(a["citedBy"]?.array?.map(\.string) == ["n1"])
        // The same keys for a document with no hash recorded, null where nothing is known.
        let c = sources[2].object ?? [:]
        #expect(Set(c.keys) == Set(a.keys))
        #expect(c["sha256"] == .null && c["recordedBy"] == .null)
        let text = CLI.run(["sources", "--events", store])
        #expect(text.stdout.contains("c.txt  no hash recorded"), "\(text.stdout)")
    }

    @Test func verifySourcesNamesEachDocumentsStatus() throws {
        let temp = try TemporaryFolder("verify-sources")
        let store = try Self.store(temp)
        let folder = try temp.folder("docs")
        try writeBytes(Array("hello".utf8), to: folder + "/a.txt")    // the recorded bytes
        try writeBytes(Array("hello!".utf8), to: folder + "/b.txt")   // other bytes
        try writeBytes(Array("x".utf8), to: folder + "/extra.txt")    // cited by no event
        let r = CLI.run(["verify-sources", folder, "--json", "--events", store])
        #expect(r.status == 1)
        let result = try JSONParser.parse(r.stdout).object ?? [:]
        #expect(result["verified"] == .bool(false))
        let statuses = (result["documents"]?.array ?? []).map { ($0.object?["document"]?.string ?? "", $0.object?["status"]?.string ?? "") }
        #expect(statuses.map(\.0) == ["a.txt", "b.txt", "c.txt", "extra.txt"])
        #expect(statuses.map(\.1) == ["verified", "different", "no-hash-recorded", "not-cited"])
        let text = CLI.run(["verify-sources", folder, "--events", store])
        #expect(text.stdout.contains("verified  a.txt") && text.stdout.contains("DIFFERENT  b.txt") && text.stdout.contains("1 of 3 cited document(s) verified"),
                "\(text.stdout)")
        // A missing file is named.
        try FileManager.default.removeItem(atPath: folder + "/a.txt")
        #expect(CLI.run(["verify-sources", folder, "--events", store]).stdout.contains("MISSING  a.txt"))
    }

    @Test func verifySourcesPassesWhenEveryCitedDocumentMatches() throws {
        let temp = try TemporaryFolder("verify-sources-ok")
        let store = try temp.folder()
        try appendWithoutChecks([UncheckedEvent(id: "n1", type: "decision-taken", payload: ["decision": "D1", "body": "raad", "date": .null],
                                                document: "a.txt")], to: store)
        let event = """
            {"type": "source-document", "effectiveDate": "2026-11-30", "actor": "griffie:test", "source": {"document": "a.txt", "zaaknummer": null},
             "payload": {"document": "a.txt", "sha256": "\(Self.hashOfHello)"}}
            """
        #expect(CLI.run(["append", "-", "--events", store], stdin: event).status == 0)
        let folder = try temp.folder("docs")
        try writeBytes(Array("hello".utf8), to: folder + "/a.txt")
        let r = CLI.run(["verify-sources", folder, "--events", store])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        // A second hash for the same document is refused: correct the first instead.
        let again = CLI.run(["append", "-", "--events", store], stdin: event.replacingOccurrences(of: Self.hashOfHello, with: String(repeating: "1", count: 64)))
        #expect(again.status == 3 && again.stderr.contains("already has its hash recorded"), "\(again.stderr)")
    }

    @Test func verifySourcesNeedsAFolder() {
        let r = CLI.run(["verify-sources", "/nonexistent/sources", "--events", Repository.shippedEvents])
        #expect(r.status == 2 && r.stderr.contains("is not a folder"), "\(r.stderr)")
        #expect(CLI.run(["verify-sources", "--events", Repository.shippedEvents]).status == 2)
    }

    /// The shipped history records the SHA-256 of each of its five source documents.
    @Test func theShippedHistoryRecordsEverySourcesHash() throws {
        let r = CLI.run(["sources", "--json", "--events", Repository.shippedEvents])
        let sources = try JSONParser.parse(r.stdout).object?["sources"]?.array ?? []
        #expect(sources.count == 5)
        for source in sources {
            let hash = source.object?["sha256"]?.string ?? ""
            #expect(hash.count == 64, "\(source)")
            #expect((source.object?["citedBy"]?.array ?? []).count > 0)
        }
    }
}
