import Foundation
import Postgres
import WatchpostCore

extension DeliveryStore {
    /// The templates that only chase an obligation: pointless once it is met or cancelled.
    static let chasingTemplates: [String] = [
        AlertTemplate.obligationReminder, .obligationEscalated, .obligationMissed,
    ].map(\.rawValue)

    /// Cancels, on `connection` (inside the caller's transaction), the pending deliveries that
    /// `obligations` and `incidents` (as just written) have made pointless:
    /// - reminders and escalations of an obligation no longer open (met or cancelled);
    /// - every delivery of a resolved incident except its resolution notices, and of a merged
    ///   one except its merge notices (D60).
    ///
    /// Call it in the same transaction that closes the obligations or resolves the incident
    /// (`EventStore.applyBatch`), so no dispatcher can claim such a delivery after the commit.
    /// A delivery in flight at that moment finishes its send, but its result no longer applies
    /// (`record` only changes pending rows). Returns how many deliveries were cancelled.
    @discardableResult
    static func cancelPointless(
        after obligations: [Obligation],
        incidents: [IncidentState],
        on connection: PostgresConnection
    ) async throws -> Int {
        let closed = obligations.filter { $0.status != .open }
        let resolved = incidents.filter { $0.status == .resolved || $0.status == .merged }.map(\.id)
        guard !closed.isEmpty || !resolved.isEmpty else { return 0 }
        return try await cancelPointless(
            obligationIDs: closed.map(\.id),
            incidentIDs: Array(Set(closed.map(\.incidentID) + resolved)),
            on: connection
        )
    }

    /// Cancels, on `connection`, the pending deliveries made pointless on `incidentIDs`: those
    /// chasing one of `obligationIDs` that is no longer open, and, if an incident is resolved
    /// (merged), all but its resolution (merge) notices. The current state is read from the tables, so the
    /// statement is right whatever the caller passes. Returns how many were cancelled.
    @discardableResult
    static func cancelPointless(
        obligationIDs: [UUID],
        incidentIDs: [UUID],
        on connection: PostgresConnection
    ) async throws -> Int {
        guard !incidentIDs.isEmpty else { return 0 }
        // The alerts are found through their incident index and the deliveries through their
        // unique alert_id. Written as a join, the planner walked every pending delivery and
        // probed its alert (D29): 80-140 ms a batch, growing with the outbox. The obligation and
        // incident states are read as written by this very transaction.
        return try await connection.execute(
            """
            UPDATE deliveries SET status = 'cancelled', claimed_until = NULL
            WHERE status = 'pending' AND alert_id = ANY(ARRAY(
                SELECT a.id FROM alerts AS a
                JOIN incidents AS i ON i.id = a.incident_id
                LEFT JOIN obligations AS o ON o.id = a.obligation_id
                WHERE a.incident_id = ANY(\(incidentIDs))
                  AND (
                    (i.status = 'resolved' AND a.template <> \(AlertTemplate.incidentResolved.rawValue))
                    OR (i.status = 'merged' AND a.template <> \(AlertTemplate.incidentMerged.rawValue))
                    OR (a.obligation_id = ANY(\(obligationIDs)) AND o.status <> 'open'
                        AND a.template = ANY(\(Self.chasingTemplates)))
                  )
            ))
            """
        )
    }

    /// Cancels the pending deliveries made pointless on `incidentIDs` (see
    /// `cancelPointless(obligationIDs:incidentIDs:on:)`), every obligation of those incidents
    /// considered, in a transaction of its own. For operators' tools and repairs; the routing
    /// path cancels inside `applyBatch` instead.
    @discardableResult
    public func cancelPointless(incidentIDs: [UUID]) async throws -> Int {
        try await StoreError.wrapping("cancelling pointless deliveries") {
            try await pool.withTransaction { connection in
                let obligations = try await connection.query(
                    "SELECT id FROM obligations WHERE incident_id = ANY(\(incidentIDs)) AND status <> 'open'"
                ).map { try $0.decode(UUID.self, at: 0) }
                return try await Self.cancelPointless(
                    obligationIDs: obligations,
                    incidentIDs: incidentIDs,
                    on: connection
                )
            }
        }
    }
}
