/// Checks a whole store through the replay API, as an auditor would.
///
/// The verifier is not the writer: it only reads through `EventStore.replay` and the
/// folder listing, so a bug in `append` cannot hide itself from `verify`.
public struct StoreVerifier {
    public let store: EventStore

    public init(store: EventStore) { self.store = store }

    /// The outcome of a full check.
    public struct Report: Sendable {
        public var eventCount = 0
        public var byteCount = 0
        public var head: SHA256Digest = .zero
        /// The first problem found, or nil when the store is intact.
        public var problem: (file: String, damage: Damage)?
        /// Leftover temporary files of interrupted appends: reported, but not damage to the
        /// history (they were never linked into it; the next append removes them).
        public var leftoverTemporaries: [String] = []
        public var isIntact: Bool { problem == nil }
    }

    /// Replays everything; reports the first bad file or stranger, and lists leftover temporaries.
    public func verify(progress: ((Int) -> Void)? = nil) throws -> Report {
        var report = Report()
        let listing = try store.listing()
        do {
            try store.replay { event in
                report.eventCount += 1
                report.byteCount += event.byteCount
                report.head = event.hash
                if let progress, report.eventCount % 10_000 == 0 { progress(report.eventCount) }
            }
        } catch StoreError.damaged(let file, let damage) {
            report.problem = (file, damage)
            return report
        }
        report.leftoverTemporaries = listing.temporaries
        if let stranger = listing.unexpected.first {
            report.problem = (stranger, .unexpectedFile)
        }
        return report
    }
}
