import WatchpostCore
import WatchpostNotify

/// What a text an officer sent back to an alert did: it acknowledged, or why it changed nothing.
/// The raw value is stored in `sms_replies.outcome`.
public enum ReplyOutcome: String, Sendable, Hashable, CaseIterable {
    /// The alert's incident is acknowledged for the officer.
    case acknowledged
    /// No officer in the directory has the number it came from.
    case unknownNumber = "unknown_number"
    /// It is not "1" and a six-digit code.
    case unreadable
    /// No alert sent to the number carries the code.
    case unknownCode = "unknown_code"
    /// Two alerts to the number carry the code, for different incidents.
    case ambiguousCode = "ambiguous_code"
    /// The alert was sent longer ago than a link lives.
    case expired
    /// The code acknowledged once already.
    case used
    /// The officer had acknowledged the incident already (by link, page or an earlier text).
    case alreadyAcknowledged = "already_acknowledged"
    /// The incident is resolved.
    case resolved
    /// The incident was reopened after the alert was sent.
    case beforeReopen = "before_reopen"
    /// The alert's incident is not in the database.
    case incidentMissing = "incident_missing"
}

/// The text sent back to an officer's answer, in their language, within two SMS segments.
public enum ReplyAnswer {
    /// The answer to a text whose outcome is `outcome`; `code` is the code it carried and
    /// `school` the incident's school, where known.
    public static func text(_ outcome: ReplyOutcome, code: String?, school: String?, locale: DisplayLocale) -> String {
        let code = code ?? ""
        let label: Label =
            switch outcome {
            case .acknowledged:
                Label(
                    vi:
                        "Watchpost: đã ghi nhận đồng chí xác nhận đã nhận thông tin về sự việc tại \(school ?? "trường")."
                        + " Đề nghị đồng chí chỉ đạo xử lý theo quy định.",
                    en: "Watchpost: your acknowledgement of the incident at \(school ?? "the school") is recorded."
                )
            case .unknownNumber:
                Label(
                    vi: "Watchpost: số điện thoại này không có trong danh bạ cán bộ nên tin nhắn không được ghi nhận.",
                    en: "Watchpost: this number is not in the officers' directory, so the message was not recorded."
                )
            case .unreadable:
                Label(
                    vi: "Watchpost: không đọc được tin nhắn. Để xác nhận, đề nghị trả lời theo mẫu: "
                        + "\(ReplyText.acknowledgeKey) <mã 6 số trong tin báo>.",
                    en: "Watchpost: message not understood. To acknowledge, reply: "
                        + "\(ReplyText.acknowledgeKey) <the 6-digit code in the alert>."
                )
            case .unknownCode:
                Label(
                    vi:
                        "Watchpost: mã \(code) không khớp với tin báo nào gửi tới số này. Đề nghị kiểm tra lại mã trong tin báo.",
                    en:
                        "Watchpost: code \(code) matches no alert sent to this number. Please check the code in the alert."
                )
            case .ambiguousCode:
                Label(
                    vi: "Watchpost: mã \(code) trùng với nhiều tin báo. Đề nghị xác nhận bằng liên kết trong tin báo.",
                    en: "Watchpost: code \(code) matches several alerts. Please acknowledge with the alert's link."
                )
            case .expired:
                Label(
                    vi:
                        "Watchpost: mã \(code) đã hết hạn. Đề nghị dùng mã trong tin báo mới nhất, hoặc đăng nhập để xác nhận.",
                    en:
                        "Watchpost: code \(code) has expired. Use the code in the latest alert, or sign in to acknowledge."
                )
            case .used:
                Label(
                    vi: "Watchpost: mã \(code) đã được dùng. Mỗi mã chỉ dùng được một lần.",
                    en: "Watchpost: code \(code) was already used. Each code works once."
                )
            case .alreadyAcknowledged:
                Label(
                    vi:
                        "Watchpost: đồng chí đã xác nhận đã nhận thông tin về sự việc này trước đó; không cần trả lời thêm.",
                    en: "Watchpost: you have already acknowledged this incident; no further reply is needed."
                )
            case .resolved:
                Label(
                    vi:
                        "Watchpost: sự việc này đã được giải quyết hoặc gộp vào sự việc khác; không còn gì để xác nhận.",
                    en:
                        "Watchpost: this incident is resolved or merged into another; there is nothing left to acknowledge."
                )
            case .beforeReopen:
                Label(
                    vi: "Watchpost: sự việc đã được mở lại sau tin báo này. Đề nghị dùng mã trong tin báo mới nhất.",
                    en: "Watchpost: the incident was reopened after this alert. Use the code in the latest alert."
                )
            case .incidentMissing:
                Label(
                    vi: "Watchpost: không tìm thấy sự việc của mã \(code).",
                    en: "Watchpost: the incident of code \(code) was not found."
                )
            }
        return SMSText.fit(facts: label(locale), link: "", maxSegments: 2)
    }
}
