import Foundation
import Synchronization
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPipeline
import WatchpostStore
import WatchpostTestSupport

@Suite(.timeLimit(.minutes(5)))
struct DeliveryRetryTests {
    @Test func failingReceiverIsRetriedUntilItAcceptsEachDeliveryOnce() async throws {
        // Answers 500 to the first three requests of each idempotency key, then 200.
        let seen = Mutex<[String: Int]>([:])
        let receiver = try TestHTTPServer { request, _ in
            let count = seen.withLock { counts in
                counts[request.idempotencyKey, default: 0] += 1
                return counts[request.idempotencyKey]!
            }
            return count <= 3 ? .status(500, body: "try later") : .status(200)
        }
        let directory = try DeliveryFixture.directory { _ in [Channel(kind: .webhook, address: receiver.url)] }
        try await StoreTestDatabase.with(directory: directory) { pool in
            let dispatcher = try DeliveryFixture.dispatcher(
                pool: pool,
                directory: directory,
                channels: [.webhook: DeliveryFixture.webhook()]
            )
            try await DeliveryFixture.running(dispatcher) {
                try await DeliveryFixture.route([DeliveryFixture.report()], pool: pool, directory: directory)
                try await deliveryWait("every delivery to be delivered") {
                    let rows = try await DeliveryFixture.deliveries(pool)
                    return !rows.isEmpty && rows.allSatisfy { $0.status == "delivered" }
                }
            }
            let deliveries = try await DeliveryFixture.deliveries(pool)
            let requests = receiver.requests
            #expect(requests.allSatisfy { $0.isSigned() })
            #expect(requests.count == deliveries.count * 4)
            for delivery in deliveries {
                let key = delivery.id.uuidString.lowercased()
                #expect(requests.filter { $0.idempotencyKey == key }.count == 4)
                #expect(delivery.attempts == 4)
                let attempts = try await DeliveryFixture.attempts(pool, of: delivery.id)
                #expect(attempts.map(\.outcome) == ["retry", "retry", "retry", "delivered"])
                #expect(attempts.map(\.attempt) == [1, 2, 3, 4])
                #expect(attempts.allSatisfy { $0.channelKind == "webhook" && $0.channelIndex == 0 })
                #expect(attempts.prefix(3).allSatisfy { $0.error?.contains("500") == true })
            }
            // Exactly one acceptance per key: the 4th request, and nothing after it.
            let accepted = seen.withLock { $0 }
            #expect(accepted.count == deliveries.count)
            #expect(accepted.values.allSatisfy { $0 == 4 })
        }
    }

    @Test func firstChannelAlwaysFailingFailsOverToTheSecond() async throws {
        let broken = try TestHTTPServer { _, _ in .status(503) }
        let healthy = try TestHTTPServer { _, _ in .status(200) }
        let directory = try DeliveryFixture.directory { officer in
            officer.id == DeliveryFixture.head
                ? [Channel(kind: .webhook, address: broken.url), Channel(kind: .webhook, address: healthy.url)]
                : [Channel(kind: .webhook, address: healthy.url)]
        }
        try await StoreTestDatabase.with(directory: directory) { pool in
            let dispatcher = try DeliveryFixture.dispatcher(
                pool: pool,
                directory: directory,
                channels: [.webhook: DeliveryFixture.webhook()],
                retry: RetryPolicy(base: .milliseconds(20), cap: .milliseconds(100), failoverAfter: 3)
            )
            try await DeliveryFixture.running(dispatcher) {
                try await DeliveryFixture.route([DeliveryFixture.report()], pool: pool, directory: directory)
                try await deliveryWait("every delivery to be delivered") {
                    let rows = try await DeliveryFixture.deliveries(pool)
                    return !rows.isEmpty && rows.allSatisfy { $0.status == "delivered" }
                }
            }
            let toHead = try #require(
                try await DeliveryFixture.deliveries(pool).first { $0.recipient == DeliveryFixture.head }
            )
            #expect(toHead.channelIndex == 1)
            let attempts = try await DeliveryFixture.attempts(pool, of: toHead.id)
            #expect(attempts.map(\.outcome) == ["retry", "retry", "retry", "delivered"])
            #expect(attempts.map(\.channelIndex) == [0, 0, 0, 1])
            let key = toHead.id.uuidString.lowercased()
            #expect(broken.requests.filter { $0.idempotencyKey == key }.count == 3)
            #expect(healthy.requests.filter { $0.idempotencyKey == key }.count == 1)
        }
    }
}
