import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPipeline
import WatchpostStore
import WatchpostTestSupport

@Suite(.timeLimit(.minutes(5)))
struct DeliveryCancellationTests {
    @Test func acknowledgementCancelsQueuedRemindersAndNoneIsSentAfterIt() async throws {
        // Reminders are refused with "come back in an hour", so they sit queued in the dispatcher
        // and no retry can be in flight when the acknowledgement comes, however slow the machine.
        let receiver = try TestHTTPServer { request, _ in
            request.template == AlertTemplate.obligationReminder.rawValue
                ? .status(503, headers: ["Retry-After": "3600"]) : .status(200)
        }
        let directory = try DeliveryFixture.directory { _ in [Channel(kind: .webhook, address: receiver.url)] }
        try await StoreTestDatabase.with(directory: directory) { pool in
            let dispatcher = try DeliveryFixture.dispatcher(
                pool: pool,
                directory: directory,
                channels: [.webhook: DeliveryFixture.webhook()],
                retry: RetryPolicy(base: .milliseconds(20), cap: .seconds(3600))
            )
            let incident = UUID()
            try await DeliveryFixture.running(dispatcher) {
                try await DeliveryFixture.route(
                    [DeliveryFixture.report(incident: incident)],
                    pool: pool,
                    directory: directory
                )
                try await deliveryWait("the first alerts to be delivered") {
                    let rows = try await DeliveryFixture.deliveries(pool)
                    return !rows.isEmpty && rows.allSatisfy { $0.status == "delivered" }
                }
                // The enforcer writes the head's acknowledgement reminder, due now.
                let reminderAt = try await pool.withConnection { connection in
                    try #require(
                        try await connection.query(
                            """
                            SELECT next_reminder_at FROM obligations
                            WHERE incident_id = \(incident) AND kind = 'acknowledge' AND owner_officer_id = \(DeliveryFixture.head)
                            """
                        ).first
                    ).decode(Date.self, at: 0)
                }
                let deadlines = DeadlineStore(
                    pool: pool,
                    directory: directory,
                    policy: try StoreFixture.policy(),
                    logger: DeliveryFixture.logger
                )
                #expect(try await deadlines.sendDueReminders(now: reminderAt, limit: 100) >= 1)
                try await pool.withConnection { connection in
                    // Time passes: the reminders become due.
                    try await connection.execute(
                        "UPDATE deliveries SET next_attempt_at = now() WHERE status = 'pending'"
                    )
                    try await connection.notify(StoreChannel.deliveries)
                }
                let reminders = try await DeliveryFixture.deliveries(pool).filter {
                    $0.template == AlertTemplate.obligationReminder.rawValue && $0.obligationKind == "acknowledge"
                }
                #expect(!reminders.isEmpty)
                try await deliveryWait("the reminders to be refused once and queued") {
                    for reminder in reminders {
                        let attempts = try await DeliveryFixture.attempts(pool, of: reminder.id)
                        guard attempts.map(\.outcome) == ["retry"] else { return false }
                    }
                    return true
                }

                try await DeliveryFixture.route(
                    [
                        StoreFixture.event(
                            .acknowledged(IncidentAcknowledged(note: "Đã nhận")),
                            incident: incident,
                            at: Date()
                        )
                    ],
                    pool: pool,
                    directory: directory
                )
                let acknowledgedAt = Date()
                // At once: the acknowledgement's own transaction cancelled them.
                let after = try await DeliveryFixture.deliveries(pool)
                for reminder in reminders {
                    #expect(after.first { $0.id == reminder.id }?.status == "cancelled")
                }
                // And nothing reaches the receiver for them once their retry time has come, even
                // after a later delivery: time passes (their retry falls due now), then a sentinel
                // alert routed to become due just after. The dispatcher claims in due order, so once
                // the sentinel is delivered, any reminder still queued would have been sent first.
                _ = try await pool.withConnection { connection in
                    try await connection.execute(
                        "UPDATE deliveries SET next_attempt_at = now() WHERE id = ANY(\(reminders.map(\.id)))"
                    )
                }
                let retryAt = Date()
                let sentinel = UUID()
                try await DeliveryFixture.route(
                    [DeliveryFixture.report(incident: sentinel)],
                    pool: pool,
                    directory: directory,
                    now: retryAt.addingTimeInterval(0.01)
                )
                try await deliveryWait("the sentinel alerts to be delivered") {
                    try await pool.withConnection { connection in
                        try await connection.query(
                            """
                            SELECT bool_and(d.status = 'delivered') FROM deliveries d JOIN alerts a ON a.id = d.alert_id
                            WHERE a.incident_id = \(sentinel)
                            """
                        ).first?.decode(Bool?.self, at: 0) ?? false
                    }
                }
                let keys = Set(reminders.map { $0.id.uuidString.lowercased() })
                #expect(
                    receiver.requests.filter { keys.contains($0.idempotencyKey) && $0.receivedAt > acknowledgedAt }
                        .isEmpty
                )
                for reminder in reminders {
                    #expect(try await DeliveryFixture.attempts(pool, of: reminder.id).count == 1)
                }
            }
        }
    }

    @Test func resolutionCancelsOnlyItsOwnIncidentsPendingDeliveriesAndKeepsTheResolutionNotices() async throws {
        // No dispatcher runs, so every delivery stays pending until the resolution is routed.
        let directory = try DeliveryFixture.directory { _ in
            [Channel(kind: .webhook, address: "http://127.0.0.1:9/alerts")]
        }
        try await StoreTestDatabase.with(directory: directory) { pool in
            let resolved = UUID()
            let other = UUID()
            try await DeliveryFixture.route(
                [DeliveryFixture.report(incident: resolved), DeliveryFixture.report(incident: other)],
                pool: pool,
                directory: directory
            )
            let before = try await Self.deliveriesByIncident(pool)
            #expect(Set(before.map(\.incident)) == [resolved, other])
            #expect(before.allSatisfy { $0.status == "pending" })

            try await DeliveryFixture.route(
                [
                    StoreFixture.event(
                        .resolved(IncidentResolved(note: "Đã gỡ bài và đăng cải chính")),
                        incident: resolved,
                        at: Date()
                    )
                ],
                pool: pool,
                directory: directory
            )
            let after = try await Self.deliveriesByIncident(pool)
            let notices = after.filter { $0.template == AlertTemplate.incidentResolved.rawValue }
            #expect(!notices.isEmpty && notices.allSatisfy { $0.incident == resolved && $0.status == "pending" })
            for row in after where row.template != AlertTemplate.incidentResolved.rawValue {
                #expect(row.status == (row.incident == resolved ? "cancelled" : "pending"), "\(row)")
            }
            #expect(after.count == before.count + notices.count)
        }
    }

    /// Every delivery with its alert's incident and template.
    static func deliveriesByIncident(_ pool: PostgresPool) async throws
        -> [(incident: UUID, template: String, status: String)]
    {
        try await pool.withConnection { connection in
            try await connection.query(
                "SELECT a.incident_id, a.template, d.status FROM deliveries d JOIN alerts a ON a.id = d.alert_id"
            ).map { row in
                (
                    try row.decode(UUID.self, at: 0), try row.decode(String.self, at: 1),
                    try row.decode(String.self, at: 2)
                )
            }
        }
    }
}
