import Kafka
import Synchronization
import Testing
import WatchpostTestSupport

/// What each consumer of a group processed and which of it it committed.
final class Ledger: Sendable {
    struct Record: Hashable {
        var partition: Int32
        var offset: Int64
    }

    private let state = Mutex<(processed: [String: [Record]], committed: [String: [Record]], commitErrors: Int)>(
        ([:], [:], 0)
    )

    /// Runs `consumer` until it is closed: process (record) each batch, then commit it.
    func run(_ consumer: KafkaConsumer, as name: String) async throws {
        for try await batch in consumer.batches {
            let records = batch.messages.map { Record(partition: $0.partition, offset: $0.offset) }
            state.withLock { $0.processed[name, default: []] += records }
            do {
                let committed = try await consumer.commit(batch)
                let covered = batch.messages.filter { message in
                    committed.contains { $0.topicPartition == message.topicPartition && $0.offset > message.offset }
                }
                state.withLock {
                    $0.committed[name, default: []] += covered.map {
                        Record(partition: $0.partition, offset: $0.offset)
                    }
                }
            } catch {
                // Not committed: the group delivers these messages again, to whoever owns them.
                state.withLock { $0.commitErrors += 1 }
            }
        }
    }

    var allCommitted: [Record] { state.withLock { $0.committed.values.flatMap { $0 } } }
    func committed(by name: String) -> [Record] { state.withLock { $0.committed[name] ?? [] } }
    func processed(by name: String) -> [Record] { state.withLock { $0.processed[name] ?? [] } }
    var commitErrors: Int { state.withLock { $0.commitErrors } }
}

@Suite(.timeLimit(.minutes(5)))
struct ConsumerGroupTests {
    func messages(_ topic: String, _ range: Range<Int>, partitions: Int32) -> [KafkaProducerMessage] {
        range.map {
            KafkaProducerMessage(
                topic: topic,
                key: "key-\($0)",
                value: "value-\($0)",
                partition: Int32($0) % partitions
            )
        }
    }

    @Test func groupSplitsPartitionsAndRebalanceNeitherLosesNorRepeatsCommittedWork() async throws {
        let cluster = try TestCluster()
        let topic = try await cluster.createTopic("group", partitions: 6)
        let group = uniqueName("group")
        let producer = try cluster.producer()
        var produced = try await sendAll(messages(topic, 0..<300, partitions: 6), with: producer)
        let ledger = Ledger()
        let a = try cluster.consumer(group: group, topic: topic, maxBatchSize: 20)
        let b = try cluster.consumer(group: group, topic: topic, maxBatchSize: 20)

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await ledger.run(a, as: "a") }
            tasks.addTask { try await ledger.run(b, as: "b") }
            try await waitUntil("two consumers split the six partitions") {
                let (held, other) = (a.assignment, b.assignment)
                return !held.isEmpty && !other.isEmpty && held.isDisjoint(with: other) && held.count + other.count == 6
            }
            try await waitUntil("some work is committed") { ledger.allCommitted.count >= 100 }

            // A third member joins while work is in flight. (Created only now: a consumer joins
            // its group as soon as it exists.)
            let c = try cluster.consumer(group: group, topic: topic, maxBatchSize: 20)
            tasks.addTask { try await ledger.run(c, as: "c") }
            // More work arrives while the group rebalances, and more once it has settled.
            produced += try await sendAll(messages(topic, 300..<450, partitions: 6), with: producer)
            try await waitUntil("three consumers split the six partitions", timeout: .seconds(60)) {
                let sets = [a.assignment, b.assignment, c.assignment]
                return sets.allSatisfy { !$0.isEmpty } && sets.map(\.count).reduce(0, +) == 6
                    && Set(sets.flatMap { $0 }).count == 6
            }
            produced += try await sendAll(messages(topic, 450..<600, partitions: 6), with: producer)
            let expected = Set(produced.map { Ledger.Record(partition: $0.partition, offset: $0.offset) })
            try await waitUntil("all produced messages are committed", timeout: .seconds(60)) {
                Set(ledger.allCommitted) == expected
            }
            await a.close()
            await b.close()
            await c.close()
            try await tasks.waitForAll()
        }

        let committed = ledger.allCommitted
        #expect(committed.count == Set(committed).count, "a committed message was processed again")
        #expect(Set(committed) == Set(produced.map { Ledger.Record(partition: $0.partition, offset: $0.offset) }))
        #expect(!ledger.committed(by: "c").isEmpty, "the third consumer got no work after the rebalance")

        // A restarted member resumes from the committed offsets: it sees only new messages.
        let later = try await sendAll(messages(topic, 600..<660, partitions: 6), with: producer)
        let restarted = try cluster.consumer(group: group, topic: topic, maxBatchSize: 20)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await ledger.run(restarted, as: "restarted") }
            try await waitUntil("the restarted consumer committed the new messages", timeout: .seconds(60)) {
                ledger.committed(by: "restarted").count >= later.count
            }
            await restarted.close()
            try await tasks.waitForAll()
        }
        #expect(
            Set(ledger.processed(by: "restarted"))
                == Set(later.map { Ledger.Record(partition: $0.partition, offset: $0.offset) })
        )
        await producer.close()
    }

    @Test(
        .enabled(if: TestCluster.isEmbedded, "needs a committed offset beyond the log, set up on the embedded broker")
    )
    func committedOffsetBeyondTheLogIsReportedAsOffsetReset() async throws {
        let cluster = try TestCluster()
        let topic = try await cluster.createTopic("reset", partitions: 1)
        let group = uniqueName("reset")
        let producer = try cluster.producer()
        _ = try await sendAll(messages(topic, 0..<5, partitions: 1), with: producer)
        let partition = KafkaTopicPartition(topic: topic, partition: 0)

        // A first member commits an offset far beyond the end of the log.
        let first = try cluster.consumer(group: group, topic: topic)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { for try await _ in first.batches {} }
            try await waitUntil("the first consumer holds the partition") { first.assignment == [partition] }
            let committed = try await first.commit(offsets: [KafkaTopicPartitionOffset(partition, offset: 1_000)])
            #expect(committed == [KafkaTopicPartitionOffset(partition, offset: 1_000)])
            await first.close()
            try await tasks.waitForAll()
        }

        // The next member cannot resume at 1000: the reset is reported, then it reads from 0.
        let second = try cluster.consumer(group: group, topic: topic)
        let resets = Collected<KafkaTopicPartition?>()
        let offsets = Collected<Int64>()
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                for await event in second.events {
                    if case .offsetReset(let reset, _) = event { resets.append([reset]) }
                }
            }
            tasks.addTask {
                for try await batch in second.batches {
                    offsets.append(batch.messages.map(\.offset))
                }
            }
            try await waitUntil("the reset is reported and the log is read from its start") {
                !resets.values.isEmpty && offsets.values.count >= 5
            }
            await second.close()
            try await tasks.waitForAll()
        }
        #expect(resets.values.contains(partition))
        #expect(offsets.values.prefix(5) == [0, 1, 2, 3, 4])
        await producer.close()
    }
}
