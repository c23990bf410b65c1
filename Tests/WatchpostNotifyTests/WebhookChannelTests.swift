import Foundation
import Synchronization
import Testing
import WatchpostNotify
import WatchpostTestSupport

@Suite(.timeLimit(.minutes(5)))
struct WebhookChannelTests {
    let secret = "whsec-test-\(UUID().uuidString)"

    func message(_ key: String = UUID().uuidString) -> OutboundMessage {
        OutboundMessage(
            subject: "Cảnh báo: bạo lực học đường",
            body: "Trường THCS Bình Sơn: cần xác nhận trong 30 phút.",
            payload: Data(#"{"incident":"INC-1","text":"Trường \"THCS\" Bình Sơn"}"#.utf8),
            idempotencyKey: key,
            locale: "vi"
        )
    }

    /// A receiver that checks every signature (401 if wrong), then answers 500 three times.
    func flakyReceiver() throws -> TestHTTPServer {
        let secret = secret
        return try TestHTTPServer { request, number in
            do {
                try WebhookSignature.verify(
                    signature: request.headers["x-watchpost-signature"],
                    timestamp: request.headers["x-watchpost-timestamp"],
                    body: request.body,
                    secret: secret
                )
            } catch {
                return .status(401, body: "bad signature: \(error)")
            }
            return number <= 3 ? .status(500, body: "try later") : .status(200, body: "ok")
        }
    }

    @Test func serverErrorsAreRetriableUntilTheReceiverAccepts() async throws {
        let receiver = try flakyReceiver()
        defer { receiver.stop() }
        let channel = WebhookChannel(configuration: WebhookConfiguration(secret: secret))
        let message = message()
        for _ in 1...3 {
            let error = await #expect(throws: DeliveryError.self) { try await channel.send(message, to: receiver.url) }
            #expect(error?.code == .serverError)
            #expect(error?.isRetriable == true)
            #expect(error?.responseCode == 500)
        }
        let receipt = try await channel.send(message, to: receiver.url)
        #expect(receipt == DeliveryReceipt(channel: .webhook, responseCode: 200))

        let requests = receiver.requests
        #expect(requests.count == 4)
        for request in requests {
            #expect(request.method == "POST")
            #expect(request.headers["idempotency-key"] == message.idempotencyKey)
            #expect(request.headers["content-type"] == "application/json; charset=utf-8")
            #expect(request.body == message.payload)
        }
    }

    @Test func wrongSecretIsRejectedByTheReceiverAsPermanent() async throws {
        let receiver = try flakyReceiver()
        defer { receiver.stop() }
        let channel = WebhookChannel(configuration: WebhookConfiguration(secret: "another-secret"))
        let error = await #expect(throws: DeliveryError.self) { try await channel.send(message(), to: receiver.url) }
        #expect(error?.code == .rejected)
        #expect(error?.isRetriable == false)
        #expect(error?.message.contains("another-secret") == false)
    }

    @Test(arguments: [
        (400, DeliveryError.Code.rejected, false), (404, .rejected, false), (302, .rejected, false),
        (408, .timeout, true), (429, .rateLimited, true), (503, .serverError, true),
    ])
    func statusCodesMapToRetrySemantics(status: Int, code: DeliveryError.Code, retriable: Bool) async throws {
        let receiver = try TestHTTPServer { _, _ in .status(status, headers: ["Retry-After": "7"]) }
        defer { receiver.stop() }
        let channel = WebhookChannel(configuration: WebhookConfiguration(secret: secret))
        let error = await #expect(throws: DeliveryError.self) { try await channel.send(message(), to: receiver.url) }
        #expect(error?.code == code)
        #expect(error?.isRetriable == retriable)
        #expect(error?.responseCode == status)
        if status == 429 { #expect(error?.retryAfter == .seconds(7)) }
    }

    @Test func silentReceiverFailsWithARetriableTimeout() async throws {
        let silent = try TestHTTPServer { _, _ in .silence }
        defer { silent.stop() }
        var configuration = WebhookConfiguration(secret: secret)
        configuration.timeout = .seconds(1)
        let channel = WebhookChannel(configuration: configuration)
        let error = await #expect(throws: DeliveryError.self) { try await channel.send(message(), to: silent.url) }
        #expect(error?.code == .timeout)
        #expect(error?.isRetriable == true)
    }

    @Test func sendToAnotherReceiverCompletesWhileASendToASilentOneIsStillWaiting() async throws {
        let silent = try TestHTTPServer { _, _ in .silence }
        defer { silent.stop() }
        let healthy = try TestHTTPServer { _, _ in .status(204) }
        defer { healthy.stop() }
        // A timeout far beyond anything the healthy send needs, so the order below is not a race.
        var configuration = WebhookConfiguration(secret: secret)
        configuration.timeout = .seconds(60)
        let channel = WebhookChannel(configuration: configuration)
        let silentFinished = SendFinished()
        let message = message()
        let stalled = Task {
            defer { silentFinished.value.withLock { $0 = true } }
            _ = try await channel.send(message, to: silent.url)
        }
        try await waitUntil("the silent receiver to get the request") { silent.requests.count == 1 }
        let receipt = try await channel.send(self.message(), to: healthy.url)
        #expect(receipt.responseCode == 204)
        #expect(silentFinished.value.withLock { $0 } == false, "the healthy send waited for the stalled one")
        stalled.cancel()
        await #expect(throws: CancellationError.self) { try await stalled.value }
    }

    @Test func cancellingTheTaskAbortsATransferBeforeItsTimeout() async throws {
        let silent = try TestHTTPServer { _, _ in .silence }
        defer { silent.stop() }
        // Had the transfer run to its timeout, it would end with DeliveryError.timeout.
        var configuration = WebhookConfiguration(secret: secret)
        configuration.timeout = .seconds(30)
        let channel = WebhookChannel(configuration: configuration)
        let message = message()
        let send = Task { try await channel.send(message, to: silent.url) }
        try await waitUntil("the silent receiver to get the request") { silent.requests.count == 1 }
        send.cancel()
        await #expect(throws: CancellationError.self) { try await send.value }
    }

    @Test func idempotencyKeyWithALineBreakCannotInjectHeaders() {
        let channel = WebhookChannel(configuration: WebhookConfiguration(secret: secret))
        let error = #expect(throws: DeliveryError.self) {
            try channel.request(for: message("k\r\nX-Evil: 1"), to: "https://example.org/", timestamp: 1)
        }
        #expect(error?.code == .configuration)
    }

    @Test func unreachableReceiverIsARetriableConnectionFailure() async throws {
        let closed = try ClosedPort()
        defer { closed.release() }
        let url = "http://127.0.0.1:\(closed.port)/hook"
        let channel = WebhookChannel(configuration: WebhookConfiguration(secret: secret))
        let error = await #expect(throws: DeliveryError.self) { try await channel.send(message(), to: url) }
        #expect(error?.code == .connectionFailed)
        #expect(error?.isRetriable == true)
    }

    @Test(arguments: ["ftp://example.org/x", "not a url", "mailto:a@b.c"])
    func nonHTTPAddressIsInvalid(address: String) async throws {
        let channel = WebhookChannel(configuration: WebhookConfiguration(secret: secret))
        let error = await #expect(throws: DeliveryError.self) { try await channel.send(message(), to: address) }
        #expect(error?.code == .invalidAddress)
    }

    @Test func requestWithoutPayloadPostsTheDefaultEnvelopeExactly() throws {
        let channel = WebhookChannel(configuration: WebhookConfiguration(secret: "s3cret"))
        let plain = OutboundMessage(subject: "Chú ý", body: "Dòng 1\nDòng 2", idempotencyKey: "K-1", locale: "vi")
        let request = try channel.request(for: plain, to: "https://example.org/hook", timestamp: 1_700_000_000)
        let body = #"{"idempotency_key":"K-1","locale":"vi","subject":"Chú ý","text":"Dòng 1\nDòng 2"}"#
        #expect(String(decoding: request.body, as: UTF8.self) == body)
        #expect(
            request.headers == [
                HTTPHeader("Content-Type", "application/json; charset=utf-8"),
                HTTPHeader("Idempotency-Key", "K-1"),
                HTTPHeader("X-Watchpost-Timestamp", "1700000000"),
                HTTPHeader(
                    "X-Watchpost-Signature",
                    WebhookSignature.sign(body: Data(body.utf8), timestamp: 1_700_000_000, secret: "s3cret")
                ),
            ]
        )
    }
}

/// Whether a send running in another task has returned.
private final class SendFinished: Sendable {
    let value = Mutex(false)
}
