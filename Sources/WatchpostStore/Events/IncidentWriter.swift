import Foundation
import Postgres
import WatchpostCore

/// Bulk writes of incident state: one statement per table for any number of incidents.
enum IncidentWriter {
    /// Inserts or updates the incident rows (not evidence or obligations). A new row also records
    /// the school's authority and commune as the directory has them now; updates never change them.
    static func upsert(
        _ incidents: [IncidentState],
        directory: Directory,
        now: Date,
        on connection: PostgresConnection
    ) async throws {
        guard !incidents.isEmpty else { return }
        let units = incidents.map { directory.unit($0.unitID) }
        try await connection.query(
            """
            INSERT INTO incidents (id, unit_id, authority_id, commune_id, status, category, severity, platform,
                subjects, urls, summary, dedup_key, reported_at, opened_at, acknowledged_at, acknowledged_by,
                first_action_at, resolved_at, escalation_level, reopen_count, created_at, updated_at)
            SELECT id, unit_id, authority_id, commune_id, status, category, severity, platform,
                subjects::text[], urls::text[], summary, dedup_key, reported_at, opened_at, acknowledged_at,
                acknowledged_by::text[], first_action_at, resolved_at, escalation_level, reopen_count,
                \(now), \(now)
            FROM unnest(
                \(incidents.map(\.id))::uuid[], \(incidents.map(\.unitID))::text[],
                \(units.map { $0?.authority })::text[], \(units.map { $0?.commune })::text[],
                \(incidents.map(\.status.rawValue))::text[], \(incidents.map(\.category.rawValue))::text[],
                \(incidents.map(\.severity.rawValue))::text[], \(incidents.map(\.platform.rawValue))::text[],
                \(try incidents.map { try $0.subjects.map(\.rawValue).arrayLiteral() })::text[],
                \(try incidents.map { try $0.urls.arrayLiteral() })::text[],
                \(incidents.map(\.summary))::text[], \(incidents.map(\.dedupKey))::text[],
                \(incidents.map(\.reportedAt))::timestamptz[], \(incidents.map(\.openedAt))::timestamptz[],
                \(incidents.map(\.acknowledgedAt))::timestamptz[],
                \(try incidents.map { try $0.acknowledgedBy.arrayLiteral() })::text[],
                \(incidents.map(\.firstActionAt))::timestamptz[], \(incidents.map(\.resolvedAt))::timestamptz[],
                \(incidents.map(\.escalationLevel))::bigint[], \(incidents.map(\.reopenCount))::bigint[]
            ) AS t(id, unit_id, authority_id, commune_id, status, category, severity, platform, subjects, urls,
                   summary, dedup_key, reported_at, opened_at, acknowledged_at, acknowledged_by, first_action_at,
                   resolved_at, escalation_level, reopen_count)
            ON CONFLICT (id) DO UPDATE SET
                status = excluded.status, category = excluded.category, severity = excluded.severity,
                platform = excluded.platform, subjects = excluded.subjects, urls = excluded.urls,
                summary = excluded.summary, dedup_key = excluded.dedup_key, reported_at = excluded.reported_at,
                opened_at = excluded.opened_at, acknowledged_at = excluded.acknowledged_at,
                acknowledged_by = excluded.acknowledged_by, first_action_at = excluded.first_action_at,
                resolved_at = excluded.resolved_at, escalation_level = excluded.escalation_level,
                reopen_count = excluded.reopen_count, updated_at = excluded.updated_at
            """
        )
    }

    /// Appends evidence rows; `position` is the evidence's index in `IncidentState.evidence`.
    static func insertEvidence(
        _ entries: [(incidentID: UUID, position: Int, evidence: Evidence)],
        on connection: PostgresConnection
    ) async throws {
        guard !entries.isEmpty else { return }
        let evidence = entries.map(\.evidence)
        try await connection.query(
            """
            INSERT INTO incident_evidence (incident_id, event_id, position, reported_by_kind, reported_by_id,
                reported_at, platform, urls, summary, severity, category, subjects)
            SELECT incident_id, event_id, position, kind, source_id, reported_at, platform, urls::text[], summary,
                severity, category, subjects::text[]
            FROM unnest(
                \(entries.map(\.incidentID))::uuid[], \(evidence.map(\.eventID))::uuid[],
                \(entries.map(\.position))::bigint[], \(evidence.map(\.reportedBy.kind.rawValue))::text[],
                \(evidence.map(\.reportedBy.id))::text[], \(evidence.map(\.reportedAt))::timestamptz[],
                \(evidence.map(\.platform.rawValue))::text[], \(try evidence.map { try $0.urls.arrayLiteral() })::text[],
                \(evidence.map(\.summary))::text[], \(evidence.map(\.severity.rawValue))::text[],
                \(evidence.map(\.category.rawValue))::text[],
                \(try evidence.map { try $0.subjects.map(\.rawValue).arrayLiteral() })::text[]
            ) AS t(incident_id, event_id, position, kind, source_id, reported_at, platform, urls, summary, severity,
                   category, subjects)
            ON CONFLICT DO NOTHING
            """
        )
    }

    /// Inserts new obligations and updates changed ones; returns how many rows were written.
    /// `ordinal` is the obligation's index in `IncidentState.obligations`. The enforcer's
    /// bookkeeping (`escalation_requested_level`) is never overwritten; `next_reminder_at`
    /// starts at the first reminder, starts again at the first reminder after a pause and of each level the
    /// obligation moves up to, and is cleared once the obligation is closed. A deadline written
    /// new or moved records `calendarRevision`, the declarations it was planned with.
    @discardableResult
    static func upsertObligations(
        _ entries: [(ordinal: Int, obligation: Obligation)],
        calendarRevision: Int64,
        on connection: PostgresConnection
    ) async throws -> Int {
        guard !entries.isEmpty else { return 0 }
        let items = entries.map(\.obligation)
        return try await connection.execute(
            """
            INSERT INTO obligations (id, incident_id, ordinal, kind, owner_relation, owner_officer_id,
                opened_by_event_id, opened_at, due_at, reminders_at, reason_vi, reason_en, legal_basis, reason_id,
                chain, level, status, escalated_at, closed_at, closed_by_event_id, met_by,
                escalation_requested_level, next_reminder_at, clock, delegated_from, met_on_behalf_of,
                paused_until, pause_reason_vi, pause_reason_en, pause_legal_basis, calendar_revision)
            SELECT id, incident_id, ordinal, kind, owner_relation, owner_officer_id, opened_by_event_id, opened_at,
                due_at, reminders_at::timestamptz[], reason_vi, reason_en, legal_basis, reason_id, chain, level,
                status, escalated_at, closed_at, closed_by_event_id, met_by, level, next_reminder_at, clock,
                delegated_from, met_on_behalf_of, paused_until, pause_reason_vi, pause_reason_en, pause_legal_basis,
                \(calendarRevision)::bigint
            FROM unnest(
                \(items.map(\.id))::uuid[], \(items.map(\.incidentID))::uuid[], \(entries.map(\.ordinal))::bigint[],
                \(items.map(\.kind.rawValue))::text[], \(items.map(\.ownerRelation.rawValue))::text[],
                \(items.map(\.ownerOfficerID))::text[], \(items.map(\.openedByEventID))::uuid[],
                \(items.map(\.openedAt))::timestamptz[], \(items.map(\.dueAt))::timestamptz[],
                \(try items.map { try $0.remindersAt.arrayLiteral() })::text[],
                \(items.map(\.reason.vi))::text[], \(items.map(\.reason.en))::text[],
                \(items.map(\.reason.legalBasis))::text[], \(items.map(\.reasonID))::text[],
                \(items.map(\.chain))::text[], \(items.map(\.level))::bigint[], \(items.map(\.status.rawValue))::text[],
                \(items.map(\.escalatedAt))::timestamptz[], \(items.map(\.closedAt))::timestamptz[],
                \(items.map(\.closedByEventID))::uuid[], \(items.map(\.metBy))::text[],
                \(items.map(ObligationRow.firstReminder))::timestamptz[], \(items.map(\.clock.rawValue))::text[],
                \(items.map(\.delegatedFrom))::text[], \(items.map(\.metOnBehalfOf))::text[],
                \(items.map(\.pausedUntil))::timestamptz[], \(items.map(\.pauseReason?.vi))::text[],
                \(items.map(\.pauseReason?.en))::text[], \(items.map(\.pauseReason?.legalBasis))::text[]
            ) AS t(id, incident_id, ordinal, kind, owner_relation, owner_officer_id, opened_by_event_id, opened_at,
                   due_at, reminders_at, reason_vi, reason_en, legal_basis, reason_id, chain, level, status,
                   escalated_at, closed_at, closed_by_event_id, met_by, next_reminder_at, clock,
                   delegated_from, met_on_behalf_of, paused_until, pause_reason_vi, pause_reason_en, pause_legal_basis)
            ON CONFLICT (id) DO UPDATE SET
                owner_relation = excluded.owner_relation, owner_officer_id = excluded.owner_officer_id,
                due_at = excluded.due_at, clock = excluded.clock,
                reminders_at = excluded.reminders_at, level = excluded.level, status = excluded.status,
                escalated_at = excluded.escalated_at, closed_at = excluded.closed_at,
                closed_by_event_id = excluded.closed_by_event_id, met_by = excluded.met_by,
                delegated_from = excluded.delegated_from, met_on_behalf_of = excluded.met_on_behalf_of,
                paused_until = excluded.paused_until, pause_reason_vi = excluded.pause_reason_vi,
                pause_reason_en = excluded.pause_reason_en, pause_legal_basis = excluded.pause_legal_basis,
                calendar_revision = CASE WHEN excluded.due_at IS DISTINCT FROM obligations.due_at
                                         THEN excluded.calendar_revision ELSE obligations.calendar_revision END,
                next_reminder_at = CASE WHEN excluded.status <> 'open' THEN NULL
                                        WHEN excluded.level = obligations.level
                                             AND excluded.paused_until IS NOT DISTINCT FROM obligations.paused_until
                                            THEN obligations.next_reminder_at
                                        ELSE excluded.next_reminder_at END
            """
        )
    }
}
