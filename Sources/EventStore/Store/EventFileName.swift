/// File names of events: `NNNNNNNN-type.json`, eight digits of sequence then the type slug.
///
/// Names sort in append order as plain text, say what they hold, and are a pure function of
/// sequence and type, so `verify` can tell a renamed or swapped file from its content.
public enum EventFileName {
    public static let digits = 8
    /// Prefix of an append's temporary file; readers skip it, `verify` reports it.
    public static let temporaryPrefix = ".tmp-"

    public static func make(sequence: Int, type: String) -> String {
        let number = String(sequence)
        return String(repeating: "0", count: max(0, digits - number.count)) + number + "-" + type + ".json"
    }

    /// The sequence number a name claims, or nil when the name is not an event file name.
    public static func sequence(of name: String) -> Int? {
        let u = name.utf8
        guard u.count > digits + 6, name.hasSuffix(".json") else { return nil }
        var value = 0
        var index = u.startIndex
        for _ in 0..<digits {
            let c = u[index]
            guard c >= 48 && c <= 57 else { return nil }
            value = value * 10 + Int(c - 48)
            index = u.index(after: index)
        }
        guard u[index] == UInt8(ascii: "-"), value > 0 else { return nil }
        return value
    }

    /// A detached signature's name is its event's name with this suffix: `NNNNNNNN-type.json.sig`.
    public static let signatureSuffix = ".sig"
    /// The file in the events folder that says which keys may sign as which actor.
    public static let allowedSignersName = "allowed_signers"

    /// Files that belong in an events folder beside the events: the signers list and `.gitkeep`.
    public static func isIgnored(_ name: String) -> Bool { name == allowedSignersName || name == ".gitkeep" }

    /// The event file a detached signature belongs to, or nil when `name` is not a signature name.
    public static func signedEvent(of name: String) -> String? {
        guard name.hasSuffix(signatureSuffix) else { return nil }
        let event = String(name.dropLast(signatureSuffix.count))
        return sequence(of: event) == nil ? nil : event
    }
}
