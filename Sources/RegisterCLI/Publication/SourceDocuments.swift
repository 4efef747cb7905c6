import EventStore
import Foundation

/// The source documents kept beside a register (`sources/` next to its events folder, or the
/// folder `--sources` names): the SHA-256 of each file, so the site and the Woo metadata can say
/// which bytes a decision rests on. A register without the folder has no hashes to show.
enum SourceDocuments {
    static let folderName = "sources"

    /// The folder to read: the one named, else `sources/` beside the events folder (nil when absent).
    static func folder(named path: String?, store: EventStore, command: String) throws(CLIError) -> String? {
        if let path {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .usage("--sources '\(path)': not a folder", command: command)
            }
            return path
        }
        let beside = URL(fileURLWithPath: store.directory).deletingLastPathComponent().appendingPathComponent(folderName).path
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: beside, isDirectory: &isDirectory) && isDirectory.boolValue ? beside : nil
    }

    /// The hash of each regular file directly in `folder`, by file name.
    static func hashes(in folder: String?) -> [String: SHA256Digest] {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [:] }
        var hashes: [String: SHA256Digest] = [:]
        for name in names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            hashes[name] = SHA256.hash(Array(data))
        }
        return hashes
    }
}
