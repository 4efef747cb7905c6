/// Identifiers a clerk recognises, as distinct types so a contract id cannot be passed as
/// a reserve number. All compare after Unicode canonical equivalence (NFC), as Swift
/// `String` does, so the same text typed two ways is one subject.

/// A reserve's number in the municipal chart of reserves, e.g. `404`.
public struct ReserveNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue.localizedStandardLess(b.rawValue) }
}

/// A contract's short name, e.g. `dordrecht-sociaal`.
public struct ContractID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A budget programme's short name, e.g. `bestaanszekerheid`.
public struct ProgrammeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A decision's identifier: its zaaknummer where it has one (`2022-0177088`), otherwise
/// the identifier the source uses.
public struct DecisionID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

extension String {
    /// Numeric-aware ordering so reserve 9 sorts before reserve 10.
    func localizedStandardLess(_ other: String) -> Bool {
        if let a = Int(self), let b = Int(other) { return a < b }
        return self < other
    }
}
