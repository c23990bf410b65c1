import Foundation
import Postgres
import WatchpostCore

extension PeriodReport {
    /// Reads the report for `scope` in one repeatable-read snapshot. Every figure depends only on
    /// stored times, never on `now`, so a report of a past period reads the same tomorrow.
    public static func read(from pool: PostgresPool, scope: ReportScope, now: Date) async throws -> PeriodReport {
        try await StoreError.wrapping("reading the period report") {
            try await pool.withTransaction(isolationLevel: .repeatableRead) { connection in
                let reader = ReportQueries(scope: scope, connection: connection)
                var schools = try await reader.schoolIncidents()
                for (id, tally) in try await reader.schoolObligations() {
                    schools[id, default: .init(id)].obligations = tally
                }
                for (id, counts) in try await reader.escalationsAndReferrals() {
                    schools[id, default: .init(id)].escalations = counts.escalations
                    schools[id, default: .init(id)].policeReferrals = counts.police
                }
                var heads = try await reader.headObligations()
                let names = try await reader.unitNames(Array(schools.keys) + heads.map(\.schoolID))
                for id in schools.keys {
                    schools[id]?.name = names[id]?.name ?? id
                    schools[id]?.kind = names[id]?.kind ?? ""
                }
                for index in heads.indices {
                    heads[index].schoolName = names[heads[index].schoolID]?.name ?? heads[index].schoolID
                }
                let missed = try await reader.missedDeadlines(limit: PeriodReport.missedDeadlineLimit)
                return PeriodReport(
                    scope: scope,
                    generatedAt: now,
                    incidentCounts: try await reader.incidentCounts(),
                    schools: schools.values.sorted { $0.schoolID < $1.schoolID },
                    heads: heads,
                    deliveryFailures: try await reader.deliveryFailures(),
                    silentSchools: try await reader.silentSchools(),
                    missedDeadlines: missed.listed,
                    missedDeadlinesNotListed: missed.total - missed.listed.count
                )
            }
        }
    }
}

extension PeriodReport.SchoolFigures {
    init(_ id: UnitID) {
        self.init(schoolID: id, name: id, kind: "")
    }
}

/// The report's SQL. Every statement takes the same five parameters, named once in the `p` row:
/// the period, the start of the previous one, and the optional school and authority.
struct ReportQueries {
    let scope: ReportScope
    let connection: PostgresConnection

    /// `p` (the parameters), `scoped` (the incidents of the scope, any time) and `counted` (those
    /// of them that count as incidents: not a duplicate merged into another at the end of the
    /// period, D60). What a merged duplicate's people owed and did before the merge stays theirs,
    /// so obligations, escalations and deliveries read `scoped`.
    private static let prelude = """
        WITH p AS (SELECT $1::timestamptz AS start, $2::timestamptz AS stop, $3::timestamptz AS previous_start,
                          $4::text AS unit, $5::text AS authority),
        scoped AS (
            SELECT i.* FROM incidents i, p
            WHERE (p.unit IS NULL OR i.unit_id = p.unit) AND (p.authority IS NULL OR i.authority_id = p.authority)
        ),
        counted AS (
            SELECT s.* FROM scoped s, p
            WHERE NOT EXISTS (SELECT 1 FROM incident_merges m
                              WHERE m.duplicate_id = s.id AND m.merged_at < p.stop
                                AND (m.unmerged_at IS NULL OR m.unmerged_at >= p.stop))
        )
        """

    /// `owed.due_at`: the deadline obligation `o`'s owner had to meet. An escalation moves
    /// `due_at` on to the next level's deadline, so for an escalated obligation it is the deadline
    /// its first missed-deadline escalation names (that event's `occurred_at`); an owner who acts
    /// after their own deadline but before the next level's is late, not on time.
    /// `outcome.name`: how `o` stood at the end of the period `p` against that deadline, one of
    /// `met_on_time`, `met_late`, `missed`, `open` and `cancelled` (`PeriodReport.ObligationTally`).
    private static let outcomeJoin = """
        CROSS JOIN LATERAL (SELECT CASE WHEN o.level = 0 THEN o.due_at ELSE coalesce((
            SELECT min(e.occurred_at) FROM events e
            WHERE coalesce(e.applied_incident_id, e.incident_id) = o.incident_id AND e.type = 'incident.escalated'
              AND e.outcome = 'applied' AND e.payload -> 'data' ->> 'reason' = 'deadline_missed'
              AND lower(e.payload -> 'data' ->> 'obligation_id') = o.id::text), o.due_at) END AS due_at) owed
        CROSS JOIN LATERAL (SELECT CASE
            WHEN o.status = 'met' AND o.closed_at < p.stop AND (owed.due_at IS NULL OR o.closed_at <= owed.due_at)
                THEN 'met_on_time'
            WHEN o.status = 'met' AND o.closed_at < p.stop THEN 'met_late'
            WHEN o.status = 'cancelled' AND o.closed_at < p.stop AND (owed.due_at IS NULL OR o.closed_at <= owed.due_at)
                THEN 'cancelled'
            WHEN owed.due_at < p.stop THEN 'missed'
            ELSE 'open' END AS name) outcome
        """

    /// Obligations opened in the period with their outcome at its end and the moment that
    /// decided it (see `PeriodReport.HeadFigures`).
    private static let obligationsCTE = """
        , judged AS (
            SELECT s.unit_id, o.owner_relation, o.owner_officer_id, o.delegated_from, o.kind, outcome.name AS outcome,
                   CASE WHEN outcome.name IN ('met_on_time', 'cancelled') THEN o.closed_at
                        WHEN outcome.name = 'open' THEN p.stop
                        ELSE owed.due_at END AS decided_at
            FROM scoped s JOIN obligations o ON o.incident_id = s.id CROSS JOIN p
            \(outcomeJoin)
            WHERE o.opened_at >= p.start AND o.opened_at < p.stop
        )
        """

    /// The five tallies over `judged`, as columns.
    private static let tallyColumns = """
        count(*) FILTER (WHERE outcome = 'met_on_time'), count(*) FILTER (WHERE outcome = 'met_late'),
        count(*) FILTER (WHERE outcome = 'missed'), count(*) FILTER (WHERE outcome = 'open'),
        count(*) FILTER (WHERE outcome = 'cancelled')
        """

    /// Runs `body` after the prelude; `more` are bound after the five parameters, as `$6` on.
    func query(_ body: String, more: [any PostgresEncodable] = []) async throws -> PostgresRows {
        try await connection.query(
            PostgresQuery(
                unsafeSQL: Self.prelude + "\n" + body,
                bindings: [scope.from, scope.to, scope.previousFrom, scope.unitID, scope.authorityID] + more
            )
        )
    }

    private static func tally(_ row: PostgresRow, from column: Int) throws -> PeriodReport.ObligationTally {
        var tally = PeriodReport.ObligationTally()
        tally.metOnTime = try row.decode(Int.self, at: column)
        tally.metLate = try row.decode(Int.self, at: column + 1)
        tally.missed = try row.decode(Int.self, at: column + 2)
        tally.open = try row.decode(Int.self, at: column + 3)
        tally.cancelled = try row.decode(Int.self, at: column + 4)
        return tally
    }

    /// Incidents opened in the period and the previous one, by category, platform, severity and
    /// school kind; a merged duplicate is not counted apart from its survivor.
    func incidentCounts() async throws -> [PeriodReport.IncidentCount] {
        let rows = try await query(
            """
            SELECT d.dimension, d.value,
                   count(*) FILTER (WHERE s.created_at >= p.start), count(*) FILTER (WHERE s.created_at < p.start)
            FROM counted s CROSS JOIN p JOIN units u ON u.id = s.unit_id
            CROSS JOIN LATERAL (VALUES ('category', s.category), ('platform', s.platform),
                                       ('severity', s.severity), ('school_kind', u.kind)) AS d(dimension, value)
            WHERE s.created_at >= p.previous_start AND s.created_at < p.stop
            GROUP BY d.dimension, d.value
            ORDER BY d.dimension, d.value
            """
        )
        return try rows.map { row in
            PeriodReport.IncidentCount(
                dimension: try row.decode(PeriodReport.Dimension.self, at: 0, in: "incidents"),
                value: try row.decode(String.self, at: 1),
                current: try row.decode(Int.self, at: 2),
                previous: try row.decode(Int.self, at: 3)
            )
        }
    }

    /// Per school: incidents opened in the period (merged duplicates not counted), and the time
    /// to acknowledge and to take down.
    func schoolIncidents() async throws -> [UnitID: PeriodReport.SchoolFigures] {
        let rows = try await query(
            """
            , timed AS (
                SELECT s.unit_id,
                       CASE WHEN s.acknowledged_at < p.stop
                            THEN extract(epoch FROM s.acknowledged_at - s.created_at)::float8 END AS ack,
                       (SELECT extract(epoch FROM min(e.received_at) - s.created_at)::float8
                        FROM events e
                        WHERE coalesce(e.applied_incident_id, e.incident_id) = s.id AND e.outcome = 'applied'
                          AND e.type = 'action.recorded' AND e.payload -> 'data' ->> 'action' = 'content_removed'
                          AND e.received_at < p.stop) AS take_down
                FROM counted s CROSS JOIN p
                WHERE s.created_at >= p.start AND s.created_at < p.stop
            )
            SELECT unit_id, count(*),
                   count(ack), percentile_cont(0.5) WITHIN GROUP (ORDER BY ack),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY ack),
                   count(take_down), percentile_cont(0.5) WITHIN GROUP (ORDER BY take_down),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY take_down)
            FROM timed GROUP BY unit_id
            """
        )
        var result: [UnitID: PeriodReport.SchoolFigures] = [:]
        for row in rows {
            let id = try row.decode(String.self, at: 0)
            var school = PeriodReport.SchoolFigures(id)
            school.incidents = try row.decode(Int.self, at: 1)
            school.acknowledge = .init(
                count: try row.decode(Int.self, at: 2),
                medianSeconds: try row.decode(Double?.self, at: 3),
                p90Seconds: try row.decode(Double?.self, at: 4)
            )
            school.takeDown = .init(
                count: try row.decode(Int.self, at: 5),
                medianSeconds: try row.decode(Double?.self, at: 6),
                p90Seconds: try row.decode(Double?.self, at: 7)
            )
            result[id] = school
        }
        return result
    }

    /// Per school: the obligations opened in the period, by outcome at its end.
    func schoolObligations() async throws -> [UnitID: PeriodReport.ObligationTally] {
        let rows = try await query(
            Self.obligationsCTE + "\nSELECT unit_id, " + Self.tallyColumns + "\nFROM judged GROUP BY unit_id"
        )
        var result: [UnitID: PeriodReport.ObligationTally] = [:]
        for row in rows { result[try row.decode(String.self, at: 0)] = try Self.tally(row, from: 1) }
        return result
    }

    /// The school's own obligations (owed by its head or deputies) by the head at the deciding
    /// moment, from `officer_history`; an obligation a delegate owed while the head was away
    /// (`delegated_from`) counts for the delegate, never for the absent head (issue 29). School
    /// names are filled in by the caller.
    func headObligations() async throws -> [PeriodReport.HeadFigures] {
        let rows = try await query(
            Self.obligationsCTE + """

                SELECT j.unit_id, a.officer_id, a.snapshot ->> 'name', \(Self.tallyColumns)
                FROM judged j
                LEFT JOIN LATERAL (
                    SELECT oh.officer_id, oh.snapshot FROM officer_history oh
                    WHERE oh.change <> 'retired'
                      AND oh.valid_from <= j.decided_at AND (oh.valid_to IS NULL OR oh.valid_to > j.decided_at)
                      AND CASE WHEN j.delegated_from IS NOT NULL THEN oh.officer_id = j.owner_officer_id
                               ELSE oh.snapshot ->> 'unit' = j.unit_id AND oh.snapshot -> 'roles' @> '["head"]'::jsonb
                          END
                    ORDER BY oh.officer_id LIMIT 1
                ) a ON true
                WHERE j.owner_relation IN ('school_head', 'school_deputy')
                GROUP BY j.unit_id, a.officer_id, a.snapshot ->> 'name'
                ORDER BY j.unit_id, a.officer_id NULLS LAST
                """
        )
        return try rows.map { row in
            PeriodReport.HeadFigures(
                schoolID: try row.decode(String.self, at: 0),
                schoolName: "",
                officerID: try row.decode(String?.self, at: 1),
                officerName: try row.decode(String?.self, at: 2),
                obligations: try Self.tally(row, from: 3)
            )
        }
    }

    /// Per school: escalations applied in the period, and incidents referred to the police in it.
    func escalationsAndReferrals() async throws -> [UnitID: (escalations: Int, police: Int)] {
        let rows = try await query(
            """
            , happened AS (
                SELECT s.unit_id, s.id, CASE WHEN e.type = 'incident.escalated' THEN 'escalation' ELSE 'police' END AS what
                FROM scoped s CROSS JOIN p
                JOIN events e ON coalesce(e.applied_incident_id, e.incident_id) = s.id
                WHERE e.outcome = 'applied' AND e.received_at >= p.start AND e.received_at < p.stop
                  AND (e.type = 'incident.escalated'
                       OR (e.type = 'action.recorded' AND e.payload -> 'data' ->> 'action' = 'police_notified'))
                UNION ALL
                SELECT s.unit_id, s.id, 'police'
                FROM scoped s CROSS JOIN p JOIN obligations o ON o.incident_id = s.id
                WHERE o.kind = 'notify_police' AND o.status = 'met' AND o.closed_at >= p.start AND o.closed_at < p.stop
            )
            SELECT unit_id, count(*) FILTER (WHERE what = 'escalation'),
                   count(DISTINCT id) FILTER (WHERE what = 'police')
            FROM happened GROUP BY unit_id
            """
        )
        var result: [UnitID: (escalations: Int, police: Int)] = [:]
        for row in rows {
            result[try row.decode(String.self, at: 0)] = (
                try row.decode(Int.self, at: 1), try row.decode(Int.self, at: 2)
            )
        }
        return result
    }

    /// Obligations of the scope whose deadline fell in the period and that were met late or
    /// missed by its end, by the tally's rule (`outcomeJoin`), whenever they opened: the first
    /// `limit` by deadline, then id, and how many there are in all. Names are the directory's now.
    func missedDeadlines(limit: Int) async throws -> (listed: [PeriodReport.MissedDeadline], total: Int) {
        let rows = try await query(
            """
            SELECT o.id, s.id, s.unit_id, coalesce(u.name, s.unit_id), o.kind, o.owner_relation, o.owner_officer_id,
                   owner.name, o.delegated_from, absent.name, owed.due_at, o.clock,
                   CASE WHEN outcome.name = 'met_late' THEN o.closed_at END, count(*) OVER ()
            FROM scoped s JOIN obligations o ON o.incident_id = s.id CROSS JOIN p
            \(Self.outcomeJoin)
            LEFT JOIN units u ON u.id = s.unit_id
            LEFT JOIN officers owner ON owner.id = o.owner_officer_id
            LEFT JOIN officers absent ON absent.id = o.delegated_from
            WHERE owed.due_at >= p.start AND owed.due_at < p.stop AND outcome.name IN ('met_late', 'missed')
            ORDER BY owed.due_at, o.id
            LIMIT $6
            """,
            more: [limit]
        )
        var total = 0
        let listed = try rows.map { row in
            total = try row.decode(Int.self, at: 13)
            return PeriodReport.MissedDeadline(
                obligationID: try row.decode(UUID.self, at: 0),
                incidentID: try row.decode(UUID.self, at: 1),
                schoolID: try row.decode(String.self, at: 2),
                schoolName: try row.decode(String.self, at: 3),
                kind: try row.decode(ObligationKind.self, at: 4, in: "obligations"),
                ownerRelation: try row.decode(Relation.self, at: 5, in: "obligations"),
                ownerOfficerID: try row.decode(String?.self, at: 6),
                ownerName: try row.decode(String?.self, at: 7),
                delegatedFrom: try row.decode(String?.self, at: 8),
                delegatedFromName: try row.decode(String?.self, at: 9),
                dueAt: try row.decode(Date.self, at: 10),
                clock: try row.decode(DeadlineClock.self, at: 11, in: "obligations"),
                metLateAt: try row.decode(Date?.self, at: 12)
            )
        }
        return (listed, total)
    }

    /// Schools of the scope, in the directory at some time in the period, that opened no incident
    /// in it. For an authority: the schools it supervised then, from `unit_history`.
    func silentSchools() async throws -> [PeriodReport.SilentSchool] {
        let rows = try await query(
            """
            SELECT DISTINCT ON (uh.unit_id) uh.unit_id, uh.snapshot ->> 'name', uh.snapshot ->> 'kind'
            FROM unit_history uh CROSS JOIN p
            WHERE uh.snapshot ->> 'kind' IN ('preschool', 'primary', 'primary_lower_secondary', 'lower_secondary')
              AND uh.change <> 'retired'
              AND uh.valid_from < p.stop AND (uh.valid_to IS NULL OR uh.valid_to > p.start)
              AND (p.unit IS NULL OR uh.unit_id = p.unit)
              AND (p.authority IS NULL OR uh.snapshot ->> 'parent' = p.authority)
              AND NOT EXISTS (SELECT 1 FROM incidents i
                              WHERE i.unit_id = uh.unit_id AND i.created_at >= p.start AND i.created_at < p.stop)
            ORDER BY uh.unit_id, uh.valid_from DESC
            """
        )
        return try rows.map { row in
            PeriodReport.SilentSchool(
                schoolID: try row.decode(String.self, at: 0),
                name: try row.decode(String.self, at: 1),
                kind: try row.decode(String.self, at: 2)
            )
        }
    }

    /// Names and kinds of `ids` (current directory).
    func unitNames(_ ids: [UnitID]) async throws -> [UnitID: (name: String, kind: String)] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await connection.query("SELECT id, name, kind FROM units WHERE id = ANY(\(Array(Set(ids))))")
        var result: [UnitID: (name: String, kind: String)] = [:]
        for row in rows {
            result[try row.decode(String.self, at: 0)] = (
                try row.decode(String.self, at: 1), try row.decode(String.self, at: 2)
            )
        }
        return result
    }
}
