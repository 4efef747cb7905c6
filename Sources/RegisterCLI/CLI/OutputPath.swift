import EventStore
import Foundation

/// Where a read command may write a file it was asked for (`export --output`, `report --html`):
/// anywhere but inside the events folder or its cache folder. A read command that overwrote an
/// event file would destroy history; one that wrote into the cache would poison the answers.
/// A file is written whole under a temporary name and renamed into place, so what is already at
/// the path is replaced: that must be a regular file (a device such as `/dev/null`, a named pipe
/// or a folder is refused, never replaced).
enum OutputPath {
    /// What is written at the path: one file, or a folder of files (`site DIR`).
    enum Written { case file, folder }

    /// The path to write, refused when it lies inside `store`'s events folder or its
    /// `.register` data, however it is spelled (`.`, `..`, symbolic links along the way), or when
    /// something other than what is written is there already.
    static func check(_ path: String, option: String, store: EventStore, command: String, writes: Written = .file) throws(CLIError) -> String {
        switch (writes, FileKind.resolving(path)) {
        case (_, nil), (.file, .regularFile?), (.folder, .folder?):
            break
        case (.file, .folder?):
            throw .usage("\(option) '\(path)' is a folder; name the file to write, e.g. '\(path.hasSuffix("/") ? path : path + "/")\(option == "--html" ? "report.html" : "export.txt")'",
                         command: command)
        case (_, let kind?):
            throw .usage("\(option) '\(path)' is a \(kind), not a \(writes == .file ? "regular file" : "folder"), and writing there would replace it; name a \(writes == .file ? "regular file" : "folder") or a path that does not exist yet",
                         command: command)
        }
        let target = resolved(path)
        for (folder, what) in [(store.directory, "the events folder"), (store.cacheDirectory, "the register's cache folder")] {
            let protected = resolved(folder)
            if target == protected || target.hasPrefix(protected.hasSuffix("/") ? protected : protected + "/") {
                throw .usage("\(option) '\(path)' lies inside \(what) \(folder); a read command never writes there. Name a file outside it",
                             command: command)
            }
        }
        return path
    }

    /// The absolute path with every symbolic link resolved as far as the path exists: the
    /// deepest existing folder is resolved by the system, the rest appended as typed.
    static func resolved(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
            rest.insert(url.lastPathComponent, at: 0)
            url.deleteLastPathComponent()
        }
        var result = url.resolvingSymlinksInPath()
        for part in rest { result.appendPathComponent(part) }
        return result.standardizedFileURL.path
    }
}
