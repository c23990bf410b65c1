import Testing

@testable import Kafka

struct ConsumerStateTests {
    let p0 = KafkaTopicPartition(topic: "t", partition: 0)
    let p1 = KafkaTopicPartition(topic: "t", partition: 1)

    func message(_ partition: KafkaTopicPartition, _ offset: Int64) -> KafkaConsumerMessage {
        KafkaConsumerMessage(topicPartition: partition, offset: offset, value: [])
    }

    @Test func revokeDropsFetchedMessagesOfRevokedPartitionsOnly() {
        var state = ConsumerState()
        state.assign([p0, p1])
        let now = ContinuousClock.now
        state.accept(message(p0, 0), at: now)
        state.accept(message(p1, 0), at: now)
        state.accept(message(p0, 1), at: now)
        state.revoke([p0])
        #expect(state.pending.map(\.topicPartition) == [p1])
        #expect(state.assignment == [p1])
        let accepted = state.accept(message(p0, 2), at: now)
        #expect(!accepted)
    }

    @Test func marksMoveForwardOnlyForAssignedPartitions() {
        var state = ConsumerState()
        state.assign([p0])
        state.mark([KafkaTopicPartitionOffset(p0, offset: 10)])
        state.mark([KafkaTopicPartitionOffset(p0, offset: 5), KafkaTopicPartitionOffset(p1, offset: 3)])
        #expect(state.uncommitted() == [KafkaTopicPartitionOffset(p0, offset: 10)])
        state.didCommit([KafkaTopicPartitionOffset(p0, offset: 10)])
        #expect(state.uncommitted().isEmpty)
    }

    @Test func failedCommitWithdrawsItsMarks() {
        var state = ConsumerState()
        state.assign([p0])
        state.mark([KafkaTopicPartitionOffset(p0, offset: 4)])
        state.didCommit([KafkaTopicPartitionOffset(p0, offset: 4)])
        state.mark([KafkaTopicPartitionOffset(p0, offset: 9)])
        state.withdraw([KafkaTopicPartitionOffset(p0, offset: 9)])
        #expect(state.uncommitted().isEmpty)
        #expect(state.marked[p0] == 4)
    }

    @Test func batchIsDueWhenFullOrWhenItsWaitIsOver() {
        var state = ConsumerState()
        state.assign([p0])
        let start = ContinuousClock.now
        state.accept(message(p0, 0), at: start)
        state.accept(message(p0, 1), at: start)
        let notYet = state.takeBatch(maxSize: 3, maxWait: .seconds(1), at: start)
        #expect(notYet == nil)
        let full = state.takeBatch(maxSize: 2, maxWait: .seconds(1), at: start)
        #expect(full?.messages.map(\.offset) == [0, 1])
        state.accept(message(p0, 2), at: start)
        let late = state.takeBatch(maxSize: 5, maxWait: .seconds(1), at: start + .seconds(2))
        #expect(late?.messages.count == 1)
    }

    @Test func pendingBatchIsHandedOutOnceAPollFindsNothingMoreQueued() {
        var state = ConsumerState()
        state.assign([p0])
        let start = ContinuousClock.now
        #expect(state.pollTimeout(idle: .milliseconds(100)) == .milliseconds(100))
        state.accept(message(p0, 0), at: start)
        #expect(state.pollTimeout(idle: .milliseconds(100)) == .zero, "a pending batch only takes what is queued")
        #expect(state.takeBatch(maxSize: 500, maxWait: .seconds(1), at: start) == nil)
        state.pollFoundNothing()
        #expect(state.takeBatch(maxSize: 500, maxWait: .seconds(1), at: start)?.messages.map(\.offset) == [0])
        state.accept(message(p0, 1), at: start)
        #expect(
            state.takeBatch(maxSize: 500, maxWait: .seconds(1), at: start) == nil,
            "a new message ends the caught-up state"
        )
    }

    @Test func batchNextOffsetsAreHighestOffsetPlusOnePerPartition() {
        let batch = KafkaConsumerBatch(messages: [message(p0, 3), message(p1, 7), message(p0, 5)])
        #expect(
            batch.nextOffsets == [KafkaTopicPartitionOffset(p0, offset: 6), KafkaTopicPartitionOffset(p1, offset: 8)]
        )
    }

    @Test func offsetResetLogLineNamesThePartition() {
        let line = OffsetResetLogLine(
            level: 4,
            facility: "OFFSET",
            text:
                "[thrd:main]: my.topic [3]: offset reset (at offset 1000, broker 1) to BEGINNING: fetch failed: Broker: Offset out of range"
        )
        #expect(line?.partition == KafkaTopicPartition(topic: "my.topic", partition: 3))
        #expect(OffsetResetLogLine(level: 7, facility: "OFFSET", text: "t [0]: offset reset") == nil)
    }
}
