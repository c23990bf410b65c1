import Foundation
import Synchronization
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostTestSupport

/// The ZNS channel against `FakeZalo`, with tokens kept in this process.
@Suite(.timeLimit(.minutes(5)))
struct ZNSChannelTests {
    static let book = ZNSTemplateBook(templates: [
        "incident.new": ZNSTemplateBook.Template(
            templateID: "100001",
            parameters: [
                .init(name: "truong", field: .school, maxLength: 100),
                .init(name: "han", field: .deadline, maxLength: 30),
                .init(name: "lien_ket", field: .acknowledgeURL, maxLength: 200),
            ],
            textLength: 120
        )
    ])

    static func channel(_ zalo: FakeZalo, store: any ZaloTokenStore = ProcessZaloTokenStore()) -> ZNSChannel {
        var configuration = ZNSConfiguration(
            appID: zalo.appID,
            secretKey: zalo.secretKey,
            refreshToken: "first-refresh",
            templates: book
        )
        configuration.apiURL = zalo.baseURL
        configuration.oauthURL = zalo.baseURL + "/"
        return ZNSChannel(configuration: configuration, store: store)
    }

    static func message(_ key: String = "d-1", template: String? = "incident.new") -> OutboundMessage {
        OutboundMessage(
            subject: "[Watchpost] Bạo lực học đường",
            body: "…",
            idempotencyKey: key,
            locale: "vi",
            template: template,
            fields: [
                .school: "Trường THCS Bình Sơn", .deadline: "10:30 05/12/2026",
                .acknowledgeURL: "https://watchpost.example.invalid/ack?t=abc",
            ]
        )
    }

    @Test func sendsTheDocumentedRequestAndKeepsZalosMessageID() async throws {
        let zalo = try FakeZalo(refreshToken: "first-refresh")
        defer { zalo.stop() }
        let receipt = try await Self.channel(zalo).send(Self.message(), to: "0912 345 678")
        #expect(receipt == DeliveryReceipt(channel: .zalo, responseCode: 200, serverMessageID: "msg-1"))
        let send = try #require(zalo.sends.first)
        #expect(send.phone == "84912345678")
        #expect(send.templateID == "100001")
        #expect(send.trackingID == "d-1")
        #expect(send.accessToken == "access-1")
        #expect(
            send.templateData == [
                "truong": "Trường THCS Bình Sơn", "han": "10:30 05/12/2026",
                "lien_ket": "https://watchpost.example.invalid/ack?t=abc",
            ]
        )
        #expect(zalo.refreshCalls == 1)
    }

    @Test func aBurstInOneProcessRefreshesOnce() async throws {
        let zalo = try FakeZalo(refreshToken: "first-refresh")
        defer { zalo.stop() }
        let channel = Self.channel(zalo)
        try await withThrowingTaskGroup(of: DeliveryReceipt.self) { group in
            for index in 0..<20 {
                group.addTask { try await channel.send(Self.message("d-\(index)"), to: "84912345678") }
            }
            for try await receipt in group { #expect(receipt.serverMessageID != nil) }
        }
        #expect(zalo.refreshCalls == 1)
        #expect(zalo.sends.count == 20)
    }

    @Test func aRefusedAccessTokenRefreshesOnceAndSendsAgain() async throws {
        let zalo = try FakeZalo(refreshToken: "first-refresh")
        defer { zalo.stop() }
        let channel = Self.channel(zalo)
        _ = try await channel.send(Self.message("d-1"), to: "84912345678")
        zalo.expireAccessTokens()
        let receipt = try await channel.send(Self.message("d-2"), to: "84912345678")
        #expect(receipt.serverMessageID == "msg-2")
        #expect(zalo.refreshCalls == 2)
        #expect(zalo.refusedRefreshes == 0)
        #expect(zalo.sends.map(\.accessToken) == ["access-1", "access-1", "access-2"])
    }

    @Test func aRefusedPhoneNumberIsPermanent() async throws {
        let zalo = try FakeZalo(refreshToken: "first-refresh")
        defer { zalo.stop() }
        zalo.refusePhone("84912345678")
        let error = await #expect(throws: DeliveryError.self) {
            try await Self.channel(zalo).send(Self.message(), to: "+84912345678")
        }
        #expect(error?.code == .invalidAddress)
        #expect(error?.isRetriable == false)
        #expect(error?.message.contains("-108") == true)
    }

    @Test func aDisabledTemplateIsPermanent() async throws {
        let zalo = try FakeZalo(refreshToken: "first-refresh")
        defer { zalo.stop() }
        zalo.disableTemplate("100001")
        let error = await #expect(throws: DeliveryError.self) {
            try await Self.channel(zalo).send(Self.message(), to: "84912345678")
        }
        #expect(error?.code == .rejected)
        #expect(error?.isRetriable == false)
    }

    @Test func aServerErrorIsRetriable() async throws {
        let zalo = try FakeZalo(refreshToken: "first-refresh")
        defer { zalo.stop() }
        zalo.failNextSends(1)
        let error = await #expect(throws: DeliveryError.self) {
            try await Self.channel(zalo).send(Self.message(), to: "84912345678")
        }
        #expect(error?.isRetriable == true)
    }

    @Test func aReusedRefreshTokenIsRefusedAndNeedsAnOperator() async throws {
        let zalo = try FakeZalo(refreshToken: "first-refresh")
        defer { zalo.stop() }
        // Two stores: as if two workers kept their tokens apart, the second reuses the first
        // refresh token after the first worker's refresh rotated it.
        _ = try await Self.channel(zalo).send(Self.message("d-1"), to: "84912345678")
        let error = await #expect(throws: DeliveryError.self) {
            try await Self.channel(zalo).send(Self.message("d-2"), to: "84912345678")
        }
        #expect(error?.code == .configuration)
        #expect(error?.message.contains("first-refresh") == false)
        #expect(zalo.refusedRefreshes == 1)
    }

    @Test func aMessageWithoutATemplateFailsOverWithoutSending() async throws {
        let zalo = try FakeZalo(refreshToken: "first-refresh")
        defer { zalo.stop() }
        let error = await #expect(throws: DeliveryError.self) {
            try await Self.channel(zalo).send(Self.message(template: nil), to: "84912345678")
        }
        #expect(error?.code == .configuration)
        #expect(zalo.sends.isEmpty && zalo.refreshCalls == 0)
    }

    @Test(arguments: ["+1 202 555 0100", "12345", "zalo-user-77"])
    func aNumberThatIsNotVietnameseIsAnInvalidAddress(_ address: String) throws {
        let zalo = try FakeZalo(refreshToken: "first-refresh")
        defer { zalo.stop() }
        let error = #expect(throws: DeliveryError.self) {
            try Self.channel(zalo).requestBody(for: Self.message(), to: address)
        }
        #expect(error?.code == .invalidAddress)
    }
}
