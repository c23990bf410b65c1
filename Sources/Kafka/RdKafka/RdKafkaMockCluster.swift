import CRdKafka
import Glibc
import Logging

/// Owns librdkafka's mock cluster and the dummy producer handle it lives on; destroys the
/// cluster first, then the handle.
///
/// `@unchecked Sendable`: the pointers are immutable; librdkafka's mock control functions
/// hand their work to the cluster's own thread and are safe to call from any thread.
final class RdKafkaMockCluster: @unchecked Sendable {
    private let handle: RdKafkaHandle
    private let cluster: OpaquePointer
    let bootstrapBrokers: String

    init(brokers: Int, logger: Logger) throws {
        guard brokers >= 1 else {
            throw KafkaError(code: .invalidArgument, message: "an embedded broker needs at least 1 broker")
        }
        handle = try RdKafkaHandle(
            type: RD_KAFKA_PRODUCER,
            properties: [("client.id", "embedded-broker")],
            callbacks: RdKafkaCallbacks(logger: logger)
        )
        guard let cluster = rd_kafka_mock_cluster_new(handle.pointer, Int32(brokers)) else {
            throw KafkaError(code: .embeddedBroker, message: "librdkafka could not start a mock cluster")
        }
        self.cluster = cluster
        bootstrapBrokers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster)
    }

    func createTopic(_ name: String, partitions: Int, replicationFactor: Int) throws {
        let err = rd_kafka_mock_topic_create(
            cluster,
            name,
            Int32(clamping: partitions),
            Int32(clamping: replicationFactor)
        )
        try check(err, "create topic \(name)")
    }

    func setBroker(_ id: Int32, up: Bool) throws {
        if up { waitUntilListenPortIsFree(broker: id) }
        let err =
            up ? rd_kafka_mock_broker_set_up(cluster, id) : rd_kafka_mock_broker_set_down(cluster, id)
        try check(err, up ? "start broker \(id)" : "stop broker \(id)")
    }

    func setRoundTripTime(broker: Int32, milliseconds: Int32) throws {
        try check(rd_kafka_mock_broker_set_rtt(cluster, broker, milliseconds), "set rtt of broker \(broker)")
    }

    func pushRequestErrors(apiKey: Int16, errorCodes: [Int32]) {
        let errors = errorCodes.map { rd_kafka_resp_err_t(rawValue: $0) }
        errors.withUnsafeBufferPointer { buffer in
            rd_kafka_mock_push_request_errors_array(cluster, apiKey, buffer.count, buffer.baseAddress)
        }
    }

    func clearRequestErrors(apiKey: Int16) {
        rd_kafka_mock_clear_request_errors(cluster, apiKey)
    }

    /// A broker that comes back up binds its old port again, and librdkafka aborts the process
    /// if that fails. While it was down, any outgoing connection on this host may have been
    /// given that port as its ephemeral port: wait (at most 10 s) until a trial bind succeeds.
    private func waitUntilListenPortIsFree(broker id: Int32) {
        let addresses = bootstrapBrokers.split(separator: ",")
        guard id >= 1, Int(id) <= addresses.count,
            let port = addresses[Int(id) - 1].split(separator: ":").last.flatMap({ UInt16($0) })
        else { return }
        for _ in 0..<200 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return }
            var on: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            close(fd)
            if bound == 0 { return }
            usleep(50_000)
        }
    }

    private func check(_ err: rd_kafka_resp_err_t, _ context: String) throws {
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            var error = KafkaError(err, context: "embedded broker: \(context)")
            error.code = .embeddedBroker
            throw error
        }
    }
}
