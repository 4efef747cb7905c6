/// How the site splits long lists: a subject's timeline, the events citing a document and one
/// audit rule's findings go on pages of at most `rowsPerPage` rows, numbered from the oldest, so a
/// page's name and rows stay as they are when events are appended (only the last page grows).
/// A subject's own page shows the latest `latestRows` rows and links to the pages.
struct SitePagination: Equatable, Sendable {
    var rowsPerPage = 500
    var latestRows = 20
    /// How many of a subject's findings its page lists (the audit pages list them all).
    var findingsOnASubjectPage = 10

    static let standard = SitePagination()

    /// The number of pages `count` rows take (at least one, so an empty list still has its page).
    func pageCount(_ count: Int) -> Int { max(1, (count + rowsPerPage - 1) / rowsPerPage) }

    /// The page (from 1) the row at `position` (from 0) is on.
    func page(ofRow position: Int) -> Int { position / rowsPerPage + 1 }

    /// The rows of page `number` (from 1) of `rows`.
    func rows<T>(_ rows: [T], page number: Int) -> ArraySlice<T> {
        let start = min(rows.count, (number - 1) * rowsPerPage)
        return rows[start..<min(rows.count, start + rowsPerPage)]
    }
}
