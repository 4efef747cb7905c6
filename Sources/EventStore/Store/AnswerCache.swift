/// Answers computed from the store, kept as data for as long as the store does not change.
///
/// Each answer is a file in `.register/<events>/answers/`, named by the SHA-256 of its key, the
/// head hash and the event count. The file holds the answer's JSON value (never rendered text, so
/// one entry serves every output format) beside the key, head and count it was computed at and a
/// SHA-256 checksum of the answer. An append (or anything that changes the head) makes every
/// earlier answer unreachable. The head is known cheaply only from a valid append state; without
/// one there is no cache (`EventStore.answerCache()` is nil), so a stale answer is never served.
///
/// The entry also names the event files the answer was computed from, with a digest over their
/// identities (`FileIdentity`: inode, size, modification and status-change times) as they were
/// read (`ReadWitness`): an event edited in place since, which leaves the head as it was, changes
/// its identity, and the entry is not served; the recomputation then reads the edited file and
/// reports the damage.
///
/// `load` serves an entry only when its key, head and count are the ones asked for, its checksum
/// matches the answer it holds and every file it names is as it was read; anything else (a
/// collision, damage, an edit) is ignored, and the caller's `save` of the recomputed answer
/// replaces it. Deleting the folder changes no answer.
public struct AnswerCache: Sendable {
    let folder: String
    public let eventCount: Int
    public let head: SHA256Digest

    private func path(_ key: String) -> String {
        folder + "/" + SHA256.hash(Array("\(eventCount) \(head.hex) \(key)".utf8)).hex + ".json"
    }

    /// The SHA-256 of the answer's canonical compact JSON, as 64 hex digits.
    public static func checksum(of answer: JSONValue) -> String {
        SHA256.hash(JSONWriter.compact(answer)).hex
    }

    /// The answer saved under `key` for the current head, or nil when there is none or it does not check out.
    public func load(_ key: String, in store: EventStore) -> JSONValue? {
        guard let bytes = try? FileSystem.read(path(key)), let entry = try? JSONParser.parse(bytes),
              entry["key"]?.string == key, entry["head"]?.string == head.hex, entry["eventCount"]?.integer == Int64(eventCount),
              let answer = entry["answer"], entry["checksum"]?.string == Self.checksum(of: answer),
              let files = entry["files"]?.string, let fingerprint = entry["filesFingerprint"]?.string,
              ReadWitness.fingerprint(of: files.isEmpty ? [] : files.split(separator: "\n").map(String.init), in: store) == fingerprint
        else { return nil }
        return answer
    }

    /// Saves an answer computed from the files `witness` saw, replacing any entry under the same
    /// key; nothing is saved when one of those files could not be examined. Failures are ignored (it is a cache).
    public func save(_ answer: JSONValue, for key: String, readAs witness: ReadWitness) {
        guard let read = witness.witnessed else { return }
        let entry: JSONValue = .object([
            "key": .string(key), "head": .string(head.hex), "eventCount": JSONValue(eventCount),
            "answer": answer, "checksum": .string(Self.checksum(of: answer)),
            "files": .string(read.paths.joined(separator: "\n")), "filesFingerprint": .string(read.fingerprint),
        ])
        try? FileSystem.makeDirectory(folder)
        try? FileSystem.replaceContents(of: path(key), with: JSONWriter.compact(entry))
    }
}

extension EventStore {
    /// The answer cache for the store as it is now, or nil when the head cannot be known without a replay.
    public func answerCache() -> AnswerCache? {
        guard let state = validAppendState() else { return nil }
        return AnswerCache(folder: cacheDirectory + "/answers", eventCount: state.sequence, head: state.headHash)
    }
}
