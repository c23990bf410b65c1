/// The one error type of the `Kafka` module.
///
/// `code` says what kind of failure it is (match on it); `rdKafkaCode` and `rdKafkaName` keep
/// librdkafka's own numeric code and name (e.g. `-192` / `_MSG_TIMED_OUT`) for logs and
/// searches; `isRetriable` says whether trying the same operation again can succeed.
public struct KafkaError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. Extensible: new codes may be added, so `switch` with a
    /// `default`.
    public var code: Code
    /// librdkafka's numeric error code (`rd_kafka_resp_err_t`), when the error came from it.
    public var rdKafkaCode: Int32?
    /// librdkafka's symbolic error name (`rd_kafka_err2name`), e.g. `_MSG_TIMED_OUT`.
    public var rdKafkaName: String?
    /// What went wrong, phrased so that a person can act on it.
    public var message: String
    /// Whether retrying the same operation can succeed (transport failures, time-outs, a
    /// broker that is down, a full local queue, a rebalance in progress).
    public var isRetriable: Bool

    /// Creates an error; the module builds these for you, tests and callers rarely need to.
    public init(
        code: Code,
        message: String,
        isRetriable: Bool = false,
        rdKafkaCode: Int32? = nil,
        rdKafkaName: String? = nil
    ) {
        self.code = code
        self.message = message
        self.isRetriable = isRetriable
        self.rdKafkaCode = rdKafkaCode
        self.rdKafkaName = rdKafkaName
    }

    /// A one-line description: code, librdkafka name and message.
    public var description: String {
        if let rdKafkaName {
            return "KafkaError.\(code) [\(rdKafkaName)]: \(message)"
        }
        return "KafkaError.\(code): \(message)"
    }

    /// An error for a configuration value librdkafka rejected, naming the key.
    static func configuration(key: String, reason: String) -> KafkaError {
        KafkaError(code: .configuration, message: "invalid configuration '\(key)': \(reason)")
    }

    /// The client was closed before or while the operation ran.
    static func closed(_ what: String) -> KafkaError {
        KafkaError(code: .closed, message: "\(what): the client is closed")
    }
}
