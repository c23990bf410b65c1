import Foundation
import Synchronization
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPipeline
import WatchpostStore
import WatchpostTestSupport

/// Calls through the telephony provider's call API (issue 30), against a local provider that
/// answers as Twilio's Calls resource does: an unanswered call is placed again on its schedule,
/// then the officer's messages take over; across three dispatchers a call is placed once.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct VoiceCallTests {
    /// A provider whose calls end with `status`; counts the calls created per delivery.
    final class Provider: Sendable {
        final class Calls: Sendable {
            let list = Mutex<[String]>([])
        }

        let server: TestHTTPServer
        private let created = Calls()

        init(status: String) throws {
            let created = self.created
            server = try TestHTTPServer { request, _ in
                if request.method == "POST", request.path.hasSuffix("/Calls.json") {
                    let form = String(decoding: request.body, as: UTF8.self)
                    let twiml = Self.field("Twiml", in: form) ?? ""
                    let delivery =
                        twiml.range(of: "delivery=").map { String(twiml[$0.upperBound...].prefix(36)) } ?? "?"
                    let sid = created.list.withLock { calls in
                        calls.append(delivery)
                        return "CA\(calls.count)"
                    }
                    return .status(201, body: #"{"sid": "\#(sid)", "status": "queued"}"#)
                }
                if request.method == "GET" { return .status(200, body: #"{"status": "\#(status)"}"#) }
                return .status(200, body: #"{"status": "canceled"}"#)
            }
        }

        /// The delivery id of every call created, in order.
        var calls: [String] { created.list.withLock { $0 } }

        var channel: VoiceChannel {
            var configuration = VoiceConfiguration(
                apiURL: "http://127.0.0.1:\(server.port)/2010-04-01/Accounts/AC1",
                account: "AC1",
                token: "voice-token",
                from: "+84240000000"
            )
            configuration.pollInterval = .milliseconds(10)
            configuration.callLimit = .seconds(20)
            configuration.retryAfter = .milliseconds(50)
            return VoiceChannel(configuration: configuration)
        }

        static func field(_ name: String, in form: String) -> String? {
            for pair in form.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.first == name, parts.count == 2 { return parts[1].removingPercentEncoding }
            }
            return nil
        }
    }

    /// The head is called first, then reached by webhook; everyone else by webhook.
    static func directory(webhook: String) throws -> Directory {
        try DeliveryFixture.directory { officer in
            let hook = Channel(kind: .webhook, address: webhook)
            return officer.id == DeliveryFixture.head ? [Channel(kind: .voice, address: "0900000016"), hook] : [hook]
        }
    }

    @Test func anUnansweredCallIsPlacedAgainOnItsScheduleThenTheOfficersMessagesTakeOver() async throws {
        let provider = try Provider(status: "no-answer")
        let receiver = try TestHTTPServer { _, _ in .status(200) }
        defer {
            provider.server.stop()
            receiver.stop()
        }
        let directory = try Self.directory(webhook: receiver.url)
        try await StoreTestDatabase.with(directory: directory) { pool in
            let dispatcher = try DeliveryFixture.dispatcher(
                pool: pool,
                directory: directory,
                channels: [.voice: provider.channel, .webhook: DeliveryFixture.webhook()]
            )
            try await DeliveryFixture.running(dispatcher) {
                try await DeliveryFixture.route([DeliveryFixture.report()], pool: pool, directory: directory)
                try await deliveryWait("every delivery to be delivered") {
                    let rows = try await DeliveryFixture.deliveries(pool)
                    return !rows.isEmpty && rows.allSatisfy { $0.status == "delivered" }
                }
            }
            let head = try #require(
                try await DeliveryFixture.deliveries(pool).first { $0.recipient == DeliveryFixture.head }
            )
            let attempts = try await DeliveryFixture.attempts(pool, of: head.id)
            #expect(attempts.map(\.channelKind) == ["voice", "voice", "voice", "webhook"])
            #expect(attempts.map(\.outcome) == ["retry", "retry", "retry", "delivered"])
            #expect(attempts.prefix(3).allSatisfy { $0.error?.contains("not answered (no-answer)") == true })
            #expect(provider.calls == Array(repeating: head.id.uuidString.lowercased(), count: 3))
            #expect(receiver.requests.filter { $0.idempotencyKey == head.id.uuidString.lowercased() }.count == 1)
        }
    }

    @Test func aCallIsPlacedOnceForOneAlertAcrossThreeDispatchers() async throws {
        let provider = try Provider(status: "completed")
        let receiver = try TestHTTPServer { _, _ in .status(200) }
        defer {
            provider.server.stop()
            receiver.stop()
        }
        let directory = try Self.directory(webhook: receiver.url)
        try await StoreTestDatabase.with(directory: directory) { pool in
            let dispatchers = try (0..<3).map { _ in
                try DeliveryFixture.dispatcher(
                    pool: pool,
                    directory: directory,
                    channels: [.voice: provider.channel, .webhook: DeliveryFixture.webhook()]
                )
            }
            try await DeliveryFixture.running(dispatchers[0]) {
                try await DeliveryFixture.running(dispatchers[1]) {
                    try await DeliveryFixture.running(dispatchers[2]) {
                        let reports = (0..<5).map { _ in DeliveryFixture.report() }
                        try await DeliveryFixture.route(reports, pool: pool, directory: directory)
                        try await deliveryWait("every delivery to be delivered") {
                            let rows = try await DeliveryFixture.deliveries(pool)
                            return rows.count > 5 && rows.allSatisfy { $0.status == "delivered" }
                        }
                    }
                }
            }
            let heads = try await DeliveryFixture.deliveries(pool).filter { $0.recipient == DeliveryFixture.head }
            #expect(heads.count == 5)
            #expect(provider.calls.sorted() == heads.map { $0.id.uuidString.lowercased() }.sorted())
            for head in heads {
                #expect(try await DeliveryFixture.attempts(pool, of: head.id).map(\.channelKind) == ["voice"])
            }
        }
    }
}
