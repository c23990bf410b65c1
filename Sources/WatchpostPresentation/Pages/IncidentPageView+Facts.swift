import Foundation
import WatchpostCore

extension IncidentPageView {
    /// The facts of the incident (`incident-facts.mustache`); a purged incident's notice takes the
    /// place of its description and links.
    struct Facts: Sendable {
        /// Who acknowledged, and when.
        struct Acknowledged: Sendable {
            let at: TimeView
            let by: String
        }

        /// The description and the links, until the retention policy removes them.
        struct Details: Sendable {
            let summary: String
            let links: Links?
        }

        /// The reported links, for a reader allowed to see them.
        struct Links: Sendable {
            let urls: [String]
        }

        let school: String
        let status: BadgeView
        let severity: BadgeView
        let platform: String
        let people: String
        let reported: TimeView
        let acknowledged: Acknowledged?
        let resolved: TimeView?
        let purged: String?
        let details: Details?

        /// The facts of `source`'s incident; the links only when `showsURLs`.
        init(_ source: IncidentPageSource, showsURLs: Bool) {
            let state = source.state
            let locale = source.locale
            school = source.timeline.unitName ?? state.unitID
            status = BadgeView(tone: state.status.isOpen ? "warn" : "ok", text: state.status.label(locale))
            severity = BadgeView(state.severity, locale)
            platform = state.platform.label(locale)
            let schoolKind = source.directory.unit(state.unitID)?.kind
            people =
                state.subjects.isEmpty
                ? source.word("noneGiven")
                : state.subjects.map { $0.heading(locale, at: schoolKind) }.joined(separator: ", ")
            reported = TimeView(state.reportedAt, locale)
            acknowledged = state.acknowledgedAt.map {
                Acknowledged(
                    at: TimeView($0, locale),
                    by: state.acknowledgedBy.map(source.name(of:)).joined(separator: ", ")
                )
            }
            resolved = state.resolvedAt.map { TimeView($0, locale) }
            let purgedAt = source.timeline.summary.purgedAt
            purged = purgedAt.map { Self.purgedNotice($0, locale) }
            details =
                purgedAt != nil
                ? nil : Details(summary: state.summary, links: showsURLs ? Links(urls: state.urls) : nil)
        }

        /// What a page shows instead of the description and links of a purged incident.
        private static func purgedNotice(_ purgedAt: Date, _ locale: DisplayLocale) -> String {
            let day = LocalTime.formatDay(purgedAt, locale: locale)
            return locale.text(
                "Nội dung chi tiết (mô tả, đường dẫn, bằng chứng) đã được xoá theo thời hạn lưu trữ ngày \(day) "
                    + "(Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15).",
                "The details (description, links, evidence) were removed under the retention policy on \(day) "
                    + "(Personal Data Protection Law 91/2025/QH15)."
            )
        }
    }
}
