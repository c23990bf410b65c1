import Logging
import Synchronization

/// A Kafka-protocol broker cluster inside this process, on loopback TCP: librdkafka's mock
/// cluster, with consumer groups, offset commits and fault injection.
///
/// For development and tests only. It keeps data in memory, about 5 MiB per partition (older
/// data is dropped silently), and a new instance starts empty. Brokers are numbered from 1.
/// The brokers stop when the instance is released.
public final class EmbeddedBroker: Sendable {
    private let cluster: RdKafkaMockCluster
    /// Topics created through ``createTopic(_:partitions:replicationFactor:)``; the mock
    /// cluster itself would silently accept a second creation.
    private let createdTopics = Mutex<Set<String>>([])

    /// The bootstrap address list, `127.0.0.1:PORT[,...]`, for client configurations.
    public var bootstrapBrokers: String { cluster.bootstrapBrokers }

    /// The bootstrap addresses as an array, as ``KafkaConnectionConfiguration`` takes them.
    public var bootstrapBrokerList: [String] {
        bootstrapBrokers.split(separator: ",").map(String.init)
    }

    /// Starts `brokers` brokers on ephemeral loopback ports.
    /// - Throws: ``KafkaError`` (`embeddedBroker`) if librdkafka cannot start them.
    public init(brokers: Int = 1, logger: Logger = Logger(label: "kafka.embedded-broker")) throws {
        cluster = try RdKafkaMockCluster(brokers: brokers, logger: logger)
    }

    /// Creates a topic with `partitions` partitions. Topics that clients merely mention are
    /// also created on the fly, with a default partition count, so create them first.
    /// - Throws: ``KafkaError`` (`topicAlreadyExists`) if this broker created it before.
    public func createTopic(_ name: String, partitions: Int, replicationFactor: Int = 1) throws {
        guard partitions >= 1, replicationFactor >= 1 else {
            throw KafkaError(
                code: .invalidArgument,
                message: "create topic \(name): partitions and replication factor must be at least 1"
            )
        }
        let isNew = createdTopics.withLock { $0.insert(name).inserted }
        guard isNew else {
            throw KafkaError(code: .topicAlreadyExists, message: "create topic \(name): it exists already")
        }
        do {
            try cluster.createTopic(name, partitions: partitions, replicationFactor: replicationFactor)
        } catch {
            _ = createdTopics.withLock { $0.remove(name) }
            throw error
        }
    }

    /// Makes a broker fail as a hung or cut-off broker does until ``resumeAnswering(_:)``: every
    /// response waits `delay`, and every produce request is refused with a retriable error, so
    /// nothing is written while it lasts and a producer's send ends in its message timeout.
    ///
    /// Its connections and its listener stay as they are. librdkafka's mock cluster can also take
    /// a broker down, but it then binds the broker's port again at once and aborts the whole
    /// process when another socket has taken that port in the meantime, which a busy machine
    /// does now and then (D55).
    public func stopAnswering(_ brokerID: Int32, delay: Duration = .seconds(10)) throws {
        injectRequestErrors(api: .produce, errorCodes: Array(repeating: Self.requestTimedOut, count: 100_000))
        try setRoundTripTime(delay, broker: brokerID)
    }

    /// Ends ``stopAnswering(_:delay:)``: responses go out at once again and produce requests succeed.
    public func resumeAnswering(_ brokerID: Int32) throws {
        clearRequestErrors(api: .produce)
        try setRoundTripTime(.zero, broker: brokerID)
    }

    /// REQUEST_TIMED_OUT, which clients retry.
    static let requestTimedOut: Int32 = 7

    /// Delays every response of a broker by `rtt`.
    public func setRoundTripTime(_ rtt: Duration, broker brokerID: Int32) throws {
        try cluster.setRoundTripTime(
            broker: brokerID,
            milliseconds: Int32(clamping: rtt.milliseconds)
        )
    }

    /// Makes the next requests of one API fail, one error per request, in order.
    /// - Parameters:
    ///   - api: the Kafka API whose requests fail.
    ///   - errorCodes: Kafka protocol error codes, e.g. 6 (NOT_LEADER_OR_FOLLOWER),
    ///     7 (REQUEST_TIMED_OUT), 27 (REBALANCE_IN_PROGRESS).
    public func injectRequestErrors(api: KafkaAPI, errorCodes: [Int32]) {
        cluster.pushRequestErrors(apiKey: api.rawValue, errorCodes: errorCodes)
    }

    /// Drops errors injected for `api` that have not fired yet.
    public func clearRequestErrors(api: KafkaAPI) {
        cluster.clearRequestErrors(apiKey: api.rawValue)
    }
}

/// A Kafka protocol API (request type), for fault injection.
public struct KafkaAPI: Hashable, Sendable {
    /// The protocol's API key.
    public var rawValue: Int16

    /// Creates an API from its protocol key.
    public init(rawValue: Int16) {
        self.rawValue = rawValue
    }

    /// Produce (0).
    public static let produce = KafkaAPI(rawValue: 0)
    /// Fetch (1).
    public static let fetch = KafkaAPI(rawValue: 1)
    /// ListOffsets (2).
    public static let listOffsets = KafkaAPI(rawValue: 2)
    /// Metadata (3).
    public static let metadata = KafkaAPI(rawValue: 3)
    /// OffsetCommit (8).
    public static let offsetCommit = KafkaAPI(rawValue: 8)
    /// OffsetFetch (9).
    public static let offsetFetch = KafkaAPI(rawValue: 9)
    /// FindCoordinator (10).
    public static let findCoordinator = KafkaAPI(rawValue: 10)
    /// JoinGroup (11).
    public static let joinGroup = KafkaAPI(rawValue: 11)
    /// Heartbeat (12).
    public static let heartbeat = KafkaAPI(rawValue: 12)
    /// SyncGroup (14).
    public static let syncGroup = KafkaAPI(rawValue: 14)
    /// InitProducerId (22).
    public static let initProducerID = KafkaAPI(rawValue: 22)
}
