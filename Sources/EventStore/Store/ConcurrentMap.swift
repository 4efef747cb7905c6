import Dispatch

/// `(0..<count).map(transform)` on all cores: `transform` runs once for each index, concurrently,
/// and the results come back in index order. The one place the store, and the commands that
/// read events again after a replay, fan work out.
public func concurrentMap<T: Sendable>(count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        let slots = Slots(base: buffer.baseAddress!)
        // Each worker initialises its own index only.
        DispatchQueue.concurrentPerform(iterations: count) { i in (slots.base + i).initialize(to: transform(i)) }
        initialized = count
    }
}

private struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
