import Foundation

/// Writes a site's pages into a folder, touching only the files whose bytes changed, so a site
/// regenerated after one new event rewrites only the pages that event changed (and a web server
/// or git host sees only those). A page the site no longer has (a retracted subject's) is removed
/// when the previous run wrote it, as listed in the folder's `.register-site` manifest; no other
/// file in the folder is touched.
enum SiteFiles {
    static let manifest = ".register-site"

    struct Outcome: Equatable {
        var written: [String] = []
        var unchanged = 0
        var removed: [String] = []
    }

    static func write(_ pages: [SitePage], into folder: String) throws -> Outcome {
        let manager = FileManager.default
        var outcome = Outcome()
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIError.failure("cannot create the site folder '\(folder)': \(error.localizedDescription)")
        }
        let previous = (manager.contents(atPath: folder + "/" + manifest)).map { String(decoding: $0, as: UTF8.self).split(separator: "\n").map(String.init) } ?? []
        for page in pages {
            let path = folder + "/" + page.path
            let bytes = Data(page.content.utf8)
            if manager.contents(atPath: path) == bytes { outcome.unchanged += 1; continue }
            let directory = (path as NSString).deletingLastPathComponent
            do {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try bytes.write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw CLIError.failure("cannot write '\(path)': \(error.localizedDescription)")
            }
            outcome.written.append(page.path)
        }
        let current = Set(pages.map(\.path))
        for old in previous where !current.contains(old) && !old.contains("..") && !old.hasPrefix("/") {
            if (try? manager.removeItem(atPath: folder + "/" + old)) != nil { outcome.removed.append(old) }
        }
        let list = pages.map(\.path).sorted().joined(separator: "\n") + "\n"
        if manager.contents(atPath: folder + "/" + manifest) != Data(list.utf8) {
            try? Data(list.utf8).write(to: URL(fileURLWithPath: folder + "/" + manifest), options: .atomic)
        }
        return outcome
    }
}
