import Foundation
import HTTPTypes
import Hummingbird
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// The sign-in pages: the form, the neutral "check your messages" page with the code form, the
/// refusals, and the one-button confirmation of a sign-in link.
enum SignInPages {
    static let title = Labels.label("signIn", "title")

    /// `GET /sign-in`: who are you?
    static func form(locale: DisplayLocale, lang: String, status: HTTPResponse.Status = .ok, problem: Label? = nil)
        -> Response
    {
        Page(
            title: title(locale),
            locale: locale,
            template: "sign-in",
            model: SignInFormView(locale: locale, lang: lang, problem: problem?(locale)),
            status: status
        ).response()
    }

    /// `POST /sign-in`: the same answer whoever was named, with the code form.
    static func sent(
        typed: String,
        locale: DisplayLocale,
        lang: String,
        status: HTTPResponse.Status = .ok,
        problem: Label? = nil
    ) -> Response {
        Page(
            title: Labels.label("signIn", "checkMessages")(locale),
            locale: locale,
            template: "sign-in-sent",
            model: SignInSentView(typed: typed, lang: lang, problem: problem?(locale)),
            status: status
        ).response()
    }

    /// The one refusal of a code, whatever the cause, so that it tells nobody who exists.
    static let codeRefused = Label(
        vi: "Mã không đúng, đã hết hạn hoặc đã bị nhập sai quá nhiều lần. Đề nghị kiểm tra lại, hoặc yêu cầu mã mới.",
        en: "The code is wrong, has expired, or was mistyped too many times. Check it, or ask for a new one."
    )

    /// 429: too many attempts from this network address, and when to come back.
    static func limited(retryAfter: Int, locale: DisplayLocale, lang: String) -> Response {
        let minutes = max(1, (retryAfter + 59) / 60)
        let text = Label(
            vi: "Đã có quá nhiều lần đăng nhập từ địa chỉ mạng này. Đề nghị thử lại sau \(minutes) phút.",
            en: "There were too many sign-in attempts from this network address. Try again in \(minutes) minutes."
        )
        return tooMany(text, retryAfter: retryAfter, locale: locale, lang: lang)
    }

    /// 429: too many wrong codes for this name; the next code is checked after `retryAfter`
    /// seconds, and the link in the message still works. The same for a name that is no officer.
    static func wait(retryAfter: Int, locale: DisplayLocale, lang: String) -> Response {
        let wait: Label =
            retryAfter < 120
            ? Label(vi: "\(retryAfter) giây", en: "\(retryAfter) seconds")
            : Label(vi: "\((retryAfter + 59) / 60) phút", en: "\((retryAfter + 59) / 60) minutes")
        let text = Label(
            vi:
                "Mã đã bị nhập sai quá nhiều lần. Đề nghị chờ \(wait(.vi)) rồi nhập lại mã, hoặc bấm liên kết đăng nhập trong tin nhắn.",
            en:
                "The code was mistyped too many times. Wait \(wait(.en)), then type it again, or use the sign-in link in the message."
        )
        return tooMany(text, retryAfter: retryAfter, locale: locale, lang: lang)
    }

    private static func tooMany(_ text: Label, retryAfter: Int, locale: DisplayLocale, lang: String) -> Response {
        var response = IdentityPage.notice(
            title: Labels.label("signIn", "tooMany"),
            text: text,
            locale: locale,
            status: .tooManyRequests,
            back: ("/sign-in" + lang, title)
        )
        response.headers[.retryAfter] = "\(retryAfter)"
        return response
    }

    /// `GET /sign-in/link`: one button; the link is used only when it is pressed (mail scanners
    /// follow links, never forms).
    static func confirmLink(token: String, locale: DisplayLocale, lang: String) -> Response {
        Page(
            title: title(locale),
            locale: locale,
            template: "sign-in-link",
            model: SignInLinkView(token: token, lang: lang)
        ).response()
    }

    /// A sign-in link that cannot be used, and why.
    static func linkRefused(_ use: SignInLinkUse, locale: DisplayLocale, lang: String) -> Response {
        let text: Label
        let status: HTTPResponse.Status
        switch use {
        case .used:
            status = .gone
            text = Label(
                vi: "Liên kết đăng nhập này đã được dùng. Mỗi liên kết chỉ dùng được một lần.",
                en: "This sign-in link was already used. Each link works once."
            )
        case .expired:
            status = .gone
            text = Label(
                vi: "Liên kết đăng nhập này đã hết hạn (sau 10 phút) hoặc đã bị khóa do nhập sai mã nhiều lần.",
                en: "This sign-in link has expired (after 10 minutes) or was locked after too many wrong codes."
            )
        case .unknown, .accepted:
            status = .badRequest
            text = Label(
                vi:
                    "Liên kết đăng nhập không hợp lệ: có thể nó bị cắt hoặc sửa. Đề nghị mở lại đúng liên kết trong tin nhắn.",
                en:
                    "The sign-in link is not valid: it may have been cut or altered. Open the link from the message again."
            )
        }
        return IdentityPage.notice(
            title: Labels.label("signIn", "cannotSignIn"),
            text: text,
            locale: locale,
            status: status,
            back: ("/sign-in" + lang, Labels.label("signIn", "newCode"))
        )
    }
}
