import Foundation
import Postgres
import WatchpostCore

extension ReportQueries {
    /// Each alert delivery of the period's scoped incidents, by what is known of the attempt that
    /// delivered it when the report is read (D61): `confirmed` when a receipt says it reached the
    /// officer (Zalo's receipt, the SMS gateway's delivery report, or a call that was answered);
    /// `undelivered` when a receipt says the network gave up on it; `unconfirmed` when a channel
    /// that sends receipts accepted it (an SMS gateway or ZNS that gave a message id) and none
    /// came; `accepted` when a channel that sends none accepted it (e-mail, webhook), its
    /// acceptance being the last word it gives. An earlier attempt whose text never arrived does
    /// not count against the channel that reached the officer after it. `NULL` for a delivery
    /// nothing delivered (pending, dead, cancelled).
    private static let deliveryStateJoin = """
        LEFT JOIN LATERAL (
            SELECT CASE
                WHEN x.receipt_status = 'delivered' OR x.channel_kind = 'voice' THEN 'confirmed'
                WHEN x.receipt_status = 'failed' THEN 'undelivered'
                WHEN x.channel_kind IN ('sms', 'zalo') AND x.provider_message_id IS NOT NULL THEN 'unconfirmed'
                ELSE 'accepted' END AS name
            FROM delivery_attempts x WHERE x.delivery_id = d.id AND x.outcome = 'delivered'
            ORDER BY x.attempt DESC LIMIT 1
        ) state ON true
        """

    /// Officers some alert delivery of the period did not reach, or may not have: those with a
    /// dead or undelivered one, and those with unconfirmed ones and nothing that reached them
    /// (`PeriodReport.RecipientDeliveries.isListed`). By officer id.
    func deliveryFailures() async throws -> [PeriodReport.RecipientDeliveries] {
        let rows = try await query(
            """
            SELECT d.recipient, (SELECT o.name FROM officers o WHERE o.id = d.recipient),
                   count(*) FILTER (WHERE d.status = 'dead'), count(*) FILTER (WHERE d.status = 'delivered'),
                   count(*) FILTER (WHERE d.status = 'delivered' AND state.name = 'confirmed'),
                   count(*) FILTER (WHERE d.status = 'delivered' AND state.name = 'undelivered'),
                   count(*) FILTER (WHERE d.status = 'delivered' AND state.name = 'unconfirmed')
            FROM scoped s CROSS JOIN p
            JOIN alerts a ON a.incident_id = s.id
            JOIN deliveries d ON d.alert_id = a.id
            \(Self.deliveryStateJoin)
            WHERE d.created_at >= p.start AND d.created_at < p.stop
            GROUP BY d.recipient
            ORDER BY d.recipient
            """
        )
        return try rows.map { row in
            PeriodReport.RecipientDeliveries(
                officerID: try row.decode(String.self, at: 0),
                officerName: try row.decode(String?.self, at: 1),
                dead: try row.decode(Int.self, at: 2),
                delivered: try row.decode(Int.self, at: 3),
                confirmed: try row.decode(Int.self, at: 4),
                undelivered: try row.decode(Int.self, at: 5),
                unconfirmed: try row.decode(Int.self, at: 6)
            )
        }.filter(\.isListed)
    }
}
