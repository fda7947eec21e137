/// Results of work run with `DispatchQueue.concurrentPerform`: each iteration writes only its own
/// slot, and the slots are read once every iteration has ended (concurrentPerform returns then),
/// so no two threads touch one slot and no lock is needed. The slots are a buffer held by a
/// constant, not an array property, so that writes from several threads are not accesses to one
/// variable.
final class ParallelSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value>

    init(count: Int, initial: Value) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: initial)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ value: Value, at index: Int) {
        slots[index] = value
    }

    /// The values in slot order; read after the work has ended.
    var values: [Value] { Array(slots) }
}
