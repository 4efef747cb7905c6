import Foundation

/// A catalogue text with `{1}`, `{2}`, … in it, as a pattern a finished English message can fit.
///
/// `no reserve '{1}' in the register` fits `no reserve '999' in the register` with `{1}` = `999`;
/// the Dutch template is then filled with the same values. A placeholder matches the shortest
/// text that lets the rest fit, at least one character, and never a clause boundary (`: ` or
/// `; `), so a short template cannot swallow the clause before it.
struct CatalogueTemplate: Sendable {
    enum Part: Sendable, Equatable { case literal(String), slot(Int) }

    let parts: [Part]
    let dutch: String
    /// The fixed texts, longest first: a text that lacks one cannot fit, which is quick to see
    /// before the slower fitting of placeholders.
    let required: [String]

    init?(english: String, dutch: String) {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(english)
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}"), let n = Int(rest[afterOpen..<close]) else { return nil }
            literal += rest[..<open]
            if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
            parts.append(.slot(n))
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.literal(literal)) }
        guard parts.contains(where: { if case .slot = $0 { return true } else { return false } }) else { return nil }
        self.parts = parts
        self.dutch = dutch
        required = parts.compactMap { if case .literal(let l) = $0 { return l } else { return nil } }.sorted { $0.count > $1.count }
    }

    /// How many characters of the template are fixed text.
    var literalLength: Int { parts.reduce(0) { if case .literal(let l) = $1 { return $0 + l.count } else { return $0 } } }

    /// A fixed start and one placeholder for the rest (`expected {1}`): fitting it costs one comparison.
    var isPrefixAndRest: Bool {
        if parts.count == 2, case .literal = parts[0], case .slot = parts[1] { return true } else { return false }
    }

    var startsWithLiteral: Bool { if case .literal? = parts.first { return true } else { return false } }

    /// The Dutch text for `text` when it fits this template. A value the catalogue knows is
    /// translated too (`it holds {1}` with `{1}` = `€ 5,00 booked`); any other value (a name, an
    /// id, an amount) is kept as written.
    func translate(_ text: String) -> String? {
        if case .literal(let start)? = parts.first, !text.hasPrefix(start) { return nil }
        guard required.allSatisfy({ Self.contains(text, $0) }), let values = Self.match(Substring(text), parts[...]) else { return nil }
        var result = dutch
        for (n, value) in values { result = result.replacingOccurrences(of: "{\(n)}", with: Catalogue.valueTranslation(of: value) ?? value) }
        return result
    }

    /// Whether `text` holds `fixed`, byte for byte (`memchr` for its first byte, then `memcmp`):
    /// this runs for many templates per message, and Foundation's `contains` costs far more.
    static func contains(_ text: String, _ fixed: String) -> Bool {
        var text = text, fixed = fixed
        return text.withUTF8 { haystack in
            fixed.withUTF8 { needle in
                guard let first = needle.first else { return true }
                guard var base = haystack.baseAddress, needle.count <= haystack.count else { return false }
                let end = base + (haystack.count - needle.count + 1)
                while base < end, let hit = memchr(base, Int32(first), end - base) {
                    let at = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(at, needle.baseAddress!, needle.count) == 0 { return true }
                    base = at + 1
                }
                return false
            }
        }
    }

    /// The first byte of the template's fixed start, or nil when it starts with a placeholder.
    var firstByte: UInt8? { if case .literal(let l)? = parts.first { return l.utf8.first } else { return nil } }

    private static func match(_ text: Substring, _ parts: ArraySlice<Part>) -> [Int: String]? {
        guard let first = parts.first else { return text.isEmpty ? [:] : nil }
        switch first {
        case .literal(let literal):
            guard text.hasPrefix(literal) else { return nil }
            return match(text.dropFirst(literal.count), parts.dropFirst())
        case .slot(let n):
            guard !text.isEmpty else { return nil }
            var end = text.index(after: text.startIndex)
            while true {
                if case .literal(let next)? = parts.dropFirst().first, !text[end...].hasPrefix(next) {
                    // not a place the next literal starts: look further
                } else if var values = match(text[end...], parts.dropFirst()) {
                    values[n] = String(text[..<end])
                    return values
                }
                guard end < text.endIndex, !text[end...].hasPrefix(": "), !text[end...].hasPrefix("; ") else { return nil }
                end = text.index(after: end)
            }
        }
    }
}
