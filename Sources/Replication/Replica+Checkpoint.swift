import EventStore
import Foundation

extension Replica {
    /// The published history as this replica knows it: the last published commit, and the number
    /// and hash of its newest event (nil when nothing is published to this remote).
    public func publishedHead() throws -> (commit: String, sequence: Int, hash: SHA256Digest)? {
        guard let commit = lastPublished() else { return nil }
        guard let last = try check.lastEvent(at: commit) else { return (commit, 0, .zero) }
        return (commit, last.sequence, SHA256.hash(try repository.show(commit, folder + "/" + last.path)))
    }

    /// Records `checkpoint` (of the local store) as the annotated tag `checkpoint-<count>` on the
    /// published commit, signed with `signingKey` (`git tag -s`, `gpg.format=ssh`) when given, and
    /// pushes it to the remote when `push`. Returns the tag's name.
    ///
    /// Refuses (`checkpointNotPublished`) unless the checkpoint covers exactly the published
    /// history: a tag over events that were never published would make every auditor's `verify
    /// --checkpoint` report deleted events, and after renumbering, rewritten history. A tag the
    /// remote refuses is deleted again locally, so a later attempt can make it anew.
    public func tag(_ checkpoint: Checkpoint, signingKey: String?, push: Bool) throws -> String {
        let published = try publishedHead()
        guard let published, published.sequence == checkpoint.eventCount, published.hash == checkpoint.head else {
            throw ReplicationError.checkpointNotPublished(remote: remote, localEvents: checkpoint.eventCount,
                                                          publishedEvents: published?.sequence ?? 0)
        }
        let name = CheckpointTag.name(eventCount: checkpoint.eventCount)
        var arguments = ["tag", signingKey == nil ? "-a" : "-s", name, "-m", checkpoint.text, published.commit]
        if let key = signingKey { arguments = ["-c", "gpg.format=ssh", "-c", "user.signingkey=\(key)"] + arguments }
        let created = try repository.runAllowingFailure(arguments, environment: identity)
        guard created.status == 0 else {
            throw ReplicationError.repository("cannot create tag \(name): \(created.error.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        guard push else { return name }
        let pushed: GitRepository.PushResult
        do { pushed = try repository.push("refs/tags/\(name)", to: remote) } catch let error as GitError {
            _ = try? repository.run(["tag", "-d", name])
            throw ReplicationError.repository("cannot push tag \(name) to '\(remote)': \(error.message)")
        }
        switch pushed {
        case .pushed:
            return name
        case .refused(let reason, let messages):
            _ = try? repository.run(["tag", "-d", name])
            throw ReplicationError.pushRefused(remote: remote, reason: reason, messages: messages)
        case .lostRace(let reason):
            // A tag is not a branch: "non-fast-forward" here means the remote has another tag of that name.
            _ = try? repository.run(["tag", "-d", name])
            throw ReplicationError.pushRefused(remote: remote, reason: reason, messages: [])
        }
    }
}
