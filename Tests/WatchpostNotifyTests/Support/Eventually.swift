import Testing

/// Waits until `condition` holds, checking every 10 ms, and fails the test after `timeout`.
func waitUntil(
    timeout: Duration = .seconds(10),
    _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("timed out waiting for \(what)", sourceLocation: sourceLocation)
    throw CancellationError()
}
