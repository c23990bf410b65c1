/// Brokers and topics of a cluster, as one broker reported them.
public struct KafkaClusterMetadata: Sendable {
    /// The brokers.
    public var brokers: [Broker]
    /// The topics, internal ones included.
    public var topics: [Topic]

    /// Creates metadata.
    public init(brokers: [Broker], topics: [Topic]) {
        self.brokers = brokers
        self.topics = topics
    }

    /// The topic named `name`, if the cluster has it.
    public func topic(named name: String) -> Topic? {
        topics.first { $0.name == name }
    }

    /// One broker.
    public struct Broker: Hashable, Sendable {
        /// The broker id.
        public var id: Int32
        /// Its advertised host.
        public var host: String
        /// Its advertised port.
        public var port: Int32
    }

    /// One topic.
    public struct Topic: Sendable {
        /// The topic name.
        public var name: String
        /// Its partitions, by id.
        public var partitions: [Partition]
        /// Why the broker could not describe the topic, if it could not.
        public var error: KafkaError?

        /// The number of partitions.
        public var partitionCount: Int { partitions.count }
    }

    /// One partition of a topic.
    public struct Partition: Hashable, Sendable {
        /// The partition id.
        public var id: Int32
        /// The broker id of the leader, -1 if there is none.
        public var leader: Int32
        /// The broker ids of the replicas.
        public var replicas: [Int32]
    }
}
