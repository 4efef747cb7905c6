import Foundation
import Testing
@testable import EventStore
import TestSupport

/// SHA-256 against known answers, against itself (streaming, forking) and against coreutils.
@Suite struct SHA256Tests {
    /// Provenance: the SHA-256 examples of FIPS 180-4 ("Secure Hash Standard", NIST, 2015) as
    /// published by NIST CSRC (Cryptographic Standards and Guidelines, "Examples with
    /// Intermediate Values": SHA256.pdf, and the SHA-2 additional examples), including the
    /// classic one-million-'a' vector.
    static let nistVectors: [(message: String, digest: String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]
    static let millionADigest = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

    @Test(arguments: SHA256Tests.nistVectors)
    func nistExampleVector(message: String, digest: String) {
        #expect(SHA256.hash(Array(message.utf8)).hex == digest)
        // The same message fed one byte at a time.
        var hasher = SHA256()
        for byte in message.utf8 { hasher.update([byte]) }
        #expect(hasher.finalize().hex == digest)
    }

    /// Both compressions, whichever `SHA256()` picks on this machine: every vector, whole and a
    /// byte at a time. (On a processor without the SHA instructions the test says so and checks
    /// the portable one twice.)
    @Test(arguments: SHA256Tests.nistVectors)
    func bothCompressionsGiveTheNISTDigests(message: String, digest: String) {
        for compression in [SHA256.Compression.portable, .processor] where compression == .portable || SHA256.Compression.fastest == .processor {
            var whole = SHA256(compression: compression)
            whole.update(Array(message.utf8))
            #expect(whole.finalize().hex == digest, "\(compression)")
            var byByte = SHA256(compression: compression)
            for byte in message.utf8 { byByte.update([byte]) }
            #expect(byByte.finalize().hex == digest, "\(compression), a byte at a time")
        }
        if SHA256.Compression.fastest != .processor {
            print("SHA256Tests: this processor has no SHA instructions; only the portable compression was checked")
        }
    }

    @Test(.enabled(if: SHA256.Compression.fastest == .processor, "the processor has the SHA instructions"))
    func theProcessorsInstructionsAgreeWithThePortableCodeOnRandomMessages() {
        var random = SplitMix64(seed: 0x5a_4e1)
        // Every length up to 17 blocks (every padding case, one and many blocks per call), then
        // large messages fed in random chunks.
        var messages = (0...1_100).map { random.bytes($0) }
        messages += (0..<4).map { _ in random.bytes(200_000 + Int.random(in: 0...999, using: &random)) }
        for message in messages {
            var portable = SHA256(compression: .portable), processor = SHA256(compression: .processor)
            var offset = 0
            while offset < message.count {
                let size = min(Int.random(in: 0...700, using: &random), message.count - offset)
                portable.update(message[offset..<offset + size])
                processor.update(message[offset..<offset + size])
                offset += size
            }
            #expect(portable.finalize() == processor.finalize(), "a message of \(message.count) bytes")
        }
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        var processor = SHA256(compression: .processor)
        processor.update(million)
        #expect(processor.finalize().hex == Self.millionADigest)
    }

    @Test func oneMillionLetterA() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hash(message).hex == Self.millionADigest)
        // In 1000 updates of 1000 bytes: the pending-block path, not one big buffer.
        var hasher = SHA256()
        for start in stride(from: 0, to: message.count, by: 1000) { hasher.update(message[start..<start + 1000]) }
        #expect(hasher.finalize().hex == Self.millionADigest)
    }

    @Test(arguments: [1 as UInt64, 2, 3, 0xDEAD_BEEF])
    func incrementalUpdatesInRandomChunksEqualOneShot(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let message = random.bytes(3000 + Int(seed % 97))
        let expected = SHA256.hash(message)
        var hasher = SHA256()
        var offset = 0
        var chunks = 0
        while offset < message.count {
            // 0 included: an empty update must change nothing.
            let size = min(Int.random(in: 0...150, using: &random), message.count - offset)
            hasher.update(message[offset..<offset + size])
            offset += size
            chunks += 1
        }
        #expect(chunks > 20)
        #expect(hasher.finalize() == expected, "seed \(seed)")
    }

    @Test func anUpdateThroughARawBufferOrANonContiguousSequenceEqualsOneShot() {
        let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var viaBuffer = SHA256()
        message.withUnsafeBytes { viaBuffer.update(buffer: $0) }
        var viaLazySequence = SHA256()
        viaLazySequence.update((0..<300).lazy.map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let expected = SHA256.hash(message)
        #expect(viaBuffer.finalize() == expected)
        #expect(viaLazySequence.finalize() == expected)
    }

    @Test(arguments: [0, 1, 55, 56, 63, 64, 65, 100, 128, 129])
    func aHasherCopiedMidStreamGivesTheSameDigestAsTheOriginal(splitAt split: Int) {
        var random = SplitMix64(seed: 42)
        let message = random.bytes(200)
        var original = SHA256()
        original.update(message[..<split])
        var copy = original
        // Feed the copy something else first, then fork again from the original: the copy
        // must not share state with the original.
        var diverged = original
        diverged.update([1, 2, 3])
        original.update(message[split...])
        copy.update(message[split...])
        let a = original.finalize()
        let b = copy.finalize()
        #expect(a == b)
        #expect(a == SHA256.hash(message))
        #expect(diverged.finalize() != a)
    }

    /// Lengths 0...200 cover the padding edges: 55 bytes (length fits in the same block),
    /// 56 (needs a second block), 63/64/65 (block boundary) and 119/120/128.
    /// All 201 messages go to one run of coreutils `sha256sum`.
    @Test func randomMessagesOfEveryLengthUpTo200MatchCoreutilsSha256sum() throws {
        let tool = "/usr/bin/sha256sum"
        try #require(FileManager.default.isExecutableFile(atPath: tool), "needs \(tool)")
        let folder = try TemporaryFolder("sha256sum")
        var random = SplitMix64(seed: 0x5EED_0256)
        var messages: [[UInt8]] = []
        var paths: [String] = []
        for length in 0...200 {
            let message = random.bytes(length)
            let path = folder.root + "/m\(length)"
            try writeBytes(message, to: path)
            messages.append(message)
            paths.append(path)
        }
        let result = try runProcess(tool, paths)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        try #require(lines.count == messages.count)
        for (length, line) in lines.enumerated() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            #expect(fields.last.map(String.init) == paths[length])
            #expect(SHA256.hash(messages[length]).hex == fields.first.map(String.init), "length \(length)")
        }
    }

    @Test func differentInputsGiveDifferentDigests() {
        // A single flipped bit anywhere in a two-block message changes the digest.
        let message = [UInt8](repeating: 0x5a, count: 100)
        let base = SHA256.hash(message)
        for bit in stride(from: 0, to: 800, by: 37) {
            var changed = message
            changed[bit / 8] ^= 1 << UInt8(bit % 8)
            #expect(SHA256.hash(changed) != base, "bit \(bit)")
        }
        // Length is part of the padding: trailing zero bytes are not ignored.
        #expect(SHA256.hash([0]) != SHA256.hash([]))
        #expect(SHA256.hash([0, 0]) != SHA256.hash([0]))
    }
}

@Suite struct SHA256DigestTests {
    static let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    @Test func hexRoundTrip() throws {
        let digest = try #require(SHA256Digest(hex: Self.abc))
        #expect(digest.hex == Self.abc)
        #expect(digest.description == Self.abc)
        #expect(digest == SHA256.hash(Array("abc".utf8)))
        #expect(digest.bytes.count == 32)
        #expect(digest.bytes.first == 0xba && digest.bytes.last == 0xad)
        var random = SplitMix64(seed: 7)
        for _ in 0..<50 {
            let bytes = random.bytes(32)
            let d = SHA256Digest(bytes: bytes)
            #expect(d.hex == hex(bytes))
            #expect(SHA256Digest(hex: d.hex) == d)
        }
    }

    @Test func upperCaseHexIsNotTheCanonicalFormAndIsRefused() throws {
        #expect(SHA256Digest(hex: Self.abc.uppercased()) == nil)
        #expect(SHA256Digest(hex: "BA" + Self.abc.dropFirst(2)) == nil)
        #expect(try #require(SHA256Digest(hex: Self.abc)).hex == Self.abc)
    }

    @Test func everyByteThatIsNoLowerCaseHexDigitIsRefusedAtEitherEnd() {
        let digits = Set("0123456789abcdef".utf8)
        for byte in UInt8(1)...0x7f where !digits.contains(byte) {
            let character = String(UnicodeScalar(byte))
            #expect(SHA256Digest(hex: character + Self.abc.dropFirst()) == nil, "byte \(byte) first")
            #expect(SHA256Digest(hex: Self.abc.dropLast() + character) == nil, "byte \(byte) last")
            #expect(SHA256Digest(hex: String(Self.abc.prefix(31)) + character + Self.abc.dropFirst(32)) == nil, "byte \(byte) inside")
        }
    }

    @Test func zeroIsSixtyFourZeros() {
        #expect(SHA256Digest.zero.hex == String(repeating: "0", count: 64))
        #expect(SHA256Digest.zero.bytes == [UInt8](repeating: 0, count: 32))
    }

    static let refusedTexts: [String] = {
        let abc = SHA256DigestTests.abc
        var texts: [String] = []
        texts.append(String(abc.dropLast()))                          // 63 digits
        texts.append(abc + "0")                                       // 65 digits
        texts.append("")
        texts.append(String(repeating: "0", count: 128))
        texts.append("g" + String(abc.dropFirst()))                   // not hex
        texts.append(String(abc.dropLast()) + "G")
        texts.append(" " + String(abc.dropFirst()))
        texts.append("0x" + String(abc.dropFirst(2)))
        texts.append(String(abc.dropLast(2)) + "\u{e9}")              // 62 ASCII + one 2-byte letter: 64 bytes
        texts.append(String(abc.dropLast()) + "\u{e9}")               // 63 ASCII + one 2-byte letter: 65 bytes
        texts.append(String(abc.dropLast(4)) + "\u{663}\u{661}")      // Arabic-Indic digits (2 bytes each) are not hex
        texts.append(String(abc.dropLast()) + "-")
        return texts
    }()

    @Test(arguments: SHA256DigestTests.refusedTexts)
    func refusesAnythingButSixtyFourHexDigits(text: String) {
        #expect(SHA256Digest(hex: text) == nil)
    }
}
