import Testing
@testable import EventStore

/// XXH64 against `xxhsum -H1` (xxHash 0.8.1, Debian's `xxhash` package): inputs that take every
/// path (under 32 bytes, whole 32-byte stripes, and 8-, 4- and 1-byte tails).
@Suite struct XXH64Tests {
    static let vectors: [(String, UInt64)] = [
        ("", 0xef46_db37_51d8_e999),
        ("a", 0xd24e_c4f1_a98c_6e5b),
        ("abc", 0x44bc_2cf5_ad77_0999),
        ("message digest", 0x066e_d728_fcee_b3be),
        ("abcdefghijklmnopqrstuvwxyz", 0xcfe1_f278_fa89_835c),
        ("The quick brown fox jumps over the lazy dog", 0x0b24_2d36_1fda_71bc),
        ("12345678901234567890123456789012", 0x40fd_1aa5_2d98_274c),
        (String(repeating: "1234567890", count: 10), 0xe488_dbec_0af1_1e01),
    ]

    @Test(arguments: vectors.indices)
    func matchesXxhsum(_ i: Int) {
        let (text, expected) = Self.vectors[i]
        #expect(XXH64.hash(Array(text.utf8)) == expected, "\(text.debugDescription)")
        // A sequence without contiguous storage gives the same.
        #expect(XXH64.hash(text.utf8.lazy.map { $0 }) == expected)
    }

    @Test func longInputs() {
        #expect(XXH64.hash((0..<4).flatMap { _ in (0...255).map(UInt8.init) }) == 0x6f39_14f1_8fe4_df57)
        #expect(XXH64.hash([UInt8](repeating: 0, count: 1_000_000)) == 0x8a76_d36d_39ca_aecc)
    }
}
