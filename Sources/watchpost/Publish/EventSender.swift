import Kafka
import Logging
import WatchpostCore
import WatchpostPipeline

/// Sends validated events to Kafka, keyed by incident id, and waits for each delivery report.
/// With the event keys (`WATCHPOST_EVENT_KEYS`, operators and scripts only) each event is
/// signed for its own source (D18); without them only tool reports will be accepted.
struct EventSender: Sendable {
    /// The brokers, with the operator's librdkafka properties.
    var connection: KafkaConnectionConfiguration
    /// The topic. Default: `watchpost.events`.
    var topic: String
    /// How long one event may take to be stored by the broker, retries included.
    var timeout: Duration
    /// The signing keys, if the operator has them.
    var keyring: EventKeyring?
    /// Where librdkafka's own messages go.
    var logger: Logger

    /// Sends `events` one after another, in order, and returns where each was stored.
    ///
    /// Sequential on purpose: the events of one incident must reach its partition in the
    /// order the operator gave them, and the files monitoring staff send are small.
    /// - Throws: `PublishFailure.broker` naming the brokers when one event cannot be stored
    ///   in time; events sent before it stay sent (their receipts are in the error).
    func send(_ events: [ValidatedEvent]) async throws(PublishFailure) -> [PublishReceipt] {
        let brokers = connection.bootstrapBrokers
        var configuration = KafkaProducerConfiguration(connection: connection)
        configuration.messageTimeout = timeout
        // A person waits on the answer: send at once rather than lingering for a batch.
        configuration.linger = .milliseconds(1)
        let producer: KafkaProducer
        do {
            producer = try KafkaProducer(configuration: configuration, logger: logger)
        } catch {
            throw .broker(brokers: brokers, timeout: timeout, underlying: "\(error)", sent: [])
        }
        var receipts: [PublishReceipt] = []
        for validated in events {
            let message = KafkaProducerMessage.event(
                topic: topic,
                key: validated.key,
                value: validated.bytes,
                signer: validated.event.source,
                keyring: keyring
            )
            do {
                let report = try await producer.send(message)
                receipts.append(PublishReceipt(event: validated.event, report: report))
            } catch {
                await producer.close(timeout: .milliseconds(200))
                throw .broker(brokers: brokers, timeout: timeout, underlying: Self.explain(error), sent: receipts)
            }
        }
        await producer.close(timeout: .seconds(2))
        return receipts
    }

    private static func explain(_ error: any Error) -> String {
        guard let kafka = error as? KafkaError else { return "\(error)" }
        return kafka.rdKafkaName.map { "\(kafka.message) [\($0)]" } ?? kafka.message
    }
}

/// Where one published event was stored.
struct PublishReceipt: Sendable {
    /// The event as validated.
    var event: Event
    /// The broker's delivery report; nil when the API took the event (it does not say where
    /// the broker put it).
    var report: KafkaDeliveryReport?

    /// `event_id=… incident_id=… partition=… offset=…`: one line for scripts to parse.
    var line: String {
        "event_id=\(event.eventID.canonicalString) incident_id=\(event.incidentID.canonicalString) "
            + (report.map { "partition=\($0.partition) offset=\($0.offset)" } ?? "via=api")
    }

    /// The same as one JSON object, plus the type, topic and unit.
    var json: String {
        DraftJSON.object(
            [
                ("event_id", .string(event.eventID.canonicalString)),
                ("incident_id", .string(event.incidentID.canonicalString)),
                ("type", .string(event.type.rawValue)),
                ("unit_id", .string(event.unitID)),
            ]
                + (report.map { report in
                    [
                        ("topic", .string(report.topic)),
                        ("partition", .integer(Int(report.partition))),
                        ("offset", .integer(Int(report.offset))),
                    ]
                } ?? [("via", .string("api"))])
        ).rendered
    }
}
