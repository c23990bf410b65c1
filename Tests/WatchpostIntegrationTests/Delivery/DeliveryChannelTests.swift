import Foundation
import Synchronization
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPipeline
import WatchpostStore
import WatchpostTestSupport

@Suite(.timeLimit(.minutes(5)))
struct DeliveryChannelTests {
    @Test func routedIncidentReachesTheHeadByEmailInVietnamese() async throws {
        let sink = try await SMTPSink()
        let directory = try DeliveryFixture.directory { officer in
            [Channel(kind: .email, address: "\(officer.id)@example.invalid")]
        }
        var configuration = EmailConfiguration(
            url: "smtp://127.0.0.1:\(sink.port)",
            from: "Watchpost <watchpost@example.invalid>"
        )
        configuration.tls = .none
        let email = try EmailChannel(configuration: configuration)
        try await StoreTestDatabase.with(directory: directory) { pool in
            let dispatcher = try DeliveryFixture.dispatcher(pool: pool, directory: directory, channels: [.email: email])
            try await DeliveryFixture.running(dispatcher) {
                try await DeliveryFixture.route(
                    [DeliveryFixture.report(category: .schoolViolence, severity: .high)],
                    pool: pool,
                    directory: directory
                )
                try await deliveryWait("every delivery to be delivered") {
                    let rows = try await DeliveryFixture.deliveries(pool)
                    return !rows.isEmpty && rows.allSatisfy { $0.status == "delivered" }
                }
            }
            let deliveries = try await DeliveryFixture.deliveries(pool)
            #expect(sink.messages.count == deliveries.count)
            var toHead: SMTPSink.ParsedMail?
            for path in sink.messages {
                let mail = try await sink.parse(path)
                if mail.rcptTos == ["\(DeliveryFixture.head)@example.invalid"] { toHead = mail }
            }
            let mail = try #require(toHead)
            #expect(mail.subject == "[Watchpost] Bạo lực học đường — Trường THCS Bình Sơn — mức cao")
            #expect(mail.charset == "utf-8")
            #expect(mail.body.contains("Kính gửi: Đồng chí Châu Tấn Hiếu, Hiệu trưởng Trường THCS Bình Sơn."))
            #expect(
                mail.body.contains(
                    "Watchpost ghi nhận một sự việc mới trên mạng xã hội liên quan đến Trường THCS Bình Sơn."
                )
            )
            #expect(mail.body.contains("Xác nhận đã nhận thông tin: https://watchpost.example.invalid/ack?incident="))
            let head = try #require(deliveries.first { $0.recipient == DeliveryFixture.head })
            #expect(mail.messageID.contains(head.id.uuidString.lowercased()))
            let attempts = try await DeliveryFixture.attempts(pool, of: head.id)
            #expect(attempts.map(\.outcome) == ["delivered"])
            #expect(attempts.map(\.channelKind) == ["email"])
        }
    }

    @Test func hangingReceiverTimesOutAndIsRetriedWhileOthersAreDelivered() async throws {
        let hung = Mutex<Set<String>>([])
        let hanging = try TestHTTPServer { request, _ in
            // The first request of each delivery never gets an answer.
            hung.withLock { $0.insert(request.idempotencyKey).inserted } ? .silence : .status(200)
        }
        let healthy = try TestHTTPServer { _, _ in .status(200) }
        let directory = try DeliveryFixture.directory { officer in
            [Channel(kind: .webhook, address: officer.id == DeliveryFixture.head ? hanging.url : healthy.url)]
        }
        try await StoreTestDatabase.with(directory: directory) { pool in
            let dispatcher = try DeliveryFixture.dispatcher(
                pool: pool,
                directory: directory,
                // A timeout far longer than the healthy deliveries need, so that they finish first
                // however busy the machine is.
                channels: [.webhook: DeliveryFixture.webhook(timeout: .seconds(10))]
            )
            try await DeliveryFixture.running(dispatcher) {
                // Two incidents: several healthy deliveries besides the hanging one.
                try await DeliveryFixture.route(
                    [DeliveryFixture.report(), DeliveryFixture.report()],
                    pool: pool,
                    directory: directory
                )
                try await deliveryWait("every delivery to be delivered") {
                    let rows = try await DeliveryFixture.deliveries(pool)
                    return !rows.isEmpty && rows.allSatisfy { $0.status == "delivered" }
                }
            }
            let deliveries = try await DeliveryFixture.deliveries(pool)
            let toHead = deliveries.filter { $0.recipient == DeliveryFixture.head }
            let others = deliveries.filter { $0.recipient != DeliveryFixture.head }
            #expect(toHead.count == 2)
            #expect(!others.isEmpty)
            var firstTimeout = Date.distantFuture
            for delivery in toHead {
                let attempts = try await DeliveryFixture.attempts(pool, of: delivery.id)
                #expect(attempts.map(\.outcome) == ["retry", "delivered"])
                #expect(attempts.first?.error?.contains("timeout") == true)
                if let first = attempts.first { firstTimeout = min(firstTimeout, first.finishedAt) }
            }
            // Every healthy delivery went through while the hanging sends were still waiting.
            for delivery in others {
                let attempts = try await DeliveryFixture.attempts(pool, of: delivery.id)
                #expect(attempts.map(\.outcome) == ["delivered"])
                #expect(try #require(attempts.first).finishedAt < firstTimeout)
            }
            #expect(healthy.requests.count == others.count)
        }
    }
}
