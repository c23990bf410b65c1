import Foundation
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPipeline
import WatchpostStore
import WatchpostTestSupport

/// A claim is a lease: a delivery must never outlive it waiting for its channel's concurrency
/// slot, or another claim sends it a second time.
@Suite(.timeLimit(.minutes(5)))
struct DeliveryLeaseTests {
    @Test func backlogOnAOneSlotChannelIsSentOncePerDelivery() async throws {
        let receiver = try TestHTTPServer { _, _ in
            // A slow receiver: a backlog of more than eight claimed deliveries queued behind the
            // single slot would outlive the eight-second lease, while one send fits in it with
            // seven seconds to spare, even on a loaded machine (two deliveries per report: twelve).
            Thread.sleep(forTimeInterval: 1)
            return .status(200)
        }
        defer { receiver.stop() }
        let directory = try DeliveryFixture.directory { _ in [Channel(kind: .webhook, address: receiver.url)] }
        var oneWebhookAtATime = ChannelConcurrency()
        oneWebhookAtATime.limits[.webhook] = 1
        try await StoreTestDatabase.with(directory: directory) { pool in
            let dispatcher = try DeliveryFixture.dispatcher(
                pool: pool,
                directory: directory,
                channels: [.webhook: DeliveryFixture.webhook()],
                lease: .seconds(8),
                concurrency: oneWebhookAtATime
            )
            try await DeliveryFixture.running(dispatcher) {
                try await DeliveryFixture.route(
                    (0..<6).map { _ in DeliveryFixture.report() },
                    pool: pool,
                    directory: directory
                )
                try await deliveryWait("every delivery to be delivered") {
                    let rows = try await DeliveryFixture.deliveries(pool)
                    return !rows.isEmpty && rows.allSatisfy { $0.status == "delivered" }
                }
            }
            let deliveries = try await DeliveryFixture.deliveries(pool)
            #expect(deliveries.count >= 12, "a backlog longer than one lease at the receiver's pace")
            let keys = receiver.requests.map(\.idempotencyKey)
            let repeated = Dictionary(grouping: keys, by: { $0 }).filter { $0.value.count > 1 }.keys
            #expect(repeated.isEmpty, "idempotency keys received more than once: \(repeated.sorted())")
            #expect(Set(keys) == Set(deliveries.map { $0.id.uuidString.lowercased() }))
            #expect(keys.count == deliveries.count)
            for delivery in deliveries {
                #expect(delivery.attempts == 1, "delivery \(delivery.id) was claimed \(delivery.attempts) times")
                let attempts = try await DeliveryFixture.attempts(pool, of: delivery.id)
                #expect(attempts.map(\.attempt) == [1] && attempts.map(\.outcome) == ["delivered"])
            }
        }
    }
}
