/// The one rule for every text in an event: the envelope's texts and every string in the
/// payload at any depth (values and keys, array items, nested objects), checked on append by
/// `EventDraft.validateEnvelopeFields` before any rule of the domain.
///
/// A text may be at most `maximumLength` characters (a field may allow fewer) and may not hold
/// a character `isForbidden` names: those reach a terminal as commands (ESC starts an escape
/// sequence, BEL rings, C1 controls are escapes of their own), break a line-based output, or
/// reorder what a reader sees (a right-to-left override makes `fdp.exe` look like `exe.pdf`).
/// The rule does not cover events that arrive without `append` (a git clone, a copied folder):
/// every human output therefore also writes such characters out (`DisplayText` in the CLI).
public enum TextPolicy {
    /// The longest text anywhere in an event (notes and reasons may use all of it; most fields less).
    public static let maximumLength = 2000

    /// C0 controls (tab and line breaks included), DEL, C1 controls, the line and paragraph
    /// separators U+2028 and U+2029, and the bidirectional formatting characters: the marks
    /// U+061C, U+200E and U+200F, the embeddings and overrides U+202A to U+202E and the isolates
    /// U+2066 to U+2069.
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x2028, 0x2029: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// The first forbidden character of `text`, or nil.
    public static func firstForbidden(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isForbidden)
    }

    /// What kind of forbidden character `scalar` is, in words for a message.
    static func kind(of scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x2028, 0x2029: return "a line or paragraph separator"
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return "a bidirectional formatting character"
        default: return "a control character"
        }
    }

    /// `U+001B`: how a message names a character a clerk cannot see.
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// What is wrong with `text` under this policy with at most `maxLength` characters, as the
    /// `problem` and `expected` of `StoreError.invalidField`; nil when nothing is.
    public static func problem(in text: String, maxLength: Int = maximumLength) -> (problem: String, expected: String)? {
        let length = text.unicodeScalars.count
        if length > maxLength {
            return ("is \(length) characters long", "at most \(maxLength) characters")
        }
        if let bad = firstForbidden(in: text) {
            return ("contains \(kind(of: bad)) (\(name(bad)))",
                    "printable text on one line, without control or bidirectional formatting characters")
        }
        return nil
    }

    /// Checks every string in `value` (object keys too), naming the first bad one by its path
    /// (`payload.assumptions[2]`, `payload.allocations[0].project`).
    public static func check(_ value: JSONValue, path: String) throws(StoreError) {
        switch value {
        case .string(let text):
            if let (problem, expected) = problem(in: text) { throw .invalidField(field: path, problem: problem, expected: expected) }
        case .array(let items):
            for (i, item) in items.enumerated() { try check(item, path: "\(path)[\(i)]") }
        case .object(let object):
            for key in object.keys.sorted() {
                if let (problem, expected) = problem(in: key, maxLength: 200) {
                    throw .invalidField(field: "\(path) key '\(String(key.unicodeScalars.prefix(40)))'", problem: problem, expected: expected)
                }
                try check(object[key]!, path: "\(path).\(key)")
            }
        default:
            break
        }
    }
}
