import Foundation
import Testing
import WatchpostNotify
import WatchpostTestSupport

/// Sends through a real SMTP server (aiosmtpd, plain SMTP: the sink offers no STARTTLS, so
/// these tests use `tls: .none` or `.tryStartTLS`; `.required` is shown to refuse it).
@Suite(.timeLimit(.minutes(5)))
struct EmailChannelTests {
    let subject = "Cảnh báo: bạo lực học đường tại Trường THCS Bình Sơn"
    let body = """
        Kính gửi Hiệu trưởng Trường THCS Bình Sơn,

        Phát hiện bài đăng chưa được kiểm chứng về bạo lực học đường.
        Đề nghị xác nhận trong vòng 30 phút và phối hợp với Công an xã.
        . một dòng bắt đầu bằng dấu chấm
        """

    func channel(port: Int, tls: EmailConfiguration.TLSMode = .none) throws -> EmailChannel {
        var configuration = EmailConfiguration(
            url: "smtp://127.0.0.1:\(port)",
            from: "Hệ thống Watchpost <canhbao@watchpost.example.vn>"
        )
        configuration.tls = tls
        configuration.timeout = .seconds(10)
        return try EmailChannel(configuration: configuration)
    }

    @Test(arguments: [EmailConfiguration.TLSMode.none, .tryStartTLS])
    func vietnameseMessageArrivesDecodedExactly(tls: EmailConfiguration.TLSMode) async throws {
        let sink = try await SMTPSink()
        let key = UUID().uuidString
        let message = OutboundMessage(subject: subject, body: body, idempotencyKey: key, locale: "vi")
        let receipt = try await channel(port: sink.port, tls: tls).send(
            message,
            to: "hieutruong@thcs-binhson.example.vn"
        )
        #expect(receipt.channel == .email)
        #expect(receipt.responseCode == 250)
        #expect(receipt.serverMessageID == "<\(key)@watchpost.example.vn>")

        try await waitUntil("the message to be saved") { sink.messages.count == 1 }
        let mail = try await sink.parse(try #require(sink.messages.first))
        #expect(mail.subject == subject)
        #expect(mail.body == body)
        #expect(mail.from == "Hệ thống Watchpost <canhbao@watchpost.example.vn>")
        #expect(mail.to == "hieutruong@thcs-binhson.example.vn")
        #expect(mail.messageID == "<\(key)@watchpost.example.vn>")
        #expect(mail.contentType == "text/plain")
        #expect(mail.charset == "utf-8")
        #expect(mail.transferEncoding == "base64")
        #expect(mail.mailFrom == "canhbao@watchpost.example.vn")
        #expect(mail.rcptTos == ["hieutruong@thcs-binhson.example.vn"])
        #expect(mail.longestHeaderLine <= 78)
    }

    @Test func unknownMailboxIsAPermanentRejection() async throws {
        let sink = try await SMTPSink()
        let message = OutboundMessage(subject: "x", body: "y", idempotencyKey: UUID().uuidString, locale: "vi")
        let error = await #expect(throws: DeliveryError.self) {
            try await channel(port: sink.port).send(message, to: "nobody@thcs-binhson.example.vn")
        }
        #expect(error?.code == .rejected)
        #expect(error?.responseCode == 550)
        #expect(error?.isRetriable == false)
    }

    @Test func requiredTLSRefusesAServerWithoutSTARTTLS() async throws {
        let sink = try await SMTPSink()
        let message = OutboundMessage(subject: "x", body: "y", idempotencyKey: UUID().uuidString, locale: "vi")
        let error = await #expect(throws: DeliveryError.self) {
            try await channel(port: sink.port, tls: .required).send(message, to: "a@thcs-binhson.example.vn")
        }
        #expect(error?.code == .configuration)
        #expect(sink.messages.isEmpty)
    }

    @Test(arguments: ["no-at-sign", "a@b", "two@@example.org", "evil@example.org\r\nBcc: x@y.z", "a b@example.org"])
    func malformedRecipientIsInvalidAddress(address: String) async throws {
        let message = OutboundMessage(subject: "x", body: "y", idempotencyKey: "k", locale: "vi")
        let error = await #expect(throws: DeliveryError.self) { try await channel(port: 9).send(message, to: address) }
        #expect(error?.code == .invalidAddress)
    }

    @Test func composedHeadersAreExactAndEncodedWordsStayWithinLimits() throws {
        let message = OutboundMessage(subject: subject, body: "Xin chào", idempotencyKey: "5f1c-KEY", locale: "vi")
        let data = try channel(port: 25).compose(
            message,
            to: "a@example.vn",
            date: Date(timeIntervalSince1970: 1_751_339_045)
        )
        let text = String(decoding: data, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(head.first == "Date: Tue, 01 Jul 2025 03:04:05 +0000")
        #expect(head.contains("To: <a@example.vn>"))
        #expect(head.contains("Message-ID: <5f1c-KEY@watchpost.example.vn>"))
        #expect(head.contains("MIME-Version: 1.0"))
        #expect(head.contains("Content-Type: text/plain; charset=UTF-8"))
        #expect(head.contains("Content-Transfer-Encoding: base64"))
        #expect(head.allSatisfy { $0.count <= 76 })
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\r\n" }).filter { $0.hasPrefix("=?UTF-8?B?") }
        #expect(words.count >= 2)
        #expect(words.allSatisfy { $0.count <= 75 && $0.hasSuffix("?=") })
        #expect(text.hasSuffix("\r\n") && text.contains("\r\n\r\nWGluIGNow6Bv\r\n"))
    }
}
