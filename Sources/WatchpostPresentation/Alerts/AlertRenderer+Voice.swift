import Foundation
import WatchpostCore
import WatchpostNotify

extension AlertRenderer {
    /// What a call about `context` says: who is calling, the facts of the SMS (without its
    /// link), and, while the incident is open, "bấm phím 1 để xác nhận", whose key press goes
    /// to the signed key-press address of this delivery.
    public func voiceScript(_ context: AlertContext) -> VoiceScript {
        let delivery = UUID(uuidString: context.idempotencyKey)
        let asks = context.incident.status.isOpen && delivery != nil
        let facts = smsFacts(context)
        let words = VoiceWords.for(context.locale)
        return VoiceScript(
            message: words.intro + " " + facts + (asks ? " " + words.press : ""),
            closing: asks ? words.noKey : words.goodbye,
            language: words.language,
            keypressURL: asks ? delivery.map(signer.keypressURL(delivery:)) : nil
        )
    }
}

/// The sentences of a call and of its key-press answers, Vietnamese and English side by side.
public struct VoiceWords: Sendable {
    /// The voice's language tag.
    public let language: String
    /// Who is calling.
    public let intro: String
    /// What to press.
    public let press: String
    /// After the message, when no key was pressed.
    public let noKey: String
    /// The end of a call that asks nothing.
    public let goodbye: String
    /// The answer to 1 when it acknowledged.
    public let acknowledged: String
    /// The answer to 1 when it changed nothing, because the incident is closed or was
    /// acknowledged already.
    public let nothingToDo: String
    /// The answer to another key.
    public let otherKey: String

    /// The words in `locale`.
    public static func `for`(_ locale: DisplayLocale) -> VoiceWords { locale == .vi ? vi : en }

    static let vi = VoiceWords(
        language: "vi-VN",
        intro: "Đây là cuộc gọi khẩn của hệ thống Watchpost, ngành giáo dục.",
        press: "Đề nghị đồng chí bấm phím 1 để xác nhận đã nhận thông tin.",
        noKey: "Chưa nhận được phím bấm. Thông tin đã được gửi qua tin nhắn; đề nghị đồng chí xác nhận sớm.",
        goodbye: "Thông tin đã được gửi qua tin nhắn. Xin cảm ơn đồng chí.",
        acknowledged:
            "Đã ghi nhận đồng chí xác nhận đã nhận thông tin. Đề nghị đồng chí chỉ đạo xử lý theo quy định. Xin cảm ơn.",
        nothingToDo: "Sự việc này đã được xác nhận hoặc đã được giải quyết; không cần xác nhận thêm. Xin cảm ơn.",
        otherKey: "Phím bấm không đúng. Để xác nhận, đề nghị đồng chí dùng liên kết trong tin nhắn. Xin cảm ơn."
    )

    static let en = VoiceWords(
        language: "en-US",
        intro: "This is an urgent call from Watchpost, the education alert system.",
        press: "Press 1 to acknowledge.",
        noKey: "No key was pressed. The details were sent by message; please acknowledge soon.",
        goodbye: "The details were sent by message. Thank you.",
        acknowledged: "Your acknowledgement is recorded. Please direct the response as required. Thank you.",
        nothingToDo: "This incident is already acknowledged or resolved; nothing more is needed. Thank you.",
        otherKey: "That key does nothing. To acknowledge, use the link in the message. Thank you."
    )
}
