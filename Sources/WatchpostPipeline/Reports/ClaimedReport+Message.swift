import Foundation
import WatchpostCore
import WatchpostNotify
import WatchpostStore

extension ClaimedReport {
    /// The template name in the webhook payload and the delivery log.
    public static let template = "report.periodic"

    /// The report's message for `channel` in `locale`: the summary, a link to the report page
    /// when the public URL is known, then the whole report as text; SMS gets the summary and the
    /// link; the webhook also gets the figures.
    public func message(
        for channel: ChannelKind,
        locale: DisplayLocale,
        publicURL: String?,
        idempotencyKey: String,
        smsMaxSegments: Int
    ) -> OutboundMessage {
        let subject = locale == .vi ? content.subjectVi : content.subjectEn
        let summary = locale == .vi ? content.summaryVi : content.summaryEn
        let link = publicURL.map { $0 + pagePath } ?? ""
        let text: String
        if channel == .sms {
            let label = locale == .vi ? " Xem: " : " See: "
            text = SMSText.fit(
                facts: summary,
                link: link.isEmpty ? "" : label + link,
                maxSegments: smsMaxSegments
            )
        } else {
            let open = locale == .vi ? "Xem báo cáo trên Watchpost: " : "Open the report in Watchpost: "
            text = summary + (link.isEmpty ? "" : "\n\n" + open + link) + "\n\n" + content.markdown
        }
        return OutboundMessage(
            subject: subject,
            body: text,
            payload: payload(subject: subject, text: text, locale: locale, link: link, key: idempotencyKey),
            idempotencyKey: idempotencyKey,
            locale: locale.rawValue
        )
    }

    /// The report's page on the web overview, from the public URL.
    var pagePath: String {
        "/overview/report?from=\(ReportScope.localDayText(from))&to=\(ReportScope.localDayText(to))"
    }

    private func payload(subject: String, text: String, locale: DisplayLocale, link: String, key: String) -> Data {
        struct Document: Encodable {
            var template: String
            var report_id: String
            var cadence: String
            var authority_id: String
            var number: String
            var period_from: String
            var period_to: String
            var subject: String
            var text: String
            var link: String?
            var figures: PeriodReport?
            var idempotency_key: String
            var locale: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let document = Document(
            template: Self.template,
            report_id: id.uuidString.lowercased(),
            cadence: cadence.rawValue,
            authority_id: authorityID,
            number: number,
            period_from: RFC3339.format(from),
            period_to: RFC3339.format(to),
            subject: subject,
            text: text,
            link: link.isEmpty ? nil : link,
            figures: Self.figures(content.figures),
            idempotency_key: key,
            locale: locale.rawValue
        )
        return (try? encoder.encode(document)) ?? Data("{}".utf8)
    }

    /// The stored figures, for the webhook; nil if they no longer decode.
    private static func figures(_ json: Data) -> PeriodReport? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(PeriodReport.self, from: json)
    }
}
