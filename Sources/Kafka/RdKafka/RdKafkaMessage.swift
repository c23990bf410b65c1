import CRdKafka

extension KafkaConsumerMessage {
    /// Copies a consumed message out of librdkafka's memory.
    init(copying message: UnsafePointer<rd_kafka_message_t>) {
        let value = message.pointee
        let topic = value.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        let payload = value.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: value.len)) }
        let key = value.key.map { Array(UnsafeRawBufferPointer(start: $0, count: value.key_len)) }
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &timestampType)
        self.init(
            topicPartition: KafkaTopicPartition(topic: topic, partition: value.partition),
            offset: value.offset,
            key: key,
            value: payload ?? [],
            headers: Self.headers(of: message),
            timestampMilliseconds: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp
        )
    }

    private static func headers(of message: UnsafePointer<rd_kafka_message_t>) -> [KafkaHeader] {
        var list: OpaquePointer?
        guard rd_kafka_message_headers(message, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else {
            return []
        }
        return (0..<rd_kafka_header_cnt(list)).compactMap { index in
            var name: UnsafePointer<CChar>?
            var value: UnsafeRawPointer?
            var size = 0
            guard rd_kafka_header_get_all(list, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR,
                let name
            else { return nil }
            let bytes = value.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }
            return KafkaHeader(key: String(cString: name), value: bytes)
        }
    }
}
