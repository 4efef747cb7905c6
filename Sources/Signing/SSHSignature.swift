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

    static func run(_ arguments: [String], input: [UInt8]) throws(SigningError) -> (status: Int32, output: [UInt8], error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ssh-keygen"] + arguments
        process.environment = ProcessEnvironment.all().merging(["LC_ALL": "C"]) { $1 }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch {
            throw .toolMissing(tool: "ssh-keygen", package: "openssh-client", detail: "\(error)")
        }
        // Write on another thread so a large event cannot deadlock against a full stdout pipe.
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let error = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // /usr/bin/env exits 127 when it cannot find the program.
        if process.terminationStatus == 127 {
            throw .toolMissing(tool: "ssh-keygen", package: "openssh-client", detail: String(decoding: error, as: UTF8.self))
        }
        return (process.terminationStatus, Array(output), String(decoding: error, as: UTF8.self))
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
