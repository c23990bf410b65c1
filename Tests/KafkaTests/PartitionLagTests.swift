import Kafka
import Testing
import WatchpostTestSupport

/// The lag a consumer reports for a partition the group has just given it, before it has handed
/// out anything from it: what the group has left to read there, or unknown, never the whole log.
@Suite(.timeLimit(.minutes(5)))
struct PartitionLagTests {
    /// Sends `count` messages to partition 0 of a new one-partition topic, lets a first member
    /// of a new group read them all and commit `committed` (or nothing), and leaves the group.
    /// Returns the topic and the group.
    func partitionReadByAnEarlierMember(
        _ cluster: TestCluster,
        messages count: Int,
        committed: Int64?
    ) async throws -> (topic: String, group: String) {
        let topic = try await cluster.createTopic("lag", partitions: 1)
        let group = uniqueName("lag")
        let producer = try cluster.producer()
        let sent = (0..<count).map {
            KafkaProducerMessage(topic: topic, key: "key-\($0)", value: "value-\($0)", partition: 0)
        }
        _ = try await sendAll(sent, with: producer)
        await producer.close()
        let earlier = try cluster.consumer(group: group, topic: topic)
        var read = 0
        for try await batch in earlier.batches {
            read += batch.messages.count
            if read >= count { break }
        }
        if let committed {
            let partition = KafkaTopicPartition(topic: topic, partition: 0)
            _ = try await earlier.commit(offsets: [KafkaTopicPartitionOffset(partition, offset: committed)])
        }
        await earlier.close()
        return (topic, group)
    }

    /// Joins `group` with a fresh member (paused first when `paused`), waits until the group
    /// gives it the partition, and returns the lag it reports then; it must hand out nothing.
    func lagOfAFreshMember(
        _ cluster: TestCluster,
        topic: String,
        group: String,
        paused: Bool
    ) async throws -> KafkaPartitionLag? {
        let fresh = try cluster.consumer(group: group, topic: topic)
        if paused { try fresh.pause() }
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                for try await batch in fresh.batches {
                    Issue.record("the fresh member was handed \(batch.messages.count) message(s)")
                }
            }
            try await waitUntil("the fresh member holds the partition") { fresh.assignment.count == 1 }
            let lag = try await fresh.lag()
            await fresh.close()
            try await tasks.waitForAll()
            #expect(lag.count == 1)
            return lag.first
        }
    }

    @Test func quietPartitionTakenOverReportsNoLagBeforeAnythingIsConsumed() async throws {
        let cluster = try TestCluster()
        let (topic, group) = try await partitionReadByAnEarlierMember(cluster, messages: 40, committed: 40)

        let lag = try #require(try await lagOfAFreshMember(cluster, topic: topic, group: group, paused: false))
        #expect(lag.highWatermark - lag.lowWatermark == 40)
        #expect(lag.committed == 40)
        #expect(lag.lag == 0, "a quiet partition reported \(lag.lag.map(String.init) ?? "no") lag")
    }

    @Test func partitionTakenOverReportsWhatTheGroupHasLeftToRead() async throws {
        let cluster = try TestCluster()
        let (topic, group) = try await partitionReadByAnEarlierMember(cluster, messages: 40, committed: 25)

        // Paused, so that it fetches nothing and has no position of its own.
        let lag = try #require(try await lagOfAFreshMember(cluster, topic: topic, group: group, paused: true))
        #expect(lag.position == nil)
        #expect(lag.committed == 25)
        #expect(lag.lag == 15)
    }

    @Test func partitionTheGroupNeverCommittedHasUnknownLagNotTheWholeLog() async throws {
        let cluster = try TestCluster()
        let (topic, group) = try await partitionReadByAnEarlierMember(cluster, messages: 40, committed: nil)

        let lag = try #require(try await lagOfAFreshMember(cluster, topic: topic, group: group, paused: true))
        #expect(lag.position == nil && lag.committed == nil)
        #expect(lag.lag == nil)
    }
}

/// The rule of ``KafkaPartitionLag/lag``, on values.
struct PartitionLagRuleTests {
    static func lag(low: Int64 = 100, high: Int64 = 500, position: Int64?, committed: Int64?) -> Int64? {
        KafkaPartitionLag(
            topicPartition: KafkaTopicPartition(topic: "events", partition: 0),
            lowWatermark: low,
            highWatermark: high,
            position: position,
            committed: committed
        ).lag
    }

    @Test func positionCountsBeforeTheCommittedOffset() {
        #expect(Self.lag(position: 450, committed: 300) == 50)
    }

    @Test func committedOffsetCountsWhenNothingWasHandedOutYet() {
        #expect(Self.lag(position: nil, committed: 500) == 0)
        #expect(Self.lag(position: nil, committed: 320) == 180)
    }

    @Test func lagIsUnknownWithoutPositionOrCommittedOffsetUnlessTheLogIsEmpty() {
        #expect(Self.lag(position: nil, committed: nil) == nil)
        #expect(Self.lag(low: 500, high: 500, position: nil, committed: nil) == 0)
        #expect(Self.lag(low: 0, high: 0, position: nil, committed: nil) == 0)
    }

    @Test func onlyMessagesStillInTheLogCount() {
        // A committed offset retention has passed: what is left is the log, not more.
        #expect(Self.lag(position: nil, committed: 20) == 400)
        #expect(Self.lag(position: 600, committed: nil) == 0)
    }
}
