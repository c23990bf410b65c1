import Foundation
import Testing
import WatchpostCore
import WatchpostPresentation
import WatchpostNotify

/// The sign-in message: sealed so that only a holder of the link secret opens it, bound to its
/// delivery, and written so that the code and the whole link survive every channel.
@Suite("Sign-in message")
struct SignInMessageTests {
    static let secret = "sign-in-test-link-secret-0123456789-abcdef"
    static let message = SignInMessage(
        officerID: "ht-thcs-binh-son",
        code: "042917",
        link: "https://watchpost.example.vn/sign-in/link?token=" + String(repeating: "A", count: 43),
        expiresAt: Date(timeIntervalSince1970: 1_795_938_000)
    )

    @Test("a sealed message opens with the same secret for the same delivery")
    func sealedMessageOpens() throws {
        let delivery = UUID()
        let sealed = try SignInMessageSeal(secret: Self.secret).seal(Self.message, deliveryID: delivery)
        #expect(try SignInMessageSeal(secret: Self.secret).open(sealed, deliveryID: delivery) == Self.message)
        #expect(!String(decoding: sealed, as: UTF8.self).contains(Self.message.code))
    }

    @Test("a sealed message does not open with another secret or for another delivery")
    func sealedMessageRefusesOtherKeyOrDelivery() throws {
        let delivery = UUID()
        let sealed = try SignInMessageSeal(secret: Self.secret).seal(Self.message, deliveryID: delivery)
        #expect(throws: SignInMessageSeal.OpenError.self) {
            try SignInMessageSeal(secret: Self.secret + "x").open(sealed, deliveryID: delivery, as: SignInMessage.self)
        }
        #expect(throws: SignInMessageSeal.OpenError.self) {
            try SignInMessageSeal(secret: Self.secret).open(sealed, deliveryID: UUID(), as: SignInMessage.self)
        }
        var damaged = sealed
        damaged[damaged.startIndex + 20] ^= 0x01
        #expect(throws: SignInMessageSeal.OpenError.self) {
            try SignInMessageSeal(secret: Self.secret).open(damaged, deliveryID: delivery, as: SignInMessage.self)
        }
    }

    @Test("the Vietnamese e-mail names the code, the link and the expiry with diacritics")
    func vietnameseMessageCarriesCodeAndLink() {
        let rendered = Self.message.render(for: .email, locale: .vi, idempotencyKey: "k-1")
        #expect(rendered.subject == "[Watchpost] Mã đăng nhập 042917")
        #expect(rendered.body.contains("Mã đăng nhập Watchpost của đồng chí: 042917"))
        #expect(rendered.body.contains(Self.message.link))
        #expect(rendered.body.contains("Không chia sẻ"))
        #expect(rendered.body.contains(LocalTime.format(Self.message.expiresAt, locale: .vi)))
        #expect(rendered.idempotencyKey == "k-1")
    }

    @Test("the webhook payload carries the code and the link for a receiver to read")
    func payloadCarriesCodeAndLink() throws {
        let rendered = Self.message.render(for: .webhook, locale: .en, idempotencyKey: "k-2")
        let payload = try #require(rendered.payload)
        let document = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
        #expect(document["template"] as? String == SignInMessage.template)
        #expect(document["code"] as? String == "042917")
        #expect(document["link"] as? String == Self.message.link)
        #expect(document["recipient_officer_id"] as? String == "ht-thcs-binh-son")
        #expect(rendered.subject == "[Watchpost] Sign-in code 042917")
    }

    @Test("an SMS keeps the code and the whole link within three segments", arguments: DisplayLocale.allCases)
    func smsKeepsCodeAndLink(locale: DisplayLocale) {
        let text = Self.message.render(for: .sms, locale: locale, idempotencyKey: "k-3").body
        #expect(text.contains("042917"))
        #expect(text.contains(Self.message.link))
        #expect(SMSText.segmentCount(text) <= 3)
    }
}
