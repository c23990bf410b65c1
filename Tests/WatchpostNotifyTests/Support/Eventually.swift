import Testing

/// Waits until `condition` holds, checking every 10 ms, and fails the test after `timeout`.
func waitUntil(
    timeout: Duration = .seconds(10),
    _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () throws -> Bool
) async throws {
    // At least two minutes: the deadline only detects a hang on a shared, busy machine.
    let deadline = ContinuousClock.now + max(timeout, .seconds(120))
    while ContinuousClock.now < deadline {
        if try condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("timed out waiting for \(what)", sourceLocation: sourceLocation)
    throw CancellationError()
}
