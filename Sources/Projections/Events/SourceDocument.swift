import EventStore

/// A source document the history cites, as a `source-document` event records it: its name as
/// events cite it (`source.document`), the SHA-256 of its exact bytes, and where it can be
/// fetched, when a public address is known.
///
/// A clone of the register holds the events, not the documents; with the hash, anyone who has a
/// copy of a document (from the municipality, the address, or an archive) can check it is the
/// one the events were read from (`register verify-sources DIR`). The hash names the bytes, not
/// the text: a document converted to another format or re-encoded has another hash.
public struct SourceDocument: Hashable, Sendable {
    /// The name events cite in `source.document`, for example `000_670a6af81f8fa9c1.txt`.
    public let document: String
    /// The SHA-256 of the document's bytes, as 64 lowercase hex digits.
    public let sha256: String
    /// A public address (`https://…` or `http://…`) where the document can be fetched.
    public let address: String?
    public let title: String?

    /// Whether `text` is 64 lowercase hex digits: the one spelling of a SHA-256 the register keeps.
    public static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Whether `text` is an address the register keeps: `https://` or `http://`, a host, and no
    /// spaces or control characters.
    public static func isAddress(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lower.hasPrefix($0) }), text.count > scheme.count else { return false }
        return !text.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F }
    }
}
