import Foundation

/// Signing and checking event files with OpenSSH (`ssh-keygen -Y`), as git does for signed commits.
///
/// A signed event has a detached signature beside it, `NNNNNNNN-type.json.sig`, over the
/// event file's exact bytes in the namespace `register-event`. Which keys may append is said
/// by an OpenSSH `allowed_signers` file in the events folder, whose principals are the
/// events' `actor` values. Runs the `ssh-keygen` binary; no key material passes through Swift.
public enum SSHSignature {
    public static let namespace = "register-event"
    public static let allowedSignersName = "allowed_signers"
    public static let suffix = ".sig"

    /// Signs `bytes` with the private key at `keyPath`; returns the armored signature.
    public static func sign(_ bytes: [UInt8], keyPath: String) throws -> [UInt8] {
        let result = try run(["-Y", "sign", "-f", keyPath, "-n", namespace], input: bytes)
        guard result.status == 0, !result.output.isEmpty else {
            throw StoreError.refused(reason: "ssh-keygen could not sign with \(keyPath): \(result.error.trimmingCharacters(in: .whitespacesAndNewlines)); check the key path and that it has no passphrase prompt")
        }
        return result.output
    }

    /// What a signature says about an event.
    public enum Verdict: Equatable, Sendable {
        case valid
        /// The signature is sound but the key is not allowed for this actor.
        case signerNotAllowed(String)
        /// The signature does not match the bytes (or is not a signature).
        case invalid(String)
    }

    /// Checks a detached signature over `bytes` for `principal` against an allowed_signers file.
    public static func verify(_ bytes: [UInt8], signaturePath: String, principal: String, allowedSigners: String?) throws -> Verdict {
        let sound = try run(["-Y", "check-novalidate", "-n", namespace, "-s", signaturePath], input: bytes)
        guard sound.status == 0 else { return .invalid(sound.error.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard let allowedSigners else { return .signerNotAllowed("no \(allowedSignersName) file in the events folder") }
        let allowed = try run(["-Y", "verify", "-f", allowedSigners, "-I", principal, "-n", namespace, "-s", signaturePath], input: bytes)
        return allowed.status == 0 ? .valid : .signerNotAllowed("the key is not allowed for '\(principal)' in \(allowedSignersName)")
    }

    private static func run(_ arguments: [String], input: [UInt8]) throws -> (status: Int32, output: [UInt8], error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ssh-keygen"] + arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch {
            throw StoreError.refused(reason: "cannot run ssh-keygen (install openssh-client): \(error)")
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
        return (process.terminationStatus, Array(output), String(decoding: error, as: UTF8.self))
    }
}
