import Foundation
import Testing
import Replication

/// Splitting a tag object as git does to verify it: the signed payload is everything before the
/// last line that begins a signature, and the message is the checkpoint text alone.
@Suite struct CheckpointTagTests {
    static let head = "object 4b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c\ntype commit\ntag checkpoint-24\ntagger test <t@example.org> 1700000000 +0000\n\n"
    static let text = "register checkpoint v1\nevents 24\nroot \(String(repeating: "ab", count: 32))\nhead \(String(repeating: "cd", count: 32))\ntime 2026-11-23T15:00:00.000Z\n"
    static let signature = "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n"

    @Test func aSignedTagSplitsIntoPayloadAndSignature() throws {
        let tag = try CheckpointTag(name: "checkpoint-24", objectBytes: Array((Self.head + Self.text + Self.signature).utf8))
        #expect(tag.object == "4b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c")
        #expect(tag.message == Self.text)
        #expect(tag.signedPayload == Array((Self.head + Self.text).utf8))
        #expect(tag.signature == Array(Self.signature.utf8))
        #expect(try tag.checkpoint().eventCount == 24)
    }

    @Test func anUnsignedTagIsAllPayload() throws {
        let tag = try CheckpointTag(name: "checkpoint-24", objectBytes: Array((Self.head + Self.text).utf8))
        #expect(tag.signature == nil)
        #expect(tag.message == Self.text)
    }

    @Test func aMessageThatIsNoCheckpointIsRefused() throws {
        let tag = try CheckpointTag(name: "checkpoint-24", objectBytes: Array((Self.head + "release 1.0\n").utf8))
        #expect(throws: ReplicationError.self) { try tag.checkpoint() }
    }
}
