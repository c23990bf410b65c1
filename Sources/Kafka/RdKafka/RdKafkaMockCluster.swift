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

    private func check(_ err: rd_kafka_resp_err_t, _ context: String) throws {
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            var error = KafkaError(err, context: "embedded broker: \(context)")
            error.code = .embeddedBroker
            throw error
        }
    }
}
