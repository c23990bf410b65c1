/// Settings of the webhook channel.
public struct WebhookConfiguration: Sendable {
    /// The shared secret every request is signed with (`WATCHPOST_WEBHOOK_SECRET`).
    /// Never logged, never stored in the database.
    public var secret: String
    /// The longest time to wait for the TCP (and TLS) connection. Default: 10 seconds.
    public var connectTimeout: Duration = .seconds(10)
    /// The longest time for the whole request, connection included. Default: 10 seconds.
    public var timeout: Duration = .seconds(10)

    /// Creates a configuration with the default timeouts.
    public init(secret: String) {
        self.secret = secret
    }
}
