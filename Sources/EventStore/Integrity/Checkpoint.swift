/// A published commitment to the first `eventCount` events of a store.
///
/// A clerk prints one with `register checkpoint` and publishes it outside the register
/// (council minutes, the archive, an email to the accountant). Later, `verify --checkpoint`
/// proves the store still begins with exactly those events: deleting the newest events or
/// rewriting history with a recomputed chain changes the root. The text form is:
///
///     register checkpoint v1
///     events 24
///     root 3f…(64 hex)
///     head 0c…(64 hex)
///     time 2026-11-23T15:00:00.000Z
public struct Checkpoint: Equatable, Sendable {
    public let eventCount: Int
    /// RFC 9162 Merkle root over the first `eventCount` event hashes.
    public let root: SHA256Digest
    /// The hash of event `eventCount`: names the last event the checkpoint covers.
    public let head: SHA256Digest
    public let time: RecordedInstant

    public init(eventCount: Int, root: SHA256Digest, head: SHA256Digest, time: RecordedInstant) {
        self.eventCount = eventCount
        self.root = root
        self.head = head
        self.time = time
    }

    public var text: String {
        "register checkpoint v1\nevents \(eventCount)\nroot \(root.hex)\nhead \(head.hex)\ntime \(time.iso)\n"
    }

    /// Parses the text form; line order does not matter, unknown lines are refused.
    public init(text: String) throws(StoreError) {
        var fields: [String: String] = [:]
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard lines.first == "register checkpoint v1" else {
            throw .invalidField(field: "checkpoint", problem: "does not start with 'register checkpoint v1'",
                                expected: "the text printed by 'register checkpoint'")
        }
        for line in lines.dropFirst() {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["events", "root", "head", "time"].contains(parts[0]), fields[parts[0]] == nil else {
                throw .invalidField(field: "checkpoint", problem: "unexpected line '\(line)'", expected: "lines 'events N', 'root HASH', 'head HASH', 'time INSTANT'")
            }
            fields[parts[0]] = parts[1]
        }
        guard let countText = fields["events"], let count = Int(countText), count >= 0 else {
            throw .invalidField(field: "checkpoint.events", problem: "missing or not a number", expected: "events N")
        }
        guard let root = fields["root"].flatMap(SHA256Digest.init(hex:)) else {
            throw .invalidField(field: "checkpoint.root", problem: "missing or not 64 lower-case hex digits", expected: "root HASH")
        }
        guard let head = fields["head"].flatMap(SHA256Digest.init(hex:)) else {
            throw .invalidField(field: "checkpoint.head", problem: "missing or not 64 lower-case hex digits", expected: "head HASH")
        }
        guard let timeText = fields["time"], let time = try? RecordedInstant(iso: timeText) else {
            throw .invalidField(field: "checkpoint.time", problem: "missing or malformed", expected: "time YYYY-MM-DDTHH:MM:SS.mmmZ")
        }
        self.init(eventCount: count, root: root, head: head, time: time)
    }
}

import Foundation
