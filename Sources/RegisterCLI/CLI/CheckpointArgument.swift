import EventStore
import Foundation
import Replication
import Signing

/// A checkpoint named on the command line (`--checkpoint FILE|TEXT|TAG|latest`), with where it
/// came from: a file or text is only as trustworthy as the place it was published; a tag of the
/// events' repository is trustworthy when it is signed by a key the register allows.
struct CheckpointArgument {
    enum Origin {
        case text
        case file(String)
        case tag(CheckpointTag)
    }

    let checkpoint: Checkpoint
    let origin: Origin

    /// Reads a checkpoint given as its text, as a file path, or as a tag of the events' repository
    /// (`latest`: the newest `checkpoint-N`).
    static func load(_ argument: String, command: String, eventsFolder: String? = nil) throws(CLIError) -> CheckpointArgument {
        if argument.hasPrefix("register checkpoint") { return try parsed(argument, origin: .text, argument: argument) }
        if let data = FileManager.default.contents(atPath: argument) {
            return try parsed(String(decoding: data, as: UTF8.self), origin: .file(argument), argument: argument)
        }
        if let folder = eventsFolder, let repository = GitRepository.containing(folder) {
            guard let name = argument == "latest" ? CheckpointTag.latest(in: repository) : argument else {
                throw .refused("--checkpoint latest: the events' repository has no checkpoint-* tag (fetch them with 'git fetch --tags')")
            }
            do {
                if let tag = try CheckpointTag.read(name, in: repository) {
                    return CheckpointArgument(checkpoint: try tag.checkpoint(), origin: .tag(tag))
                }
            } catch {
                throw CLIError.from(error)
            }
        }
        throw .usage("--checkpoint '\(argument)' is neither a readable file, checkpoint text, nor a tag of the events' repository", command: command)
    }

    private static func parsed(_ text: String, origin: Origin, argument: String) throws(CLIError) -> CheckpointArgument {
        do { return CheckpointArgument(checkpoint: try Checkpoint(text: text), origin: origin) } catch {
            throw .refused("--checkpoint \(argument): \(error)")
        }
    }

    /// What the checkpoint's signature says, for `verify` to report.
    enum Signature {
        /// A file or text: no signature of its own.
        case none(String)
        case unsigned(tag: String)
        case signed(tag: String, principal: String, key: String?)
        case notAllowed(tag: String, key: String?, reason: String)
        case invalid(tag: String, reason: String)

        /// Signed by a key the register allows.
        var isTrusted: Bool { if case .signed = self { true } else { false } }

        /// `valid`, `unsigned`, `not-allowed`, `invalid` or `none` (JSON).
        var kind: String {
            switch self {
            case .none: "none"
            case .unsigned: "unsigned"
            case .signed: "valid"
            case .notAllowed: "not-allowed"
            case .invalid: "invalid"
            }
        }

        var description: String {
            switch self {
            case .none(let source):
                return "the checkpoint comes from \(source), not from a signed tag; it is as trustworthy as the place it was published"
            case .unsigned(let tag):
                return "the checkpoint tag \(tag) is not signed: anyone who can push tags to this repository could have made it "
                    + "(a clerk signs one with 'register checkpoint --tag --sign KEY')"
            case let .signed(tag, principal, key):
                return "the checkpoint tag \(tag) is signed by \(principal)" + (key.map { " (key \($0))" } ?? "")
                    + ", a key \(EventFileName.allowedSignersName) allows"
            case let .notAllowed(tag, key, reason):
                return "the checkpoint tag \(tag) is signed" + (key.map { " by key \($0)" } ?? "") + ", but not by a key the register allows: \(reason)"
            case let .invalid(tag, reason):
                return "the signature of the checkpoint tag \(tag) does not sign that tag (\(reason)); the tag or its signature was altered"
            }
        }
    }

    /// Checks the tag's signature against the register's allowed_signers file (nil: there is none).
    func signature(allowedSigners: String?) throws -> Signature {
        switch origin {
        case .text: return .none("text given on the command line")
        case .file(let path): return .none("the file \(path)")
        case .tag(let tag):
            guard let signature = tag.signature else { return .unsigned(tag: tag.name) }
            let signer = try SSHSignature.checkGitSignature(signature, over: tag.signedPayload, allowedSigners: allowedSigners)
            switch signer.verdict {
            case .valid: return .signed(tag: tag.name, principal: signer.principal ?? "?", key: signer.key)
            case .signerNotAllowed(let why): return .notAllowed(tag: tag.name, key: signer.key, reason: why)
            case .invalid(let why): return .invalid(tag: tag.name, reason: why)
            }
        }
    }
}
