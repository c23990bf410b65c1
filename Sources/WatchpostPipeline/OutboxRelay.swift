import Foundation
import Kafka
import Logging
import ServiceLifecycle
import Synchronization
import WatchpostCore
import WatchpostStore

/// Publishes the outbox (decision D15) onto Kafka in every worker: dead letters onto the
/// dead-letter topic, escalations onto the lifecycle topic. Rows are claimed with `SKIP LOCKED`
/// and deleted once the broker acknowledged them.
///
/// - A broker that is down or slow is waited out with back-off; nothing else waits for it.
/// - A dead letter the broker refuses for a reason that will not change (too large even without
///   its value, topic unknown, not authorised) is marked failed in the outbox, logged at critical
///   level and counted (`watchpost_dead_letters_refused_total`); the input stays in
///   `rejected_events`, and the worker goes on.
/// - An escalation refused that way stops the worker with an error (exit status 1): without the
///   lifecycle topic nothing can be escalated, and an orchestrator or operator must see it.
struct OutboxRelay: Service {
    let store: OutboxStore
    let producer: KafkaProducer
    let deadLetterTopic: String
    let settings: WorkerSettings
    let metrics: PipelineMetrics
    let logger: Logger

    func run() async throws {
        var gauges = Throttle(every: settings.gaugeInterval)
        try await NotifiedLoop(
            name: "outbox relay",
            channel: StoreChannel.outbox,
            database: settings.database,
            maxSleep: settings.enforcerMaxSleep,
            backoff: settings.backoff,
            metrics: metrics,
            logger: logger
        ).run(
            isFatal: { $0 is BrokerRefusal },
            round: {
                let more = try await round()
                if gauges.isDue() { await refreshGauges() }
                return more
            }
        )
    }

    /// `watchpost_outbox_pending`, `_oldest_seconds` and `_failed`: escalations and dead letters
    /// waiting for the broker are otherwise invisible (the overdue gauge stops counting an
    /// obligation once its escalation is queued).
    private func refreshGauges() async {
        do {
            let backlog = try await store.backlog(now: Date())
            metrics.outboxPending.record(backlog.pending)
            metrics.outboxOldestSeconds.record(backlog.oldestSeconds)
            metrics.outboxFailed.record(backlog.failed)
        } catch {
            logger.debug("could not measure the outbox", metadata: ["error": "\(error)"])
        }
    }

    /// Sends up to a batch of pending messages; returns whether the batch was full.
    func round() async throws -> Bool {
        let limit = settings.outboxBatchLimit
        let failure = FirstError()
        let limits = DeadLetterLimits(messageMaxBytes: producer.messageMaxBytes)
        let claimed = try await store.relay(limit: limit) { entries in
            await withTaskGroup(of: (Int64, OutboxOutcome?).self) { group in
                for entry in entries {
                    group.addTask { (entry.id, await send(entry, limits: limits, failure: failure)) }
                }
                var outcomes: [Int64: OutboxOutcome] = [:]
                for await (id, outcome) in group {
                    if let outcome { outcomes[id] = outcome }
                }
                return outcomes
            }
        }
        if let error = failure.value { throw error }
        return claimed >= limit
    }

    /// Sends one entry; nil when it must be sent again later (the error is kept in `failure`).
    private func send(_ entry: OutboxEntry, limits: DeadLetterLimits, failure: FirstError) async -> OutboxOutcome? {
        switch entry.content {
        case .message(let topic, let key, let value):
            do {
                // Only the enforcer's escalations travel this way; they are signed as it (D18).
                let message =
                    topic == settings.eventsTopic
                    ? KafkaProducerMessage.event(
                        topic: topic,
                        key: key,
                        value: value,
                        signer: DeadlineEnforcer.source,
                        keyring: settings.keyring
                    )
                    : KafkaProducerMessage(topic: topic, key: key, value: value)
                _ = try await producer.send(message)
                return .sent
            } catch let error as KafkaError where error.isPermanentRefusal {
                failure.keep(BrokerRefusal(topic: topic, error: error))
                return nil
            } catch {
                failure.keep(error)
                return nil
            }
        case .deadLetter(let rejection):
            let letter = DeadLetter(rejection: rejection, limits: limits)
            do {
                do {
                    _ = try await producer.send(letter.message(topic: deadLetterTopic))
                } catch let error as KafkaError where error.code == .messageTooLarge {
                    // The broker's limit for the topic may be lower than the producer's.
                    logger.warning(
                        "dead letter too large; sending it without its value",
                        metadata: ["rejected_id": "\(rejection.id)", "error": "\(error)"]
                    )
                    _ = try await producer.send(letter.message(topic: deadLetterTopic, includeValue: false))
                }
                metrics.deadLettersSent.increment()
                return .sent
            } catch let error as KafkaError where error.isPermanentRefusal {
                metrics.deadLettersRefused.increment()
                logger.critical(
                    "the dead-letter topic refused a dead letter for good; the input stays in rejected_events",
                    metadata: [
                        "rejected_id": "\(rejection.id)", "stage": "\(rejection.stage.rawValue)",
                        "source_offset": "\(rejection.topic)[\(rejection.partition)]@\(rejection.offset)",
                        "topic": "\(deadLetterTopic)", "error": "\(error)",
                    ]
                )
                return .refused("\(error)")
            } catch {
                failure.keep(error)
                return nil
            }
        }
    }
}

/// A broker's lasting refusal to take messages for a topic the worker cannot do without.
struct BrokerRefusal: Error, CustomStringConvertible {
    let topic: String
    let error: KafkaError

    var description: String {
        "the broker refuses messages for \(topic) and will keep doing so (\(error)); "
            + "check that the topic exists and that this worker may write to it"
    }
}

extension KafkaError {
    /// Whether the broker refused for a reason that waiting will not change: the message is too
    /// large, the topic does not exist, or the client is not authorised.
    var isPermanentRefusal: Bool {
        code == .messageTooLarge || code == .unknownTopicOrPartition || code == .authentication
            || code == .invalidArgument
    }
}

/// The first error of concurrent sends.
private final class FirstError: Sendable {
    private let state = Mutex<(any Error)?>(nil)

    func keep(_ error: any Error) {
        state.withLock { if $0 == nil { $0 = error } }
    }

    var value: (any Error)? { state.withLock { $0 } }
}
