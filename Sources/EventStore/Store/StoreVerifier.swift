/// Checks a whole store through the replay API, as an auditor would.
///
/// The verifier is not the writer: it only reads through `EventStore.replay` and the
/// folder listing, so a bug in `append` cannot hide itself from `verify`.
public struct StoreVerifier {
    public let store: EventStore
    /// Checks each event's signature when the store uses signatures; nil skips signatures.
    public let signatures: (any SignatureChecker)?

    public init(store: EventStore, signatures: (any SignatureChecker)? = nil) {
        self.store = store
        self.signatures = signatures
    }

    /// The events folder's allowed_signers file, when it has one.
    public var allowedSignersPath: String? {
        let path = store.path(EventFileName.allowedSignersName)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

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
        /// Signature findings; empty when the store uses no signatures at all.
        public var signatures = SignatureReport()
        public var isIntact: Bool { problem == nil }
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

    /// Replays everything; reports the first bad file or stranger, and lists leftover temporaries.
    public func verify(progress: ((Int) -> Void)? = nil) throws -> Report {
        var report = Report()
        let listing = try store.listing()
        report.signatures.checked = signatures != nil && (allowedSignersPath != nil || !listing.signatures.isEmpty)
        do {
            try store.replay { event in
                report.eventCount += 1
                report.byteCount += event.byteCount
                report.head = event.hash
                if report.signatures.checked, let signatures {
                    try check(signatureOf: event, listing: listing, with: signatures, into: &report.signatures)
                }
                if let progress, report.eventCount % 10_000 == 0 { progress(report.eventCount) }
            }
        } catch StoreError.damaged(let file, let damage) {
            report.problem = (file, damage)
            return report
        }
        report.leftoverTemporaries = listing.temporaries
        let eventNames = Set(listing.signatures.isEmpty ? [] : listing.events.map(\.path))
        let orphans = listing.signatures.filter { !eventNames.contains($0.key) }.map(\.value).sorted()
        if let bad = report.signatures.invalid.first {
            report.problem = (bad.file, .badSignature(bad.reason))
        } else if let stranger = (listing.unexpected + orphans).sorted().first {
            report.problem = (stranger, .unexpectedFile)
        }
        return report
    }

    private func check(signatureOf event: StoredEvent, listing: EventStore.Listing, with checker: any SignatureChecker,
                       into report: inout SignatureReport) throws {
        guard let signature = listing.signatures[event.path] else {
            report.unsigned.append(event.path)
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
