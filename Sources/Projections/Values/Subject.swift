/// Something the register keeps a history of: a reserve, a contract, a programme or a decision.
///
/// Written as `reserve:404`, `contract:dordrecht-sociaal`, `programme:bestaanszekerheid`,
/// `decision:2022-0177088` or `budget:2026`; the CLI also accepts the bare id when it is unambiguous.
public enum Subject: Hashable, Comparable, Sendable, CustomStringConvertible {
    case reserve(ReserveNumber)
    case contract(ContractID)
    case programme(ProgrammeID)
    case decision(DecisionID)
    case budget(year: Int)

    public var kind: String {
        switch self {
        case .reserve: return "reserve"
        case .contract: return "contract"
        case .programme: return "programme"
        case .decision: return "decision"
        case .budget: return "budget"
        }
    }

    public var id: String {
        switch self {
        case .reserve(let r): return r.rawValue
        case .contract(let c): return c.rawValue
        case .programme(let p): return p.rawValue
        case .decision(let d): return d.rawValue
        case .budget(let year): return String(year)
        }
    }

    public var description: String { "\(kind):\(id)" }

    /// Parses `kind:id`; nil when the kind is unknown.
    public init?(qualified text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let kind = String(text[..<colon]), id = String(text[text.index(after: colon)...])
        guard !id.isEmpty else { return nil }
        switch kind {
        case "reserve": self = .reserve(ReserveNumber(id))
        case "contract": self = .contract(ContractID(id))
        case "programme": self = .programme(ProgrammeID(id))
        case "decision": self = .decision(DecisionID(id))
        case "budget":
            guard let year = Int(id) else { return nil }
            self = .budget(year: year)
        default: return nil
        }
    }

    public static func < (a: Subject, b: Subject) -> Bool {
        (a.kind, a.id) < (b.kind, b.id)
    }
}
