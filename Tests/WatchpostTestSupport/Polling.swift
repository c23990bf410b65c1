/// Thrown by `waitUntil` when its condition never held.
public struct WaitTimedOut: Error, CustomStringConvertible {
    /// What was awaited, e.g. "every delivery to be delivered".
    public let what: String
    /// How long it was awaited.
    public let after: Duration

    /// The message a failing test shows.
    public var description: String { "timed out after \(after) waiting until \(what)" }
}

/// Polls `condition` every `interval` until it holds: the one way tests wait on a condition
/// instead of sleeping. The deadline only detects a hang, so it is `timeout` or two minutes,
/// whichever is longer: these machines are shared, slow and often busy. An error the condition
/// throws while waiting counts as "not yet"; the last check's error is thrown.
///
/// - Throws: `WaitTimedOut` naming `what`, or the last check's error.
public func waitUntil(
    _ what: String,
    timeout: Duration = .seconds(30),
    every interval: Duration = .milliseconds(50),
    isolation: isolated (any Actor)? = #isolation,
    _ condition: () async throws -> Bool
) async throws {
    let limit = max(timeout, .seconds(120))
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if (try? await condition()) == true { return }
        try await Task.sleep(for: interval)
    }
    if try await condition() { return }
    throw WaitTimedOut(what: what, after: limit)
}
