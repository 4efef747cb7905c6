/// Answers computed from the store, kept for as long as the store does not change.
///
/// Each answer is a file in `.register/<events>/answers/`, named by the SHA-256 of its key; the
/// key always includes the head hash and event count, so an append (or anything that changes
/// the head) makes every earlier answer unreachable. The head is known cheaply only from a
/// valid append state; without one there is no cache (`EventStore.answerCache()` is nil), so
/// a stale answer is never served. A file whose stored key differs from the requested key
/// (a collision or damage) is ignored. Deleting the folder changes no answer.
public struct AnswerCache: Sendable {
    let folder: String
    public let eventCount: Int
    public let head: SHA256Digest

    private func path(_ key: String) -> String { folder + "/" + SHA256.hash(Array(fullKey(key).utf8)).hex + ".json" }
    private func fullKey(_ key: String) -> String { "\(eventCount) \(head.hex) \(key)" }

    /// The answer saved under `key` for the current head, or nil.
    public func load(_ key: String) -> String? {
        guard let bytes = try? FileSystem.read(path(key)), let json = try? JSONParser.parse(bytes),
              json["key"]?.string == fullKey(key), let answer = json["answer"]?.string else { return nil }
        return answer
    }

    /// Saves an answer; failures are ignored (it is a cache).
    public func save(_ answer: String, for key: String) {
        try? FileSystem.makeDirectory(folder)
        try? FileSystem.replaceContents(of: path(key), with: JSONWriter.compact(.object(["key": .string(fullKey(key)), "answer": .string(answer)])))
    }
}

extension EventStore {
    /// The answer cache for the store as it is now, or nil when the head cannot be known without a replay.
    public func answerCache() -> AnswerCache? {
        guard let state = validAppendState() else { return nil }
        return AnswerCache(folder: cacheDirectory + "/answers", eventCount: state.sequence, head: state.headHash)
    }
}
