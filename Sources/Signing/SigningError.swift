/// Why signing or checking a signature could not be done.
public enum SigningError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A program the signatures need is not installed: an environment failure, not bad input.
    case toolMissing(tool: String, package: String, detail: String)
    /// The program was still running after `seconds` and was ended.
    case toolTimedOut(tool: String, seconds: Int)
    /// `ssh-keygen` ran but made no signature with that key.
    case signingFailed(keyPath: String, message: String)
    /// The file `ssh-keygen` reads a signature from could not be written.
    case temporaryFileUnwritable(path: String)

    public var description: String {
        switch self {
        case let .toolMissing(tool, package, detail):
            return "cannot run \(tool) (install the \(package) package)" + (detail.isEmpty ? "" : ": \(detail.trimmingCharacters(in: .whitespacesAndNewlines))")
        case let .toolTimedOut(tool, seconds):
            return "\(tool) was still running after \(seconds) s and was stopped"
        case let .signingFailed(keyPath, message):
            return "ssh-keygen could not sign with \(keyPath): \(message); check the key path and that the key has no passphrase"
        case let .temporaryFileUnwritable(path):
            return "cannot write \(path) for ssh-keygen to read a signature from; check that the temporary folder is writable (TMPDIR)"
        }
    }
}
