import Projections

/// The permanent addresses of the site's pages: a page's file name follows from its subject's
/// id alone (`reserve/404.html`, `decision/2022-0177088.html`), so a link made today still
/// works after the register has grown.
///
/// Ids are written into file names letter for letter where that is safe on every file system and
/// web server (ASCII letters, digits, `-` and `.`, not leading); every other byte of the id's UTF-8
/// is written `_xx` (two lowercase hex digits), `_` itself too, so two ids never share a name.
enum SitePaths {
    static let index = "index.html"
    static let audit = "audit.html"
    static let sources = "sources.html"
    static let budgets = "budgets.html"
    static let woo = "woo-metadata.json"

    static func page(_ subject: Subject) -> String { "\(subject.kind)/\(slug(subject.id)).html" }

    /// Page `number` (from 1, the oldest events) of a subject's whole timeline, in one folder per
    /// kind (`reserve/timeline/404-1.html`). The number follows the last `-`, so no two subjects'
    /// pages share a name, and no subject's own page (`reserve/timeline.html`) is a folder's name.
    static func timelinePage(_ subject: Subject, _ number: Int) -> String {
        "\(subject.kind)/timeline/\(slug(subject.id))-\(number).html"
    }

    /// Page `number` (from 1) of the events citing a source document (`source/<document>-1.html`).
    static func sourcePage(_ document: String, _ number: Int) -> String { "source/\(slug(document))-\(number).html" }

    /// The number of the list page `path` is in `unit` (a subject's timeline page, a document's
    /// page of citing events), or nil for any other page.
    static func listPageNumber(_ path: String, in unit: SiteUnit) -> Int? {
        let prefix: String
        switch unit {
        case .subject(let subject): prefix = "\(subject.kind)/timeline/\(slug(subject.id))-"
        case .document(let document): prefix = "source/\(slug(document))-"
        case .registerWide: return nil
        }
        guard path.hasPrefix(prefix), path.hasSuffix(".html") else { return nil }
        return Int(path.dropFirst(prefix.count).dropLast(".html".count))
    }

    /// Page `number` (from 1) of one audit rule's findings (`audit/balance-below-zero-1.html`).
    static func auditPage(_ rule: String, _ number: Int) -> String { "audit/\(slug(rule))-\(number).html" }

    /// The fragment of an event's row on a timeline.
    static func eventAnchor(_ id: String) -> String { "e-" + slug(id) }

    /// The fragment of a finding's row on the audit page (and on its subjects' pages).
    static func findingAnchor(_ id: String) -> String { "f-" + slug(id) }

    /// The fragment of a source document's row on the sources page.
    static func sourceAnchor(_ document: String) -> String { "doc-" + slug(document) }

    static func slug(_ id: String) -> String {
        var out = ""
        for (i, byte) in id.utf8.enumerated() {
            let safe = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || ((byte == 0x2D || byte == 0x2E) && i > 0)
            if safe {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16)
                out += "_" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out.isEmpty ? "_" : out
    }

    /// The way from `page` (a path inside the site) back to the site's root: `../` per folder.
    static func root(from page: String) -> String {
        String(repeating: "../", count: page.split(separator: "/").count - 1)
    }
}
