import CRdKafka
import Logging

/// librdkafka's admin and metadata calls. All block; callers run them off the cooperative pool.
enum RdKafkaAdmin {
    static func makeHandle(
        connection: KafkaConnectionConfiguration,
        logger: Logger
    ) throws -> RdKafkaHandle {
        try RdKafkaHandle(
            type: RD_KAFKA_PRODUCER,
            properties: connection.properties(),
            callbacks: RdKafkaCallbacks(logger: logger)
        )
    }

    static func createTopic(
        _ handle: RdKafkaHandle,
        name: String,
        partitions: Int,
        replicationFactor: Int,
        timeout: Duration
    ) throws {
        let rk = handle.pointer
        let milliseconds = Int32(clamping: timeout.milliseconds)
        var errorText = [CChar](repeating: 0, count: 512)
        guard
            let newTopic = rd_kafka_NewTopic_new(
                name,
                Int32(clamping: partitions),
                Int32(clamping: replicationFactor),
                &errorText,
                errorText.count
            )
        else {
            throw KafkaError(
                code: .invalidArgument,
                message: "create topic \(name): \(String(errorBuffer: errorText))"
            )
        }
        defer { rd_kafka_NewTopic_destroy(newTopic) }
        let options = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        _ = rd_kafka_AdminOptions_set_operation_timeout(
            options,
            milliseconds,
            &errorText,
            errorText.count
        )
        _ = rd_kafka_AdminOptions_set_request_timeout(
            options,
            milliseconds,
            &errorText,
            errorText.count
        )
        let queue = rd_kafka_queue_new(rk)
        defer { rd_kafka_queue_destroy(queue) }
        var topics: [OpaquePointer?] = [newTopic]
        rd_kafka_CreateTopics(rk, &topics, 1, options, queue)
        // The operation time-out bounds the request; the margin covers the local queue.
        guard let event = rd_kafka_queue_poll(queue, milliseconds + 5_000) else {
            throw KafkaError(
                code: .unavailable,
                message: "create topic \(name): no answer within \(timeout)",
                isRetriable: true
            )
        }
        defer { rd_kafka_event_destroy(event) }
        let err = rd_kafka_event_error(event)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(
                err,
                context: "create topic \(name)",
                detail: rd_kafka_event_error_string(event).map { String(cString: $0) }
            )
        }
        guard let result = rd_kafka_event_CreateTopics_result(event) else { return }
        var count = 0
        guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return }
        for index in 0..<count {
            guard let topicResult = results[index] else { continue }
            let topicError = rd_kafka_topic_result_error(topicResult)
            if topicError != RD_KAFKA_RESP_ERR_NO_ERROR {
                throw KafkaError(
                    topicError,
                    context: "create topic \(name)",
                    detail: rd_kafka_topic_result_error_string(topicResult).map {
                        String(cString: $0)
                    }
                )
            }
        }
    }

    /// Asks a broker for `topic`'s partitions and leaders through `handle`, which keeps them: a
    /// producer's first message to the topic then goes out at once. Without it the topic is
    /// discovered on that first message, and if the client has no broker connection up yet the
    /// discovery waits for librdkafka's topic scan, which runs once a second.
    static func learnTopic(_ handle: RdKafkaHandle, topic: String, timeout: Duration) throws {
        guard let rkt = rd_kafka_topic_new(handle.pointer, topic, nil) else {
            throw KafkaError(rd_kafka_last_error(), context: "prepare topic \(topic)")
        }
        defer { rd_kafka_topic_destroy(rkt) }
        var metadata: UnsafePointer<rd_kafka_metadata_t>?
        let err = rd_kafka_metadata(handle.pointer, 0, rkt, &metadata, Int32(clamping: timeout.milliseconds))
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
            throw KafkaError(err, context: "read the metadata of topic \(topic)")
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        if metadata.pointee.topic_cnt > 0, metadata.pointee.topics[0].err != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(metadata.pointee.topics[0].err, context: "read the metadata of topic \(topic)")
        }
    }

    static func metadata(_ handle: RdKafkaHandle, timeout: Duration) throws -> KafkaClusterMetadata {
        var metadata: UnsafePointer<rd_kafka_metadata_t>?
        let err = rd_kafka_metadata(
            handle.pointer,
            1,
            nil,
            &metadata,
            Int32(clamping: timeout.milliseconds)
        )
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
            throw KafkaError(err, context: "read cluster metadata")
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        let value = metadata.pointee
        let brokers = (0..<Int(value.broker_cnt)).map { index in
            let broker = value.brokers[index]
            return KafkaClusterMetadata.Broker(
                id: broker.id,
                host: String(cString: broker.host),
                port: broker.port
            )
        }
        let topics = (0..<Int(value.topic_cnt)).map { index in
            let topic = value.topics[index]
            let name = String(cString: topic.topic)
            let partitions = (0..<Int(topic.partition_cnt)).map { partitionIndex in
                let partition = topic.partitions[partitionIndex]
                let replicas = (0..<Int(partition.replica_cnt)).map { partition.replicas[$0] }
                return KafkaClusterMetadata.Partition(
                    id: partition.id,
                    leader: partition.leader,
                    replicas: replicas
                )
            }
            let error =
                topic.err == RD_KAFKA_RESP_ERR_NO_ERROR
                ? nil : KafkaError(topic.err, context: "describe topic \(name)")
            return KafkaClusterMetadata.Topic(
                name: name,
                partitions: partitions.sorted { $0.id < $1.id },
                error: error
            )
        }
        return KafkaClusterMetadata(brokers: brokers, topics: topics)
    }
}
