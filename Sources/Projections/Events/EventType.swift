import EventStore

/// The event types the register understands, with the payload schema version it writes.
public enum EventType: String, CaseIterable, Sendable {
    case decisionProposed = "decision-proposed"
    case decisionTaken = "decision-taken"
    case decisionRejected = "decision-rejected"
    case decisionWithdrawn = "decision-withdrawn"
    case reserveEstablished = "reserve-established"
    case reserveEndDateChanged = "reserve-end-date-changed"
    case reserveAddition = "reserve-addition"
    case reserveWithdrawal = "reserve-withdrawal"
    case allocation = "allocation"
    case reallocation = "reallocation"
    case commitment = "commitment"
    case commitmentSettled = "commitment-settled"
    case commitmentReleased = "commitment-released"
    case balanceEstimate = "balance-estimate"
    case balanceActual = "balance-actual"
    case contractAwarded = "contract-awarded"
    case contractExtensionIntended = "contract-extension-intended"
    case contractExtended = "contract-extended"
    case budgetSet = "budget-set"
    case statedTotal = "stated-total"
    case correction = "correction"
    case retraction = "retraction"
    case sourceDocument = "source-document"

    /// The newest payload schema version of this type. Older versions go through `EventUpcaster`.
    public var schemaVersion: Int { self == .correction ? 2 : 1 }
}

/// Brings a payload written under an older schema version up to the current one; the one
/// place a shape changes, because stored events are never rewritten.
///
/// - `correction` 1 → 2: version 1's `payload` was the complete corrected payload (fields left
///   out were dropped); it becomes `replacement`, which keeps that meaning. In version 2,
///   `payload` holds only the fields a correction changes.
public enum EventUpcaster {
    public static func upcast(type: EventType, version: Int, payload: JSONValue) throws(DomainError) -> JSONValue {
        guard version >= 1 else {
            throw .invalidField(field: "schemaVersion", problem: "\(version) is below 1", expected: "1 or more")
        }
        guard version <= type.schemaVersion else {
            throw .unsupportedSchemaVersion(type: type.rawValue, version: version, newest: type.schemaVersion)
        }
        if type == .correction, version == 1, var object = payload.object, let whole = object.removeValue(forKey: "payload") {
            object["replacement"] = whole
            return .object(object)
        }
        return payload
    }
}
