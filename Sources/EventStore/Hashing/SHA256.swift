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
            SHA256.roundConstants.withUnsafeBufferPointer { k in
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

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}

@inline(__always)
private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
