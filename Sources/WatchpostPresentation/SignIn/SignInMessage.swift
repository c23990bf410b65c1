import Foundation
import WatchpostCore
import WatchpostNotify

/// The message that carries a passwordless sign-in: a 6-digit code and a one-time link, both
/// valid until `expiresAt`. The API seals it (`SignInMessageSeal`) into a delivery with no
/// alert; the dispatcher opens it and sends it on the officer's channels like any alert.
///
/// Its text tells the reader never to share the code, and to ignore a message they did not ask
/// for. SMS gets a short text that keeps the link whole (`SMSText.fit`).
public struct SignInMessage: Sendable, Hashable, Codable {
    /// The officer who asked to sign in.
    public var officerID: OfficerID
    /// The 6-digit code.
    public var code: String
    /// The one-time sign-in link (`<public URL>/sign-in/link?token=…`).
    public var link: String
    /// When the code and the link stop working.
    public var expiresAt: Date

    /// The template name in the webhook payload and the delivery log.
    public static let template = "sign_in"

    /// Creates a message.
    public init(officerID: OfficerID, code: String, link: String, expiresAt: Date) {
        self.officerID = officerID
        self.code = code
        self.link = link
        self.expiresAt = expiresAt
    }

    /// The message for `channel` in `locale`. The subject names the code, so a development
    /// receiver that prints subjects shows it; SMS gets the short text.
    public func render(for channel: ChannelKind, locale: DisplayLocale, idempotencyKey: String)
        -> OutboundMessage
    {
        let subject = locale == .vi ? "[Watchpost] Mã đăng nhập \(code)" : "[Watchpost] Sign-in code \(code)"
        let text = channel == .sms ? smsText(locale) : body(locale)
        return OutboundMessage(
            subject: subject,
            body: text,
            payload: payload(subject: subject, text: text, locale: locale, idempotencyKey: idempotencyKey),
            idempotencyKey: idempotencyKey,
            locale: locale.rawValue
        )
    }

    /// The full text (e-mail, Zalo, webhook, console).
    public func body(_ locale: DisplayLocale) -> String {
        let until = LocalTime.format(expiresAt, locale: locale)
        switch locale {
        case .vi:
            return """
                Mã đăng nhập Watchpost của đồng chí: \(code)

                Hoặc mở liên kết sau để đăng nhập:
                \(link)

                Mã và liên kết có hiệu lực đến \(until) và chỉ dùng được một lần. \
                Không chia sẻ chúng với bất kỳ ai, kể cả người tự xưng là cán bộ Watchpost.
                Nếu đồng chí không yêu cầu đăng nhập, đề nghị bỏ qua tin nhắn này.
                """
        case .en:
            return """
                Your Watchpost sign-in code: \(code)

                Or open this link to sign in:
                \(link)

                The code and the link work until \(until), once. \
                Never share them with anyone, even someone who says they work for Watchpost.
                If you did not ask to sign in, ignore this message.
                """
        }
    }

    /// The SMS text: the code first, the link whole.
    public func smsText(_ locale: DisplayLocale, maxSegments: Int = 3) -> String {
        let facts =
            locale == .vi
            ? "Watchpost: mã đăng nhập \(code), dùng một lần trong 10 phút. Không chia sẻ mã."
            : "Watchpost: sign-in code \(code), once, within 10 minutes. Never share it."
        let link = locale == .vi ? " Hoặc mở: \(link)" : " Or open: \(link)"
        return SMSText.fit(facts: facts, link: link, maxSegments: maxSegments)
    }

    private func payload(subject: String, text: String, locale: DisplayLocale, idempotencyKey: String) -> Data {
        struct Document: Encodable {
            var template: String
            var recipient_officer_id: String
            var subject: String
            var text: String
            var code: String
            var link: String
            var expires_at: String
            var idempotency_key: String
            var locale: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let document = Document(
            template: Self.template,
            recipient_officer_id: officerID,
            subject: subject,
            text: text,
            code: code,
            link: link,
            expires_at: RFC3339.format(expiresAt),
            idempotency_key: idempotencyKey,
            locale: locale.rawValue
        )
        return (try? encoder.encode(document)) ?? Data("{}".utf8)
    }
}
