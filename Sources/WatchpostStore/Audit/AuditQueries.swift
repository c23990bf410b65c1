import Foundation
import Postgres

/// The deadline auditor's two reads. Both start from the same candidates: obligations whose
/// current deadline or last escalation is at or after `since` (met and cancelled ones too),
/// with the school and the instant Watchpost stored the event that opened them.
enum AuditQueries {
    /// The candidates, after the `audit_window` clause that binds the window's bounds once;
    /// its scalar subqueries become parameters the indexes can use.
    private static let candidates = """
        candidates AS (
            SELECT o.id, o.incident_id, i.unit_id AS school, o.kind, o.owner_relation, o.owner_officer_id,
                   o.level, o.due_at, o.reminders_at, o.status, o.closed_at, o.escalation_requested_level,
                   coalesce(opening.received_at, o.opened_at) AS stored_at
            FROM obligations AS o
            JOIN incidents AS i ON i.id = o.incident_id
            LEFT JOIN events AS opening ON opening.event_id = o.opened_by_event_id
            WHERE o.due_at >= (SELECT since FROM audit_window)
               OR o.escalated_at >= (SELECT since FROM audit_window)
        )
        """

    /// One row per deadline that fell in `[since, until]`, in `DeadlineRow` order.
    ///
    /// Only the current deadline is on the obligation's row; each earlier one is carried by the
    /// escalation that followed it (`occurred_at` of `incident.escalated` is the missed
    /// deadline). An escalation is recorded by the first of: its event stored (not refused),
    /// its message waiting in the outbox, its `obligation.escalated` alerts — for the chain's
    /// last level, the alerts are what notifies it.
    static func deadlines(since: Date, until: Date) -> PostgresQuery {
        """
        WITH audit_window AS (SELECT \(since)::timestamptz AS since, \(until)::timestamptz AS until),
        \(unescaped: candidates),
        records AS (
            SELECT c.id AS obligation_id, (e.payload -> 'data' ->> 'level')::int AS level,
                   e.occurred_at AS missed_due, e.received_at AS recorded_at,
                   CASE WHEN e.outcome = 'rejected' THEN coalesce(e.outcome_reason, 'rejected') END AS refusal
            FROM candidates AS c
            JOIN events AS e ON e.incident_id = c.incident_id AND e.type = 'incident.escalated'
            WHERE lower(e.payload -> 'data' ->> 'obligation_id') = c.id::text
              AND e.payload -> 'data' ->> 'reason' = 'deadline_missed'
            UNION ALL
            SELECT c.id, (m.body -> 'data' ->> 'level')::int, (m.body ->> 'occurred_at')::timestamptz,
                   q.created_at, NULL
            FROM outbox AS q
            CROSS JOIN LATERAL (SELECT convert_from(q.value, 'UTF8')::jsonb AS body) AS m
            JOIN candidates AS c ON lower(m.body -> 'data' ->> 'obligation_id') = c.id::text
            WHERE q.topic IS NOT NULL AND m.body ->> 'type' = 'incident.escalated'
            UNION ALL
            SELECT c.id, substring(a.reason FROM 'level-([0-9]+)$')::int, NULL, a.created_at, NULL
            FROM candidates AS c
            JOIN alerts AS a ON a.incident_id = c.incident_id AND a.obligation_id = c.id
            WHERE a.template = 'obligation.escalated'
        ),
        levels AS (
            SELECT obligation_id, level - 1 AS level, min(missed_due) AS due_at,
                   min(recorded_at) FILTER (WHERE refusal IS NULL) AS escalated_at, min(refusal) AS refusal
            FROM records GROUP BY obligation_id, level
        ),
        deadlines AS (
            SELECT obligation_id, level, due_at, escalated_at, refusal FROM levels WHERE due_at IS NOT NULL
            UNION ALL
            SELECT c.id, c.level, c.due_at, NULL, NULL FROM candidates AS c
            WHERE c.due_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM levels AS l WHERE l.obligation_id = c.id AND l.level = c.level)
        )
        SELECT c.id, c.incident_id, c.school, c.kind, c.owner_relation, c.owner_officer_id, d.level, d.due_at,
               c.stored_at, d.escalated_at, d.refusal, c.status, c.closed_at, c.escalation_requested_level > d.level
        FROM deadlines AS d JOIN candidates AS c ON c.id = d.obligation_id
        WHERE d.due_at >= (SELECT since FROM audit_window) AND d.due_at <= (SELECT until FROM audit_window)
        ORDER BY d.due_at, c.id, d.level
        """
    }

    /// One row per reminder due in `[since, until]` before its deadline, after Watchpost stored
    /// its obligation, in `ReminderRow` order. A reminder counts as sent when its alert exists
    /// (its `created_at` is the reminder's instant), at the time its first delivery was queued.
    ///
    /// Reminders belong to the first deadline (level 0). An obligation escalated since keeps the
    /// reminders that fell due before, and its first deadline is carried by the escalation to
    /// level 1 (`occurred_at` of `incident.escalated`, reason `deadline_missed`).
    static func reminders(since: Date, until: Date) -> PostgresQuery {
        """
        WITH audit_window AS (SELECT \(since)::timestamptz AS since, \(until)::timestamptz AS until),
        \(unescaped: candidates)
        SELECT c.id, c.incident_id, c.school, c.kind, c.owner_relation, c.owner_officer_id, first.due_at, r.remind_at,
               c.status, c.closed_at,
               (SELECT coalesce(min(d.created_at), min(a.created_at))
                FROM alerts AS a LEFT JOIN deliveries AS d ON d.alert_id = a.id
                WHERE a.incident_id = c.incident_id AND a.obligation_id = c.id
                  AND a.template = 'obligation.reminder' AND a.created_at = r.remind_at)
        FROM candidates AS c
        CROSS JOIN LATERAL (
            SELECT CASE WHEN c.level = 0 THEN c.due_at ELSE (
                SELECT min(e.occurred_at) FROM events AS e
                WHERE e.incident_id = c.incident_id AND e.type = 'incident.escalated'
                  AND lower(e.payload -> 'data' ->> 'obligation_id') = c.id::text
                  AND e.payload -> 'data' ->> 'reason' = 'deadline_missed'
                  AND (e.payload -> 'data' ->> 'level')::int = 1
            ) END AS due_at
        ) AS first
        CROSS JOIN LATERAL unnest(c.reminders_at) AS r(remind_at)
        WHERE r.remind_at < first.due_at AND r.remind_at >= c.stored_at
          AND r.remind_at >= (SELECT since FROM audit_window) AND r.remind_at <= (SELECT until FROM audit_window)
        ORDER BY r.remind_at, c.id
        """
    }
}
