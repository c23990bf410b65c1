import Foundation
import Logging
import Postgres
import Testing
import WatchpostCore
import WatchpostPresentation
import WatchpostNotify
import WatchpostPipeline
import WatchpostStore
import WatchpostTestSupport

/// Waits until `condition` holds, checking every 20 ms; fails the test after `timeout`, which is
/// generous on purpose: the suite runs beside worker processes on shared 2-core machines.
func deliveryWait(
    timeout: Duration = .seconds(150),
    _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("timed out waiting for \(what)", sourceLocation: sourceLocation)
    throw CancellationError()
}

/// One delivery row as the tests read it.
struct DeliveryRowSnapshot: Sendable, Hashable {
    var id: UUID
    var recipient: String
    var template: String
    var obligationKind: String?
    var status: String
    var attempts: Int
    var channelIndex: Int
    var lastError: String?
}

/// One `delivery_attempts` row.
struct DeliveryAttemptSnapshot: Sendable, Hashable {
    var attempt: Int
    var channelIndex: Int
    var channelKind: String
    var outcome: String
    var error: String?
    var startedAt: Date
    var finishedAt: Date
}

/// Builds the dispatcher on a test database, routes events through the real store, and reads
/// deliveries back.
enum DeliveryFixture {
    static let webhookSecret = "delivery-test-webhook-secret"
    static let linkSecret = "delivery-test-link-secret-of-at-least-32-bytes"
    static let logger = Logger(label: "watchpost.delivery.test")
    static let head: OfficerID = "ht-thcs-binh-son"

    /// The shipped directory with every officer's channels replaced by `channels(officer)`.
    static func directory(_ channels: (Officer) -> [Channel]) throws -> Directory {
        let shipped = try StoreFixture.directory()
        return Directory(
            units: shipped.units,
            officers: shipped.officers.map { officer in
                var officer = officer
                officer.channels = channels(officer)
                return officer
            }
        )
    }

    /// A webhook channel signed with `webhookSecret`, timing out after `timeout`.
    static func webhook(timeout: Duration = .seconds(10)) -> WebhookChannel {
        var configuration = WebhookConfiguration(secret: webhookSecret)
        configuration.timeout = timeout
        configuration.connectTimeout = timeout
        return WebhookChannel(configuration: configuration)
    }

    /// A dispatcher on `pool` with fast retries (base 20 ms, cap 200 ms) unless `retry` says
    /// otherwise, and the default per-kind concurrency unless `concurrency` says otherwise.
    static func dispatcher(
        pool: PostgresPool,
        directory: Directory,
        channels: [ChannelKind: any DeliveryChannel],
        retry: RetryPolicy = RetryPolicy(base: .milliseconds(20), cap: .milliseconds(200)),
        lease: Duration = .seconds(30),
        concurrency: ChannelConcurrency = ChannelConcurrency()
    ) throws -> DispatcherService {
        var settings = DispatcherSettings(database: pool.configuration)
        settings.retry = retry
        settings.lease = lease
        settings.concurrency = concurrency
        settings.maxSleep = .seconds(5)
        return DispatcherService(
            store: DeliveryStore(pool: pool, logger: logger),
            directory: directory,
            channels: channels,
            renderer: AlertRenderer(
                signer: try AcknowledgeLinkSigner(baseURL: "https://watchpost.example.invalid", secret: linkSecret)
            ),
            settings: settings,
            logger: logger
        )
    }

    /// Runs `service` while `body` runs, then cancels it.
    static func running<Value: Sendable>(
        _ service: DispatcherService,
        _ body: () async throws -> Value
    ) async throws -> Value {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            do {
                let value = try await body()
                group.cancelAll()
                return value
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// Routes `events` through `EventStore.applyBatch` at the real current time, the way a
    /// worker does.
    @discardableResult
    static func route(
        _ events: [Event],
        pool: PostgresPool,
        directory: Directory,
        now: Date = Date()
    ) async throws -> BatchSummary {
        let store = EventStore(pool: pool, directory: directory, policy: try StoreFixture.policy(), logger: logger)
        return try await store.applyRetrying(
            StoreFixture.inbound(events, from: Int64.random(in: 0..<1_000_000)),
            now: now
        )
        .summary
    }

    /// A report at the fixture school, occurring now.
    static func report(
        incident: UUID = UUID(),
        category: IncidentCategory = .other,
        severity: Severity = .medium
    ) -> Event {
        StoreFixture.report(
            incident: incident,
            category: category,
            severity: severity,
            at: Date().addingTimeInterval(-1)
        )
    }

    /// Every delivery with its alert's template and obligation kind.
    static func deliveries(_ pool: PostgresPool) async throws -> [DeliveryRowSnapshot] {
        try await pool.withConnection { connection in
            try await connection.query(
                """
                SELECT d.id, d.recipient, a.template, o.kind, d.status, d.attempts, d.channel_index, d.last_error
                FROM deliveries d JOIN alerts a ON a.id = d.alert_id
                LEFT JOIN obligations o ON o.id = a.obligation_id
                ORDER BY a.created_at, d.id
                """
            ).map { row in
                DeliveryRowSnapshot(
                    id: try row.decode(UUID.self, at: 0),
                    recipient: try row.decode(String.self, at: 1),
                    template: try row.decode(String.self, at: 2),
                    obligationKind: try row.decode(String?.self, at: 3),
                    status: try row.decode(String.self, at: 4),
                    attempts: try row.decode(Int.self, at: 5),
                    channelIndex: try row.decode(Int.self, at: 6),
                    lastError: try row.decode(String?.self, at: 7)
                )
            }
        }
    }

    /// The recorded attempts of `delivery`, in order.
    static func attempts(_ pool: PostgresPool, of delivery: UUID) async throws -> [DeliveryAttemptSnapshot] {
        try await pool.withConnection { connection in
            try await connection.query(
                """
                SELECT attempt, channel_index, channel_kind, outcome, error, started_at, finished_at
                FROM delivery_attempts WHERE delivery_id = \(delivery) ORDER BY attempt
                """
            ).map { row in
                DeliveryAttemptSnapshot(
                    attempt: try row.decode(Int.self, at: 0),
                    channelIndex: try row.decode(Int.self, at: 1),
                    channelKind: try row.decode(String.self, at: 2),
                    outcome: try row.decode(String.self, at: 3),
                    error: try row.decode(String?.self, at: 4),
                    startedAt: try row.decode(Date.self, at: 5),
                    finishedAt: try row.decode(Date.self, at: 6)
                )
            }
        }
    }
}

extension TestHTTPServer.Request {
    /// The `Idempotency-Key` header.
    var idempotencyKey: String { headers["idempotency-key"] ?? "" }

    /// Whether the Watchpost signature headers verify against the body with `secret`.
    func isSigned(with secret: String = DeliveryFixture.webhookSecret) -> Bool {
        do {
            try WebhookSignature.verify(
                signature: headers[WebhookSignature.signatureHeader.lowercased()],
                timestamp: headers[WebhookSignature.timestampHeader.lowercased()],
                body: body,
                secret: secret
            )
            return true
        } catch {
            return false
        }
    }

    /// The alert template named in the JSON payload.
    var template: String? {
        (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["template"] as? String
    }
}
