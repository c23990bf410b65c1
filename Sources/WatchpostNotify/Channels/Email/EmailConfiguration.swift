/// Settings of the SMTP e-mail channel.
///
/// The password comes from the environment (`WATCHPOST_SMTP_PASSWORD`) and is never written
/// to logs, errors or the database.
public struct EmailConfiguration: Sendable {
    /// How the connection to the SMTP server is protected.
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain SMTP, no STARTTLS. Only for a relay on the same machine or in tests.
        case none
        /// Use STARTTLS when the server offers it, continue in plain text otherwise.
        case tryStartTLS = "try"
        /// Require TLS (STARTTLS on `smtp://`, implicit on `smtps://`); fail otherwise.
        case required
    }

    /// The server, `smtp://host:587` (STARTTLS) or `smtps://host:465` (implicit TLS).
    /// An optional path names the EHLO domain: `smtp://relay.example.vn:587/watchpost.example.vn`.
    public var url: String
    /// The sender, `"Name <local@domain>"` or `local@domain`; used for `MAIL FROM` and `From:`.
    public var from: String
    /// The login name, when the server requires AUTH. Default: none.
    public var username: String?
    /// The login password, when the server requires AUTH. Default: none.
    public var password: String?
    /// Transport security. Default: `.required`.
    public var tls: TLSMode = .required
    /// The longest time to wait for the connection. Default: 10 seconds.
    public var connectTimeout: Duration = .seconds(10)
    /// The longest time for the whole SMTP conversation. Default: 30 seconds.
    public var timeout: Duration = .seconds(30)

    /// Creates a configuration with the defaults above.
    public init(url: String, from: String) {
        self.url = url
        self.from = from
    }
}
