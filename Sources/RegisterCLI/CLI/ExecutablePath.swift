import Foundation
import EventStore

/// Where the running `register` binary is, as an absolute path with symlinks resolved.
///
/// Not `CommandLine.arguments[0]`: started from the PATH that is just `register`, which is no
/// path at all (read relative to the working directory it names a file that is not there, and a
/// hook written with it refuses every push). Linux says where the binary is in `/proc/self/exe`;
/// without `/proc`, `argv[0]` is looked up the way the shell found it (a path as given, else the
/// first `PATH` folder holding an executable of that name).
enum ExecutablePath {
    static func current(arguments: [String] = CommandLine.arguments,
                        environment: [String: String] = ProcessEnvironment.all(),
                        currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        if var target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), target.hasPrefix("/") {
            // A binary replaced while it runs (a rebuild) reads as "PATH (deleted)"; the path is still where it was.
            if target.hasSuffix(" (deleted)") { target.removeLast(" (deleted)".count) }
            return target
        }
        return resolve(argument0: arguments.first ?? "register", path: environment["PATH"] ?? "", currentDirectory: currentDirectory)
    }

    /// `argv[0]` as the shell resolved it: a name with a slash is a path (relative to `currentDirectory`);
    /// a bare name is found in `path`'s folders.
    static func resolve(argument0: String, path: String, currentDirectory: String) -> String {
        if argument0.contains("/") {
            let url = argument0.hasPrefix("/") ? URL(fileURLWithPath: argument0)
                : URL(fileURLWithPath: currentDirectory).appendingPathComponent(argument0)
            return url.standardizedFileURL.resolvingSymlinksInPath().path
        }
        for folder in path.split(separator: ":") {
            let base = folder.hasPrefix("/") ? String(folder) : currentDirectory + "/" + folder
            let candidate = URL(fileURLWithPath: base).appendingPathComponent(argument0).path
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return URL(fileURLWithPath: candidate).standardizedFileURL.resolvingSymlinksInPath().path
            }
        }
        return argument0
    }
}
