import Foundation
import HTTPTypes
import Hummingbird
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// The sign-in pages: the form, the neutral "check your messages" page with the code form, the
/// refusals, and the one-button confirmation of a sign-in link.
enum SignInPages {
    static let title = Bilingual(vi: "Đăng nhập", en: "Sign in")

    /// `GET /sign-in`: who are you?
    static func form(locale: DisplayLocale, lang: String, status: HTTPResponse.Status = .ok, problem: Bilingual? = nil)
        -> Response
    {
        let label = Bilingual(vi: "Mã cán bộ, e-mail hoặc số điện thoại", en: "Officer id, e-mail or phone number")
        let intro = Bilingual(
            vi:
                "Watchpost không dùng mật khẩu. Hệ thống sẽ gửi mã đăng nhập và liên kết đăng nhập qua các kênh đã đăng ký trong danh bạ (e-mail, SMS, Zalo).",
            en:
                "Watchpost has no passwords. We send a sign-in code and a sign-in link to the channels the directory has for you (e-mail, SMS, Zalo)."
        )
        let send = Bilingual(vi: "Gửi mã đăng nhập", en: "Send me a sign-in code")
        let other: String =
            locale == .vi ? "<a href=\"/sign-in?lang=en\">English</a>" : "<a href=\"/sign-in?lang=vi\">Tiếng Việt</a>"
        let problemHTML = Self.problemHTML(problem, locale)
        let body = """
            \(problemHTML)
            <p>\(HTML.escape(intro(locale)))</p>
            <form method="post" action="/sign-in\(lang)">
            <label for="officer">\(HTML.escape(label(locale)))</label>
            <input id="officer" name="officer" required autocomplete="username" autocapitalize="none" spellcheck="false">
            <button type="submit">\(HTML.escape(send(locale)))</button>
            </form>
            <p class="lang">\(other)</p>
            """
        return Page(title: title(locale), locale: locale, body: body, status: status).response()
    }

    /// `POST /sign-in`: the same answer whoever was named, with the code form.
    static func sent(
        typed: String,
        locale: DisplayLocale,
        lang: String,
        status: HTTPResponse.Status = .ok,
        problem: Bilingual? = nil
    ) -> Response {
        let text = Bilingual(
            vi:
                "Nếu thông tin này khớp với một cán bộ trong danh bạ, hệ thống đã gửi mã 6 chữ số và liên kết đăng nhập qua các kênh đã đăng ký. Mã và liên kết có hiệu lực 10 phút và chỉ dùng được một lần. Nếu yêu cầu lại trong thời gian đó, hệ thống gửi lại đúng mã này (một lần, sau ít nhất 1 phút).",
            en:
                "If this matches an officer in the directory, we have sent a 6-digit code and a sign-in link to their channels. They work for 10 minutes, once. Asking again within that time sends the same code again (once, after a minute or more)."
        )
        let codeLabel = Bilingual(vi: "Mã đăng nhập (6 chữ số)", en: "Sign-in code (6 digits)")
        let submit = Bilingual(vi: "Đăng nhập", en: "Sign in")
        let again = Bilingual(vi: "Chưa nhận được mã? Yêu cầu lại", en: "No code? Ask again")
        let problemHTML = Self.problemHTML(problem, locale)
        let body = """
            \(problemHTML)
            <p>\(HTML.escape(text(locale)))</p>
            <form method="post" action="/sign-in/verify\(lang)">
            <input type="hidden" name="officer" value="\(HTML.escape(typed))">
            <label for="code">\(HTML.escape(codeLabel(locale)))</label>
            <input id="code" name="code" required inputmode="numeric" pattern="[0-9 ]{6,7}" autocomplete="one-time-code" maxlength="7">
            <button type="submit">\(HTML.escape(submit(locale)))</button>
            </form>
            <p><a href="/sign-in\(lang)">\(HTML.escape(again(locale)))</a></p>
            """
        let heading = Bilingual(vi: "Kiểm tra tin nhắn của đồng chí", en: "Check your messages")
        return Page(title: heading(locale), locale: locale, body: body, status: status).response()
    }

    /// A paragraph saying what was wrong with the last answer, or nothing.
    private static func problemHTML(_ problem: Bilingual?, _ locale: DisplayLocale) -> String {
        guard let problem else { return "" }
        return "<p class=\"error\">" + HTML.escape(problem(locale)) + "</p>"
    }

    /// A link back to the sign-in form, saying `words`.
    private static func backLink(_ words: Bilingual, _ locale: DisplayLocale, _ lang: String) -> String {
        "<p><a href=\"/sign-in" + lang + "\">" + HTML.escape(words(locale)) + "</a></p>"
    }

    /// The one refusal of a code, whatever the cause, so that it tells nobody who exists.
    static let codeRefused = Bilingual(
        vi: "Mã không đúng, đã hết hạn hoặc đã bị nhập sai quá nhiều lần. Đề nghị kiểm tra lại, hoặc yêu cầu mã mới.",
        en: "The code is wrong, has expired, or was mistyped too many times. Check it, or ask for a new one."
    )

    /// 429: too many attempts from this network address, and when to come back.
    static func limited(retryAfter: Int, locale: DisplayLocale, lang: String) -> Response {
        let minutes = max(1, (retryAfter + 59) / 60)
        let text = Bilingual(
            vi: "Đã có quá nhiều lần đăng nhập từ địa chỉ mạng này. Đề nghị thử lại sau \(minutes) phút.",
            en: "There were too many sign-in attempts from this network address. Try again in \(minutes) minutes."
        )
        return tooMany(text, retryAfter: retryAfter, locale: locale, lang: lang)
    }

    /// 429: too many wrong codes for this name; the next code is checked after `retryAfter`
    /// seconds, and the link in the message still works. The same for a name that is no officer.
    static func wait(retryAfter: Int, locale: DisplayLocale, lang: String) -> Response {
        let wait: Bilingual =
            retryAfter < 120
            ? Bilingual(vi: "\(retryAfter) giây", en: "\(retryAfter) seconds")
            : Bilingual(vi: "\((retryAfter + 59) / 60) phút", en: "\((retryAfter + 59) / 60) minutes")
        let text = Bilingual(
            vi:
                "Mã đã bị nhập sai quá nhiều lần. Đề nghị chờ \(wait(.vi)) rồi nhập lại mã, hoặc bấm liên kết đăng nhập trong tin nhắn.",
            en:
                "The code was mistyped too many times. Wait \(wait(.en)), then type it again, or use the sign-in link in the message."
        )
        return tooMany(text, retryAfter: retryAfter, locale: locale, lang: lang)
    }

    private static func tooMany(_ text: Bilingual, retryAfter: Int, locale: DisplayLocale, lang: String) -> Response {
        var response = IdentityPage.notice(
            title: Bilingual(vi: "Quá nhiều lần thử", en: "Too many attempts"),
            text: text,
            locale: locale,
            status: .tooManyRequests,
            extra: backLink(title, locale, lang)
        )
        response.headers[.retryAfter] = "\(retryAfter)"
        return response
    }

    /// `GET /sign-in/link`: one button; the link is used only when it is pressed (mail scanners
    /// follow links, never forms).
    static func confirmLink(token: String, locale: DisplayLocale, lang: String) -> Response {
        let text = Bilingual(
            vi: "Bấm nút dưới đây để đăng nhập vào Watchpost trên thiết bị này.",
            en: "Press the button to sign in to Watchpost on this device."
        )
        let button = Bilingual(vi: "Đăng nhập vào Watchpost", en: "Sign in to Watchpost")
        let body = """
            <p>\(HTML.escape(text(locale)))</p>
            <form method="post" action="/sign-in/link\(lang)">
            <input type="hidden" name="token" value="\(HTML.escape(token))">
            <button type="submit">\(HTML.escape(button(locale)))</button>
            </form>
            """
        return Page(title: title(locale), locale: locale, body: body).response()
    }

    /// A sign-in link that cannot be used, and why.
    static func linkRefused(_ use: SignInLinkUse, locale: DisplayLocale, lang: String) -> Response {
        let text: Bilingual
        let status: HTTPResponse.Status
        switch use {
        case .used:
            status = .gone
            text = Bilingual(
                vi: "Liên kết đăng nhập này đã được dùng. Mỗi liên kết chỉ dùng được một lần.",
                en: "This sign-in link was already used. Each link works once."
            )
        case .expired:
            status = .gone
            text = Bilingual(
                vi: "Liên kết đăng nhập này đã hết hạn (sau 10 phút) hoặc đã bị khóa do nhập sai mã nhiều lần.",
                en: "This sign-in link has expired (after 10 minutes) or was locked after too many wrong codes."
            )
        case .unknown, .accepted:
            status = .badRequest
            text = Bilingual(
                vi:
                    "Liên kết đăng nhập không hợp lệ: có thể nó bị cắt hoặc sửa. Đề nghị mở lại đúng liên kết trong tin nhắn.",
                en:
                    "The sign-in link is not valid: it may have been cut or altered. Open the link from the message again."
            )
        }
        return IdentityPage.notice(
            title: Bilingual(vi: "Không đăng nhập được", en: "Cannot sign in"),
            text: text,
            locale: locale,
            status: status,
            extra: backLink(Bilingual(vi: "Yêu cầu mã mới", en: "Ask for a new code"), locale, lang)
        )
    }
}
