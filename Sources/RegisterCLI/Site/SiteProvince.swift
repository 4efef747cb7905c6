import EventStore

/// The index over several registers (a province's): each with its event count, head hash and
/// number of findings, linking to the register's own index in its folder.
enum SiteProvince {
    struct Entry: Equatable {
        let name: String
        let folder: String
        let eventCount: Int
        let headHash: SHA256Digest
        let findings: Int
    }

    static func index(_ entries: [Entry], texts: SiteTexts, generatedAt: RecordedInstant) -> SitePage {
        let e = HTMLReport.escape
        let frame = SiteLayout.Frame(texts: texts, path: SitePaths.index, registerName: texts.registers, inProvince: false)
        let table = SiteLayout.table(
            caption: texts.registers, headers: [texts.register, texts.eventCount, texts.headHash, texts.findings],
            rows: entries.map { entry in
                ["<a href=\"\(e(entry.folder))/\(SitePaths.index)\">\(e(entry.name))</a>", String(entry.eventCount),
                 "<span class=\"hash\">\(entry.headHash.hex)</span>", "<a href=\"\(e(entry.folder))/\(SitePaths.audit)\">\(entry.findings)</a>"]
            }, numeric: [1, 3], rowHeaders: true)
        let body = SiteLayout.facts([(texts.generatedAt, e(generatedAt.iso))]) + table
        return SitePage(path: SitePaths.index, content: SiteLayout.page(frame, title: texts.registers, body: body))
    }
}
