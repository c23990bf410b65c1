extension KafkaError {
    /// The kind of a ``KafkaError``. A struct rather than an enum so that new kinds can be
    /// added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) {
            self.name = name
        }

        /// The code's name, e.g. `messageTimedOut`.
        public var description: String { name }

        /// A configuration value was rejected; the message names the key.
        public static let configuration = Code("configuration")
        /// The client was closed.
        public static let closed = Code("closed")
        /// A message could not be delivered within `message.timeout.ms`.
        public static let messageTimedOut = Code("messageTimedOut")
        /// Brokers cannot be reached, or a request timed out, or a leader/coordinator moved.
        public static let unavailable = Code("unavailable")
        /// The local producer queue is full; wait for deliveries and retry.
        public static let queueFull = Code("queueFull")
        /// The topic or partition does not exist.
        public static let unknownTopicOrPartition = Code("unknownTopicOrPartition")
        /// The topic to create exists already.
        public static let topicAlreadyExists = Code("topicAlreadyExists")
        /// Authentication (SASL, TLS) or authorization failed.
        public static let authentication = Code("authentication")
        /// A consumer-group rebalance interfered (generation changed, member unknown).
        public static let rebalance = Code("rebalance")
        /// A consumer position was not available on the broker and was reset.
        public static let offsetReset = Code("offsetReset")
        /// The message was removed from the producer queue before delivery (client closed).
        public static let purged = Code("purged")
        /// The message is larger than the broker or client accepts.
        public static let messageTooLarge = Code("messageTooLarge")
        /// An argument was invalid (e.g. partition count, empty topic name).
        public static let invalidArgument = Code("invalidArgument")
        /// librdkafka raised a fatal error; the client must be recreated.
        public static let fatal = Code("fatal")
        /// The embedded broker could not be started or controlled.
        public static let embeddedBroker = Code("embeddedBroker")
        /// Any other librdkafka or broker error; see `rdKafkaName`.
        public static let other = Code("other")
    }
}
