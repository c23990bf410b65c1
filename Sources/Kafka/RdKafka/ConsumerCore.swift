import CRdKafka
import Dispatch
import Logging
import Synchronization

/// The librdkafka side of a ``KafkaConsumer``: the handle, the poll thread, the rebalance
/// callback and the bookkeeping they share.
///
/// Only the poll thread calls `rd_kafka_consumer_poll`, and only while the caller waits for a
/// batch: rebalances are served then, never while the caller holds a batch it has not
/// committed.
final class ConsumerCore: Sendable {
    typealias BatchContinuation = CheckedContinuation<KafkaConsumerBatch?, any Error>

    struct Locked {
        var state = ConsumerState()
        /// The caller waiting for the next batch, with the id of its request.
        var demand: (id: UInt64, continuation: BatchContinuation)?
        var lifecycle = Lifecycle.running
    }

    /// Where the consumer is in its life. It only moves forward: running, perhaps failed, then
    /// closing, then finished.
    enum Lifecycle {
        /// Polling and serving batches.
        case running
        /// librdkafka reported a fatal error: every request for a batch gets it, until closed.
        case failed(KafkaError)
        /// `requestClose()` was called: the poll thread is leaving the group.
        case closing
        /// The poll thread has left the group and ended.
        case finished
    }

    let handle: RdKafkaHandle
    let logger: Logger
    let locked = Mutex(Locked())
    /// Serialises commits with revocations, so no commit lands for a partition after the
    /// revocation that gave it away.
    let commitLock = Mutex(())
    let blockingQueue = DispatchQueue(label: "kafka.consumer.blocking")
    let eventSink: AsyncStream<KafkaConsumerEvent>.Continuation
    let events: AsyncStream<KafkaConsumerEvent>
    private let maxBatchSize: Int
    private let maxBatchWait: Duration
    private let wakeUp = DispatchSemaphore(value: 0)
    private let demandCounter = Atomic<UInt64>(0)
    private let pollThread = Mutex<DedicatedThread?>(nil)

    init(configuration: KafkaConsumerConfiguration, logger: Logger) throws {
        let properties = try configuration.properties()
        let (events, eventSink) = AsyncStream.makeStream(
            of: KafkaConsumerEvent.self,
            bufferingPolicy: .bufferingNewest(1024)
        )
        self.events = events
        self.eventSink = eventSink
        self.logger = logger
        maxBatchSize = configuration.maxBatchSize
        maxBatchWait = configuration.maxBatchWait
        let callbacks = RdKafkaCallbacks(
            logger: logger,
            onLog: { level, facility, text in
                if let reset = OffsetResetLogLine(level: level, facility: facility, text: text) {
                    eventSink.yield(.offsetReset(partition: reset.partition, detail: text))
                }
            },
            onError: { error, _ in eventSink.yield(.error(error)) }
        )
        handle = try RdKafkaHandle(
            type: RD_KAFKA_CONSUMER,
            properties: properties,
            callbacks: callbacks
        ) { conf in
            rd_kafka_conf_set_rebalance_cb(conf, rebalanceCallback)
        }
        // Route client events (errors, rebalances) to the queue consumer_poll serves.
        rd_kafka_poll_set_consumer(handle.pointer)
        callbacks.rebalanceHandler = self
        let topics = RdKafkaTopicPartitionList(
            configuration.topics.map {
                KafkaTopicPartitionOffset(KafkaTopicPartition(topic: $0, partition: -1), offset: RdKafkaOffset.invalid)
            }
        )
        let err = rd_kafka_subscribe(handle.pointer, topics.pointer)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(err, context: "subscribe to \(configuration.topics.joined(separator: ", "))")
        }
    }

    /// Starts the poll thread; it keeps `self` alive until the consumer has left the group.
    func start() {
        let thread = DedicatedThread(name: "kafka.consumer.poll") { [self] in
            pollLoop()
        }
        pollThread.withLock { $0 = thread }
    }

    /// Asks the poll thread to leave the group and end; returns immediately.
    func requestClose() {
        locked.withLock { locked in
            if case .finished = locked.lifecycle { return }
            locked.lifecycle = .closing
        }
        wakeUp.signal()
    }

    /// Waits until the consumer has left the group.
    func finished() async {
        await pollThread.withLock { $0 }?.finished()
    }

    // MARK: Batches

    /// Waits for the next batch; nil once the consumer is closed.
    func nextBatch() async throws -> KafkaConsumerBatch? {
        let id = demandCounter.wrappingAdd(1, ordering: .relaxed).newValue
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: BatchContinuation) in
                let refusal: Result<KafkaConsumerBatch?, any Error>? = locked.withLock { locked in
                    switch locked.lifecycle {
                    case .closing, .finished: return .success(nil)
                    case .failed(let failure): return .failure(failure)
                    case .running: break
                    }
                    // Checked under the lock the cancellation handler takes, so no request is
                    // left behind by a cancellation that came first.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if locked.demand != nil {
                        return .failure(
                            KafkaError(
                                code: .invalidArgument,
                                message: "batches is already being iterated by another task"
                            )
                        )
                    }
                    locked.demand = (id, continuation)
                    return nil
                }
                if let refusal {
                    continuation.resume(with: refusal)
                } else {
                    wakeUp.signal()
                }
            }
        } onCancel: {
            let continuation = locked.withLock { locked -> BatchContinuation? in
                guard let demand = locked.demand, demand.id == id else { return nil }
                locked.demand = nil
                return demand.continuation
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    private enum Step {
        case wait
        case poll(milliseconds: Int32)
        case deliver(BatchContinuation, Result<KafkaConsumerBatch?, any Error>)
        case close
    }

    private func nextStep() -> Step {
        locked.withLock { locked in
            if case .closing = locked.lifecycle { return .close }
            guard let demand = locked.demand else { return .wait }
            if case .failed(let failure) = locked.lifecycle {
                locked.demand = nil
                return .deliver(demand.continuation, .failure(failure))
            }
            let now = ContinuousClock.now
            if let batch = locked.state.takeBatch(maxSize: maxBatchSize, maxWait: maxBatchWait, at: now) {
                locked.demand = nil
                return .deliver(demand.continuation, .success(batch))
            }
            let timeout = locked.state.pollTimeout(idle: .milliseconds(100))
            return .poll(milliseconds: Int32(clamping: timeout.milliseconds))
        }
    }

    private func pollLoop() {
        let rk = handle.pointer
        loop: while true {
            switch nextStep() {
            case .wait:
                wakeUp.wait()
            case .poll(let milliseconds):
                if let message = rd_kafka_consumer_poll(rk, milliseconds) {
                    receive(message)
                    rd_kafka_message_destroy(message)
                } else {
                    locked.withLock { $0.state.pollFoundNothing() }
                }
                checkFatalError()
            case .deliver(let continuation, let result):
                continuation.resume(with: result)
            case .close:
                break loop
            }
        }
        // Leaves the group; serves the final revocation, which commits marked offsets.
        let err = rd_kafka_consumer_close(rk)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning("\(KafkaError(err, context: "leave consumer group"))")
        }
        let demand = locked.withLock { locked in
            locked.lifecycle = .finished
            defer { locked.demand = nil }
            return locked.demand
        }
        demand?.continuation.resume(returning: nil)
        eventSink.finish()
    }

    private func receive(_ message: UnsafeMutablePointer<rd_kafka_message_t>) {
        let err = message.pointee.err
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            let partition = message.pointee.rkt.map {
                KafkaTopicPartition(
                    topic: String(cString: rd_kafka_topic_name($0)),
                    partition: message.pointee.partition
                )
            }
            let detail = message.pointee.payload.map {
                String(decoding: UnsafeRawBufferPointer(start: $0, count: message.pointee.len), as: UTF8.self)
            }
            let error = KafkaError(err, context: "consume \(partition.map { "\($0)" } ?? "")", detail: detail)
            logger.warning("\(error)")
            switch err {
            case RD_KAFKA_RESP_ERR__PARTITION_EOF:
                break
            case RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET, RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE:
                eventSink.yield(.offsetReset(partition: partition, detail: error.message))
            default:
                eventSink.yield(.error(error))
            }
            return
        }
        let copy = KafkaConsumerMessage(copying: message)
        locked.withLock { _ = $0.state.accept(copy, at: .now) }
    }

    private func checkFatalError() {
        guard rd_kafka_fatal_error(handle.pointer, nil, 0) != RD_KAFKA_RESP_ERR_NO_ERROR else { return }
        var text = [CChar](repeating: 0, count: 512)
        let err = rd_kafka_fatal_error(handle.pointer, &text, text.count)
        var error = KafkaError(err, context: "consumer failed; recreate it", detail: String(errorBuffer: text))
        error.code = .fatal
        error.isRetriable = false
        locked.withLock { locked in
            if case .running = locked.lifecycle { locked.lifecycle = .failed(error) }
        }
    }
}

/// librdkafka's rebalance callback; runs on the poll thread inside `rd_kafka_consumer_poll`
/// or `rd_kafka_consumer_close`, while that thread keeps the consumer alive.
private let rebalanceCallback:
    @convention(c) (
        OpaquePointer?, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
        UnsafeMutableRawPointer?
    ) -> Void = { rk, err, partitions, _ in
        guard let rk else { return }
        guard let core = RdKafkaCallbacks.of(rk)?.rebalanceHandler else {
            // Nobody to hand partitions to: hold none.
            rd_kafka_assign(rk, nil)
            return
        }
        core.rebalance(err, partitions)
    }
