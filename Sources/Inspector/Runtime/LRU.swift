/// A small least-recently-used cache.
struct LRU<Key: Hashable, Value> {
    let capacity: Int
    private var store: [Key: Value] = [:]
    private var order: [Key] = []

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// The cached values, most recent last.
    var values: [Value] { order.compactMap { store[$0] } }

    subscript(key: Key) -> Value? {
        mutating get {
            guard let v = store[key] else { return nil }
            touch(key)
            return v
        }
        set {
            store[key] = newValue
            if newValue == nil { order.removeAll { $0 == key }; return }
            touch(key)
            while order.count > capacity { store[order.removeFirst()] = nil }
        }
    }

    private mutating func touch(_ key: Key) {
        order.removeAll { $0 == key }
        order.append(key)
    }
}
