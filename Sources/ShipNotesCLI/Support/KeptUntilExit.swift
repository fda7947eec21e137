import Synchronization

/// Values a command keeps until the process exits instead of freeing them when it returns.
///
/// A command that has written its output is about to exit, and the kernel takes the whole address
/// space back at once. Freeing a large changelog's outline first (a mapped file, arrays of tens of
/// thousands of records) costs a millisecond of `munmap` calls for nothing, and the notes context
/// of 50,000 commits tens of milliseconds of `free`.
enum KeptUntilExit {
    private static let values = Mutex<[any Sendable]>([])

    static func keep(_ value: any Sendable) {
        values.withLock { $0.append(value) }
    }
}
