/// How the index keeps the values of one key; see `SubjectIndex`.
enum IndexKeyKind: Equatable, Sendable {
    /// Every value, in the order added, in a list bucket: subject and group postings, and the
    /// policy keys whose every value a check reads (`AppendPolicy.isSingleValued` false).
    case list
    /// Only the last value, in a leaf (`IndexLeaf`) that stays small however often the key is
    /// set: event ids and the policy's names (`AppendPolicy.isSingleValued`).
    case single
    /// Only the running sum, in the manifest (`AppendPolicy.isTally`).
    case tally
}

/// The kind of every key, from the store's own key families and a policy's answers.
///
/// The store decides for its own keys (`event:` is single, `subject:` and `group:` are lists);
/// the policy for the rest. Kept beside an open index so that a read looks a key up where a
/// write put it.
struct IndexKeyKinds: Sendable {
    private let isTally: @Sendable (String) -> Bool
    private let isSingleValued: @Sendable (String) -> Bool

    init<Policy: AppendPolicy>(_ policy: Policy) {
        isTally = { policy.isTally($0) }
        isSingleValued = { policy.isSingleValued($0) }
    }

    /// For a history indexed without tallies (a `NamesIndex`): a tally key's values are kept as a list.
    init<Policy: AppendPolicy>(keepingTalliesAsLists policy: Policy) {
        isTally = { _ in false }
        isSingleValued = { policy.isSingleValued($0) }
    }

    func kind(of key: String) -> IndexKeyKind {
        if key.utf8.starts(with: Self.eventPrefix.utf8) { return .single }
        if key.utf8.starts(with: Self.subjectPrefix.utf8) || key.utf8.starts(with: SubjectIndex.groupPrefix.utf8) { return .list }
        if isTally(key) { return .tally }
        return isSingleValued(key) ? .single : .list
    }

    /// The store's key for an event id: `event:<id>` → `<type> <sequence>[ <hash>]`.
    static let eventPrefix = "event:"
    /// The store's key for a subject's postings: `subject:<subject>` → `<sequence> <type> <hash>`.
    static let subjectPrefix = "subject:"
}
