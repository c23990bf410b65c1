import Logging
import Postgres

/// A dedicated connection that `LISTEN`s to the deadline channel, reopened after a failure.
/// It is owned by one task (the enforcer loop), hence an actor only for `Sendable`.
actor DeadlineListener {
    private let configuration: PostgresConfiguration
    private let channel: String
    private let logger: Logger
    private var connection: PostgresConnection?

    init(configuration: PostgresConfiguration, channel: String, logger: Logger) {
        self.configuration = configuration
        self.channel = channel
        self.logger = logger
    }

    /// Opens the connection and subscribes, unless already done.
    func connect() async throws {
        guard connection == nil else { return }
        let fresh = try await PostgresConnection.connect(configuration: configuration, logger: logger)
        do {
            try await fresh.listen(channel)
        } catch {
            await fresh.close()
            throw error
        }
        connection = fresh
    }

    /// Waits up to `timeout` for a notification, then drains any others already queued (one
    /// round of work answers them all). Returns whether one came.
    @discardableResult
    func wait(timeout: Duration) async throws -> Bool {
        guard let connection else { return false }
        guard try await connection.waitForNotification(timeout: timeout) != nil else { return false }
        for _ in 0..<1000 {
            guard try await connection.waitForNotification(timeout: .zero) != nil else { break }
        }
        return true
    }

    /// Closes the connection; the next `connect` opens a new one.
    func close() async {
        await connection?.close()
        connection = nil
    }
}
