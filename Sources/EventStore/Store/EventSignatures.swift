/// Signs an event file's exact bytes at append time; the store links the signature beside the
/// event as `NNNNNNNN-type.json.sig` (see `EventFileName.signatureSuffix`).
///
/// The store knows only that a signature is bytes made from bytes; which program and which key
/// make it is the `Signing` module's business.
public protocol EventSigner: Sendable {
    /// The detached signature over `bytes`; throwing refuses the append before anything is written.
    func sign(_ bytes: [UInt8]) throws -> [UInt8]
}

/// Checks the detached signature of one stored event for `verify`.
public protocol SignatureChecker {
    /// What the signature file at `signaturePath` says about `eventBytes`, signed as `principal` (the event's actor).
    func verdict(eventBytes: [UInt8], signaturePath: String, principal: String) throws -> SignatureVerdict
}

/// What a signature says about an event.
public enum SignatureVerdict: Equatable, Sendable {
    case valid
    /// The signature is sound but the key is not allowed for this actor.
    case signerNotAllowed(String)
    /// The signature does not match the bytes (or is not a signature).
    case invalid(String)
}
