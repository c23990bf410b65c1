import Foundation
import Postgres
import WatchpostCore

/// Reads incidents back into `IncidentState`: one query per table (incidents, obligations,
/// evidence, alerts) for any number of incidents.
enum IncidentLoader {
    /// Loads the incidents with `ids`, plus the open incidents matching any (unit, dedup key) in
    /// `dedupKeys`. With `lock`, the incident rows are locked `FOR UPDATE` in id order, so two
    /// workers never deadlock on them.
    static func load(
        ids: [UUID],
        dedupKeys: [(unit: UnitID, key: String)] = [],
        lock: Bool,
        on connection: PostgresConnection
    ) async throws -> [UUID: IncidentState] {
        guard !ids.isEmpty || !dedupKeys.isEmpty else { return [:] }
        let rows = try await connection.query(
            """
            SELECT id, unit_id, status, category, severity, platform, subjects, urls, summary, dedup_key,
                   reported_at, opened_at, acknowledged_at, acknowledged_by, first_action_at, resolved_at,
                   escalation_level, reopen_count, \(unescaped: IncidentMerges.columns(of: "incidents"))
            FROM incidents
            WHERE id IN (
                SELECT unnest(\(ids)::uuid[])
                UNION ALL
                SELECT i.id FROM incidents i
                JOIN unnest(\(dedupKeys.map(\.unit))::text[], \(dedupKeys.map(\.key))::text[]) AS k(unit_id, dedup_key)
                  ON i.unit_id = k.unit_id AND i.dedup_key = k.dedup_key
                WHERE i.status NOT IN ('resolved', 'merged')
            )
            ORDER BY id
            \(unescaped: lock ? "FOR UPDATE" : "")
            """
        )
        var states: [UUID: IncidentState] = [:]
        for row in rows {
            let state = try incident(row)
            states[state.id] = state
        }
        guard !states.isEmpty else { return [:] }
        let found = states.keys.sorted { $0.sortsBefore($1) }
        for (incidentID, evidence) in try await evidence(of: found, on: connection) {
            states[incidentID]?.evidence = evidence
        }
        for (incidentID, obligations) in try await obligations(of: found, on: connection) {
            states[incidentID]?.obligations = obligations
        }
        for (incidentID, recipients) in try await alerted(of: found, on: connection) {
            states[incidentID]?.alerted = recipients
        }
        return states
    }

    private static func incident(_ row: PostgresRow) throws -> IncidentState {
        let table = "incidents"
        let id = try row.decode(UUID.self, at: 0)
        let unitID = try row.decode(String.self, at: 1)
        let category = try row.decode(IncidentCategory.self, at: 3, in: table)
        let severity = try row.decode(Severity.self, at: 4, in: table)
        let platform = try row.decode(Platform.self, at: 5, in: table)
        let subjects = try row.decode([SubjectRole].self, at: 6, in: table)
        let urls = try row.decode([String].self, at: 7)
        let summary = try row.decode(String.self, at: 8)
        let dedupKey = try row.decode(String.self, at: 9)
        let reportedAt = try row.decode(Date.self, at: 10)
        // The initialiser wants a report; every field is then overwritten from the row.
        var state = IncidentState(
            id: id,
            unitID: unitID,
            report: IncidentReported(
                platform: platform,
                urls: urls,
                category: category,
                severity: severity,
                subjects: subjects,
                summary: summary,
                dedupKey: dedupKey
            ),
            reportedAt: reportedAt,
            openedAt: try row.decode(Date.self, at: 11),
            evidence: Evidence(
                eventID: id,
                reportedBy: DeadlineEnforcer.source,
                reportedAt: reportedAt,
                platform: platform,
                urls: urls,
                summary: summary,
                severity: severity,
                category: category,
                subjects: subjects
            )
        )
        state.evidence = []
        state.status = try row.decode(IncidentStatus.self, at: 2, in: table)
        state.acknowledgedAt = try row.decode(Date?.self, at: 12)
        state.acknowledgedBy = try row.decode([String].self, at: 13)
        state.firstActionAt = try row.decode(Date?.self, at: 14)
        state.resolvedAt = try row.decode(Date?.self, at: 15)
        state.escalationLevel = try row.decode(Int.self, at: 16)
        state.reopenCount = try row.decode(Int.self, at: 17)
        state.mergedInto = try row.decode(UUID?.self, at: 18)
        state.mergedFrom = try row.decode([UUID].self, at: 19)
        return state
    }

    private static func evidence(of ids: [UUID], on connection: PostgresConnection) async throws -> [UUID: [Evidence]] {
        let rows = try await connection.query(
            """
            SELECT incident_id, event_id, reported_by_kind, reported_by_id, reported_at, platform, urls, summary,
                   severity, category, subjects
            FROM incident_evidence WHERE incident_id = ANY(\(ids)) ORDER BY incident_id, position
            """
        )
        let table = "incident_evidence"
        var result: [UUID: [Evidence]] = [:]
        for row in rows {
            let evidence = Evidence(
                eventID: try row.decode(UUID.self, at: 1),
                reportedBy: EventSource(
                    kind: try row.decode(SourceKind.self, at: 2, in: table),
                    id: try row.decode(String.self, at: 3)
                ),
                reportedAt: try row.decode(Date.self, at: 4),
                platform: try row.decode(Platform.self, at: 5, in: table),
                urls: try row.decode([String].self, at: 6),
                summary: try row.decode(String.self, at: 7),
                severity: try row.decode(Severity.self, at: 8, in: table),
                category: try row.decode(IncidentCategory.self, at: 9, in: table),
                subjects: try row.decode([SubjectRole].self, at: 10, in: table)
            )
            result[try row.decode(UUID.self, at: 0), default: []].append(evidence)
        }
        return result
    }

    /// The officers alerted about each of `ids`.
    private static func alerted(of ids: [UUID], on connection: PostgresConnection) async throws
        -> [UUID: Set<OfficerID>]
    {
        let rows = try await connection.query(
            "SELECT DISTINCT incident_id, recipient FROM alerts WHERE incident_id = ANY(\(ids))"
        )
        var result: [UUID: Set<OfficerID>] = [:]
        for row in rows {
            result[try row.decode(UUID.self, at: 0), default: []].insert(try row.decode(String.self, at: 1))
        }
        return result
    }

    /// The obligations of `ids`, in the order they were opened.
    static func obligations(of ids: [UUID], on connection: PostgresConnection) async throws -> [UUID: [Obligation]] {
        let rows = try await connection.query(
            "SELECT \(unescaped: ObligationRow.columns) FROM obligations WHERE incident_id = ANY(\(ids)) ORDER BY incident_id, ordinal"
        )
        var result: [UUID: [Obligation]] = [:]
        for row in rows {
            let obligation = try ObligationRow.decode(row)
            result[obligation.incidentID, default: []].append(obligation)
        }
        return result
    }
}
