extension PostgresConnection {
    /// Subscribes this session to `channel` (`LISTEN`); the name is quoted, so any text is safe.
    public func listen(_ channel: String) async throws {
        let sql = "LISTEN " + PostgresQuery.quoteIdentifier(channel)
        _ = try await run { try $0.executeScript(sql: sql) }
    }

    /// Stops listening to `channel` (`UNLISTEN`).
    public func unlisten(_ channel: String) async throws {
        let sql = "UNLISTEN " + PostgresQuery.quoteIdentifier(channel)
        _ = try await run { try $0.executeScript(sql: sql) }
    }

    /// Sends `payload` to every session listening to `channel` (`pg_notify`). Inside a
    /// transaction it is delivered at COMMIT.
    public func notify(_ channel: String, payload: String = "") async throws {
        try await query("SELECT pg_notify(\(channel), \(payload))")
    }

    /// Waits up to `timeout` for a notification on a channel this session listens to, and returns
    /// `nil` if none arrives. Waits on the connection's queue in short slices, so task
    /// cancellation is noticed within about 100 ms (it throws `CancellationError`).
    public func waitForNotification(timeout: Duration) async throws -> PostgresNotification? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        repeat {
            try Task.checkCancellation()
            let remaining = clock.now.duration(to: deadline)
            let slice = max(.zero, min(remaining, .milliseconds(100)))
            let milliseconds = Int32(
                slice.components.seconds * 1000 + slice.components.attoseconds / 1_000_000_000_000_000
            )
            if let notification = try await run({ try $0.nextNotification(timeoutMilliseconds: milliseconds) }) {
                return notification
            }
        } while clock.now < deadline
        return nil
    }
}
