import Foundation
import Kafka
import Logging
import WatchpostCore
import WatchpostStore

/// Turns one consumed batch into stored events: decode, then apply the valid events and record
/// the invalid inputs in one transaction (isolating a poison event by bisection). Every refused
/// input (decode, routing, store, conflict) gets a `rejected_events` row and an outbox row in that
/// transaction; the outbox relay dead-letters it afterwards (D15), so the batch never waits on
/// the broker and no refusal by the dead-letter topic can stop it. Offsets are the caller's
/// business, after this returns.
struct BatchProcessor: Sendable {
    let store: EventStore
    let decoder: EventDecoder
    let authenticator: EventAuthenticator
    let retrier: OutageRetrier
    let metrics: PipelineMetrics
    let logger: Logger

    /// A consumed batch, decoded and checked, ready for its transaction: the valid events and
    /// the inputs refused before routing, each carrying its message key. A part of one, when a
    /// refused transaction is bisected.
    struct Prepared: Sendable {
        var events: [InboundEvent]
        var invalid: [RejectedInput]

        /// How many inputs it holds.
        var count: Int { events.count + invalid.count }

        /// The first and second halves of its inputs, events first, each in its order.
        var halves: (Prepared, Prepared) {
            let middle = count / 2
            let eventsFirst = min(middle, events.count)
            return (
                Prepared(events: Array(events[..<eventsFirst]), invalid: Array(invalid[..<(middle - eventsFirst)])),
                Prepared(events: Array(events[eventsFirst...]), invalid: Array(invalid[(middle - eventsFirst)...]))
            )
        }
    }

    /// Splits a large batch into up to `lanes` parts by partition, for parallel transactions;
    /// each part keeps its partitions' order, so per-incident order holds. A batch smaller than
    /// `minimumPerLane` messages per lane is split into fewer parts: on small batches a second
    /// transaction (and commit) costs more than it saves.
    func split(_ prepared: Prepared, lanes: Int, minimumPerLane: Int = 100) -> [Prepared] {
        let size = prepared.events.count + prepared.invalid.count
        let count = max(1, min(lanes, size / max(1, minimumPerLane)))
        guard count > 1 else { return [prepared] }
        var parts = Array(repeating: Prepared(events: [], invalid: []), count: count)
        for event in prepared.events { parts[Int(event.partition) % count].events.append(event) }
        for input in prepared.invalid { parts[Int(input.partition) % count].invalid.append(input) }
        return parts.filter { !$0.events.isEmpty || !$0.invalid.isEmpty }
    }

    /// Decodes `messages` and checks their senders: the CPU half of a batch, which the worker
    /// runs for the next batch while the current one is in its transaction.
    func prepare(_ messages: [KafkaConsumerMessage], now: Date) -> Prepared {
        let (events, invalid) = decode(messages, now: now)
        return Prepared(events: events, invalid: invalid)
    }

    /// Applies a prepared batch until every effect is durable in one committed transaction.
    /// Retries outages forever; throws only ``OutageRetrier/ShutdownDuringOutage`` or
    /// cancellation. `now` is the batch's processing instant, from which its deadlines run.
    func apply(
        _ prepared: Prepared,
        now: Date,
        onOutage: () -> Void = {},
        onRecovery: () -> Void = {}
    ) async throws -> BatchSummary {
        let summary = try await applyIsolating(prepared, now: now, onOutage: onOutage, onRecovery: onRecovery)
        if summary.conflicts > 0 {
            logger.warning(
                "event ids reused with another body: recorded as conflicts and dead-lettered",
                metadata: ["count": "\(summary.conflicts)"]
            )
        }
        metrics.eventsStored.increment(by: summary.stored)
        for stage in [StoredRejection.Stage.decode, .auth, .store] {
            metrics.recordRejected(summary.refused[stage] ?? 0, stage: stage)
        }
        metrics.recordRejected(summary.routingRejected.count, stage: .routing)
        metrics.recordRejected(summary.conflicts, stage: .conflict)
        metrics.replaysRefused.increment(by: summary.replaysRefused.count)
        return summary
    }

    /// A copy of a refused event that was not routed again: someone re-sent it, or a replay of
    /// it was sent twice. Nothing changed; the refusal and its dead letter already exist.
    private func logRefused(_ refused: RefusedReplay) {
        let latest = refused.latestRefusal.map { "watchpost dlq replay \($0)" } ?? "none"
        logger.warning(
            "refused a copy of an event refused before: only `watchpost dlq replay` may send it again",
            metadata: [
                "source_offset": "\(refused.event.topic)[\(refused.event.partition)]@\(refused.event.offset)",
                "event_id": "\(refused.event.event.eventID.canonicalString)",
                "replay_mark": "\(refused.event.replayOf.map(String.init) ?? "none")",
                "to_replay": "\(latest)",
            ]
        )
    }

    /// Decodes every message and checks who sent it (D18); the invalid ones become rejected
    /// inputs with stage `decode`, the unproven ones with stage `auth`.
    func decode(_ messages: [KafkaConsumerMessage], now: Date) -> (events: [InboundEvent], invalid: [RejectedInput]) {
        var events: [InboundEvent] = []
        var invalid: [RejectedInput] = []
        events.reserveCapacity(messages.count)
        for message in messages {
            switch decoder.decode(message.value, now: now) {
            case .success(let event):
                // The key its signature names; checked below, and recorded if it is refused later.
                let keyID = message.signatureHeader.flatMap { EventSignature(headerValue: $0)?.keyID }
                let replayHeader = message.replayHeader
                if let refusal = authenticator.refusal(
                    of: event,
                    value: message.value,
                    signatureHeader: message.signatureHeader,
                    replayHeader: replayHeader
                ) {
                    logger.warning(
                        "refused an event that does not prove its sender",
                        metadata: [
                            "source_offset": "\(message.topicPartition)@\(message.offset)",
                            "event_id": "\(event.eventID.canonicalString)",
                            "reason": "\(refusal.truncated(toUTF8: 1024))",
                        ]
                    )
                    invalid.append(
                        RejectedInput(
                            topic: message.topic,
                            partition: message.partition,
                            offset: message.offset,
                            key: message.key,
                            raw: message.value,
                            reason: refusal,
                            problems: [
                                StoredProblem(
                                    EventProblem(
                                        path: "headers.\(EventSignature.header)",
                                        code: .unauthenticated,
                                        reason: refusal
                                    )
                                )
                            ],
                            stage: .auth,
                            eventID: event.eventID,
                            incidentID: event.incidentID,
                            keyID: keyID.map { DeadLetter.oneLine(String($0.prefix(64))) }
                        ).withPlainText()
                    )
                    continue
                }
                events.append(
                    InboundEvent(
                        event: event,
                        topic: message.topic,
                        partition: message.partition,
                        offset: message.offset,
                        key: message.key,
                        raw: message.value,
                        keyID: keyID,
                        replayOf: replayHeader.flatMap(ReplayMark.rejectionID)
                    )
                )
            case .failure(let rejection):
                logger.info(
                    "rejected an invalid event",
                    metadata: [
                        "source_offset": "\(message.topicPartition)@\(message.offset)",
                        "reason": "\(rejection.reason.truncated(toUTF8: 1024))",
                    ]
                )
                invalid.append(
                    RejectedInput(
                        topic: message.topic,
                        partition: message.partition,
                        offset: message.offset,
                        key: message.key,
                        raw: message.value,
                        reason: rejection.reason,
                        problems: rejection.problems.map(StoredProblem.init)
                    ).withPlainText()
                )
            }
        }
        return (events, invalid)
    }

    // MARK: Applying, with isolation of poison events

    /// Applies `part` in one transaction. A permanent database error (a bug, or an event the
    /// decoder accepts but the database cannot take) splits the part in halves, recursively,
    /// until the culprit stands alone; it is then recorded as rejected and the rest proceeds.
    /// The partition is never blocked; outages are retried instead.
    func applyIsolating(
        _ part: Prepared,
        now: Date,
        onOutage: () -> Void,
        onRecovery: () -> Void
    ) async throws -> BatchSummary {
        guard part.count > 0 else { return BatchSummary() }
        do {
            let summary = try await retrier.run(
                "applying \(part.events.count) events",
                onOutage: onOutage,
                onRecovery: onRecovery
            ) {
                try await store.applyBatch(part.events, rejected: part.invalid, now: now)
            }
            for refused in summary.replaysRefused { logRefused(refused) }
            return summary
        } catch let error where !(error is OutageRetrier.ShutdownDuringOutage) && !(error is CancellationError) {
            guard part.count > 1 else {
                return try await isolate(part, error: error, now: now, onOutage: onOutage, onRecovery: onRecovery)
            }
            logger.error(
                "the database refused a batch; bisecting it to isolate the cause",
                metadata: ["items": "\(part.count)", "error": "\(error)"]
            )
            let (first, second) = part.halves
            return try await applyIsolating(first, now: now, onOutage: onOutage, onRecovery: onRecovery)
                + applyIsolating(second, now: now, onOutage: onOutage, onRecovery: onRecovery)
        }
    }

    /// Records the single input of `part`, which the database refused for good.
    private func isolate(
        _ part: Prepared,
        error: any Error,
        now: Date,
        onOutage: () -> Void,
        onRecovery: () -> Void
    ) async throws -> BatchSummary {
        if let inbound = part.events.first {
            logger.error(
                "the database refused an event; recording it as rejected",
                metadata: [
                    "event_id": "\(inbound.event.eventID.canonicalString)",
                    "incident_id": "\(inbound.event.incidentID.canonicalString)",
                    "error": "\(error)",
                ]
            )
            return try await applyIsolating(
                Prepared(events: [], invalid: [RejectedInput(refused: inbound, error: error)]),
                now: now,
                onOutage: onOutage,
                onRecovery: onRecovery
            )
        }
        guard let input = part.invalid.first else { return BatchSummary() }
        let plain = input.withPlainText()
        if plain.reason != input.reason || plain.problems != input.problems {
            return try await applyIsolating(
                Prepared(events: [], invalid: [plain]),
                now: now,
                onOutage: onOutage,
                onRecovery: onRecovery
            )
        }
        // Nothing left to simplify: log it whole, and do not block the partition.
        logger.critical(
            "the database refused to record a rejected input; only this log line keeps it",
            metadata: [
                "source_offset": "\(input.topic)[\(input.partition)]@\(input.offset)", "error": "\(error)",
                "key_base64": "\(Data(input.key ?? []).base64EncodedString())",
                "value_base64": "\(Data(input.raw).base64EncodedString())",
            ]
        )
        return BatchSummary()
    }
}
