/// Checks a whole store through the replay API, as an auditor would, and names every damaged
/// or foreign file rather than stopping at the first.
///
/// The verifier is not the writer: it only reads through `EventStore.replay` and the
/// folder listing, so a bug in `append` cannot hide itself from `verify`.
public struct StoreVerifier {
    public let store: EventStore
    /// Checks each event's signature when the store uses signatures; nil skips signatures.
    public let signatures: (any SignatureChecker)?
    /// The moment of the check: an event recorded after it (beyond `clockTolerance`) is damage.
    public let now: RecordedInstant
    /// How far another machine's clock may run ahead of this one's: five minutes.
    public static let clockToleranceMilliseconds: Int64 = 5 * 60 * 1000
    /// How many problems a report lists; `problemCount` counts them all.
    public static let listedProblems = 100

    public init(store: EventStore, signatures: (any SignatureChecker)? = nil, now: RecordedInstant = .now()) {
        self.store = store
        self.signatures = signatures
        self.now = now
    }

    /// The events folder's allowed_signers file, when it has one: a regular file itself (a link,
    /// a pipe or a folder under its name is damage, `verify` says, and is never handed to `ssh-keygen`).
    public var allowedSignersPath: String? {
        let path = store.path(EventFileName.allowedSignersName)
        return Syscall.kind(ofPath: path) == .regularFile && allowedSignersDamage() == nil ? path : nil
    }

    /// The largest allowed_signers file handed to `ssh-keygen` (1 MiB: thousands of keys).
    static let maximumAllowedSignersBytes = 1 << 20

    /// What is wrong with what is under the allowed_signers name, or nil (nothing there, or a sound file).
    private func allowedSignersDamage() -> Damage? {
        let path = store.path(EventFileName.allowedSignersName)
        switch Syscall.kind(ofPath: path) {
        case nil, .regularFile?:
            guard let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int,
                  size > Self.maximumAllowedSignersBytes else { return nil }
            // Signature damage: the file that says who may sign (an "unreadable event" it is not).
            return .badSignature("the allowed_signers file is larger than the \(Self.maximumAllowedSignersBytes) bytes it may be; it was not read")
        case let kind?:
            return .wrongKind(found: kind, expected: .regularFile)
        }
    }

    /// The outcome of a full check.
    public struct Report: Sendable {
        public var eventCount = 0
        public var byteCount = 0
        public var head: SHA256Digest = .zero
        /// Every damaged or foreign file, in the order found (the chain first, then strangers),
        /// at most `StoreVerifier.listedProblems` of them.
        public var problems: [(file: String, damage: Damage)] = []
        /// How many problems there are, listed or not.
        public var problemCount = 0
        /// The first problem found, or nil when the store is intact.
        public var problem: (file: String, damage: Damage)? { problems.first }
        /// Leftover temporary files of interrupted appends: reported, but not damage to the
        /// history (they were never linked into it; the next append removes them).
        public var leftoverTemporaries: [String] = []
        /// Signature findings; empty when the store uses no signatures at all.
        public var signatures = SignatureReport()
        public var isIntact: Bool { problemCount == 0 }

        mutating func add(_ file: String, _ damage: Damage) {
            problemCount += 1
            if problems.count < StoreVerifier.listedProblems { problems.append((file, damage)) }
        }
    }

    /// Which events are signed by an allowed key, which are not, and which signatures are bad.
    public struct SignatureReport: Sendable {
        /// Whether the store uses signatures (an allowed_signers file or any signature).
        public var checked = false
        public var valid: [String] = []
        public var unsigned: [String] = []
        public var notAllowed: [(file: String, reason: String)] = []
        /// Signatures that do not match their event's bytes: always damage.
        public var invalid: [(file: String, reason: String)] = []
    }

    /// Replays everything and names every damaged or foreign file (the chain's damage in
    /// order, then files of the wrong kind, strangers and orphaned signatures), and lists
    /// leftover temporaries. `eventCount` counts the events that passed.
    public func verify(progress: ((Int) -> Void)? = nil) throws -> Report {
        try verify(progress: progress, prepare: { _, _ in () }, each: { _, _ in })
    }

    /// The same, with the caller's own reading of each event that passed: `prepare` runs on all
    /// cores as the files are read (see `EventStore.replay(prepare:_:)`), `each` in order.
    public func verify<Prepared: Sendable>(progress: ((Int) -> Void)? = nil,
                                           prepare: @escaping @Sendable (EventEnvelope, SHA256Digest) -> Prepared,
                                           each: (StoredEvent, Prepared) throws -> Void) throws -> Report {
        var report = Report()
        let listing = try store.listing()
        let signersDamage = allowedSignersDamage()
        if let signersDamage { report.add(EventFileName.allowedSignersName, signersDamage) }
        report.signatures.checked = signatures != nil && (allowedSignersPath != nil || !listing.signatures.isEmpty)
        let latest = RecordedInstant(millisecondsSinceEpoch: now.millisecondsSinceEpoch + Self.clockToleranceMilliseconds)
        try store.replay(listing: listing, survey: { file, damage in report.add(file, damage) }, prepare: prepare) { event, prepared in
            try each(event, prepared)
            report.eventCount += 1
            report.byteCount += event.byteCount
            report.head = event.hash
            if event.envelope.recordedAt > latest {
                report.add(event.path, .recordedInFuture(recordedAt: event.envelope.recordedAt.iso, now: now.iso))
            }
            if report.signatures.checked, let signatures {
                try check(signatureOf: event, listing: listing, with: signatures, into: &report.signatures)
            }
            if let progress, report.eventCount % 10_000 == 0 { progress(report.eventCount) }
        }
        report.leftoverTemporaries = listing.temporaries
        for bad in report.signatures.invalid { report.add(bad.file, .badSignature(bad.reason)) }
        for entry in listing.wrongKind { report.add(entry.path, .wrongKind(found: entry.found, expected: entry.expected)) }
        let eventNames = Set(listing.signatures.isEmpty ? [] : listing.events.map(\.path))
        let orphans = listing.signatures.filter { !eventNames.contains($0.key) }.map(\.value)
        for stranger in (listing.unexpected + orphans).sorted() { report.add(stranger, .unexpectedFile) }
        return report
    }

    private func check(signatureOf event: StoredEvent, listing: EventStore.Listing, with checker: any SignatureChecker,
                       into report: inout SignatureReport) throws {
        guard let signature = listing.signatures[event.path] else {
            report.unsigned.append(event.path)
            return
        }
        do {
            _ = try FileSystem.readRegularFile(store.path(signature), limit: EventStore.maximumSignatureBytes)
        } catch IrregularFile.larger(let limit) {
            report.invalid.append((signature, "is larger than \(limit) bytes, more than any signature; it was not checked"))
            return
        } catch IrregularFile.kind(let kind) {
            report.invalid.append((signature, "is a \(kind), not a regular file; it was not checked"))
            return
        }
        let bytes = try FileSystem.read(store.path(event.path))
        switch try checker.verdict(eventBytes: bytes, signaturePath: store.path(signature), principal: event.envelope.actor) {
        case .valid: report.valid.append(event.path)
        case .signerNotAllowed(let why): report.notAllowed.append((event.path, why))
        case .invalid(let why): report.invalid.append((signature, why))
        }
    }
}

import Foundation
