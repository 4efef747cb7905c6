import EventStore

/// Every source document the history cites or records a hash for, with the events citing it:
/// what `register sources` lists and `register verify-sources` checks.
///
/// A document is named as events cite it (`source.document`, compared as written). Its hash and
/// address come from the `source-document` event that records them (corrections applied; a
/// retracted one records nothing). The `source-document` events themselves are not counted as
/// citing the document they describe.
public struct SourceCatalog: Sendable {
    public struct Entry: Equatable, Sendable {
        public let document: String
        /// The recorded hash, address and title; nil when no `source-document` event records this document.
        public fileprivate(set) var recorded: SourceDocument?
        /// The id of the `source-document` event, when there is one.
        public fileprivate(set) var recordedBy: String?
        /// The events that cite the document, in append order.
        public fileprivate(set) var citedBy: [String] = []
    }

    /// In the order documents were first cited or recorded.
    public private(set) var entries: [Entry] = []

    public init(records: [ResolvedRecord]) {
        var index: [String: Int] = [:]
        func entry(_ document: String) -> Int {
            if let i = index[document] { return i }
            index[document] = entries.count
            entries.append(Entry(document: document))
            return entries.count - 1
        }
        for record in records.sorted(by: { $0.sequence < $1.sequence }) {
            if case .sourceDocument(let d) = record.event {
                let i = entry(d.document)
                if record.counts, entries[i].recorded == nil {
                    entries[i].recorded = d
                    entries[i].recordedBy = record.id
                }
            } else {
                entries[entry(record.original.source.document)].citedBy.append(record.id)
            }
        }
    }
}
