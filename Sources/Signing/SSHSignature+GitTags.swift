import EventStore
import Foundation

extension SSHSignature {
    /// The namespace git signs tags and commits in (`git tag -s` with `gpg.format=ssh`).
    public static let gitNamespace = "git"

    /// Who signed a git tag, by the register's `allowed_signers` file.
    public struct GitSigner: Equatable, Sendable {
        /// `valid`: a key the file allows; `signerNotAllowed`: a sound signature by another key;
        /// `invalid`: the signature does not sign the tag (or is not an OpenSSH signature).
        public let verdict: SignatureVerdict
        /// The principal the allowed_signers file names for the key (with `valid`).
        public let principal: String?
        /// The signing key's fingerprint, as `ssh-keygen` prints it (`SHA256:…`), when the signature is sound.
        public let key: String?
    }

    /// Checks the OpenSSH signature of a git tag (`signature` over `payload`, as git splits the tag
    /// object) against an allowed_signers file (nil: there is none): `ssh-keygen -Y
    /// check-novalidate`, then `-Y find-principals` and `-Y verify` for the principal found.
    /// What it does not say: that the signer had the right to publish this checkpoint; only that
    /// the file allows the key.
    public static func checkGitSignature(_ signature: [UInt8], over payload: [UInt8],
                                         allowedSigners: String?) throws(SigningError) -> GitSigner {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("register-tag-\(UUID().uuidString).sig").path
        guard FileManager.default.createFile(atPath: file, contents: Data(signature)) else {
            throw .temporaryFileUnwritable(path: file)
        }
        defer { try? FileManager.default.removeItem(atPath: file) }
        guard String(decoding: signature, as: UTF8.self).hasPrefix("-----BEGIN SSH SIGNATURE-----") else {
            return GitSigner(verdict: .invalid("not an OpenSSH signature (register checks tags signed with gpg.format=ssh)"), principal: nil, key: nil)
        }
        let sound = try run(["-Y", "check-novalidate", "-n", gitNamespace, "-s", file], input: payload)
        let said = String(decoding: sound.output, as: UTF8.self) + sound.error
        guard sound.status == 0 else { return GitSigner(verdict: .invalid(said.trimmingCharacters(in: .whitespacesAndNewlines)), principal: nil, key: nil) }
        let key = said.firstMatch(of: /(SHA256:[A-Za-z0-9+\/=]+)/).map { String($0.output.1) }
        guard let allowedSigners else {
            return GitSigner(verdict: .signerNotAllowed("no \(EventFileName.allowedSignersName) file in the events folder"), principal: nil, key: key)
        }
        let found = try run(["-Y", "find-principals", "-f", allowedSigners, "-s", file], input: [])
        let principals = String(decoding: found.output, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
        for principal in principals where found.status == 0 {
            let verified = try run(["-Y", "verify", "-f", allowedSigners, "-I", principal, "-n", gitNamespace, "-s", file], input: payload)
            if verified.status == 0 { return GitSigner(verdict: .valid, principal: principal, key: key) }
        }
        return GitSigner(verdict: .signerNotAllowed("the key is not in \(EventFileName.allowedSignersName)"), principal: nil, key: key)
    }
}
