import Kafka
import Logging

/// Reads a consumer's events until it closes: logs rebalances and client errors, and raises an
/// offset reset (possible data loss) to critical with the lost range and a metric. An error that
/// waiting will not cure (the topic is gone, the worker is not authorised) ends the watch by
/// throwing ``BrokerRefusal``, which stops the worker with a non-zero exit status rather than
/// leaving it in the group doing nothing.
struct ConsumerEventWatcher: Sendable {
    let consumer: KafkaConsumer
    let topic: String
    let metrics: PipelineMetrics
    let logger: Logger

    func watch() async throws {
        // Tells /readyz whether the consumer is in its group.
        defer { metrics.consumerMembership.left() }
        for await event in consumer.events {
            switch event {
            case .assigned(let partitions):
                metrics.consumerMembership.assigned(partitions.count)
                logger.info("partitions assigned", metadata: ["partitions": "\(partitions)"])
            case .revoked(let partitions):
                metrics.consumerMembership.revoked(partitions.count)
                logger.info("partitions revoked", metadata: ["partitions": "\(partitions)"])
            case .error(let error) where error.code == .unknownTopicOrPartition || error.code == .authentication:
                logger.critical("the broker refuses this worker's subscription", metadata: ["error": "\(error)"])
                throw BrokerRefusal(topic: topic, error: error)
            case .error(let error):
                logger.warning("consumer error", metadata: ["error": "\(error)"])
            case .offsetReset(let partition, let detail):
                await reportReset(partition: partition, detail: detail)
            }
        }
    }

    private func reportReset(partition: KafkaTopicPartition?, detail: String) async {
        let reset = OffsetResetDetail(detail)
        var metadata: Logger.Metadata = [
            "partition": "\(partition.map { "\($0)" } ?? "unknown")",
            "detail": "\(detail)",
        ]
        if let from = reset.fromOffset { metadata["lost_from_offset"] = "\(from)" }
        let watermarks = try? await consumer.lag().first { $0.topicPartition == partition }
        if let from = reset.fromOffset, let watermarks, let to = reset.resumeOffset(watermarks) {
            metadata["lost_range"] = "\(from)..<\(max(from, to))"
            metadata["lost_messages"] = "\(max(0, to - from))"
        }
        metrics.recordOffsetReset(partition: partition.map { "\($0.partition)" } ?? "unknown")
        logger.critical(
            "consumer offset reset: messages between the committed and the new position may never be processed",
            metadata: metadata
        )
    }
}

/// What librdkafka's offset-reset text says: `… offset reset (at offset 1000, broker 1) to
/// offset BEGINNING: …` or `… to offset END …` or `… to offset 2500 …`.
struct OffsetResetDetail: Sendable, Hashable {
    /// The position that was no longer available.
    var fromOffset: Int64?
    /// Where the consumer went: `BEGINNING`, `END`, or a number.
    var target: String?

    init(_ text: String) {
        fromOffset = Self.number(after: "at offset ", in: text)
        if let range = text.range(of: "to offset ") {
            target = String(text[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" })
        }
    }

    /// The offset the consumer resumes at, given the partition's watermarks.
    func resumeOffset(_ watermarks: KafkaPartitionLag) -> Int64? {
        switch target {
        case "BEGINNING": watermarks.lowWatermark
        case "END": watermarks.highWatermark
        case let text?: Int64(text)
        case nil: nil
        }
    }

    private static func number(after marker: String, in text: String) -> Int64? {
        guard let range = text.range(of: marker) else { return nil }
        return Int64(String(text[range.upperBound...].prefix { $0.isNumber || $0 == "-" }))
    }
}
