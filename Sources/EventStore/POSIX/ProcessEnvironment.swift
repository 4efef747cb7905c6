import Glibc

/// The process's environment, read from the C library.
///
/// `ProcessInfo.processInfo.environment` builds a dictionary of every variable through
/// Foundation at each call, and its first call costs a short command such as `append` a
/// noticeable part of a millisecond in the runtime's type look-ups. One variable is one
/// `getenv`; the whole environment is read once, at the edge, into the command's context.
public enum ProcessEnvironment {
    /// The value of one variable; nil when it is not set.
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Every variable (`NAME=value`); of a name set twice, the first, as `getenv` reads it.
    public static func all() -> [String: String] {
        var variables: [String: String] = [:]
        var entry = environ
        // Glibc declares `environ` non-null; after `clearenv()` it is null all the same.
        guard Int(bitPattern: entry) != 0 else { return variables }
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(text[..<equals])
                if variables[name] == nil { variables[name] = String(text[text.utf8.index(after: equals)...]) }
            }
            entry += 1
        }
        return variables
    }
}
