/// Where an event's facts come from: a document and, where it has one, its zaaknummer.
public struct EventSource: Hashable, Sendable {
    public let document: String
    public let zaaknummer: String?

    public init(document: String, zaaknummer: String?) {
        self.document = document
        self.zaaknummer = zaaknummer
    }

    var json: JSONValue {
        .object(["document": .string(document), "zaaknummer": JSONValue(zaaknummer)])
    }
}
