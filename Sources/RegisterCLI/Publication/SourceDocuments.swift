import EventStore
import Foundation
import Projections

/// The SHA-256 of each source document, so the site, the Woo metadata and the ZGW export can say
/// which bytes a decision rests on: the hash a `source-document` event recorded, else the hash of
/// the file of that name in the source documents kept beside the register (`sources/` next to its
/// events folder, or the folder `--sources` names). A file whose bytes differ from the hash the
/// register recorded for it is not that document: no page or export is made from it.
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

    /// Each document's hash, by name: as recorded in `records`, else from its file in `folder`.
    /// Throws when a file contradicts the hash recorded for it.
    static func hashes(recordedIn records: [ResolvedRecord], files folder: String?) throws(CLIError) -> [String: SHA256Digest] {
        var hashes = hashes(in: folder)
        for entry in SourceCatalog(records: records).entries {
            guard let recorded = entry.recorded, let digest = SHA256Digest(hex: recorded.sha256) else { continue }
            if let file = hashes[entry.document], file != digest, let folder {
                throw .failure("\(folder)/\(entry.document) hashes to \(file.hex), but event \(entry.recordedBy ?? "?") recorded \(digest.hex) "
                               + "for that document: the file is not the document the register rests on (see 'register verify-sources')")
            }
            hashes[entry.document] = digest
        }
        return hashes
    }

    /// The hash of each regular file directly in `folder`, by file name.
    private static func hashes(in folder: String?) -> [String: SHA256Digest] {
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
