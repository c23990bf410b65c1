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
    /// `GET /ack`: what the incident is, and the one button.
    static func confirm(_ valid: AcknowledgeLinkCheck.Valid, school: String, locale: DisplayLocale, lang: String)
        -> Response
    {
        let incident = valid.incident
        let label = { (key: String) in Labels.label("signIn", key) }
        let facts: [(Label, String)] = [
            (label("category"), incident.category.label(locale)),
            (Labels.label("common", "severity"), incident.severity.label(locale)),
            (Labels.label("common", "school"), school),
            (label("status"), incident.status.label(locale)),
            (label("reported"), LocalTime.format(incident.reportedAt, locale: locale)),
        ]
        return Page(
            title: label("acknowledgeTitle")(locale),
            locale: locale,
            template: "acknowledge",
            model: AcknowledgeView(
                officer: valid.officer.name,
                facts: facts,
                hidden: valid.fields.map { ($0.name, $0.value) },
                locale: locale,
                lang: lang
            )
        ).response()
    }

    /// After `POST /ack`: it is recorded.
    static func done(locale: DisplayLocale) -> Response {
        IdentityPage.notice(
            title: Labels.label("signIn", "acknowledged"),
            text: Labels.label("signIn", "acknowledgedText"),
            locale: locale,
            status: .ok
        )
    }

    /// A link that cannot acknowledge, and why.
    static func refused(_ refusal: AcknowledgeLinkCheck.Refusal, locale: DisplayLocale) -> Response {
        var response = IdentityPage.notice(
            title: Labels.label("signIn", "linkCannotAcknowledge"),
            text: refusal.text,
            locale: locale,
            status: refusal.status,
            back: ("/sign-in", SignInPages.title)
        )
        response.headers[HTTPField.Name("Watchpost-Refusal")!] = refusal.code.rawValue
        return response
    }
}
