/// Why the domain refuses an event or a question.
public enum DomainError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownType(String)
    case unsupportedSchemaVersion(type: String, version: Int, newest: Int)
    case invalidField(field: String, problem: String, expected: String)
    /// A reference to something the register does not hold.
    case unknownReference(field: String, kind: String, id: String)
    /// A name that differs from one the register holds only in case or leading zeros
    /// (`IdentifierRules.identity`): `0404` where reserve `404` exists.
    case sameNameAs(field: String, kind: String, name: String, existing: String)
    /// The event contradicts the history (a reserve established twice, a retraction corrected).
    case conflict(String)

    public var description: String {
        switch self {
        case .unknownType(let t):
            return "field 'type': '\(t)' is not an event type; expected one of \(EventType.allCases.map(\.rawValue).joined(separator: ", "))"
        case let .unsupportedSchemaVersion(type, version, newest):
            return "field 'schemaVersion': \(type) version \(version) is newer than this register understands (up to \(newest)); upgrade register"
        case let .invalidField(field, problem, expected):
            return "field '\(field)': \(problem); expected \(expected)"
        case let .unknownReference(field, kind, id):
            return "field '\(field)': the register holds no \(kind) '\(id)'; record that \(kind) first, or fix the reference"
        case let .sameNameAs(field, kind, name, existing):
            return "field '\(field)': '\(name)' differs from \(kind) '\(existing)', which the register holds, only in case or leading zeros; "
                + "names are compared that way, so write '\(existing)' (or choose a name that differs in more)"
        case .conflict(let why):
            return why
        }
    }
}
