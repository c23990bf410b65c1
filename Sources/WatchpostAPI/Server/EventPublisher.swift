import Crypto
import Foundation
import Kafka
import Postgres
import Prometheus
import WatchpostCore

/// What the API answers once an event is on the broker.
public struct PublishedEvent: Sendable, Hashable {
    /// The event's id.
    public var eventID: UUID
    /// Its incident.
    public var incidentID: UUID
    /// True when this event id was taken in before with the same body (the answer is the same;
    /// the event is produced again, which the workers store once).
    public var repeated: Bool
}

/// Takes an event in for a principal: validates it with the workers' decoder (once, reading the
/// clock once), checks that its source is the principal and that the principal may send it
/// (`Access.checkPublish`) for the incident it names (`Access.checkIncident`), remembers its id
/// (a repeat with the same body is answered the same, another body is refused), signs it for
/// the principal (D18) and produces it. Every route that changes something goes through here,
/// so no route can skip a check (issue 26).
public struct EventPublisher: Sendable {
    let environment: APIEnvironment

    /// Creates a value from its parts.
    public init(environment: APIEnvironment) { self.environment = environment }

    /// Publishes the envelope `bytes` as sent by the caller; the exact bytes are signed and produced.
    public func publish(envelope bytes: [UInt8], as principal: Principal) async throws(APIError) -> PublishedEvent {
        let event: Event
        switch decoder.decode(bytes, now: environment.now()) {
        case .success(let decoded): event = decoded
        case .failure(let rejection):
            throw APIError(
                .badRequest,
                code: .invalidEvent,
                message: "the event is not a valid envelope v1: \(rejection.reason)",
                vi: "Sự kiện không hợp lệ; xem danh sách lỗi theo từng trường.",
                problems: rejection.problems
            )
        }
        return try await publish(event, bytes: bytes, as: principal)
    }

    /// The workers' decoder with the intake's limits: what every event the API takes in, or
    /// builds, is held to.
    var decoder: EventDecoder {
        let directory = environment.directory
        var decoder = EventDecoder(knownUnit: { directory.unit($0) != nil })
        decoder.maximumInputBytes = EventLimits.maximumInputBytes
        decoder.pastTolerance = EventLimits.maximumAgeAtIntake
        return decoder
    }

    /// Publishes an event the API built for the principal (the action routes and pages).
    public func publish(_ event: Event, as principal: Principal) async throws(APIError) -> PublishedEvent {
        try await publish(event, bytes: EventEncoder().encode(event), as: principal)
    }

    private func publish(_ event: Event, bytes: [UInt8], as principal: Principal) async throws(APIError)
        -> PublishedEvent
    {
        guard event.source == principal.source else {
            throw APIError(
                .forbidden,
                code: .sourceMismatch,
                message:
                    "source is `\(event.source.kind.rawValue):\(event.source.id)` but you are `\(principal.label)`",
                vi: "Nguồn của sự kiện phải là chính người gửi (\(principal.label))."
            )
        }
        try Access.checkPublish(event, by: principal, directory: environment.directory)
        try await Access.checkIncident(
            event,
            by: principal,
            isRepeat: try await isRepeat(event, principal: principal),
            environment: environment
        )
        let repeated = try await remember(event, principal: principal)
        let envelope = SignedEventEnvelope(
            incidentID: event.incidentID,
            value: bytes,
            signer: principal.source,
            keyring: environment.keyring
        )
        let message = KafkaProducerMessage(
            topic: environment.settings.settings.eventsTopic,
            key: envelope.key,
            value: envelope.value,
            headers: envelope.headers.map { KafkaHeader(key: $0.name, value: $0.value) }
        )
        do {
            _ = try await environment.producer.send(message)
        } catch {
            environment.logger.error(
                "could not produce an event",
                metadata: ["event_id": "\(event.eventID.canonicalString)", "error": "\(error)"]
            )
            throw APIError(
                .serviceUnavailable,
                code: .brokerUnavailable,
                message: "the event could not be handed to Kafka; send it again with the same event_id",
                vi: "Chưa gửi được sự kiện tới hệ thống hàng đợi; đề nghị gửi lại (giữ nguyên event_id)."
            )
        }
        environment.registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "watchpost_api",
                metricName: "events_published",
                unitName: "total",
                helpText: "Signed events the API handed to Kafka, by type."
            ),
            labels: [("type", event.type.rawValue)]
        ).increment()
        return PublishedEvent(eventID: event.eventID, incidentID: event.incidentID, repeated: repeated)
    }

    /// Whether `principal` sent this very event before (same id, same body): a retry, answered
    /// as the first was.
    private func isRepeat(_ event: Event, principal: Principal) async throws(APIError) -> Bool {
        let digest = Data(event.canonicalDigest)
        do {
            return try await environment.pool.withConnection { connection in
                try await connection.query(
                    """
                    SELECT 1 FROM api_intake
                    WHERE event_id = \(event.eventID) AND envelope_sha256 = \(digest) AND principal = \(principal.label)
                    """
                ).first != nil
            }
        } catch {
            throw APIError.databaseUnavailable(error, environment: environment)
        }
    }

    /// Records the event id with the digest of its canonical body; true when it was recorded
    /// before with the same body. Throws 409 when it was recorded with another body.
    private func remember(_ event: Event, principal: Principal) async throws(APIError) -> Bool {
        let digest = Data(event.canonicalDigest)
        do {
            return try await environment.pool.withConnection { connection in
                let inserted = try await connection.execute(
                    """
                    INSERT INTO api_intake (event_id, envelope_sha256, principal, accepted_at)
                    VALUES (\(event.eventID), \(digest), \(principal.label), \(environment.now()))
                    ON CONFLICT (event_id) DO NOTHING
                    """
                )
                if inserted == 1 { return false }
                let rows = try await connection.query(
                    "SELECT envelope_sha256 FROM api_intake WHERE event_id = \(event.eventID)"
                )
                let stored = try rows.first.map { try $0.decode(Data.self, at: 0) }
                guard stored == digest else { throw Conflict() }
                return true
            }
        } catch is Conflict {
            throw APIError(
                .conflict,
                code: .eventIdReused,
                message:
                    "event_id \(event.eventID.canonicalString) was sent before with another body; use a new event_id",
                vi: "Mã sự kiện này đã được dùng cho một nội dung khác; đề nghị dùng mã mới."
            )
        } catch {
            environment.logger.error("could not record an event id", metadata: ["error": "\(error)"])
            throw APIError(
                .serviceUnavailable,
                code: .databaseUnavailable,
                message: "the database is unavailable; send the event again with the same event_id",
                vi: "Cơ sở dữ liệu tạm thời không sẵn sàng; đề nghị gửi lại."
            )
        }
    }

    private struct Conflict: Error {}
}
