import Foundation
import Logging
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// Thrown when the store's integration tests have no server, so they fail instead of passing.
struct StoreMissingDatabase: Error, CustomStringConvertible {
    var description: String {
        "WATCHPOST_TEST_DATABASE_URL is not set. Point it at a PostgreSQL 15 server, e.g. "
            + "postgresql://postgres@127.0.0.1:55432/postgres, or run scripts/test."
    }
}

/// A database created for one test (`wp_store_<random>`), migrated and synced with the shipped
/// directory, and dropped afterwards, so tests run in parallel.
enum StoreTestDatabase {
    static let logger = Logger(label: "watchpost.store.test")

    /// The server from `WATCHPOST_TEST_DATABASE_URL`, or a `StoreMissingDatabase` error.
    static func serverConfiguration() throws -> PostgresConfiguration {
        guard let url = ProcessInfo.processInfo.environment["WATCHPOST_TEST_DATABASE_URL"], !url.isEmpty else {
            throw StoreMissingDatabase()
        }
        return try PostgresConfiguration(url: url)
    }

    /// Runs `body` with a pool on a fresh database. With `prepare`, the schema is migrated and
    /// `directory` (default: the shipped one) synced at `StoreFixture.t0` first.
    static func with<Value>(
        prepare: Bool = true,
        directory: Directory? = nil,
        maxConnections: Int = 8,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresPool) async throws -> Value
    ) async throws -> Value {
        let server = try serverConfiguration()
        let name = "wp_store_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try await PostgresConnection.connect(configuration: server)
        try await admin.executeScript("CREATE DATABASE \(name)")
        var configuration = server
        configuration.database = name
        configuration.applicationName = name
        let pool = PostgresPool(configuration: configuration, maxConnections: maxConnections)
        do {
            if prepare {
                try await Migrator.migrate(pool, logger: logger)
                try await DirectorySync.sync(
                    try directory ?? StoreFixture.directory(),
                    pool: pool,
                    now: StoreFixture.t0
                )
            }
            let value = try await body(pool)
            await pool.close()
            try await admin.executeScript("DROP DATABASE \(name) WITH (FORCE)")
            await admin.close()
            return value
        } catch {
            await pool.close()
            try? await admin.executeScript("DROP DATABASE \(name) WITH (FORCE)")
            await admin.close()
            throw error
        }
    }

    /// One integer from `sql` (e.g. a count).
    static func scalar(_ pool: PostgresPool, _ sql: PostgresQuery) async throws -> Int {
        try await pool.withConnection { connection in
            let rows = try await connection.query(sql)
            return try #require(rows.first).decode(Int.self, at: 0)
        }
    }
}

/// The shipped configuration and builders for events and batches.
enum StoreFixture {
    /// 29 Nov 2026, 14:30 in Asia/Ho_Chi_Minh (07:30 UTC).
    static let t0 = Date(timeIntervalSince1970: 1_795_937_400)
    static let school: UnitID = "thcs-binh-son"
    static let monitor = EventSource(kind: .officer, id: "gs-thcs-binh-son")
    static let head = EventSource(kind: .officer, id: "ht-thcs-binh-son")
    static let topic = "watchpost.events"

    static var repoRoot: URL { PipelinePaths.root }

    /// The tests' `directory.yaml` (`PipelinePaths.config`).
    static func directory() throws -> Directory {
        try Directory.load(contentsOf: PipelinePaths.config.appendingPathComponent("directory.yaml"))
    }

    /// The tests' `routing.yaml`: the shipped one on the calendar clock (`PipelinePaths.config`).
    static func policy() throws -> Policy {
        try Policy.load(contentsOf: PipelinePaths.config.appendingPathComponent("routing.yaml"))
    }

    static func minutes(_ m: Double) -> Date { t0.addingTimeInterval(m * 60) }

    /// An `incident.reported` event; `url` is also the dedup key.
    static func report(
        incident: UUID = UUID(),
        event: UUID = UUID(),
        category: IncidentCategory = .other,
        severity: Severity = .medium,
        url: String = "https://www.facebook.com/share/p/\(UUID().uuidString.lowercased())",
        unit: UnitID = school,
        by source: EventSource = monitor,
        at date: Date = t0
    ) -> Event {
        Event(
            eventID: event,
            incidentID: incident,
            occurredAt: date,
            source: source,
            unitID: unit,
            payload: .reported(
                IncidentReported(
                    platform: .facebook,
                    urls: [url],
                    category: category,
                    severity: severity,
                    subjects: [.student],
                    summary: "Bài đăng cần xử lý",
                    dedupKey: DedupKey.normalise(url: url)
                )
            )
        )
    }

    /// Any other event on `incident`.
    static func event(
        _ payload: EventPayload,
        incident: UUID,
        by source: EventSource = head,
        id: UUID = UUID(),
        unit: UnitID = school,
        at date: Date = t0
    ) -> Event {
        Event(eventID: id, incidentID: incident, occurredAt: date, source: source, unitID: unit, payload: payload)
    }

    /// `events` as consumed from partition `partition`, at consecutive offsets from `offset`,
    /// with their canonical bytes as the raw message.
    static func inbound(
        _ events: [Event],
        partition: Int32 = 0,
        from offset: Int64 = 0,
        replayOf: Int64? = nil
    ) -> [InboundEvent] {
        events.enumerated().map { index, event in
            InboundEvent(
                event: event,
                topic: topic,
                partition: partition,
                offset: offset + Int64(index),
                raw: EventEncoder().encode(event),
                replayOf: replayOf
            )
        }
    }

    /// A store on `pool` with the shipped configuration.
    static func eventStore(_ pool: PostgresPool) throws -> EventStore {
        EventStore(pool: pool, directory: try directory(), policy: try policy(), logger: StoreTestDatabase.logger)
    }

    /// A deadline store on `pool` with the shipped configuration.
    static func deadlineStore(_ pool: PostgresPool) throws -> DeadlineStore {
        DeadlineStore(pool: pool, directory: try directory(), policy: try policy(), logger: StoreTestDatabase.logger)
    }
}

extension EventStore {
    /// Applies `events` the way a worker does: again while the store says retrying may help.
    func applyRetrying(
        _ events: [InboundEvent],
        rejected: [RejectedInput] = [],
        now: Date,
        attempts: Int = 10
    ) async throws -> (summary: BatchSummary, retries: Int) {
        var retries = 0
        while true {
            do {
                return (try await applyBatch(events, rejected: rejected, now: now), retries)
            } catch let error as StoreError where error.isRetriable && retries + 1 < attempts {
                retries += 1
            }
        }
    }
}

/// Collects values from concurrent tasks.
actor StoreCollector<Value: Sendable> {
    private(set) var values: [Value] = []

    func append(contentsOf more: [Value]) { values += more }
}
