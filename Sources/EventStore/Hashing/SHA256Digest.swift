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

    private static func bytes(ofHex utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard utf8.count == 64 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(32)
        var index = 0
        while index < 64 {
            guard let high = hexValue(utf8[index]), let low = hexValue(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
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

private func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    default: return nil
    }
}
