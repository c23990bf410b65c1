import Foundation
import Kafka
import Logging
import Metrics
import ServiceLifecycle
import WatchpostStore

/// The consumer loop of a worker: batch after batch, make every effect durable, then commit
/// the offsets. On graceful shutdown it finishes the batch in hand, commits, and leaves the
/// group.
public struct WorkerService: Service {
    let settings: WorkerSettings
    let processor: BatchProcessor
    let metrics: PipelineMetrics
    let logger: Logger

    /// Joins the group and processes batches until graceful shutdown.
    public func run() async throws {
        let consumer = try KafkaConsumer(configuration: settings.consumerConfiguration(), logger: logger)
        logger.info(
            "worker joined the consumer group",
            metadata: ["group": "\(settings.groupID)", "topic": "\(settings.eventsTopic)"]
        )
        let watcher = ConsumerEventWatcher(
            consumer: consumer,
            topic: settings.eventsTopic,
            metrics: metrics,
            logger: logger
        )
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                do {
                    try await watcher.watch()
                } catch {
                    // Ends `batches` below, so the loop stops and the group rethrows this.
                    await consumer.close()
                    throw error
                }
            }
            group.addTask { await refreshLag(consumer) }
            defer { group.cancelAll() }
            do {
                try await consume(consumer)
            } catch {
                logger.error("the consumer failed", metadata: ["error": "\(error)"])
                await consumer.close()
                throw error
            }
            await consumer.close()
            logger.info("worker left the consumer group")
        }
    }

    /// A consumed batch and its decoded events.
    struct PreparedBatch: Sendable {
        var batch: KafkaConsumerBatch
        var prepared: BatchProcessor.Prepared
    }

    /// Processes batch after batch until graceful shutdown, overlapping the stages: while one
    /// batch is in its database transaction, the next is fetched, decoded and checked. Per
    /// partition the order holds, since batches are applied one at a time in consumption order.
    func consume(_ consumer: KafkaConsumer) async throws {
        var next = try await fetch(from: consumer)
        while let current = next {
            async let upcoming = fetch(from: consumer)
            do {
                try await handle(current, consumer: consumer)
            } catch is OutageRetrier.ShutdownDuringOutage {
                logger.notice("shutdown during an outage: the batch in hand stays uncommitted")
                return
            }
            next = try await upcoming
        }
    }

    /// The next batch, prepared; nil once the consumer is closed or a graceful shutdown began
    /// (a batch fetched meanwhile stays uncommitted and is delivered again).
    func fetch(from consumer: KafkaConsumer) async throws -> PreparedBatch? {
        let processor = self.processor
        do {
            return try await cancelWhenGracefulShutdown {
                var batches = consumer.batches.makeAsyncIterator()
                guard let batch = try await batches.next() else { return nil }
                return PreparedBatch(batch: batch, prepared: processor.prepare(batch.messages, now: Date()))
            }
        } catch is CancellationError where Task.isShuttingDownGracefully {
            return nil
        }
    }

    /// Processes one batch and commits its offsets once its effects are durable. A large batch
    /// is applied in parallel transactions, one per lane of partitions (`lanes`), so PostgreSQL
    /// works on one while the other waits on a lock or a flush.
    func handle(_ current: PreparedBatch, consumer: KafkaConsumer) async throws {
        let started = ContinuousClock.now
        let batch = current.batch
        metrics.eventsConsumed.increment(by: batch.messages.count)
        let logger = self.logger
        // Stop prefetching while we wait; membership continues (heartbeats are librdkafka's own
        // thread) and max.poll.interval is generous (see settings).
        let onOutage: @Sendable () -> Void = {
            do { try consumer.pause() } catch { logger.warning("could not pause the consumer: \(error)") }
        }
        let onRecovery: @Sendable () -> Void = {
            do { try consumer.resume() } catch { logger.warning("could not resume the consumer: \(error)") }
        }
        let processor = self.processor
        let now = Date()
        let parts = processor.split(current.prepared, lanes: settings.lanes)
        let result = try await withThrowingTaskGroup(of: BatchSummary.self) { group in
            for part in parts {
                group.addTask {
                    try await processor.apply(part, now: now, onOutage: onOutage, onRecovery: onRecovery)
                }
            }
            return try await group.reduce(BatchSummary(), +)
        }
        await commit(batch, consumer: consumer)
        metrics.batchLatency.recordInterval(since: started)
        logger.debug(
            "batch done",
            metadata: [
                "messages": "\(batch.messages.count)", "stored": "\(result.stored)",
                "duplicates": "\(result.duplicates)", "rejected_decode": "\(result.refused[.decode] ?? 0)",
                "rejected_routing": "\(result.routingRejected.count)",
            ]
        )
    }

    /// Commits the batch's offsets, retrying transient failures a few times. A commit that
    /// still fails is not fatal: the messages are delivered again and deduplicated by event id.
    /// A rebalance in progress is never waited out here: the group can only finish it once this
    /// worker polls again, so retrying would stall every member until the session times out.
    private func commit(_ batch: KafkaConsumerBatch, consumer: KafkaConsumer) async {
        var backoff = settings.backoff
        for attempt in 1...8 {
            do {
                try await consumer.commit(batch)
                return
            } catch let error as KafkaError where error.code == .rebalance {
                logger.info(
                    "offset commit met a rebalance; the new owner re-reads the batch and it is deduplicated",
                    metadata: ["offsets": "\(batch.nextOffsets)"]
                )
                return
            } catch let error as KafkaError where error.isRetriable && attempt < 8 {
                metrics.brokerRetries.increment()
                logger.warning("offset commit failed; retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: backoff.nextDelay())
            } catch {
                logger.warning(
                    "offset commit failed; the batch will be delivered again and deduplicated",
                    metadata: ["error": "\(error)", "offsets": "\(batch.nextOffsets)"]
                )
                return
            }
        }
    }

    /// Publishes the consumer lag per partition until cancelled.
    private func refreshLag(_ consumer: KafkaConsumer) async {
        while !Task.isCancelled {
            do {
                metrics.recordLag(try await consumer.lag())
            } catch is CancellationError {
                return
            } catch {
                logger.debug("could not read consumer lag", metadata: ["error": "\(error)"])
            }
            do { try await Task.sleep(for: settings.gaugeInterval) } catch { return }
        }
    }
}

extension Metrics.Timer {
    /// Records the time elapsed since `start`.
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}
