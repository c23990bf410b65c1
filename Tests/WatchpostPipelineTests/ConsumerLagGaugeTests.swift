import Kafka
import Prometheus
import Testing

@testable import WatchpostPipeline

/// `watchpost_consumer_lag` has a sample only for a partition the worker holds and whose lag it
/// knows: never a stale value, nor the whole log of a partition just taken over.
@Suite("Consumer lag gauge")
struct ConsumerLagGaugeTests {
    static func partition(_ number: Int32, high: Int64 = 100, position: Int64?, committed: Int64?) -> KafkaPartitionLag
    {
        KafkaPartitionLag(
            topicPartition: KafkaTopicPartition(topic: "watchpost.events", partition: number),
            lowWatermark: 0,
            highWatermark: high,
            position: position,
            committed: committed
        )
    }

    /// The lag samples in `registry`'s text, by partition.
    static func samples(_ registry: PrometheusCollectorRegistry) -> [String: Double] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        var samples: [String: Double] = [:]
        for line in String(decoding: buffer, as: UTF8.self).split(separator: "\n")
        where line.hasPrefix(PipelineMetrics.lagLabel + "{") {
            guard let start = line.range(of: "partition=\""), let value = line.split(separator: " ").last else {
                continue
            }
            let partition = line[start.upperBound...].prefix { $0 != "\"" }
            samples[String(partition)] = Double(value)
        }
        return samples
    }

    @Test("a partition whose lag is unknown has no sample, and loses the one it had")
    func partitionWithUnknownLagHasNoSample() {
        let registry = PrometheusCollectorRegistry()
        let metrics = PipelineMetrics(factory: PrometheusMetricsFactory(registry: registry))

        metrics.recordLag([
            Self.partition(0, position: 90, committed: 80), Self.partition(1, position: nil, committed: nil),
        ])
        #expect(Self.samples(registry) == ["0": 10])

        // Partition 0's lag becomes unknown (e.g. given away and taken back): its old value goes.
        metrics.recordLag([
            Self.partition(0, position: nil, committed: nil), Self.partition(1, position: nil, committed: 60),
        ])
        #expect(Self.samples(registry) == ["1": 40])

        metrics.recordLag([
            Self.partition(0, position: 100, committed: nil), Self.partition(1, position: nil, committed: 60),
        ])
        #expect(Self.samples(registry) == ["0": 0, "1": 40])
    }

    @Test("a partition given to another worker has no sample here")
    func releasedPartitionHasNoSample() {
        let registry = PrometheusCollectorRegistry()
        let metrics = PipelineMetrics(factory: PrometheusMetricsFactory(registry: registry))

        metrics.recordLag([
            Self.partition(0, position: 50, committed: nil), Self.partition(1, position: 70, committed: nil),
        ])
        #expect(Self.samples(registry) == ["0": 50, "1": 30])
        metrics.recordLag([Self.partition(1, position: 75, committed: nil)])
        #expect(Self.samples(registry) == ["1": 25])
        metrics.recordLag([])
        #expect(Self.samples(registry).isEmpty)
    }
}
