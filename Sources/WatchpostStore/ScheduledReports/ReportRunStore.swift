import Foundation
import Logging
import Postgres
import WatchpostCore

/// Stores periodic reports and queues their deliveries, once per authority, cadence and period,
/// however many workers produce at the same moment.
///
/// A worker first asks `exists` (cheap), reads the figures outside any lock, then calls
/// `insert`: under a transaction-scoped advisory lock on the authority it checks again, numbers
/// the document within the authority's year, and writes the run and one delivery per recipient
/// in one transaction. Two workers racing for one period serialise on the lock and the second
/// finds the run; the unique key on `report_runs` backs the lock up.
public struct ReportRunStore: Sendable {
    /// The high half of the advisory lock key (the ASCII of "wprp"); the low half is a hash of
    /// the authority id.
    static let lockClass: Int32 = 0x7770_7270

    private let pool: PostgresPool
    private let logger: Logger

    /// Creates a store on `pool`.
    public init(pool: PostgresPool, logger: Logger) {
        self.pool = pool
        self.logger = logger
    }

    /// Whether the report of `key` has been produced.
    public func exists(_ key: ReportRunKey) async throws -> Bool {
        try await StoreError.wrapping("looking up report \(key.cadence.rawValue) \(key.authorityID)") {
            try await pool.withConnection { connection in
                try await Self.find(key, on: connection) != nil
            }
        }
    }

    /// When each unit of `ids` entered the directory (its first `watchpost directory sync`, which
    /// the install runs); units never synced are absent. A report is never produced for a
    /// period that had ended before its authority was in Watchpost: there were no reports to
    /// count, and a report of zero would read as a quiet period.
    public func joinedAt(_ ids: [UnitID]) async throws -> [UnitID: Date] {
        try await StoreError.wrapping("reading when the reporting authorities joined") {
            try await pool.withConnection { connection in
                let rows = try await connection.query("SELECT id, created_at FROM units WHERE id = ANY(\(ids))")
                var joined: [UnitID: Date] = [:]
                for row in rows { joined[try row.decode(String.self, at: 0)] = try row.decode(Date.self, at: 1) }
                return joined
            }
        }
    }

    /// Produces the report of `key` unless it exists: numbers it (the next number of the
    /// authority's `year`), writes what `write(number)` returns, and queues a delivery to each
    /// recipient, due at `now`. Returns the new run's id and number, or nil when the report had
    /// already been produced.
    public func insert(
        _ key: ReportRunKey,
        year: Int,
        now: Date,
        producedBy: String,
        recipients: [Officer],
        write: @Sendable (_ number: Int) throws -> (numberText: String, content: ReportRunContent)
    ) async throws -> (id: UUID, number: String)? {
        let now = now.roundedToMicroseconds
        return try await StoreError.wrapping("producing report \(key.cadence.rawValue) \(key.authorityID)") {
            try await pool.withTransaction { connection in
                try await connection.query(
                    "SELECT pg_advisory_xact_lock(\(Self.lockClass), hashtext(\(key.authorityID)))"
                )
                if try await Self.find(key, on: connection) != nil { return nil }
                let next = try await connection.query(
                    """
                    SELECT coalesce(max(number), 0) + 1 FROM report_runs
                    WHERE authority_id = \(key.authorityID) AND year = \(year)
                    """
                )
                let number = try next.first?.decode(Int.self, at: 0) ?? 1
                let (numberText, content) = try write(number)
                let id = DerivedID.reportRun(cadence: key.cadence, authority: key.authorityID, from: key.from)
                try await connection.execute(
                    """
                    INSERT INTO report_runs (
                        id, cadence, authority_id, period_from, period_to, year, number, number_text,
                        produced_at, produced_by, subject_vi, subject_en, summary_vi, summary_en,
                        markdown, html, figures)
                    VALUES (
                        \(id), \(key.cadence.rawValue), \(key.authorityID), \(key.from.roundedToMicroseconds),
                        \(key.to.roundedToMicroseconds), \(year), \(number), \(numberText), \(now), \(producedBy),
                        \(content.subjectVi), \(content.subjectEn), \(content.summaryVi), \(content.summaryEn),
                        \(content.markdown), \(content.html), \(String(decoding: content.figures, as: UTF8.self))::jsonb)
                    """
                )
                if !recipients.isEmpty {
                    let channels = try SnapshotJSON.encodeEach(recipients.map(\.channels))
                    try await connection.execute(
                        """
                        INSERT INTO deliveries
                            (id, alert_id, report_run_id, recipient, locale, channels, next_attempt_at, created_at)
                        SELECT id, NULL, \(id), recipient, locale, channels::jsonb, \(now), \(now)
                        FROM unnest(
                            \(recipients.map { DerivedID.reportDelivery(run: id, officer: $0.id) })::uuid[],
                            \(recipients.map(\.id))::text[], \(recipients.map(\.locale.rawValue))::text[],
                            \(channels)::text[]
                        ) AS t(id, recipient, locale, channels)
                        """
                    )
                    try await connection.notify(StoreChannel.deliveries)
                }
                logger.info(
                    "report produced",
                    metadata: [
                        "cadence": "\(key.cadence.rawValue)", "authority": "\(key.authorityID)",
                        "number": "\(numberText)", "recipients": "\(recipients.count)",
                    ]
                )
                return (id, numberText)
            }
        }
    }

    private static func find(_ key: ReportRunKey, on connection: PostgresConnection) async throws -> UUID? {
        let rows = try await connection.query(
            """
            SELECT id FROM report_runs
            WHERE cadence = \(key.cadence.rawValue) AND authority_id = \(key.authorityID)
              AND period_from = \(key.from.roundedToMicroseconds)
            """
        )
        return try rows.first?.decode(UUID.self, at: 0)
    }

    /// The reports `ids`, for the dispatcher, by id.
    static func load(ids: [UUID], on connection: PostgresConnection) async throws -> [UUID: ClaimedReport] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await connection.query(
            """
            SELECT id, cadence, authority_id, period_from, period_to, number_text, subject_vi, subject_en,
                   summary_vi, summary_en, markdown, html, figures::text
            FROM report_runs WHERE id = ANY(\(ids))
            """
        )
        var reports: [UUID: ClaimedReport] = [:]
        for row in rows {
            let id = try row.decode(UUID.self, at: 0)
            let cadenceText = try row.decode(String.self, at: 1)
            guard let cadence = ReportCadence(rawValue: cadenceText) else {
                throw StoreError(code: .corruptRow, message: "report_runs \(id): unknown cadence \(cadenceText)")
            }
            reports[id] = ClaimedReport(
                id: id,
                cadence: cadence,
                authorityID: try row.decode(String.self, at: 2),
                from: try row.decode(Date.self, at: 3),
                to: try row.decode(Date.self, at: 4),
                number: try row.decode(String.self, at: 5),
                content: ReportRunContent(
                    subjectVi: try row.decode(String.self, at: 6),
                    subjectEn: try row.decode(String.self, at: 7),
                    summaryVi: try row.decode(String.self, at: 8),
                    summaryEn: try row.decode(String.self, at: 9),
                    markdown: try row.decode(String.self, at: 10),
                    html: try row.decode(String.self, at: 11),
                    figures: Data(try row.decode(String.self, at: 12).utf8)
                )
            )
        }
        return reports
    }
}
