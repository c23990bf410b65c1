import Foundation
import Postgres
import WatchpostCore

/// A delivery with no alert: a message the API sealed (a sign-in code and link) for the
/// dispatcher to open and send on the officer's channels, in order, like any alert.
public struct SealedDelivery: Sendable, Hashable {
    /// The delivery id; the sealed box is bound to it.
    public var id: UUID
    /// The officer to reach.
    public var recipient: OfficerID
    /// The language to write in.
    public var locale: DisplayLocale
    /// The officer's channels, most preferred first.
    public var channels: [Channel]
    /// The sealed message (`SignInMessageSeal`).
    public var sealedMessage: Data

    /// Creates a sealed delivery.
    public init(id: UUID, recipient: OfficerID, locale: DisplayLocale, channels: [Channel], sealedMessage: Data) {
        self.id = id
        self.recipient = recipient
        self.locale = locale
        self.channels = channels
        self.sealedMessage = sealedMessage
    }

    /// Queues the delivery, due at `now`, on `connection` (inside the caller's transaction), and
    /// wakes the dispatchers.
    func insert(now: Date, on connection: PostgresConnection) async throws {
        let now = now.roundedToMicroseconds
        try await connection.execute(
            """
            INSERT INTO deliveries (id, alert_id, recipient, locale, channels, next_attempt_at, created_at, sealed_message)
            VALUES (\(id), NULL, \(recipient), \(locale.rawValue), \(try SnapshotJSON.encode(channels))::jsonb,
                    \(now), \(now), \(sealedMessage))
            """
        )
        try await connection.notify(StoreChannel.deliveries)
    }
}
