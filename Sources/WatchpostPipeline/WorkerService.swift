import Foundation
import Kafka
import Logging
import Metrics
import ServiceLifecycle

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
                for try await batch in consumer.batches.cancelOnGracefulShutdown() {
                    do {
                        try await handle(batch, consumer: consumer)
                    } catch is OutageRetrier.ShutdownDuringOutage {
                        logger.notice("shutdown during an outage: the batch in hand stays uncommitted")
                        break
                    }
                }
            } catch {
                logger.error("the consumer failed", metadata: ["error": "\(error)"])
                await consumer.close()
                throw error
            }
            await consumer.close()
            logger.info("worker left the consumer group")
        }
    }

    /// Processes one batch and commits its offsets once the database transaction committed.
    func handle(_ batch: KafkaConsumerBatch, consumer: KafkaConsumer) async throws {
        let started = ContinuousClock.now
        metrics.eventsConsumed.increment(by: batch.messages.count)
        let result = try await processor.process(
            batch.messages,
            now: Date(),
            onOutage: {
                // Stop prefetching while we wait; membership continues (heartbeats are
                // librdkafka's own thread) and max.poll.interval is generous (see settings).
                do { try consumer.pause() } catch { logger.warning("could not pause the consumer: \(error)") }
            },
            onRecovery: {
                do { try consumer.resume() } catch { logger.warning("could not resume the consumer: \(error)") }
            }
        )
        await commit(batch, consumer: consumer)
        metrics.batchLatency.recordInterval(since: started)
        logger.debug(
            "batch done",
            metadata: [
                "messages": "\(batch.messages.count)", "stored": "\(result.stored)",
                "duplicates": "\(result.duplicates)", "rejected_decode": "\(result.decodeRejected)",
                "rejected_routing": "\(result.routingRejected)",
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
