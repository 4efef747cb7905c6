/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// Strict on purpose: an event file is evidence, so anything a lenient parser would
/// guess at (trailing commas, comments, duplicate keys, raw control characters,
/// invalid UTF-8, a lone surrogate, leading zeros) is an error that names the line
/// and column. Nesting is limited to `maxDepth` so hostile input cannot exhaust the stack.
public struct JSONParser {
    public static let maxDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    /// The members of the objects being parsed, innermost last, with where each key starts: an
    /// object's dictionary is made once, at its closing brace, with room for exactly its members
    /// (growing it member by member rehashed every key at each doubling).
    private var members: [(key: String, value: JSONValue, keyStart: Int)] = []

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses one JSON document; white space may surround it, nothing else may follow.
    public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index != bytes.count { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    public static func parse(_ text: String) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    private mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        guard depth < JSONParser.maxDepth else { throw error("nested deeper than \(JSONParser.maxDepth) levels") }
        guard index < bytes.count else { throw error("the text ends where a value was expected") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character \(describe(bytes[index])) where a value was expected")
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
        index += 1
        let first = members.count
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { index += 1; return .object([:]) }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
            let keyStart = index
            let key = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\"") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            members.append((key, value, keyStart))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(try closeObject(from: first))
            default: throw error("expected ',' or '}' in an object")
            }
        }
    }

    /// The dictionary of the members from `first` on, which are then dropped; a duplicate key
    /// (two keys that are one `String`, as NFC and NFD forms are) is named where it starts.
    private mutating func closeObject(from first: Int) throws(JSONError) -> [String: JSONValue] {
        var object = [String: JSONValue](minimumCapacity: members.count - first)
        for member in members[first...] where object.updateValue(member.value, forKey: member.key) != nil {
            index = member.keyStart
            throw error("duplicate key \"\(member.key)\"")
        }
        members.removeSubrange(first...)
        return object
    }

    private mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(elements)
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func parseString() throws(JSONError) -> String {
        index += 1  // opening quote
        // Most strings hold no escape: find the closing quote and validate the bytes once.
        var end = index
        var ascii = true
        while end < bytes.count {
            let c = bytes[end]
            if c == UInt8(ascii: "\"") {
                let start = index
                index = end + 1
                // ASCII is valid UTF-8 as it stands; only other bytes need the validating decoder.
                if ascii { return String(decoding: bytes[start..<end], as: UTF8.self) }
                guard let text = String(validating: bytes[start..<end], as: UTF8.self) else {
                    throw error("a string is not valid UTF-8")
                }
                return text
            }
            if c == UInt8(ascii: "\\") || c < 0x20 { break }
            if c >= 0x80 { ascii = false }
            end += 1
        }
        var out = Array(bytes[index..<end])
        index = end
        while true {
            guard index < bytes.count else { throw error("a string is not closed") }
            let c = bytes[index]
            switch c {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: out, as: UTF8.self) else {
                    throw error("a string is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw error("a string is not closed") }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5c)
                case UInt8(ascii: "/"): out.append(0x2f)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0c)
                case UInt8(ascii: "n"): out.append(0x0a)
                case UInt8(ascii: "r"): out.append(0x0d)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): out.append(contentsOf: try parseUnicodeEscape())
                default:
                    index -= 1
                    throw error("unknown escape \\\(describe(escaped))")
                }
            case 0..<0x20:
                throw error("a raw control character (\(describe(c))) inside a string; write it as an escape")
            default:
                out.append(c)
                index += 1
            }
        }
    }

    private mutating func parseUnicodeEscape() throws(JSONError) -> [UInt8] {
        let first = try parseHex4()
        var scalarValue = UInt32(first)
        if (0xD800...0xDBFF).contains(first) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw error("a lone high surrogate \\u\(hex4(first))")
            }
            index += 2
            let second = try parseHex4()
            guard (0xDC00...0xDFFF).contains(second) else { throw error("a high surrogate not followed by a low one") }
            scalarValue = 0x10000 + (UInt32(first - 0xD800) << 10) + UInt32(second - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(first) {
            throw error("a lone low surrogate \\u\(hex4(first))")
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw error("an invalid \\u escape") }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func parseHex4() throws(JSONError) -> UInt16 {
        guard index + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw error("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(JSONError) -> String {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard let first = peek(), isDigit(first) else { throw error("a number needs digits") }
        if first == UInt8(ascii: "0") {
            index += 1
            if let next = peek(), isDigit(next) { throw error("a number may not start with 0") }
        } else {
            while let c = peek(), isDigit(c) { index += 1 }
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard let c = peek(), isDigit(c) else { throw error("a decimal point must be followed by digits") }
            while let c = peek(), isDigit(c) { index += 1 }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard let c = peek(), isDigit(c) else { throw error("an exponent needs digits") }
            while let c = peek(), isDigit(c) { index += 1 }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONError) {
        let utf8 = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard index + utf8.count <= bytes.count, bytes[index..<index + utf8.count].elementsEqual(utf8) else {
            throw error("unexpected text; did you mean \(word)?")
        }
        index += utf8.count
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0a, 0x0d: index += 1
            default: return
            }
        }
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private func error(_ message: String) -> JSONError {
        var line = 1, column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == 0x0a { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return JSONError(message: message, line: line, column: column)
    }
}

/// Why a text is not JSON, and where (1-based line and column).
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public let line: Int
    public let column: Int
    public var description: String { "line \(line), column \(column): \(message)" }
}

private func describe(_ byte: UInt8) -> String {
    if byte >= 0x20 && byte < 0x7f { return "'\(Character(Unicode.Scalar(byte)))'" }
    return "byte 0x" + String(byte, radix: 16, uppercase: true)
}

private func hex4(_ value: UInt16) -> String {
    let s = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: 4 - s.count) + s
}
