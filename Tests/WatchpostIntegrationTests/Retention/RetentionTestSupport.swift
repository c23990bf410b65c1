import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// A seeded history for the retention tests, with the shipped policy's period (1 year):
/// - `purged`: a student involved, a duplicate report attached, acknowledged with a note, an
///   action with an evidence URL, resolved an hour after t0 — due at `purgeAt`;
/// - `open`: a student involved, never resolved;
/// - `recent`: a student involved, resolved ten days before `purgeAt`;
/// - `teachers`: only a teacher involved, resolved an hour after t0.
struct RetentionHistory {
    static let summary = "Clip học sinh đánh nhau sau nhà thi đấu"
    let purged = UUID()
    let duplicate = UUID()
    let open = UUID()
    let recent = UUID()
    let teachers = UUID()
    let postURL = "https://www.tiktok.com/@user/video/7300000000000\(Int.random(in: 100_000...999_999))"
    /// 400 days after t0: more than a year after `purged` was resolved.
    let purgeAt = StoreFixture.t0.addingTimeInterval(400 * 86_400)

    /// Applies the history through the event store, batch by batch at the times above.
    func seed(_ store: EventStore) async throws {
        var offset: Int64 = 0
        func apply(_ events: [Event], at now: Date) async throws {
            _ = try await store.applyRetrying(StoreFixture.inbound(events, from: offset), now: now)
            offset += Int64(events.count)
        }
        let t0 = StoreFixture.t0
        try await apply([report(purged, subjects: [.student]), report(duplicate, subjects: [.student])], at: t0)
        try await apply(
            [
                StoreFixture.event(
                    .acknowledged(IncidentAcknowledged(note: "Đã gọi phụ huynh em học sinh")),
                    incident: purged
                ),
                StoreFixture.event(
                    .actionRecorded(
                        ActionRecorded(
                            action: .correctionPublished,
                            note: "Trường đã đăng đính chính",
                            evidenceURL: "https://www.facebook.com/thcs.binhson/posts/789"
                        )
                    ),
                    incident: duplicate
                ),
            ],
            at: StoreFixture.minutes(20)
        )
        try await apply(
            [
                report(open, url: "https://www.tiktok.com/@other/video/7300000000000000011", subjects: [.student]),
                report(
                    recent,
                    url: "https://www.tiktok.com/@other/video/7300000000000000012",
                    subjects: [.teacher, .student]
                ),
                report(teachers, url: "https://www.tiktok.com/@other/video/7300000000000000013", subjects: [.teacher]),
            ],
            at: StoreFixture.minutes(30)
        )
        let resolve = { (incident: UUID) in
            StoreFixture.event(.resolved(IncidentResolved(note: "Đã xử lý xong, gỡ bài")), incident: incident)
        }
        try await apply([resolve(purged), resolve(teachers)], at: StoreFixture.minutes(60))
        try await apply([resolve(recent)], at: purgeAt.addingTimeInterval(-10 * 86_400))
    }

    /// Records a rejected input received at `receivedAt` whose body names a student, as a worker
    /// records a dead letter, and returns its row id.
    static func insertRejected(_ pool: PostgresPool, receivedAt: Date) async throws -> Int64 {
        let raw = Data(#"{"type": "incident.reported", "data": {"summary": "\#(summary)"}}"#.utf8)
        return try await pool.withConnection { connection in
            try #require(
                try await connection.query(
                    """
                    INSERT INTO rejected_events (topic, "partition", "offset", key, raw, stage, reason, problems,
                        received_at)
                    VALUES ('watchpost.events', 0, \(Int64.random(in: 0..<Int64.max / 2)), \(Data("hs-nguyen-van-a".utf8)),
                        \(raw), 'decode', 'schema_version is missing', '[]'::jsonb, \(receivedAt))
                    RETURNING id
                    """
                ).first
            ).decode(Int64.self, at: 0)
        }
    }

    private func report(_ incident: UUID, url: String? = nil, subjects: [SubjectRole]) -> Event {
        let url = url ?? postURL
        return Event(
            eventID: UUID(),
            incidentID: incident,
            occurredAt: StoreFixture.t0,
            source: StoreFixture.monitor,
            unitID: StoreFixture.school,
            payload: .reported(
                IncidentReported(
                    platform: .tiktok,
                    urls: [url],
                    category: .schoolViolence,
                    severity: .high,
                    subjects: subjects,
                    summary: Self.summary,
                    dedupKey: DedupKey.normalise(url: url)
                )
            )
        )
    }
}

/// Read-only views of the database that the retention tests compare before and after a purge.
enum RetentionQueries {
    /// The figures a report is built from: incidents by classification and status with their
    /// times, obligations by outcome and timeliness, events by type, outcome and sender, alerts
    /// by recipient, and the views of children's incidents.
    static let aggregates: [PostgresQuery] = [
        """
        SELECT concat_ws('|', category, severity, platform, status, unit_id, authority_id, subjects::text,
            count(*), min(reported_at), max(acknowledged_at), max(first_action_at), max(resolved_at),
            sum(escalation_level), sum(cardinality(acknowledged_by)))
        FROM incidents GROUP BY category, severity, platform, status, unit_id, authority_id, subjects ORDER BY 1
        """,
        """
        SELECT concat_ws('|', kind, status, owner_relation, owner_officer_id, met_by, level, count(*),
            count(*) FILTER (WHERE closed_at <= due_at), count(*) FILTER (WHERE closed_at > due_at))
        FROM obligations GROUP BY kind, status, owner_relation, owner_officer_id, met_by, level ORDER BY 1
        """,
        """
        SELECT concat_ws('|', event_id, incident_id, applied_incident_id, type, occurred_at, unit_id, source_kind,
            source_id, outcome, outcome_code, payload -> 'data' ->> 'category', payload -> 'data' ->> 'action')
        FROM events ORDER BY 1
        """,
        "SELECT concat_ws('|', incident_id, event_id, recipient, relation, template) FROM alerts ORDER BY 1",
        """
        SELECT concat_ws('|', incident_id, event_id, position, reported_by_id, platform, severity, category,
            subjects::text) FROM incident_evidence ORDER BY 1
        """,
    ]

    /// Everything stored about incident `id`, text included, as one line per row.
    static func everything(about id: UUID) -> PostgresQuery {
        """
        SELECT i::text FROM incidents i WHERE i.id = \(id)
        UNION ALL SELECT ev::text FROM incident_evidence ev WHERE ev.incident_id = \(id)
        UNION ALL SELECT e.payload::text FROM events e WHERE e.incident_id = \(id) OR e.applied_incident_id = \(id)
        ORDER BY 1
        """
    }

    static func lines(_ pool: PostgresPool, _ query: PostgresQuery) async throws -> [String] {
        try await pool.withConnection { connection in
            try await connection.query(query).map { try $0.decode(String?.self, at: 0) ?? "" }
        }
    }

    static func lines(_ pool: PostgresPool, _ queries: [PostgresQuery]) async throws -> [[String]] {
        var result: [[String]] = []
        for query in queries { result.append(try await lines(pool, query)) }
        return result
    }
}
