import Foundation

/// The English texts the catalogue had no Dutch for while Dutch was asked, collected for a test.
///
/// `Language.text` and `Language.message` tell the collector of the task they run in
/// (`Language.$misses.withValue(collector) { … }`); outside such a task nobody listens and
/// nothing is collected, so a command costs nothing extra. A text the catalogue lacks is still
/// shown in English: the collector only lets a test list it.
public final class CatalogueMisses: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []

    public init() {}

    func record(_ english: String) {
        lock.lock()
        defer { lock.unlock() }
        collected.append(english)
    }

    /// Every text that stayed English, once each, in the order first met.
    public var texts: [String] {
        lock.lock()
        defer { lock.unlock() }
        var seen: Set<String> = []
        return collected.filter { seen.insert($0).inserted }
    }
}
