import EventStore
import Foundation

extension ParsedArguments {
    /// `--sign KEY`: the OpenSSH private key file to sign with, checked before anything is asked
    /// or written (a missing or unreadable key is a usage error, whichever command names it).
    func signingKey(command: String) throws(CLIError) -> String? {
        guard let key = try value("--sign", command: command) else { return nil }
        guard FileKind.resolving(key) == .regularFile, FileManager.default.isReadableFile(atPath: key) else {
            throw .usage("--sign '\(key)': no readable private key file there", command: command)
        }
        return key
    }
}
