import Foundation

/// Finds the events folder: `--events DIR`, else `$REGISTER_EVENTS`, else the repository's `events/`.
///
/// "The repository's events/" is the `events/` folder in the working directory or the nearest
/// folder above it that is a git repository (a clerk's register clone), else the `events/`
/// beside the `Package.swift` above the executable, so a built binary answers on the shipped
/// history from any working directory.
enum EventsLocation {
    static func resolve(option: String?, environment: [String: String], currentDirectory cwd: String, executablePath: String) -> String {
        if let option { return option }
        if let env = environment["REGISTER_EVENTS"], !env.isEmpty { return env }
        let fm = FileManager.default
        var here = URL(fileURLWithPath: cwd)
        for _ in 0..<20 {
            let events = here.appendingPathComponent("events").path
            if fm.fileExists(atPath: events) { return events }
            // Inside a git repository without events/ yet (a fresh clone): that repository's events/.
            if fm.fileExists(atPath: here.appendingPathComponent(".git").path) && !fm.fileExists(atPath: here.appendingPathComponent("Package.swift").path) {
                return events
            }
            if here.path == "/" { break }
            here.deleteLastPathComponent()
        }
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

    /// The folder as typed, unless it has `.` or `..` parts or a trailing slash: then absolute
    /// and without them, so `events/.`, `events/./` and `x/../events` are the folder `events`
    /// and its cache lands beside it (`.register/events`), never inside it.
    static func normalised(_ path: String, currentDirectory cwd: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let plain = !path.hasSuffix("/") && !parts.contains(".") && !parts.contains("..")
        if plain || path == "/" { return path }
        let absolute = path.hasPrefix("/") ? path : cwd + "/" + path
        return URL(fileURLWithPath: absolute).standardizedFileURL.path
    }
}
