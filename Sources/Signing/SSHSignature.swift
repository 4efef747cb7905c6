import EventStore
import Foundation

/// Signing and checking event files with OpenSSH (`ssh-keygen -Y`), as git does for signed commits.
///
/// A signed event has a detached signature beside it, `NNNNNNNN-type.json.sig`, over the
/// event file's exact bytes in the namespace `register-event`. Which keys may append is said
/// by an OpenSSH `allowed_signers` file in the events folder, whose principals are the
/// events' `actor` values. Runs the `ssh-keygen` binary; no key material passes through Swift.
public enum SSHSignature {
    public static let namespace = "register-event"

    /// Signs `bytes` with the private key at `keyPath`; returns the armored signature.
    public static func sign(_ bytes: [UInt8], keyPath: String) throws(SigningError) -> [UInt8] {
        let result = try run(["-Y", "sign", "-f", keyPath, "-n", namespace], input: bytes)
        guard result.status == 0, !result.output.isEmpty else {
            throw .signingFailed(keyPath: keyPath, message: result.error.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return result.output
    }

    /// Checks a detached signature over `bytes` for `principal` against an allowed_signers file.
    public static func verify(_ bytes: [UInt8], signaturePath: String, principal: String,
                              allowedSigners: String?) throws(SigningError) -> SignatureVerdict {
        let sound = try run(["-Y", "check-novalidate", "-n", namespace, "-s", signaturePath], input: bytes)
        guard sound.status == 0 else { return .invalid(sound.error.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard let allowedSigners else { return .signerNotAllowed("no \(EventFileName.allowedSignersName) file in the events folder") }
        let allowed = try run(["-Y", "verify", "-f", allowedSigners, "-I", principal, "-n", namespace, "-s", signaturePath], input: bytes)
        return allowed.status == 0 ? .valid
            : .signerNotAllowed("the key is not allowed for '\(principal)' in \(EventFileName.allowedSignersName)")
    }

    /// How long one `ssh-keygen` may take: a signature is checked in milliseconds.
    static let timeLimitSeconds = 60

    static func run(_ arguments: [String], input: [UInt8]) throws(SigningError) -> (status: Int32, output: [UInt8], error: String) {
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run("ssh-keygen", arguments, environment: ProcessEnvironment.all().merging(["LC_ALL": "C"]) { $1 },
                                           input: input, timeLimitSeconds: timeLimitSeconds)
        } catch {
            switch error {
            case .cannotStart(_, let detail): throw .toolMissing(tool: "ssh-keygen", package: "openssh-client", detail: detail)
            case .timedOut(_, let seconds): throw .toolTimedOut(tool: "ssh-keygen", seconds: seconds)
            }
        }
        // /usr/bin/env exits 127 when it cannot find the program.
        if outcome.status == 127 { throw .toolMissing(tool: "ssh-keygen", package: "openssh-client", detail: outcome.errorText) }
        return (outcome.status, outcome.output, outcome.errorText)
    }
}

/// Signs appended events with one OpenSSH private key.
public struct SSHEventSigner: EventSigner {
    public let keyPath: String
    public init(keyPath: String) { self.keyPath = keyPath }
    public func sign(_ bytes: [UInt8]) throws -> [UInt8] { try SSHSignature.sign(bytes, keyPath: keyPath) }
}

/// Checks stored events' signatures against the events folder's `allowed_signers` file (nil: there is none).
public struct SSHSignatureChecker: SignatureChecker {
    public let allowedSigners: String?
    public init(allowedSigners: String?) { self.allowedSigners = allowedSigners }
    public func verdict(eventBytes: [UInt8], signaturePath: String, principal: String) throws -> SignatureVerdict {
        try SSHSignature.verify(eventBytes, signaturePath: signaturePath, principal: principal, allowedSigners: allowedSigners)
    }
}
