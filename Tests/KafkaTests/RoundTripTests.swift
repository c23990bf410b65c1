import Kafka
import Testing

@Suite(.timeLimit(.minutes(5)))
struct RoundTripTests {
    @Test func producedMessagesArriveWithKeysHeadersAndPartitionOrder() async throws {
        let cluster = try TestCluster()
        let topic = try await cluster.createTopic("round-trip", partitions: 3)
        let producer = try cluster.producer()
        let keys = ["incident-a", "incident-b", "incident-c", "incident-d"]
        var sent: [KafkaProducerMessage] = []
        for sequence in 0..<40 {
            sent.append(
                KafkaProducerMessage(
                    topic: topic,
                    key: keys[sequence % keys.count],
                    value: "message-\(sequence)",
                    headers: [
                        KafkaHeader(key: "sequence", value: "\(sequence)"), KafkaHeader(key: "empty", value: nil),
                    ]
                )
            )
        }
        // Sequential sends, so the order within each key is the order of sending.
        var reports: [KafkaDeliveryReport] = []
        for message in sent {
            reports.append(try await producer.send(message))
        }
        await producer.close()
        #expect(reports.allSatisfy { $0.topic == topic && $0.offset >= 0 })

        let consumer = try cluster.consumer(group: uniqueName("round-trip"), topic: topic)
        var received: [KafkaConsumerMessage] = []
        for try await batch in consumer.batches {
            received += batch.messages
            try await consumer.commit(batch)
            if received.count >= sent.count { break }
        }
        // Everything read and committed: watermarks cover all messages and nothing lags.
        let lag = try await consumer.lag()
        await consumer.close()
        #expect(lag.map(\.topicPartition.partition) == [0, 1, 2])
        #expect(lag.map { $0.highWatermark - $0.lowWatermark }.reduce(0, +) == Int64(sent.count))
        #expect(lag.allSatisfy { $0.lag == 0 && $0.committed == $0.highWatermark })

        #expect(received.count == sent.count)
        for message in received {
            let sequence = try #require(Int(String(decoding: message.value.dropFirst("message-".count), as: UTF8.self)))
            let original = sent[sequence]
            #expect(message.key == original.key)
            #expect(message.headers == original.headers)
            #expect(message.topicPartition.partition == reports[sequence].partition)
            #expect(message.offset == reports[sequence].offset)
        }
        // Within a partition, offsets and per-key sequences only go up.
        for partition in Set(received.map(\.partition)) {
            let inPartition = received.filter { $0.partition == partition }
            #expect(inPartition.map(\.offset) == inPartition.map(\.offset).sorted())
        }
        for key in keys {
            let sequences = received.filter { $0.key == Array(key.utf8) }.map {
                Int(String(decoding: $0.value.dropFirst("message-".count), as: UTF8.self)) ?? -1
            }
            #expect(sequences == sequences.sorted())
            #expect(Set(received.filter { $0.key == Array(key.utf8) }.map(\.partition)).count == 1)
        }
    }
}
