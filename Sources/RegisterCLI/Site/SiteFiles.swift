import EventStore
import Foundation

/// Writes a site's pages into a folder one at a time, as they are rendered, touching only the
/// files whose bytes changed, so a regenerated site rewrites only the pages that changed (and a
/// web server or git host sees only those), and holds no more than one page at a time.
///
/// Each page is recorded (its SHA-256 and `stat`) for the site's manifest. A page whose digest
/// equals the one a checked manifest holds for it is not read again; any other page is compared
/// with the file on disk. `finish` removes the files an earlier run wrote that the site no longer
/// has (a retracted subject's pages), as far as a manifest names them; no other file is touched.
final class SiteFiles {
    struct Outcome: Equatable {
        var files = 0
        var written: [String] = []
        var unchanged = 0
        var removed: [String] = []
    }

    let folder: String
    private(set) var outcome = Outcome()
    /// The files of this run, by unit and path.
    private(set) var units: [String: [String: SiteManifest.File]] = [:]
    /// Files whose digest on disk is known (checked against the manifest before this run).
    private let known: [String: SiteManifest.File]

    init(folder: String, known: [String: SiteManifest.File] = [:]) throws {
        self.folder = folder
        self.known = known
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIError.failure("cannot create the site folder '\(folder)': \(error.localizedDescription)")
        }
    }

    func write(_ page: SitePage, unit: String) throws {
        let path = folder + "/" + page.path
        let bytes = Array(page.content.utf8)
        let digest = SHA256.hash(bytes).hex
        outcome.files += 1
        if let file = known[page.path], file.sha256 == digest {
            outcome.unchanged += 1
            units[unit, default: [:]][page.path] = file
            return
        }
        if known[page.path] == nil, let existing = FileManager.default.contents(atPath: path), existing.elementsEqual(bytes) {
            outcome.unchanged += 1
        } else {
            try replace(path, with: bytes)
            outcome.written.append(page.path)
        }
        units[unit, default: [:]][page.path] = SiteManifest.File(sha256: digest, stat: SiteManifest.stat(path) ?? "")
    }

    /// The folders made so far (each is made once).
    private var folders: Set<String> = []

    /// Writes a page through a temporary file beside it and a rename, so a reader (a web server)
    /// sees the old page or the new one, never half of one. Not synced to disk: a site is made
    /// again from the events at any time, and a page lost in a crash differs from the manifest,
    /// which makes the next run regenerate the whole site.
    private func replace(_ path: String, with bytes: [UInt8]) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !folders.contains(directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw CLIError.failure("cannot create the folder '\(directory)': \(error.localizedDescription)")
            }
            folders.insert(directory)
        }
        do throws(StoreError) {
            let file = try ReplacementFile(path: path)
            try file.write(bytes)
            try file.commit()
        } catch {
            throw CLIError.failure("cannot write '\(path)': \(error)")
        }
    }

    /// Carries the files of a unit this run did not render into its manifest, as they were.
    func keep(_ files: [String: SiteManifest.File], unit: String) {
        outcome.files += files.count
        outcome.unchanged += files.count
        units[unit, default: [:]].merge(files) { new, _ in new }
    }

    /// Removes the files in `previous` (paths inside the folder) that this run did not make.
    func removeStale(_ previous: [String]) {
        let current = Set(units.values.flatMap(\.keys))
        for old in Set(previous) where !current.contains(old) && SiteManifest.safe(old) {
            guard (try? FileManager.default.removeItem(atPath: folder + "/" + old)) != nil else { continue }
            outcome.removed.append(old)
            // The folders it leaves empty go too (rmdir removes only an empty one).
            var parent = (old as NSString).deletingLastPathComponent
            while !parent.isEmpty, rmdir(folder + "/" + parent) == 0 { parent = (parent as NSString).deletingLastPathComponent }
        }
        outcome.removed.sort()
    }

    /// Writes the manifest (atomically, last: a run that stops halfway leaves the old one, whose
    /// digests then fail to match and make the next run regenerate everything).
    func saveManifest(_ manifest: SiteManifest) throws {
        try replace(folder + "/" + SiteManifest.name, with: Array(manifest.bytes))
    }
}
