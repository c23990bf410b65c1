import Foundation
import Testing
import WatchpostNotify
import WatchpostTestSupport

@Suite(.timeLimit(.minutes(5)))
struct GatewayChannelTests {
    let environment = ["SMS_API_KEY": "KEY-very-secret-123"]

    func configuration(url: String) -> GatewayConfiguration {
        var configuration = GatewayConfiguration(
            template: GatewayTemplate(
                url: url + "?key={{env:SMS_API_KEY}}",
                body: .json(
                    #"{"to": "{{to}}", "text": "{{text}}", "encoding": "{{encoding}}", "ref": "{{idempotency_key}}"}"#
                ),
                messageIDField: "data.message_id"
            )
        )
        configuration.maxSegments = 1
        return configuration
    }

    @Test func smsIsFittedSentAndTheGatewayMessageIDKept() async throws {
        let gateway = try TestHTTPServer { _, _ in .status(200, body: #"{"data": {"message_id": "sms-991"}}"#) }
        defer { gateway.stop() }
        let channel = GatewayChannel(
            kind: .sms,
            configuration: configuration(url: gateway.url),
            environment: environment
        )
        let message = OutboundMessage(
            subject: "",
            body: "Trường THCS Bình Sơn: bạo lực học đường, đề nghị xác nhận ngay trong 30 phút.",
            idempotencyKey: "d-7",
            locale: "vi"
        )
        let receipt = try await channel.send(message, to: "+84 912 345 678")
        #expect(receipt == DeliveryReceipt(channel: .sms, responseCode: 200, serverMessageID: "sms-991"))
        let request = try #require(gateway.requests.first)
        #expect(request.path == "/hook?key=KEY-very-secret-123")
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"to": "+84912345678", "text": "Truong THCS Binh Son: bao luc hoc duong, de nghi xac nhan ngay trong 30 phut.", "encoding": "gsm7", "ref": "d-7"}"#
        )
    }

    @Test func gatewayErrorsNeverShowTheAPIKey() async throws {
        let gateway = try TestHTTPServer { request, _ in .status(503, body: "overloaded, request was \(request.path)") }
        defer { gateway.stop() }
        let channel = GatewayChannel(
            kind: .sms,
            configuration: configuration(url: gateway.url),
            environment: environment
        )
        let message = OutboundMessage(subject: "", body: "hi", idempotencyKey: "d-8", locale: "en")
        let error = await #expect(throws: DeliveryError.self) { try await channel.send(message, to: "0912345678") }
        #expect(error?.code == .serverError)
        #expect(error?.message.contains("overloaded") == true)
        #expect(error?.message.contains("KEY-very-secret-123") == false)
    }

    @Test(arguments: ["12345", "+84 abc 345 678", ""])
    func nonPhoneAddressIsInvalidForSMS(address: String) async throws {
        let channel = GatewayChannel(
            kind: .sms,
            configuration: configuration(url: "http://127.0.0.1:9/x"),
            environment: environment
        )
        let message = OutboundMessage(subject: "", body: "hi", idempotencyKey: "d-9", locale: "en")
        let error = await #expect(throws: DeliveryError.self) { try await channel.send(message, to: address) }
        #expect(error?.code == .invalidAddress)
    }
}
