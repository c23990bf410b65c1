/// Settings of a ``KafkaProducer``. The producer is always idempotent (`enable.idempotence`,
/// `acks=all`): a retried send never writes a message twice.
public struct KafkaProducerConfiguration: Sendable {
    /// Brokers and security.
    public var connection: KafkaConnectionConfiguration
    /// Compression of record batches. Default: ``Compression/lz4`` (the embedded broker keeps
    /// only ~5 MiB per partition; compression stretches that about 9×).
    public var compression: Compression = .lz4
    /// How long a message may wait for delivery, retries included, before `send` fails with
    /// ``KafkaError/Code/messageTimedOut`` (`message.timeout.ms`). Default: 30 seconds.
    public var messageTimeout: Duration = .seconds(30)
    /// How long to wait for more messages before sending a batch (`linger.ms`).
    /// Default: 5 milliseconds.
    public var linger: Duration = .milliseconds(5)
    /// Any other librdkafka producer property, applied last. `enable.idempotence` and `acks`
    /// are managed by the producer and rejected here. Default: empty.
    public var additionalProperties: [String: String] = [:]

    /// Creates a producer configuration for the given connection.
    public init(connection: KafkaConnectionConfiguration) {
        self.connection = connection
    }

    /// Creates a producer configuration for plaintext bootstrap brokers (`host:port`).
    public init(bootstrapBrokers: [String]) {
        self.connection = KafkaConnectionConfiguration(bootstrapBrokers: bootstrapBrokers)
    }

    /// librdkafka's `compression.type`.
    public enum Compression: String, Sendable, CaseIterable {
        /// No compression.
        case none
        /// gzip: small, slow.
        case gzip
        /// snappy.
        case snappy
        /// lz4: fast, always built into librdkafka.
        case lz4
        /// zstd: small and fast, if librdkafka was built with it.
        case zstd
    }

    /// Properties the producer sets itself; refused among additional properties.
    public static let managedProperties = ["enable.idempotence", "acks"]

    /// The librdkafka properties, in the order they are applied.
    func properties() throws -> [(String, String)] {
        let managed = Self.managedProperties
        if let key = additionalProperties.keys.first(where: managed.contains) {
            throw KafkaError.configuration(key: key, reason: "managed by KafkaProducer; remove it")
        }
        let role: [(String, String)] = [
            ("enable.idempotence", "true"),
            ("acks", "all"),
            ("compression.type", compression.rawValue),
            ("message.timeout.ms", String(messageTimeout.milliseconds)),
            ("linger.ms", String(linger.milliseconds)),
        ]
        return try connection.properties(
            role: role + additionalProperties.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            managed: managed
        )
    }
}
