import EventStore

extension CLIError {
    /// The error as the JSON object `--json` mode writes to stderr (docs/reference/json.md,
    /// "Errors"): always the same keys, `command` and `usage` null when there is none.
    func json(usage: String?) -> JSONValue {
        let kind: String
        let command: String?
        switch self {
        case .usage(_, let c): kind = "usage"; command = c
        case .refused: kind = "refused"; command = nil
        case .failure: kind = "failure"; command = nil
        case .environment: kind = "environment"; command = nil
        }
        return .object(["error": .object([
            "kind": .string(kind), "message": .string(description), "exitCode": JSONValue(Int(exitCode.rawValue)),
            "command": command.map(JSONValue.string) ?? .null, "usage": usage.map(JSONValue.string) ?? .null,
        ])])
    }

    /// `json(usage:)` as one line, for stderr.
    func jsonLine(usage: String?) -> String { JSONWriter.compactString(json(usage: usage)) + "\n" }
}
