import Synchronization

/// The event files a computation read, each with its identity (`FileIdentity`) taken just before
/// it was read: an answer computed from them may be served again only while every one of them is
/// still the file it read (see `AnswerCache`).
///
/// A witness rides on an `EventStore` (`witnessed(by:)`) and is told of every event file read
/// through that store's index (`StoreIndex.envelope(at:)`): exactly the files a question reads.
public final class ReadWitness: Sendable {
    private let reads = Mutex<[String: FileIdentity?]>([:])

    public init() {}

    func record(_ relativePath: String, identity: FileIdentity?) {
        reads.withLock { reads in
            // The first identity counts: it was taken before the first read.
            if reads[relativePath] == nil { reads[relativePath] = .some(identity) }
        }
    }

    /// The files read (paths inside the events folder), in name order, and a digest over their
    /// identities when each was read; nil when one of them could not be examined.
    public var witnessed: (paths: [String], fingerprint: String)? {
        let reads = reads.withLock { $0 }
        let paths = reads.keys.sorted()
        var identities: [FileIdentity] = []
        for path in paths {
            guard let identity = reads[path] ?? nil else { return nil }
            identities.append(identity)
        }
        return (paths, Self.fingerprint(paths, identities))
    }

    /// The digest over these files' identities now, in `store`; nil when one is missing or cannot be examined.
    public static func fingerprint(of paths: [String], in store: EventStore) -> String? {
        var identities: [FileIdentity] = []
        identities.reserveCapacity(paths.count)
        for path in paths {
            guard let identity = FileIdentity.of(store.path(path)) else { return nil }
            identities.append(identity)
        }
        return fingerprint(paths, identities)
    }

    private static func fingerprint(_ paths: [String], _ identities: [FileIdentity]) -> String {
        var hasher = SHA256()
        for (path, identity) in zip(paths, identities) { hasher.update(Array((path + " " + identity.text + "\n").utf8)) }
        return hasher.finalize().hex
    }
}

extension EventStore {
    /// This store with `witness` told of every event file read through its index.
    public func witnessed(by witness: ReadWitness) -> EventStore {
        var copy = self
        copy.readWitness = witness
        return copy
    }
}
