/// The faults that apply to one request, merged from every armed ``SandboxFault``.
struct FaultPlan: Hashable, Sendable {
    var delay: Duration?
    var dropAfterBodyBytes: Int?
    var failBeforeStoringStatus: Int?
    var failAfterStoringStatus: Int?

    /// Adds one fault; when two of a kind are armed, the one armed first wins.
    mutating func add(_ fault: SandboxFault) {
        switch fault {
        case .delay(let duration): delay = delay ?? duration
        case .dropConnection(let bytes): dropAfterBodyBytes = dropAfterBodyBytes ?? max(0, bytes)
        case .failBeforeStoring(let status): failBeforeStoringStatus = failBeforeStoringStatus ?? status
        case .failAfterStoring(let status): failAfterStoringStatus = failAfterStoringStatus ?? status
        }
    }

    /// Sleeps for the planned delay, if any (cancelled when the server stops).
    func applyDelay() async {
        if let delay { try? await Task.sleep(for: delay) }
    }
}

/// A fault waiting for requests, with how many it still applies to.
struct ArmedFault: Hashable, Sendable {
    var fault: SandboxFault
    var endpoint: SandboxEndpoint
    var remaining: Int
}
