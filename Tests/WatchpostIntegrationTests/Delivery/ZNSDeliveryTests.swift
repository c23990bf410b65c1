import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPipeline
import WatchpostStore
import WatchpostTestSupport

/// The ZNS channel with its tokens in PostgreSQL, against `FakeZalo`: the burst refresh across
/// workers, refusals that fail over, and a delivery receipt after a retry.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct ZNSDeliveryTests {
    static let book = ZNSTemplateBook(
        templates: Dictionary(
            uniqueKeysWithValues: AlertTemplate.allCases.map { template in
                (
                    template.rawValue,
                    ZNSTemplateBook.Template(
                        templateID: template == .incidentNew ? "100001" : "100009",
                        parameters: [
                            .init(name: "truong", field: .school, maxLength: 100),
                            .init(name: "loai", field: .category, maxLength: 30),
                            .init(name: "lien_ket", field: .acknowledgeURL, maxLength: 200),
                        ],
                        textLength: 100
                    )
                )
            }
        )
    )

    static func channel(_ zalo: FakeZalo, pool: PostgresPool) -> ZNSChannel {
        var configuration = ZNSConfiguration(
            appID: zalo.appID,
            secretKey: zalo.secretKey,
            refreshToken: "first-refresh",
            templates: book
        )
        configuration.apiURL = zalo.baseURL
        configuration.oauthURL = zalo.baseURL
        return ZNSChannel(configuration: configuration, store: DatabaseZaloTokenStore(rows: ZaloTokenRows(pool: pool)))
    }

    static func message(_ key: String) -> OutboundMessage {
        OutboundMessage(
            subject: "s",
            body: "b",
            idempotencyKey: key,
            locale: "vi",
            template: "incident.new",
            fields: [.school: "Trường THCS Bình Sơn", .category: "Bạo lực học đường", .acknowledgeURL: "https://x/ack"]
        )
    }

    /// The head's phone; everyone else's is `otherPhone`.
    static let headPhone = "0912000001"
    static let otherPhone = "0912000002"

    @Test func aBurstAcrossThreeWorkersMakesOneRefreshCall() async throws {
        let zalo = try FakeZalo(refreshToken: "first-refresh")
        defer { zalo.stop() }
        try await StoreTestDatabase.with { pool in
            // Three workers: each its own pool and channel, sharing the database.
            let pools = (0..<3).map { _ in
                PostgresPool(configuration: pool.configuration, maxConnections: 2, logger: DeliveryFixture.logger)
            }
            let channels = pools.map { Self.channel(zalo, pool: $0) }
            func burst(_ round: Int) async throws {
                try await withThrowingTaskGroup(of: DeliveryReceipt.self) { group in
                    for index in 0..<30 {
                        let channel = channels[index % 3]
                        group.addTask { try await channel.send(Self.message("r\(round)-\(index)"), to: "84912345678") }
                    }
                    for try await receipt in group { #expect(receipt.serverMessageID != nil) }
                }
            }
            try await burst(1)
            #expect(zalo.refreshCalls == 1)
            // Zalo expires the token early: every worker is refused, and still one refresh.
            zalo.expireAccessTokens()
            try await burst(2)
            #expect(zalo.refreshCalls == 2)
            #expect(zalo.refusedRefreshes == 0)
            let stored = try await ZaloTokenRows(pool: pool).current(appID: zalo.appID)
            #expect(stored?.accessToken == "access-2" && stored?.refreshToken == "refresh-2")
            for pool in pools { await pool.close() }
        }
    }

    @Test func aDisabledTemplateFailsOverToTheNextChannel() async throws {
        let zalo = try FakeZalo(refreshToken: "first-refresh")
        defer { zalo.stop() }
        zalo.disableTemplate("100001")
        try await deliver(zalo) { pool, deliveries in
            let first = try #require(deliveries.first { $0.template == "incident.new" })
            let attempts = try await DeliveryFixture.attempts(pool, of: first.id)
            #expect(attempts.map(\.channelKind) == ["zalo", "webhook"])
            #expect(attempts.map(\.outcome) == ["retry", "delivered"])
            #expect(attempts[0].error?.contains("rejected") == true)
        }
        #expect(zalo.sends.allSatisfy { $0.templateID == "100001" })
    }

    @Test func aRefusedPhoneNumberFailsOverAndIsNotTriedAgain() async throws {
        let zalo = try FakeZalo(refreshToken: "first-refresh")
        defer { zalo.stop() }
        zalo.refusePhone("84" + Self.headPhone.dropFirst())
        try await deliver(zalo) { pool, deliveries in
            for delivery in deliveries {
                let attempts = try await DeliveryFixture.attempts(pool, of: delivery.id)
                if delivery.recipient == DeliveryFixture.head {
                    #expect(attempts.map(\.channelKind) == ["zalo", "webhook"])
                    #expect(attempts[0].error?.contains("invalidAddress") == true)
                } else {
                    #expect(attempts.map(\.channelKind) == ["zalo"])
                }
            }
        }
    }

    @Test func aReceiptAfterARetryIsRecordedOnTheAttemptThatSucceeded() async throws {
        let zalo = try FakeZalo(refreshToken: "first-refresh")
        defer { zalo.stop() }
        zalo.failNextSends(1)
        try await deliver(zalo) { pool, deliveries in
            let retried = try #require(zalo.sends.first { $0.messageID == nil }?.trackingID)
            let delivery = try #require(deliveries.first { $0.id.uuidString.lowercased() == retried })
            let accepted = try #require(zalo.sends.first { $0.trackingID == retried && $0.messageID != nil })
            let store = DeliveryReceiptStore(pool: pool)
            let at = Date(timeIntervalSince1970: 1_733_400_000)
            func receipt(_ messageID: String, at: Date) -> ProviderReceipt {
                ProviderReceipt(
                    channel: .zalo,
                    messageID: messageID,
                    status: "user_received_message",
                    outcome: .delivered,
                    reportedAt: at
                )
            }
            let first = try await store.record(receipt(accepted.messageID!, at: at), receivedAt: at)
            #expect(first.deliveryID == delivery.id && first.attempt == 2 && !first.repeated)
            // A repeat keeps the first time.
            let again = try await store.record(receipt(accepted.messageID!, at: at + 60), receivedAt: at + 60)
            #expect(again.repeated && again.holds == .delivered)
            let rows = try await pool.withConnection { connection in
                try await connection.query(
                    """
                    SELECT attempt, outcome, provider_message_id, receipt_at FROM delivery_attempts
                    WHERE delivery_id = \(delivery.id) ORDER BY attempt
                    """
                ).map {
                    (
                        try $0.decode(Int.self, at: 0), try $0.decode(String.self, at: 1),
                        try $0.decode(String?.self, at: 2), try $0.decode(Date?.self, at: 3)
                    )
                }
            }
            #expect(rows.count == 2)
            #expect(rows[0].1 == "retry" && rows[0].2 == nil && rows[0].3 == nil)
            #expect(rows[1].1 == "delivered" && rows[1].2 == accepted.messageID && rows[1].3 == at)
            let unknown = try await store.record(receipt("msg-unknown", at: at), receivedAt: at)
            #expect(unknown.deliveryID == nil)
        }
    }

    /// Routes one report with every officer on ZNS first and a webhook second, runs the
    /// dispatcher until every delivery is delivered, then calls `check`.
    private func deliver(
        _ zalo: FakeZalo,
        check: (PostgresPool, [DeliveryRowSnapshot]) async throws -> Void
    ) async throws {
        let receiver = try TestHTTPServer { _, _ in .status(200) }
        defer { receiver.stop() }
        let directory = try DeliveryFixture.directory { officer in
            [
                Channel(kind: .zalo, address: officer.id == DeliveryFixture.head ? Self.headPhone : Self.otherPhone),
                Channel(kind: .webhook, address: receiver.url),
            ]
        }
        try await StoreTestDatabase.with(directory: directory) { pool in
            let dispatcher = try DeliveryFixture.dispatcher(
                pool: pool,
                directory: directory,
                channels: [.zalo: Self.channel(zalo, pool: pool), .webhook: DeliveryFixture.webhook()]
            )
            try await DeliveryFixture.running(dispatcher) {
                try await DeliveryFixture.route([DeliveryFixture.report()], pool: pool, directory: directory)
                try await deliveryWait("every delivery to be delivered") {
                    let rows = try await DeliveryFixture.deliveries(pool)
                    return !rows.isEmpty && rows.allSatisfy { $0.status == "delivered" }
                }
            }
            try await check(pool, try await DeliveryFixture.deliveries(pool))
        }
    }
}
