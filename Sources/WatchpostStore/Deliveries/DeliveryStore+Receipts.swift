import Foundation
import Postgres

extension DeliveryStore {
    /// Records that the provider delivered the message it knows as `providerMessageID` (a ZNS
    /// `msg_id`) at `deliveredAt`, on the attempt that sent it. Idempotent: a repeated receipt
    /// keeps the first time. Returns the delivery the attempt belongs to, or `nil` when no
    /// attempt sent that message (a receipt for another system's message, or one purged).
    @discardableResult
    public func recordReceipt(providerMessageID: String, deliveredAt: Date) async throws -> UUID? {
        let at = deliveredAt.roundedToMicroseconds
        return try await StoreError.wrapping("recording a delivery receipt") {
            try await pool.withConnection { connection in
                let rows = try await connection.query(
                    """
                    UPDATE delivery_attempts SET receipt_at = coalesce(receipt_at, \(at))
                    WHERE provider_message_id = \(providerMessageID)
                    RETURNING delivery_id
                    """
                )
                return try rows.first?.decode(UUID.self, at: 0)
            }
        }
    }
}
