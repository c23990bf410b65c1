import Foundation
import Hummingbird
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// `/me`, "Việc của tôi": the signed-in officer's open obligations, most urgent first, each
/// with the time left (overdue ones marked) and a link to its incident; below them, the open
/// incidents the officer may see.
enum MePage {
    static func show(_ request: Request, _ context: APIRequestContext, _ environment: APIEnvironment) async throws
        -> Response
    {
        let caller = try PageCaller.require(.read, request, context, environment)
        let views = IncidentViews(pool: environment.pool)
        let owed: [OwedObligation]
        let incidents: [IncidentListItem]
        do {
            owed = try await views.openObligations(of: caller.officer.id)
            let scope = Access.visibility(of: caller.principal, directory: environment.directory)
            var filter = IncidentFilter()
            filter.limit = 50
            incidents = try await views.list(filter, inside: scope).filter { $0.status.isOpen }
        } catch {
            throw APIError.databaseUnavailable(error, environment: environment)
        }
        let now = environment.now()
        let locale = caller.locale
        var body = ""
        let overdue = owed.filter { PageTime.urgency(dueAt: $0.obligation.dueAt, now: now) == .overdue }.count
        if owed.isEmpty {
            body +=
                "<div class=\"notice ok\" role=\"status\"><p>\(locale.text("Hiện không có việc nào đang chờ đồng chí.", "Nothing is waiting for you."))</p></div>"
        } else {
            let count = locale.text(
                "\(owed.count) việc đang chờ, việc gấp nhất ở trên cùng.",
                "\(owed.count) open task(s), the most urgent first."
            )
            let late =
                overdue == 0
                ? ""
                : " <strong class=\"due overdue\">" + locale.text("\(overdue) việc đã quá hạn.", "\(overdue) overdue.")
                    + "</strong>"
            body += "<p class=\"lead\">\(count)\(late)</p>"
            body += "<ul class=\"cards\" aria-label=\"\(locale.text("Việc đang chờ", "Open tasks"))\">"
            for item in owed { body += card(item, now: now, locale: locale) }
            body += "</ul>"
        }
        let others = incidents.filter { incident in !owed.contains { $0.obligation.incidentID == incident.id } }
        if !others.isEmpty {
            body +=
                "<h2>\(locale.text("Sự việc đang mở đồng chí theo dõi", "Open incidents you can follow"))</h2><ul class=\"cards\">"
            for incident in others.prefix(20) { body += IncidentCards.item(incident, now: now, locale: locale) }
            body += "</ul>"
        }
        return caller.page(locale.text("Việc của tôi", "My tasks"), path: "/me", body).response()
    }

    private static func card(_ item: OwedObligation, now: Date, locale: DisplayLocale) -> String {
        let obligation = item.obligation
        let urgency = PageTime.urgency(dueAt: obligation.dueAt, now: now)
        let link = "/incidents/\(obligation.incidentID.canonicalString)"
        var html = "<li class=\"card \(urgency.rawValue)\">"
        html += "<h3><a href=\"\(link)\">\(HTML.escape(obligation.kind.label(locale)))</a></h3>"
        if let dueAt = obligation.dueAt {
            let badge =
                urgency == .overdue
                ? " <span class=\"badge danger\">\(locale.text("QUÁ HẠN", "OVERDUE"))</span>" : ""
            html +=
                "<p class=\"due \(urgency.rawValue)\">\(HTML.escape(PageTime.timeLeft(dueAt: dueAt, now: now, locale: locale)))\(badge)</p>"
            html +=
                "<p class=\"muted\">\(locale.text("Thời hạn: chậm nhất", "Due:")) \(PageTime.html(dueAt, locale: locale))</p>"
        } else {
            html +=
                "<p class=\"due overdue\">\(locale.text("Đã quá mọi hạn; vẫn phải hoàn thành", "Past every deadline; still owed"))</p>"
        }
        html += "<p>\(HTML.escape(item.unitName ?? item.unitID)) · \(HTML.escape(item.category.label(locale))) · "
        html += "\(IncidentCards.severityBadge(item.severity, locale: locale))</p>"
        if obligation.level > 0 {
            html += "<p class=\"muted\">\(PageSentences.escalated(obligation.level, locale))</p>"
        }
        html += "<p><a href=\"\(link)\">\(locale.text("Mở sự việc", "Open the incident"))</a></p></li>"
        return html
    }
}

/// Pieces shared by the pages that list incidents.
enum IncidentCards {
    /// One incident of a list, as a card linking to its page.
    static func item(_ incident: IncidentListItem, now: Date, locale: DisplayLocale) -> String {
        let urgency = PageTime.urgency(dueAt: incident.nextDueAt, now: now)
        let link = "/incidents/\(incident.id.canonicalString)"
        var html = "<li class=\"card \(urgency.rawValue)\"><h3><a href=\"\(link)\">"
        html += "\(HTML.escape(incident.category.label(locale)))</a></h3>"
        html +=
            "<p>\(HTML.escape(incident.unitName ?? incident.unitID)) · \(HTML.escape(incident.status.label(locale))) · "
        html += "\(severityBadge(incident.severity, locale: locale))</p>"
        if let due = incident.nextDueAt {
            html += "<p class=\"due \(urgency.rawValue)\">"
            html += locale.text("Thời hạn gần nhất", "Next deadline") + ": "
            html += HTML.escape(PageTime.timeLeft(dueAt: due, now: now, locale: locale)) + "</p>"
        }
        html +=
            "<p class=\"muted\">\(locale.text("Báo cáo lúc", "Reported")) \(PageTime.html(incident.reportedAt, locale: locale))</p></li>"
        return html
    }

    /// The severity as a coloured badge.
    static func severityBadge(_ severity: Severity, locale: DisplayLocale) -> String {
        let tone =
            switch severity {
            case .critical, .high: "danger"
            case .medium: "warn"
            case .low: "plain"
            }
        return "<span class=\"badge \(tone)\">\(HTML.escape(severity.label(locale)))</span>"
    }
}
