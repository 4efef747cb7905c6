import TestSupport
import EventStore
import Foundation
import Testing

/// The push hook judges a correction as `append` does: against its target as it stands in the
/// published history, read from git.
@Suite(.serialized) struct AmendmentReplicationTests {
    let temp: TemporaryFolder
    let bare: String

    init() throws {
        temp = try TemporaryFolder("amendment-git")
        bare = temp.path("shared.git")
        _ = try runGit(["init", "-q", "--bare", "-b", "main", bare])
        #expect(CLI.run(["install-hook", bare]).status == 0)
        let first = try clone("first")
        try FileManager.default.removeItem(atPath: first + "/events")
        _ = try temp.copyOfShippedEvents("first/events")
        #expect(CLI.run(["publish", "--events", first + "/events"], environment: gitIdentity).status == 0)
    }

    func clone(_ name: String) throws -> String {
        let path = temp.path(name)
        _ = try runGit(["clone", "-q", bare, path])
        try? FileManager.default.createDirectory(atPath: path + "/events", withIntermediateDirectories: true)
        return path
    }

    func correction(_ fields: JSONValue) throws -> EventDraft {
        EventDraft(id: "fix-\(UUID().uuidString.prefix(6))", type: "correction", schemaVersion: 2, effectiveDate: try CalendarDate(iso: "2023-01-10"),
                   actor: "griffie:test", source: EventSource(document: "x", zaaknummer: nil),
                   payload: ["corrects": "res-404-addition-2019", "reason": "r", "payload": fields])
    }

    @Test func aPushedCorrectionThatMovesAnEventIsRefusedAndAGoodOneIsAccepted() throws {
        let forger = try clone("forger")
        // Written without the domain's rules, as a tool that bypasses append would, chained correctly.
        _ = try EventStore(directory: forger + "/events").append(try correction(["reserve": "999"]))
        _ = try runGit(["add", "events"], in: forger)
        _ = try runGit(["commit", "-qm", "move"], in: forger)
        let push = try runGit(["push", "-q", "origin", "HEAD:main"], in: forger)
        #expect(push.status != 0)
        #expect(push.stderr.contains("a correction cannot change what the event is about"), "\(push.stderr)")

        let clerk = try clone("clerk")
        _ = try EventStore(directory: clerk + "/events").append(try correction(["amountCents": 450_000_000]))
        _ = try runGit(["add", "events"], in: clerk)
        _ = try runGit(["commit", "-qm", "fix"], in: clerk)
        let good = try runGit(["push", "-q", "origin", "HEAD:main"], in: clerk)
        #expect(good.status == 0, "\(good.stderr)")
    }
}
