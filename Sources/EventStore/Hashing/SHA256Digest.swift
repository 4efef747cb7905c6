/// A 32-byte SHA-256 digest, written as 64 lowercase hex digits in event files and output.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "a SHA-256 digest has 32 bytes")
        self.bytes = bytes
    }

    /// Parses the one canonical form, 64 lower-case hex digits; nil for anything else (an
    /// upper-case digit in a stored hash is damage, not another spelling of the same hash).
    public init?(hex: String) {
        var hex = hex
        // Native strings are contiguous UTF-8: read in place, no copy (this runs for every hash
        // of every index line and event read).
        guard let bytes = hex.withUTF8({ Self.bytes(ofHex: $0) }) else { return nil }
        self.bytes = bytes
    }

    /// The same, from the digits' bytes (a line of the index, read as bytes).
    public init?(hex: ArraySlice<UInt8>) {
        guard let bytes = hex.withUnsafeBufferPointer({ Self.bytes(ofHex: $0) }) else { return nil }
        self.bytes = bytes
    }

    private static func bytes(ofHex utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard utf8.count == 64 else { return nil }
        var valid = true
        let out = [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            for index in 0..<32 {
                let high = hexValues[Int(utf8[2 * index])], low = hexValues[Int(utf8[2 * index + 1])]
                guard high < 16, low < 16 else { valid = false; break }
                buffer[index] = high << 4 | low
            }
            count = valid ? 32 : 0
        }
        return valid ? out : nil
    }

    /// The hash that the first event names as its predecessor: 64 zeros.
    public static let zero = SHA256Digest(bytes: [UInt8](repeating: 0, count: 32))

    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }
}

/// The value of each byte as a lower-case hex digit, 0xff for any other byte.
private let hexValues: [UInt8] = (0...255).map { byte -> UInt8 in
    switch UInt8(byte) {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt8(byte) - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt8(byte) - UInt8(ascii: "a") + 10
    default: return 0xff
    }
}
