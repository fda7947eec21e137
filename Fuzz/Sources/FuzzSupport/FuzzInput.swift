/// The bytes libFuzzer hands a target, copied into an array (the targets' parsers take arrays).
public func fuzzInputBytes(_ start: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
    guard let start, count > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: start, count: count))
}

/// Ordinary release-notes prose, the reference a target's per-byte cost is measured against.
public let referenceProse = """
    Version 2.4.0 brings faster sync and a new settings screen. The crash when opening a shared album \
    without a network connection is fixed, and uploads resume where they stopped after the app was \
    closed. Thanks to everyone who reported the login loop on older devices; it no longer happens.

    """
