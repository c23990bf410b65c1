import Foundation
import Postgres
import WatchpostCore

extension OperatorOverview {
    /// Reads the overview at `now` from `pool`: counts by state, the age of the oldest overdue
    /// obligation not yet escalated, up to `overdueLimit` open obligations most overdue first,
    /// and up to `deadLimit` dead deliveries most recent first.
    /// All parts are read in one repeatable-read snapshot, so the counts and the lists agree.
    public static func read(
        from pool: PostgresPool,
        now: Date,
        overdueLimit: Int = 10,
        deadLimit: Int = 20
    ) async throws -> OperatorOverview {
        let now = now.roundedToMicroseconds
        return try await StoreError.wrapping("reading the operator overview") {
            try await pool.withTransaction(isolationLevel: .repeatableRead) { connection in
                OperatorOverview(
                    readAt: now,
                    counts: try await Self.counts(now: now, on: connection),
                    oldestUnescalatedOverdueSeconds: try await OverdueObligations.oldestUnescalatedAge(
                        now: now,
                        on: connection
                    ),
                    overdueObligations: try await Self.overdue(now: now, limit: overdueLimit, on: connection),
                    deadDeliveries: try await Self.dead(limit: deadLimit, on: connection)
                )
            }
        }
    }

    private static func counts(now: Date, on connection: PostgresConnection) async throws -> Counts {
        let rows = try await connection.query(
            """
            SELECT (SELECT count(*) FROM events),
                   (SELECT count(*) FROM incidents WHERE status NOT IN ('resolved', 'merged')),
                   (SELECT count(*) FROM incidents WHERE status = 'resolved'),
                   (SELECT count(*) FROM obligations WHERE status = 'open'),
                   (SELECT count(*) FROM obligations WHERE status = 'open' AND due_at <= \(now)),
                   (SELECT count(*) FROM obligations WHERE status = 'met'),
                   (SELECT count(*) FROM alerts),
                   (SELECT count(*) FROM deliveries WHERE status = 'pending'),
                   (SELECT count(*) FROM deliveries WHERE status = 'delivered'),
                   (SELECT count(*) FROM deliveries WHERE status = 'dead'),
                   (SELECT count(*) FROM deliveries WHERE status = 'cancelled'),
                   (SELECT count(*) FROM rejected_events WHERE replayed_at IS NULL),
                   (SELECT count(*) FROM outbox WHERE failed_at IS NULL),
                   (SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL)
            """
        )
        guard let row = rows.first else {
            throw StoreError(code: .corruptRow, message: "the overview count query returned no row")
        }
        let values = try (0..<14).map { try row.decode(Int.self, at: $0) }
        return Counts(
            events: values[0],
            openIncidents: values[1],
            resolvedIncidents: values[2],
            openObligations: values[3],
            overdueObligations: values[4],
            metObligations: values[5],
            alerts: values[6],
            pendingDeliveries: values[7],
            deliveredDeliveries: values[8],
            deadDeliveries: values[9],
            cancelledDeliveries: values[10],
            rejectedNotReplayed: values[11],
            outboxPending: values[12],
            outboxRefused: values[13]
        )
    }

    private static func overdue(now: Date, limit: Int, on connection: PostgresConnection) async throws
        -> [OverdueObligation]
    {
        let rows = try await connection.query(
            """
            SELECT o.id, o.incident_id, i.unit_id, u.name, o.kind, o.owner_relation, o.owner_officer_id,
                   o.due_at, o.level
            FROM obligations o
            JOIN incidents i ON i.id = o.incident_id
            LEFT JOIN units u ON u.id = i.unit_id
            WHERE o.status = 'open' AND o.due_at <= \(now)
            ORDER BY o.due_at, o.id
            LIMIT \(max(0, limit))
            """
        )
        return try rows.map { row in
            OverdueObligation(
                id: try row.decode(UUID.self, at: 0),
                incidentID: try row.decode(UUID.self, at: 1),
                schoolID: try row.decode(String.self, at: 2),
                schoolName: try row.decode(String?.self, at: 3),
                kind: try row.decode(ObligationKind.self, at: 4, in: "obligations"),
                ownerRelation: try row.decode(Relation.self, at: 5, in: "obligations"),
                ownerOfficerID: try row.decode(String?.self, at: 6),
                dueAt: try row.decode(Date.self, at: 7),
                level: try row.decode(Int.self, at: 8)
            )
        }
    }

    private static func dead(limit: Int, on connection: PostgresConnection) async throws
        -> [DeadDelivery]
    {
        let rows = try await connection.query(
            """
            SELECT d.id, d.alert_id, a.incident_id, d.recipient, d.attempts, d.last_error,
                   (SELECT max(x.finished_at) FROM delivery_attempts x WHERE x.delivery_id = d.id)
            FROM deliveries d
            LEFT JOIN alerts a ON a.id = d.alert_id
            WHERE d.status = 'dead'
            ORDER BY 7 DESC NULLS LAST, d.id
            LIMIT \(max(0, limit))
            """
        )
        return try rows.map { row in
            DeadDelivery(
                id: try row.decode(UUID.self, at: 0),
                alertID: try row.decode(UUID?.self, at: 1),
                incidentID: try row.decode(UUID?.self, at: 2),
                recipient: try row.decode(String.self, at: 3),
                attempts: try row.decode(Int.self, at: 4),
                lastError: try row.decode(String?.self, at: 5),
                lastAttemptAt: try row.decode(Date?.self, at: 6)
            )
        }
    }
}
