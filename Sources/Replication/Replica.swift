import EventStore
import Foundation

/// A store that lives in a git repository and is published to a shared remote's `main`.
///
/// What was published is remembered as the ref `refs/register/published/<remote>`: the last
/// remote commit this replica verified or pushed. Events in the folder that are not in that
/// commit are unpublished; they may still be renumbered and re-chained when someone else
/// published first (nobody holds their hashes yet). Published events are never rewritten.
///
/// The recorded instant of an event is the moment of its local append; when publishing puts
/// it after events that were recorded later elsewhere, it is moved forward to the recorded
/// instant of the event before it, so recorded instants never go backwards in a published
/// history and ordinary concurrent publishing makes no "recorded out of order" finding.
public struct Replica {
    public let store: EventStore
    public let repository: GitRepository
    /// The events folder relative to the repository's top.
    public let folder: String
    public let remote: String

    public init(store: EventStore, remote: String) throws {
        guard let repository = GitRepository.containing(store.directory) else {
            throw ReplicationError.repository("\(store.directory) is not inside a git repository; publish and sync need one (git init, git remote add origin URL)")
        }
        let top = URL(fileURLWithPath: repository.path).resolvingSymlinksInPath().path
        let events = URL(fileURLWithPath: store.directory).resolvingSymlinksInPath().path
        guard events.hasPrefix(top + "/") else { throw ReplicationError.repository("\(events) is not below \(top)") }
        self.store = store
        self.repository = repository
        self.folder = String(events.dropFirst(top.count + 1))
        self.remote = remote
    }

    var publishedRef: String { "refs/register/published/\(remote)" }

    /// The last published commit this replica knows: its own record, or for a fresh clone the
    /// commit it was cloned at (where HEAD and the remote-tracking ref meet).
    func lastPublished() -> String? {
        if let recorded = repository.commit(publishedRef) { return recorded }
        guard repository.commit("HEAD") != nil, repository.commit(remoteRef) != nil,
              let base = try? repository.run(["merge-base", "HEAD", remoteRef]).trimmingCharacters(in: .whitespacesAndNewlines),
              !base.isEmpty else { return nil }
        return base
    }
    var remoteRef: String { "refs/remotes/\(remote)/main" }
    var check: AppendOnlyCheck { AppendOnlyCheck(repository: repository, folder: folder) }

    /// What `publish` and `sync` did.
    public struct Report: Equatable, Sendable {
        /// Events that arrived from the remote.
        public var received = 0
        /// Local events that were renumbered to come after them.
        public var rechained = 0
        /// Local events now published.
        public var published = 0
        public var attempts = 0
        public var head: String = ""
    }

    /// Fetches the remote's `main` and checks it purely extends what was published; returns its commit (nil: no main yet).
    func fetchVerified<Policy: AppendPolicy>(policy: Policy) throws -> (commit: String?, added: [AppendOnlyCheck.AddedEvent]) {
        let fetch = try repository.runAllowingFailure(["fetch", "-q", remote, "+refs/heads/main:\(remoteRef)"])
        if fetch.status != 0 {
            if fetch.error.contains("couldn't find remote ref") || fetch.error.contains("could not find remote ref") {
                return (nil, [])
            }
            throw ReplicationError.repository("cannot fetch from '\(remote)': \(fetch.error.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        guard let remoteCommit = repository.commit(remoteRef) else { return (nil, []) }
        let published = lastPublished()
        let added = try check.added(from: published, to: remoteCommit, policy: policy,
                                    names: NamesIndex(folder: store.cacheDirectory + "/published-names"))
        return (remoteCommit, added)
    }

    /// Brings the remote's published events in, checked; unpublished local events are renumbered after them.
    public func sync<Policy: AppendPolicy>(policy: Policy) throws -> Report {
        var report = Report()
        let published = lastPublished()
        let (remoteCommit, added) = try fetchVerified(policy: policy)
        guard let remoteCommit else { return report }
        report.received = added.count
        report.rechained = try rebase(onto: remoteCommit, published: published, added: added, policy: policy)
        try repository.run(["update-ref", publishedRef, remoteCommit])
        report.head = remoteCommit
        return report
    }

    /// Publishes unpublished local events, retrying after others published first, at most `attempts` times.
    ///
    /// Only a lost race (the remote's `main` moved on: a non-fast-forward) is retried. A push the
    /// remote refuses (its hook declined it) throws `pushRefused` with the hook's own message at once.
    public func publish<Policy: AppendPolicy>(policy: Policy, attempts: Int = 5) throws -> Report {
        var report = Report()
        var lastMessage = ""
        for attempt in 1...attempts {
            report.attempts = attempt
            let published = lastPublished()
            let (remoteCommit, added) = try fetchVerified(policy: policy)
            report.received += added.count
            if let remoteCommit {
                report.rechained += try rebase(onto: remoteCommit, published: published, added: added, policy: policy)
            }
            let unpublished = try unpublishedFiles(comparedTo: remoteCommit)
            if unpublished.isEmpty {
                if let remoteCommit { try repository.run(["update-ref", publishedRef, remoteCommit]) }
                report.head = remoteCommit ?? ""
                return report
            }
            let paths = unpublished.map { folder + "/" + $0 }
            try repository.run(["add", "--"] + paths)
            // After an interrupted publish HEAD may already hold them: then there is nothing to commit.
            let staged = try repository.runAllowingFailure(["diff", "--cached", "--quiet", "--"] + paths)
            if staged.status != 0 {
                try repository.run(["commit", "-q", "--no-verify", "-m", "register: publish \(unpublished.filter { !$0.hasSuffix(EventFileName.signatureSuffix) }.count) event(s)",
                                    "--only", "--"] + paths, environment: identity)
            }
            let head = try repository.run(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
            let push: GitRepository.PushResult
            do { push = try repository.push("\(head):refs/heads/main", to: remote) } catch let error as GitError {
                throw ReplicationError.repository("cannot push to '\(remote)': \(error.message)")
            }
            switch push {
            case .pushed:
                try repository.run(["update-ref", publishedRef, head])
                try repository.run(["update-ref", remoteRef, head])
                report.published = unpublished.filter { EventFileName.sequence(of: EventShard.split($0).name) != nil }.count
                report.head = head
                return report
            case .lostRace(let reason):
                // Someone else published first: the next round renumbers after them.
                lastMessage = "the remote's main moved on (\(reason))"
            case .refused(let reason, let messages):
                // The remote (its hook) refused these events; another attempt would be refused the same way.
                throw ReplicationError.pushRefused(remote: remote, reason: reason, messages: messages)
            }
        }
        throw ReplicationError.pushRejected(attempts: attempts, message: lastMessage)
    }

    /// Event and signature files in the folder that come after the remote commit's newest event.
    /// (After `rebase` the folder holds the remote's history followed by the local events.)
    func unpublishedFiles(comparedTo commit: String?) throws -> [String] {
        let remoteHead = try commit.flatMap { try check.lastEvent(at: $0) }?.sequence ?? 0
        let local = try store.listing()
        let events = local.events.filter { $0.sequence > remoteHead }.map(\.path)
        return (events + events.compactMap { local.signatures[$0] }).sorted()
    }

    /// Makes the folder and HEAD equal to `commit`, then appends the unpublished local events after it.
    ///
    /// Crash-safe in this order: unpublished files move (newest first) into a stash in the cache
    /// folder, so the folder stays a gapless prefix; the stash is appended back event by event and
    /// each stash entry removed after its event is linked. A later run finishes an interrupted one;
    /// an event whose id is already in the store (appended before the crash, or published by an
    /// earlier push that was not acknowledged) is not appended twice.
    ///
    /// When nothing is unpublished and the append cache was current, the events that arrived are
    /// added to the cache, so the next append need not replay the whole history.
    func rebase<Policy: AppendPolicy>(onto commit: String, published: String?, added: [AppendOnlyCheck.AddedEvent],
                                      policy: Policy) throws -> Int {
        // Unpublished: what comes after the last published commit's newest event. (A published event
        // is never rewritten here, and a local event may share its number with a remote one.)
        let publishedHead = try published.flatMap { try check.lastEvent(at: $0) }?.sequence ?? 0
        // Under the append lock: no local append may land between moving events aside and putting them back.
        return try store.withAppendLock { locked in
            let local = try locked.listing()
            let localOnly = local.events.filter { $0.sequence > publishedHead }
            let stash = try locked.cacheFolder("unpublished")
            let stashed = (try? FileManager.default.contentsOfDirectory(atPath: stash)) ?? []
            if stashed.isEmpty && (localOnly.isEmpty || commit == published) {
                // Nothing to renumber: either nothing is unpublished, or nobody published since.
                if localOnly.isEmpty && repository.commit("HEAD") != commit {
                    let wereCurrent = locked.cachesAreCurrent(at: publishedHead)
                    try moveHead(to: commit)
                    if wereCurrent { locked.carryCachesForward(adding: added.map { ($0.envelope, $0.hash) }, policy: policy) }
                }
                return 0
            }
            try locked.moveAside(Array(localOnly), signatures: local.signatures, to: stash)
            try moveHead(to: commit)
            var rechained = 0
            let publishedIDs = Set(added.map(\.envelope.id))
            var lastRecorded = try locked.listing().events.last.map { try Self.envelope(at: store.path($0.path)).recordedAt }
            // In the order they were first recorded (a crash between rounds can leave stash names out of order).
            let entries = try FileManager.default.contentsOfDirectory(atPath: stash).filter { EventFileName.sequence(of: $0) != nil }
                .map { name in (name, try Self.envelope(at: stash + "/" + name)) }
                .sorted { ($0.1.recordedAt, $0.0) < ($1.1.recordedAt, $1.0) }
            for (name, envelope) in entries {
                if !publishedIDs.contains(envelope.id) {
                    let recorded = max(envelope.recordedAt, lastRecorded ?? envelope.recordedAt)
                    // Signatures are over the old bytes; a renumbered event is stored unsigned (verify reports it).
                    do {
                        let receipt = try locked.append(EventDraft(id: envelope.id, type: envelope.type, schemaVersion: envelope.schemaVersion,
                                                                   effectiveDate: envelope.effectiveDate, actor: envelope.actor, source: envelope.source,
                                                                   payload: envelope.payload), recordedAt: recorded, policy: policy)
                        if !receipt.alreadyStored {
                            lastRecorded = recorded
                            rechained += 1
                        }
                    } catch StoreError.duplicateEventID {
                        // Already in the store: appended before a crash, or published earlier.
                    }
                }
                try FileManager.default.removeItem(atPath: stash + "/" + name)
            }
            return rechained
        }
    }

    static func envelope(at path: String) throws -> EventEnvelope {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReplicationError.repository("cannot read \(path)")
        }
        return try EventEnvelope(stored: try JSONParser.parse(Array(data)))
    }

    /// Points HEAD at `commit` and makes the events folder (index and files) equal to its.
    private func moveHead(to commit: String) throws {
        if repository.commit("HEAD") == nil {
            try repository.run(["update-ref", "HEAD", commit])
        } else {
            try repository.run(["reset", "-q", "--soft", commit])
        }
        try repository.run(["reset", "-q", commit, "--", folder])
        try repository.run(["checkout", "-q", commit, "--", folder])
    }

    /// A committer identity when the repository has none configured (git refuses to commit without one).
    var identity: [String: String] {
        let configured = (try? repository.run(["config", "user.email"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard configured.isEmpty, ProcessEnvironment.value("GIT_COMMITTER_EMAIL") == nil else { return [:] }
        let name = ProcessEnvironment.value("REGISTER_ACTOR") ?? "register"
        return ["GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": "register@localhost",
                "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": "register@localhost"]
    }
}
