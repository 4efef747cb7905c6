import EventStore
import Foundation

/// An annotated git tag `checkpoint-N` whose message is a checkpoint's text (`register checkpoint
/// --tag`), perhaps signed (`git tag -s`, an OpenSSH or OpenPGP signature after the message).
///
/// A tag proves nothing by itself: anyone who can push tags can make one. What makes it worth
/// trusting is a signature by a key the register allows (checked by the `Signing` module), and
/// the push hook, which refuses a checkpoint tag whose count and root are not those of the
/// published history it points at (`check(in:folder:main:)`).
public struct CheckpointTag: Sendable {
    public static let prefix = "checkpoint-"

    public let name: String
    /// The commit the tag points at.
    public let object: String
    /// The tag's message: the checkpoint text (the signature excluded).
    public let message: String
    /// The bytes a tag signature signs: the tag object up to the signature.
    public let signedPayload: [UInt8]
    /// The armored signature after the message; nil for an unsigned tag.
    public let signature: [UInt8]?

    /// The tag's name for a checkpoint of `eventCount` events.
    public static func name(eventCount: Int) -> String { prefix + String(eventCount) }

    /// The lines that begin a tag signature (git's `parse_signed_buffer`: the last such line starts it).
    static let signatureMarkers = ["-----BEGIN PGP SIGNATURE-----", "-----BEGIN PGP MESSAGE-----", "-----BEGIN SSH SIGNATURE-----",
                                   "-----BEGIN SIGNED MESSAGE-----"].map { Array($0.utf8) }

    /// Splits a tag object (`git cat-file tag`): headers, a blank line, the message, and maybe a
    /// signature block from the last line that begins one (as git splits it to verify it).
    public init(name: String, objectBytes: [UInt8]) throws(ReplicationError) {
        let text = String(decoding: objectBytes, as: UTF8.self)
        guard let blank = text.range(of: "\n\n") else {
            throw .checkpointTagInvalid(tag: name, reason: "it is not an annotated tag with a message")
        }
        guard let objectLine = text[..<blank.lowerBound].split(separator: "\n").first(where: { $0.hasPrefix("object ") }) else {
            throw .checkpointTagInvalid(tag: name, reason: "its tag object names no object")
        }
        var signatureStart = objectBytes.count
        var lineStart = 0
        while lineStart < objectBytes.count {
            let line = objectBytes[lineStart...]
            if Self.signatureMarkers.contains(where: { line.starts(with: $0) }) { signatureStart = lineStart }
            lineStart = (line.firstIndex(of: UInt8(ascii: "\n")) ?? objectBytes.count - 1) + 1
        }
        self.name = name
        object = String(objectLine.dropFirst("object ".count))
        signedPayload = Array(objectBytes[..<signatureStart])
        signature = signatureStart < objectBytes.count ? Array(objectBytes[signatureStart...]) : nil
        let payloadText = String(decoding: signedPayload, as: UTF8.self)
        message = payloadText.range(of: "\n\n").map { String(payloadText[$0.upperBound...]) } ?? ""
    }

    /// Reads the tag `name` (e.g. `checkpoint-24`) from `repository`, or the tag object `object`
    /// (an object id: in a pre-receive hook the ref does not exist yet); nil when there is no such
    /// object. A lightweight tag (no tag object, no message) is refused.
    public static func read(_ name: String, object: String? = nil, in repository: GitRepository) throws -> CheckpointTag? {
        let short = name.hasPrefix("refs/tags/") ? String(name.dropFirst("refs/tags/".count)) : name
        let id = object ?? "refs/tags/" + short
        let kind = try repository.runAllowingFailure(["cat-file", "-t", id])
        guard kind.status == 0 else { return nil }
        guard kind.output.trimmingCharacters(in: .whitespacesAndNewlines) == "tag" else {
            throw ReplicationError.checkpointTagInvalid(tag: short, reason: "it is a lightweight tag; a checkpoint tag is an annotated tag "
                                                        + "holding the checkpoint text ('register checkpoint --tag')")
        }
        return try CheckpointTag(name: short, objectBytes: Array(try repository.run(["cat-file", "tag", id]).utf8))
    }

    /// The newest `checkpoint-N` tag of `repository` (highest N), or nil when it has none.
    public static func latest(in repository: GitRepository) -> String? {
        guard let listing = try? repository.run(["tag", "-l", prefix + "*", "--sort=-v:refname"]) else { return nil }
        return listing.split(separator: "\n").first.map(String.init)
    }

    /// The checkpoint the message holds.
    public func checkpoint() throws(ReplicationError) -> Checkpoint {
        do { return try Checkpoint(text: message) } catch {
            throw .checkpointTagInvalid(tag: name, reason: "its message is not a checkpoint (\(error))")
        }
    }

    /// Refuses a checkpoint tag that does not describe the published history it points at: it
    /// must be named `checkpoint-<its event count>`, point at a commit in `main`'s history
    /// (`main`: the commit main will have after the push), and its count, root and head must be
    /// those of the events folder at that commit (every event read and chained by `ChainChecker`).
    public func check(in repository: GitRepository, folder: String, main: String?) throws {
        let checkpoint = try checkpoint()
        guard name == Self.name(eventCount: checkpoint.eventCount) else {
            throw ReplicationError.checkpointTagInvalid(tag: name, reason: "it holds a checkpoint of \(checkpoint.eventCount) events; "
                                                        + "it must be named \(Self.name(eventCount: checkpoint.eventCount))")
        }
        guard let commit = repository.commit(object) else {
            throw ReplicationError.checkpointTagInvalid(tag: name, reason: "it does not point at a commit")
        }
        guard let main, try repository.runAllowingFailure(["merge-base", "--is-ancestor", commit, main]).status == 0 else {
            throw ReplicationError.checkpointTagInvalid(tag: name, reason: "it points at \(commit.prefix(12)), which is not in main's published history; "
                                                        + "a checkpoint covers only published history: publish first, then tag")
        }
        let actual = try AppendOnlyCheck(repository: repository, folder: folder).checkpoint(at: commit, time: checkpoint.time)
        if actual.eventCount != checkpoint.eventCount || actual.root != checkpoint.root || actual.head != checkpoint.head {
            throw ReplicationError.checkpointMismatch(tag: name, claimedEvents: checkpoint.eventCount, claimedRoot: checkpoint.root.hex,
                                                      actualEvents: actual.eventCount, actualRoot: actual.root.hex)
        }
    }
}
