/// How to reach and authenticate to a Kafka cluster; shared by producers, consumers and admin
/// clients.
public struct KafkaConnectionConfiguration: Sendable {
    /// Bootstrap brokers as `host:port`. Required.
    public var bootstrapBrokers: [String]
    /// The client id brokers log and use for quotas. Default: `"kafka-swift"`.
    public var clientID: String = "kafka-swift"
    /// Transport and authentication protocol. Default: ``SecurityProtocol/plaintext``.
    public var securityProtocol: SecurityProtocol = .plaintext
    /// SASL credentials, used with `saslPlaintext` and `saslSSL`. Default: none.
    public var sasl: SASL?
    /// TLS files, used with `ssl` and `saslSSL`. Default: none (system CA store).
    public var tls: TLS?
    /// Any other librdkafka property (see librdkafka's CONFIGURATION.md), applied last, after
    /// the typed settings above and the producer's or consumer's own, so these win. Properties
    /// a client manages itself (`bootstrap.servers`, `group.id`, `enable.idempotence`, …) are
    /// refused when the client is created. Default: empty.
    public var additionalProperties: [String: String] = [:]

    /// Creates a connection configuration for the given bootstrap brokers (`host:port`).
    public init(bootstrapBrokers: [String]) {
        self.bootstrapBrokers = bootstrapBrokers
    }

    /// librdkafka's `security.protocol`.
    public enum SecurityProtocol: String, Sendable, CaseIterable {
        /// No encryption, no authentication.
        case plaintext
        /// TLS encryption (and client certificates when ``TLS`` names them).
        case ssl
        /// SASL authentication over an unencrypted connection.
        case saslPlaintext = "sasl_plaintext"
        /// SASL authentication over TLS.
        case saslSSL = "sasl_ssl"
    }

    /// SASL credentials.
    public struct SASL: Sendable {
        /// The SASL mechanism, e.g. `PLAIN`, `SCRAM-SHA-256`, `SCRAM-SHA-512`.
        /// Default: `"PLAIN"`.
        public var mechanism: String
        /// The SASL user name.
        public var username: String
        /// The SASL password.
        public var password: String

        /// Creates SASL credentials.
        public init(mechanism: String = "PLAIN", username: String, password: String) {
            self.mechanism = mechanism
            self.username = username
            self.password = password
        }
    }

    /// Paths of PEM files for TLS.
    public struct TLS: Sendable {
        /// CA certificate(s) to verify the brokers. Default: none (system store).
        public var caFile: String?
        /// The client certificate, for mutual TLS. Default: none.
        public var certificateFile: String?
        /// The client private key, for mutual TLS. Default: none.
        public var keyFile: String?
        /// The password of the private key, if it is encrypted. Default: none.
        public var keyPassword: String?

        /// Creates a TLS configuration from file paths.
        public init(
            caFile: String? = nil,
            certificateFile: String? = nil,
            keyFile: String? = nil,
            keyPassword: String? = nil
        ) {
            self.caFile = caFile
            self.certificateFile = certificateFile
            self.keyFile = keyFile
            self.keyPassword = keyPassword
        }
    }
}
