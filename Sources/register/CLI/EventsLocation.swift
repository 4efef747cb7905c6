import Foundation

/// Finds the events folder: `--events DIR`, else `$REGISTER_EVENTS`, else the repository's `events/`.
///
/// "The repository's events/" is `./events` when run from the repository (as `swift run`
/// does), else the `events/` beside the `Package.swift` above the executable, so a built
/// binary answers on the shipped history from any working directory.
enum EventsLocation {
    static func resolve(option: String?, environment: [String: String], executablePath: String) -> String {
        if let option { return option }
        if let env = environment["REGISTER_EVENTS"], !env.isEmpty { return env }
        let fm = FileManager.default
        let cwd = fm.currentDirectoryPath
        if fm.fileExists(atPath: cwd + "/Package.swift") && fm.fileExists(atPath: cwd + "/events") { return cwd + "/events" }
        var dir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            if fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path),
               fm.fileExists(atPath: dir.appendingPathComponent("events").path) {
                return dir.appendingPathComponent("events").path
            }
            dir.deleteLastPathComponent()
        }
        return cwd + "/events"
    }
}
