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
        let locale = caller.locale
        return caller.page(
            Labels.label("layout", "myTasks")(locale),
            path: "/me",
            template: "me",
            MePageView(owed: owed, incidents: incidents, now: environment.now(), locale: locale)
        ).response()
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
