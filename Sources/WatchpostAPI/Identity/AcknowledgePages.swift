import Foundation
import HTTPTypes
import Hummingbird
import WatchpostCore
import WatchpostPresentation
import WatchpostNotify

/// The acknowledge link's pages: the incident's summary with one button, the confirmation,
/// and the refusals. No reported URL and no free text is shown: a link can be forwarded, and
/// either could name a child.
enum AcknowledgePages {
    static let button = Bilingual(vi: "Xác nhận đã nhận thông tin", en: "Acknowledge")

    /// `GET /ack`: what the incident is, and the one button.
    static func confirm(_ valid: AcknowledgeLinkCheck.Valid, school: String, locale: DisplayLocale, lang: String)
        -> Response
    {
        let strings = TemplateStrings.for(locale)
        let incident = valid.incident
        let rows: [(Bilingual, String)] = [
            (Bilingual(vi: "Loại sự việc", en: "Category"), strings.label(incident.category)),
            (Bilingual(vi: "Mức độ", en: "Severity"), strings.label(incident.severity)),
            (Bilingual(vi: "Trường", en: "School"), school),
            (Bilingual(vi: "Tình trạng", en: "Status"), strings.label(incident.status)),
            (
                Bilingual(vi: "Thời điểm phát hiện", en: "Reported"),
                LocalTime.format(incident.reportedAt, locale: locale)
            ),
        ]
        var facts = ""
        for (label, value) in rows {
            facts += "<dt>" + HTML.escape(label(locale)) + "</dt><dd>" + HTML.escape(value) + "</dd>"
        }
        var hidden = ""
        for field in valid.fields {
            hidden +=
                "<input type=\"hidden\" name=\"" + HTML.escape(field.name) + "\" value=\"" + HTML.escape(field.value)
                + "\">"
        }
        let intro = Bilingual(
            vi:
                "Kính gửi đồng chí \(valid.officer.name): đề nghị đồng chí bấm nút dưới đây để xác nhận đã nhận thông tin và chịu trách nhiệm xử lý sự việc này.",
            en:
                "Dear \(valid.officer.name): press the button to confirm that you have received this incident and take charge of it."
        )
        let body = """
            <p>\(HTML.escape(intro(locale)))</p>
            <dl class="facts">\(facts)</dl>
            <form method="post" action="/ack\(lang)">\(hidden)<button type="submit">\(HTML.escape(button(locale)))</button></form>
            """
        let title = Bilingual(vi: "Xác nhận đã nhận thông tin về sự việc", en: "Acknowledge an incident")
        return Page(title: title(locale), locale: locale, body: body).response()
    }

    /// After `POST /ack`: it is recorded.
    static func done(locale: DisplayLocale) -> Response {
        IdentityPage.notice(
            title: Bilingual(vi: "Đã xác nhận", en: "Acknowledged"),
            text: Bilingual(
                vi: "Đã ghi nhận: đồng chí đã xác nhận đã nhận thông tin về sự việc. Hệ thống dừng nhắc việc xác nhận.",
                en: "Recorded: you have acknowledged the incident. Reminders to acknowledge it will stop."
            ),
            locale: locale,
            status: .ok
        )
    }

    /// A link that cannot acknowledge, and why.
    static func refused(_ refusal: AcknowledgeLinkCheck.Refusal, locale: DisplayLocale) -> Response {
        var response = IdentityPage.notice(
            title: Bilingual(vi: "Không thể xác nhận bằng liên kết này", en: "This link cannot acknowledge"),
            text: refusal.text,
            locale: locale,
            status: refusal.status,
            extra: "<p><a href=\"/sign-in\">" + HTML.escape(SignInPages.title(locale)) + "</a></p>"
        )
        response.headers[HTTPField.Name("Watchpost-Refusal")!] = refusal.code.rawValue
        return response
    }
}
