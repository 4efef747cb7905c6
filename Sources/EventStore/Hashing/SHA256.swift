import SHAExtensions

/// SHA-256 as specified in FIPS 180-4, written here because the package takes no dependencies.
///
/// The compression runs on the processor's SHA instructions where it has them (`SHAExtensions`,
/// about five times the speed), else in portable Swift; both give the same digests, which the
/// tests check against each other and against published vectors.
///
/// Use `SHA256.hash(_:)` for a whole buffer, or `update(_:)` then `finalize()` for a
/// stream; both give the same digest. The type is a value: copying a hasher mid-stream
/// forks it. It is not constant-time and not meant for secrets: the register hashes
/// public event files to detect change.
public struct SHA256: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
        0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    /// Bytes not yet forming a whole 64-byte block: the first `pendingCount` bytes of this
    /// inline storage, so hashing a short input allocates nothing until the digest itself.
    private var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var pendingCount = 0
    private var totalLength: UInt64 = 0
    private let compression: Compression

    /// Where the compression function runs.
    enum Compression: Sendable {
        /// The x86 SHA extensions.
        case processor
        /// Swift, on any processor.
        case portable

        /// The processor's instructions when it has them.
        static let fastest: Compression = sha_extensions_available() != 0 ? .processor : .portable
    }

    public init() { compression = .fastest }

    /// A hasher whose compression runs where `compression` says (tests compare the two).
    init(compression: Compression) { self.compression = compression }

    /// The digest of `bytes` in one call.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> SHA256Digest where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Feeds more bytes.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: UnsafeRawBufferPointer($0)) }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update(buffer: $0) }
        }
    }

    /// Feeds the bytes of a raw buffer.
    public mutating func update(buffer: UnsafeRawBufferPointer) {
        totalLength &+= UInt64(buffer.count)
        var input = buffer[...]
        if pendingCount > 0 {
            let take = min(64 - pendingCount, input.count)
            let start = pendingCount
            withUnsafeMutableBytes(of: &pending) { block in
                UnsafeMutableRawBufferPointer(rebasing: block[start..<(start + take)]).copyMemory(from: UnsafeRawBufferPointer(rebasing: input.prefix(take)))
            }
            pendingCount += take
            input = input.dropFirst(take)
            if pendingCount < 64 { return }
            var block = pending
            withUnsafeBytes(of: &block) { compress(blocks: $0) }
            pendingCount = 0
        }
        let whole = input.count - input.count % 64
        if whole > 0 {
            compress(blocks: UnsafeRawBufferPointer(rebasing: input.prefix(whole)))
        }
        let rest = input.count - whole
        if rest > 0 {
            withUnsafeMutableBytes(of: &pending) { block in
                UnsafeMutableRawBufferPointer(rebasing: block[0..<rest]).copyMemory(from: UnsafeRawBufferPointer(rebasing: input.suffix(rest)))
            }
            pendingCount = rest
        }
    }

    /// Pads, processes the last block and returns the digest. The hasher is consumed.
    public consuming func finalize() -> SHA256Digest {
        var bigEndian = finalState()
        return SHA256Digest(bytes: withUnsafeBytes(of: &bigEndian) { [UInt8]($0) })
    }

    /// The state after padding and the last block, each word big-endian: the digest's bytes in order.
    private consuming func finalState() -> (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) {
        let bitLength = totalLength &* 8
        let count = pendingCount
        // The padded tail is one block, or two when the length does not fit after the pending bytes.
        let tailBytes = count < 56 ? 64 : 128
        var block = pending
        withUnsafeTemporaryAllocation(byteCount: 128, alignment: 8) { tail in
            tail.initializeMemory(as: UInt8.self, repeating: 0)
            withUnsafeBytes(of: &block) { pendingBytes in
                UnsafeMutableRawBufferPointer(rebasing: tail[0..<count]).copyMemory(from: UnsafeRawBufferPointer(rebasing: pendingBytes[0..<count]))
            }
            tail[count] = 0x80
            for i in 0..<8 { tail[tailBytes - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * i)) }
            compress(blocks: UnsafeRawBufferPointer(rebasing: tail[0..<tailBytes]))
        }
        return (state.0.bigEndian, state.1.bigEndian, state.2.bigEndian, state.3.bigEndian,
                state.4.bigEndian, state.5.bigEndian, state.6.bigEndian, state.7.bigEndian)
    }

    /// The compression function over whole 64-byte blocks (FIPS 180-4, 6.2.2).
    ///
    /// The message schedule lives in stack scratch space, so hashing allocates nothing per block.
    private mutating func compress(blocks: UnsafeRawBufferPointer) {
        guard let start = blocks.baseAddress, blocks.count >= 64 else { return }
        if compression == .processor {
            withUnsafeMutableBytes(of: &state) { words in
                sha_extensions_compress(words.baseAddress!.assumingMemoryBound(to: UInt32.self),
                                        start.assumingMemoryBound(to: UInt8.self), blocks.count / 64)
            }
            return
        }
        var (h0, h1, h2, h3, h4, h5, h6, h7) = state
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            // FIPS 180-4's 64 round constants, one table for both compressions (SHAExtensions).
            withUnsafeBytes(of: sha256_round_constants) { table in
                let k = table.assumingMemoryBound(to: UInt32.self)
                var offset = 0
                while offset < blocks.count {
                    for t in 0..<16 {
                        w[t] = UInt32(bigEndian: blocks.loadUnaligned(fromByteOffset: offset + t * 4, as: UInt32.self))
                    }
                    for t in 16..<64 {
                        let x = w[t - 15], y = w[t - 2]
                        let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
                        let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
                        w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                    }
                    var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                    for t in 0..<64 {
                        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                        let choice = (e & f) ^ (~e & g)
                        let t1 = h &+ s1 &+ choice &+ k[t] &+ w[t]
                        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                        let majority = (a & b) ^ (a & c) ^ (b & c)
                        let t2 = s0 &+ majority
                        h = g; g = f; f = e; e = d &+ t1
                        d = c; c = b; b = a; a = t1 &+ t2
                    }
                    h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
                    h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                    offset += 64
                }
            }
        }
        state = (h0, h1, h2, h3, h4, h5, h6, h7)
    }
}

@inline(__always)
private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
