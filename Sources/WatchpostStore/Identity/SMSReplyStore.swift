import Foundation
import Postgres
import WatchpostCore

/// One text an officer sent back, as judged: the `sms_replies` table.
public struct SMSReplyRecord: Sendable, Hashable {
    /// The row's id; also the idempotency key of the answer sent back.
    public var id: UUID
    /// The gateway's id of the text: a repeated post carries the same one.
    public var gatewayMessageID: String
    /// The number it came from, as the gateway wrote it.
    public var fromPhone: String
    /// The text, cut to 160 characters.
    public var text: String
    /// When the API received it.
    public var receivedAt: Date
    /// What it did: `acknowledged`, or why it changed nothing (`unknown_code`, `used`, …).
    public var outcome: String
    /// The officer whose alert it answered, when one was found.
    public var officerID: OfficerID?
    /// That alert's incident.
    public var incidentID: UUID?
    /// That alert's delivery.
    public var deliveryID: UUID?
    /// The text sent back.
    public var answer: String

    /// Creates a value from its parts.
    public init(
        id: UUID,
        gatewayMessageID: String,
        fromPhone: String,
        text: String,
        receivedAt: Date,
        outcome: String,
        officerID: OfficerID? = nil,
        incidentID: UUID? = nil,
        deliveryID: UUID? = nil,
        answer: String
    ) {
        self.id = id
        self.gatewayMessageID = gatewayMessageID
        self.fromPhone = fromPhone
        self.text = String(text.prefix(160))
        self.receivedAt = receivedAt
        self.outcome = outcome
        self.officerID = officerID
        self.incidentID = incidentID
        self.deliveryID = deliveryID
        self.answer = answer
    }
}

/// An alert delivery to an officer, as a text answer is matched against it.
public struct SentAlert: Sendable, Hashable {
    /// The delivery's id, from which its reply code is computed.
    public var deliveryID: UUID
    /// The alert's incident.
    public var incidentID: UUID
    /// The officer it went to.
    public var officerID: OfficerID
    /// When it was delivered, or created when it was not (yet) delivered.
    public var sentAt: Date
}

/// The texts officers send back to alerts, and the deliveries they answer.
public final class SMSReplyStore: Sendable {
    let pool: PostgresPool

    /// Creates a store on `pool`.
    public init(pool: PostgresPool) { self.pool = pool }

    /// The text the gateway sent earlier under `gatewayMessageID`, if any.
    public func find(gatewayMessageID: String) async throws -> SMSReplyRecord? {
        try await StoreError.wrapping("finding a text answer") {
            try await pool.withConnection { connection in
                try await connection.query(
                    """
                    SELECT id, gateway_message_id, from_phone, text, received_at, outcome, officer_id, incident_id,
                        delivery_id, answer
                    FROM sms_replies WHERE gateway_message_id = \(gatewayMessageID)
                    """
                ).first.map { row in
                    SMSReplyRecord(
                        id: try row.decode(UUID.self, at: 0),
                        gatewayMessageID: try row.decode(String.self, at: 1),
                        fromPhone: try row.decode(String.self, at: 2),
                        text: try row.decode(String.self, at: 3),
                        receivedAt: try row.decode(Date.self, at: 4),
                        outcome: try row.decode(String.self, at: 5),
                        officerID: try row.decode(String?.self, at: 6),
                        incidentID: try row.decode(UUID?.self, at: 7),
                        deliveryID: try row.decode(UUID?.self, at: 8),
                        answer: try row.decode(String.self, at: 9)
                    )
                }
            }
        }
    }

    /// Records `record`; `false` when a text with its gateway id was recorded first (a repeated
    /// post that raced this one), and nothing is written.
    public func insert(_ record: SMSReplyRecord) async throws -> Bool {
        try await StoreError.wrapping("recording a text answer") {
            try await pool.withConnection { connection in
                try await connection.execute(
                    """
                    INSERT INTO sms_replies (id, gateway_message_id, from_phone, text, received_at, outcome, officer_id,
                        incident_id, delivery_id, answer)
                    VALUES (\(record.id), \(record.gatewayMessageID), \(record.fromPhone), \(record.text),
                        \(record.receivedAt.roundedToMicroseconds), \(record.outcome), \(record.officerID),
                        \(record.incidentID), \(record.deliveryID), \(record.answer))
                    ON CONFLICT (gateway_message_id) DO NOTHING
                    """
                ) == 1
            }
        }
    }

    /// Notes that the answer to `id` was sent at `now`, or why it could not be.
    public func answered(_ id: UUID, at now: Date, error: String?) async throws {
        try await StoreError.wrapping("noting a text answer's reply") {
            _ = try await pool.withConnection { connection in
                try await connection.execute(
                    """
                    UPDATE sms_replies SET answered_at = \(now.roundedToMicroseconds), answer_error = \(error)
                    WHERE id = \(id)
                    """
                )
            }
        }
    }

    /// The alert delivery `delivery`, or `nil` when there is none (or it carries no alert).
    public func sentAlert(delivery: UUID) async throws -> SentAlert? {
        try await StoreError.wrapping("finding the alert a call was about") {
            try await pool.withConnection { connection in
                try await connection.query(
                    """
                    SELECT d.id, a.incident_id, d.recipient, coalesce(d.delivered_at, d.created_at)
                    FROM deliveries d JOIN alerts a ON a.id = d.alert_id WHERE d.id = \(delivery)
                    """
                ).first.map { row in
                    SentAlert(
                        deliveryID: try row.decode(UUID.self, at: 0),
                        incidentID: try row.decode(UUID.self, at: 1),
                        officerID: try row.decode(String.self, at: 2),
                        sentAt: try row.decode(Date.self, at: 3)
                    )
                }
            }
        }
    }

    /// The alert deliveries to `officers` created since `since`, newest first.
    public func sentAlerts(to officers: [OfficerID], since: Date) async throws -> [SentAlert] {
        guard !officers.isEmpty else { return [] }
        return try await StoreError.wrapping("finding the alerts a text answers") {
            try await pool.withConnection { connection in
                try await connection.query(
                    """
                    SELECT d.id, a.incident_id, d.recipient, coalesce(d.delivered_at, d.created_at)
                    FROM deliveries d JOIN alerts a ON a.id = d.alert_id
                    WHERE d.recipient = ANY(\(officers)::text[]) AND d.created_at >= \(since.roundedToMicroseconds)
                    ORDER BY d.created_at DESC
                    """
                ).map { row in
                    SentAlert(
                        deliveryID: try row.decode(UUID.self, at: 0),
                        incidentID: try row.decode(UUID.self, at: 1),
                        officerID: try row.decode(String.self, at: 2),
                        sentAt: try row.decode(Date.self, at: 3)
                    )
                }
            }
        }
    }
}
