import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostPresentation
import WatchpostNotify
import WatchpostPipeline
import WatchpostStore
import WatchpostTestSupport

/// Sign-in codes travel through the delivery dispatcher like alerts: sealed in the database,
/// opened by a dispatcher that holds the link secret, sent on the officer's channels in order
/// (or on the development targets), and erased once delivered or dead.
@Suite("Sign-in delivery", .serialized, .timeLimit(.minutes(5)))
struct SignInDeliveryTests {
    /// A dispatcher on `pool` with fast retries, opening sign-in messages with `secret`.
    static func dispatcher(
        pool: PostgresPool,
        directory: Directory,
        secret: String,
        devTargets: DevDeliveryTargets? = nil
    ) throws -> DispatcherService {
        var settings = DispatcherSettings(database: pool.configuration)
        settings.retry = RetryPolicy(base: .milliseconds(20), cap: .milliseconds(200))
        settings.maxSleep = .seconds(5)
        settings.devTargets = devTargets
        return DispatcherService(
            store: DeliveryStore(pool: pool, logger: DeliveryFixture.logger),
            directory: directory,
            channels: [.webhook: DeliveryFixture.webhook()],
            renderer: AlertRenderer(
                signer: try AcknowledgeLinkSigner(
                    baseURL: "https://watchpost.example.invalid",
                    secret: DeliveryFixture.linkSecret
                )
            ),
            settings: settings,
            signInSeal: SignInMessageSeal(secret: secret),
            logger: DeliveryFixture.logger
        )
    }

    /// Queues a sign-in message for the head on `channels`, sealed with `secret`.
    static func queue(
        pool: PostgresPool,
        channels: [Channel],
        secret: String,
        expiresAt: Date = Date().addingTimeInterval(600)
    ) async throws -> (delivery: UUID, message: SignInMessage) {
        let message = SignInMessage(
            officerID: DeliveryFixture.head,
            code: "314159",
            link: "https://watchpost.example.invalid/sign-in/link?token=t",
            expiresAt: expiresAt
        )
        let delivery = UUID()
        let challenge = SignInChallenge(
            id: UUID(),
            officerID: DeliveryFixture.head,
            codeHash: Data(repeating: 1, count: 32),
            linkHash: Data((0..<32).map { _ in UInt8.random(in: 0...255) }),
            createdAt: Date(),
            expiresAt: expiresAt,
            resendDeliveryID: UUID(),
            resendSealedMessage: Data()
        )
        try await SignInStore(pool: pool).create(
            challenge,
            delivery: SealedDelivery(
                id: delivery,
                recipient: DeliveryFixture.head,
                locale: .vi,
                channels: channels,
                sealedMessage: try SignInMessageSeal(secret: secret).seal(message, deliveryID: delivery)
            ),
            now: Date()
        )
        return (delivery, message)
    }

    /// The delivery's status, whether its sealed message is still stored, and its last error.
    static func row(_ pool: PostgresPool, _ id: UUID) async throws -> (status: String, sealed: Bool, error: String?) {
        try await pool.withConnection { connection in
            let row = try #require(
                try await connection.query(
                    "SELECT status, sealed_message IS NOT NULL, last_error FROM deliveries WHERE id = \(id)"
                ).first
            )
            return (
                try row.decode(String.self, at: 0), try row.decode(Bool.self, at: 1),
                try row.decode(String?.self, at: 2)
            )
        }
    }

    @Test("the code reaches the development receiver through the dispatcher and signs the officer in once")
    func codeReachesDevReceiverAndSignsIn() async throws {
        let receiver = try TestHTTPServer { _, _ in .status(200) }
        defer { receiver.stop() }
        try await APITestHarness.with { api in
            let dispatcher = try Self.dispatcher(
                pool: api.pool,
                directory: api.directory,
                secret: APITestHarness.linkSecret,
                devTargets: try DevDeliveryTargets(parsing: "webhook:\(receiver.url)")
            )
            try await DeliveryFixture.running(dispatcher) {
                #expect(try await api.postForm("/sign-in", [("officer", APITestHarness.head)]).status == .ok)
                try await deliveryWait("the sign-in message reaches the receiver") { !receiver.requests.isEmpty }
                try await deliveryWait("the delivery is recorded") {
                    try await Self.row(
                        api.pool,
                        try #require(try await api.rows("SELECT id FROM deliveries").first).decode(UUID.self, at: 0)
                    ).status == "delivered"
                }
            }
            let request = try #require(receiver.requests.first)
            #expect(request.isSigned())
            let payload = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
            #expect(payload["template"] as? String == "sign_in")
            #expect(payload["recipient_officer_id"] as? String == APITestHarness.head)
            let code = try #require(payload["code"] as? String)
            #expect((payload["subject"] as? String)?.contains(code) == true)
            #expect(
                try await api.count(
                    "SELECT count(*) FROM deliveries WHERE alert_id IS NULL AND sealed_message IS NULL AND status = 'delivered'"
                )
                    == 1,
                "the sealed message is erased once delivered"
            )
            let fields = [("officer", APITestHarness.head), ("code", code)]
            #expect(try await api.postForm("/sign-in/verify", fields).status == .seeOther)
            #expect(try await api.postForm("/sign-in/verify", fields).status == .badRequest)
        }
    }

    @Test("a sign-in message fails over along the officer's channels in order")
    func messageFollowsChannelsInOrder() async throws {
        let refusing = try TestHTTPServer { _, _ in .status(404) }
        let accepting = try TestHTTPServer { _, _ in .status(200) }
        defer {
            refusing.stop()
            accepting.stop()
        }
        let directory = try StoreFixture.directory()
        try await StoreTestDatabase.with { pool in
            let secret = "sign-in-delivery-test-secret-0123456789abcdef"
            let channels = [
                Channel(kind: .webhook, address: refusing.url), Channel(kind: .webhook, address: accepting.url),
            ]
            let (delivery, message) = try await Self.queue(pool: pool, channels: channels, secret: secret)
            try await DeliveryFixture.running(try Self.dispatcher(pool: pool, directory: directory, secret: secret)) {
                try await deliveryWait("the second channel receives it") { !accepting.requests.isEmpty }
                try await deliveryWait("the delivery is recorded") {
                    try await Self.row(pool, delivery).status == "delivered"
                }
            }
            #expect(refusing.requests.count == 1)
            let received = try #require(accepting.requests.first)
            let body = try #require(try JSONSerialization.jsonObject(with: received.body) as? [String: Any])
            #expect(body["code"] as? String == message.code)
            #expect(try await Self.row(pool, delivery).sealed == false)
            let attempts = try await DeliveryFixture.attempts(pool, of: delivery)
            #expect(attempts.map(\.channelIndex) == [0, 1])
            #expect(attempts.map(\.outcome) == ["retry", "delivered"])
        }
    }

    @Test("a message the dispatcher cannot open dies at once, erased, alerting no desk")
    func unopenableMessageDiesErased() async throws {
        let receiver = try TestHTTPServer { _, _ in .status(200) }
        defer { receiver.stop() }
        let directory = try StoreFixture.directory()
        try await StoreTestDatabase.with { pool in
            let channels = [Channel(kind: .webhook, address: receiver.url)]
            let (delivery, _) = try await Self.queue(
                pool: pool,
                channels: channels,
                secret: "the-api-secret-0123456789-abcdefghijklmn"
            )
            let (expired, _) = try await Self.queue(
                pool: pool,
                channels: channels,
                secret: "the-worker-secret-0123456789-abcdefghijk",
                expiresAt: Date().addingTimeInterval(-1)
            )
            let dispatcher = try Self.dispatcher(
                pool: pool,
                directory: directory,
                secret: "the-worker-secret-0123456789-abcdefghijk"
            )
            try await DeliveryFixture.running(dispatcher) {
                try await deliveryWait("both deliveries die") {
                    let first = try await Self.row(pool, delivery).status
                    let second = try await Self.row(pool, expired).status
                    return first == "dead" && second == "dead"
                }
            }
            let unopened = try await Self.row(pool, delivery)
            #expect(unopened.sealed == false)
            #expect(unopened.error?.contains("does not open") == true, "\(unopened.error ?? "")")
            let late = try await Self.row(pool, expired)
            #expect(late.sealed == false)
            #expect(late.error?.contains("expired") == true, "\(late.error ?? "")")
            #expect(receiver.requests.isEmpty)
            #expect(try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM alerts") == 0)
            #expect(try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM deliveries") == 2)
        }
    }
}
